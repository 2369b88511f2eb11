"""Whose figure it is: the statement's organisation, made precise where a metropolitan city's name
is followed by one of its districts ("광주 서구" is 광주 서구, not 광주광역시), and a district named
alone ("서구는") taken as the one the same article names with its city. The source's organisation
is only the default for a statement that names none."""

from __future__ import annotations

import re
from collections.abc import Sequence

from changes.naming import org_key

_DISTRICT = r"(?:중구|동구|서구|남구|북구|[가-힣]{1,3}구)"
_METRO_SUFFIX = r"(?:광역시|특별시|시)?"
_AFTER = r"(?=[은는이가의에도와과,·\s)]|$)"


def _district_after(city: str, text: str) -> str | None:
    """The district named right after ``city`` in ``text`` ("광주 서구는", "광주광역시 서구의")."""
    for name in {city, org_key(city)}:
        if not name:
            continue
        m = re.search(re.escape(name) + _METRO_SUFFIX + r"\s*(" + _DISTRICT + r")" + _AFTER, text)
        if m and not re.match(r"(?:지구|연구|요구|추구|기구|인구|항구)$", m.group(1)):
            return m.group(1)
    return None


def refine_orgs(orgs: Sequence[str | None], sentences: Sequence[str], default: str) -> list[str]:
    """One organisation per statement (same order): the statement's own, its district when the
    sentence or the article names one with that city, else the source's ``default``."""
    found: list[str | None] = []
    districts: dict[str, str] = {}  # district -> "city district" named in this article
    for org, sentence in zip(orgs, sentences, strict=True):
        if org and not re.search(r"구$", org):
            district = _district_after(org, sentence)
            if district:
                org = f"{org_key(org)} {district}"
                districts.setdefault(district, org)
        found.append(org)
    out = []
    for org, sentence in zip(found, sentences, strict=True):
        if org and not re.search(r"구$", org):
            # "서구는 ... 35억원": a district alone, which the article named with this city before
            for district, full in districts.items():
                if org_key(full).startswith(org_key(org)) and re.search(r"(?:^|\s)" + district + _AFTER, sentence):
                    org = full
                    break
        out.append(org or default)
    return out
