"""The catalog of site profiles: read once by whoever loads the config, and passed in."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from config.errors import ConfigError, explain, read_yaml
from config.profiles import Catalog, SiteProfile

SITES_DIR = Path(__file__).parent / "sites"


def load_catalog(directory: Path = SITES_DIR) -> Catalog:
    """Every ``*.yaml`` profile in ``directory`` (the shipped catalog by default), in file name
    order; a broken file or a name used twice is a ConfigError naming the file and line."""
    profiles: list[SiteProfile] = []
    seen: dict[str, Path] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None
        data = read_yaml(text, str(path))
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: a site profile is a mapping (name, match, article, list, detail)")
        try:
            profile = SiteProfile.model_validate(data)
        except ValidationError as exc:
            raise explain(exc, text, data, str(path)) from None
        if profile.name in seen:
            raise ConfigError(f"{path}: profile name {profile.name!r} is already used by {seen[profile.name].name}")
        seen[profile.name] = path
        profiles.append(profile)
    return Catalog(tuple(profiles))
