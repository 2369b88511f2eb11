"""Which fiscal year a dated report is most likely about, by its publisher's country.

Councils adopt a budget in the months before its year starts, and report on it during it: a
report published within four months of a fiscal year's start is about that coming year, any other
about the year under way. Years are named by the year they end in ("2024/25" is 2025), as the
labels are. Fiscal years start (local government): Korea, Canada's and Ireland's councils on
1 January; the UK's on 1 April; most US cities and counties, Australia's and New Zealand's
councils on 1 July.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

_START_MONTH = {"KR": 1, "CA": 1, "IE": 1, "GB": 4, "US": 7, "AU": 7, "NZ": 7}
_TLD_COUNTRY = {"kr": "KR", "ca": "CA", "ie": "IE", "uk": "GB", "us": "US", "gov": "US", "au": "AU", "nz": "NZ"}
_CURRENCY_COUNTRY = {"CAD": "CA", "AUD": "AU", "NZD": "NZ", "USD": "US", "GBP": "GB", "KRW": "KR"}
_POUND, _EURO = re.compile(r"£"), re.compile(r"€")
_SEASON_DAYS = 122


def publisher_country(url: str | None, text: str, korean: bool, dollar: str | None) -> str | None:
    """The publisher's country: Korean text is Korea's; else the address's country domain, the
    dollar the text was found to use, or the pounds, euros or (US) dollars it counts in."""
    if korean:
        return "KR"
    host = (urlsplit(url).hostname or "") if url else ""
    tld = host.rsplit(".", 1)[-1].lower() if host else ""
    if tld in _TLD_COUNTRY:
        return _TLD_COUNTRY[tld]
    if dollar in _CURRENCY_COUNTRY:
        return _CURRENCY_COUNTRY[dollar]
    head = text[:4000]
    pounds, euros, dollars = len(_POUND.findall(head)), len(_EURO.findall(head)), head.count("$")
    if pounds or euros:
        return "GB" if pounds >= euros else "IE"
    return "US" if dollars else None  # a bare "$" nothing says is another country's


def _fiscal_year(day: datetime.date, start_month: int) -> int:
    """The fiscal year (named by the year it ends in) that day falls in."""
    return day.year + 1 if start_month > 1 and day.month >= start_month else day.year


def season_year(published: datetime.date, country: str | None) -> int | None:
    """The fiscal year a report published that day is most likely about; None for an unknown country."""
    start_month = _START_MONTH.get(country or "")
    if start_month is None:
        return None
    current = _fiscal_year(published, start_month)
    next_start_year = published.year + (1 if published.month >= start_month else 0)
    next_start = datetime.date(next_start_year, start_month, 1)
    return current + 1 if (next_start - published).days <= _SEASON_DAYS else current
