"""Secrets named in the config, read from the environment when they are needed (never stored)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from config.schema import SmtpConfig


class MissingSecret(Exception):
    """An environment variable the config names is not set; the message names the variable only."""


def smtp_credentials(smtp: SmtpConfig, environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """(user, password) from the variables named by ``username_env``/``password_env``; None when
    the config names none (a local relay). Read at send time so a changed secret needs no reload."""
    if smtp.username_env is None and smtp.password_env is None:
        return None
    env = os.environ if environ is None else environ
    values = []
    for name in (smtp.username_env, smtp.password_env):
        if name is None:
            raise MissingSecret("digest.smtp: username_env and password_env must be set together")
        value = env.get(name)
        if not value:
            raise MissingSecret(f"digest.smtp: environment variable {name} is not set")
        values.append(value)
    return values[0], values[1]
