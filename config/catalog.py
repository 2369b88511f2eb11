"""The catalog of site profiles shipped in config/sites: known boards a source can name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from extract.article.profiles import SiteProfile, load_profiles, match_profile

SITES_DIR = Path(__file__).parent / "sites"


@cache
def site_catalog() -> tuple[SiteProfile, ...]:
    """Every shipped profile (read once per process: the files are part of the installed package)."""
    return load_profiles(SITES_DIR)


def profile_named(name: str) -> SiteProfile:
    for profile in site_catalog():
        if profile.name == name:
            return profile
    known = ", ".join(sorted(p.name for p in site_catalog()))
    raise ValueError(f"unknown site profile {name!r}; the catalog has: {known}")


def profile_for_url(url: str) -> SiteProfile | None:
    return match_profile(site_catalog(), url)
