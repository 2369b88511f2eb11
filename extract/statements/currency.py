"""Which dollar a bare "$" is: the publisher's country decides (its URL, or the source's `country:`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Countries whose currency is written "$"; "€" and "£" name themselves.
_COUNTRY_DOLLARS = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "TW": "TWD", "US": "USD"}
# Their country-code top-level domains ("us" is rare for news; .gov/.mil/.edu are American).
_TLD_DOLLARS = {code.lower(): currency for code, currency in _COUNTRY_DOLLARS.items()}
# A generic domain (.com) names no country; the text may, by its places.
_TEXT_COUNTRY = (
    (re.compile(r"\b(?:Ontario|Quebec|Alberta|Manitoba|Saskatchewan|British Columbia|Nova Scotia|New Brunswick|"
                r"Toronto|Winnipeg|Calgary|Edmonton|Ottawa|Vancouver|Montreal|Thunder Bay|Red Deer)\b"), "CAD"),
    (re.compile(r"\b(?:New South Wales|NSW|Queensland|Victoria|Tasmania|Sydney|Melbourne|Brisbane|Perth|Adelaide)\b"),
     "AUD"),
    (re.compile(r"\b(?:New Zealand|Auckland|Wellington|Christchurch|Waikato|Canterbury)\b|\bMāori\b"), "NZD"),
)  # fmt: skip
_DOLLAR = re.compile(r"(?<![A-Z])\$")
# Each place pattern without its word boundaries: what it finds is found by these too, and these,
# led by their names' first letters, skip a Korean page ten times faster than "\b" at every place.
# (Only \b outside a character class is dropped: the patterns have no class and no escaped "\".)
_TEXT_COUNTRY_LOOSE = tuple(re.compile(p.pattern.replace(r"\b", ""), p.flags) for p, _ in _TEXT_COUNTRY)
assert not any("[" in p.pattern or "\\\\" in p.pattern for p, _ in _TEXT_COUNTRY)
_NAMED_DOLLAR = re.compile(r"(?:US|C|A|NZ|HK|S)\$|USD")


def dollar_currency(url: str | None, text: str, country: str | None = None) -> str | None:
    """The currency of a bare "$" in this text, or None when nothing says it is not the US dollar."""
    if country:
        return _COUNTRY_DOLLARS.get(country.upper())
    host = urlsplit(url).hostname or "" if url else ""
    tld = host.rsplit(".", 1)[-1].lower() if host else ""
    if tld in _TLD_DOLLARS:
        return _TLD_DOLLARS[tld]
    if tld in ("gov", "mil", "edu"):
        return "USD"
    if tld in ("com", "org", "net", "news", ""):
        head = text[:4000]
        hits = [
            (len(p.findall(head)) if loose.search(head) else 0, code)
            for (p, code), loose in zip(_TEXT_COUNTRY, _TEXT_COUNTRY_LOOSE, strict=True)
        ]
        best = max(hits)
        if best[0] >= 2:
            return best[1]
    return None


def is_bare_dollar(amount_text: str) -> bool:
    """ "$1.2 million" is bare; "US$1.2 million", "C$5", "USD 3" name their dollar."""
    return bool(_DOLLAR.search(amount_text)) and not _NAMED_DOLLAR.search(amount_text)
