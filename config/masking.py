"""One masking function for every URL printed or logged: no password or token leaves the process.

A URL's userinfo password and any query parameter named like a secret (``password``, ``pass``,
``pwd``, ``token``, ``key``, ``secret``, also as the end of a name: ``api_key``,
``access_token``) are replaced by ``***``. The rest of the URL is kept byte for byte, so a message
still says which host, database and path it means.
"""

from __future__ import annotations

import re

MASK = "***"
SECRET_NAMES = ("password", "passwd", "pass", "pwd", "token", "key", "secret")

# scheme://[userinfo@]host...: the authority ends at the first / ? # after the scheme; userinfo
# runs to its LAST @ (a password with an unescaped @ must be hidden whole). In a message, the
# punctuation after a URL is not part of it.
_URL = re.compile(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<authority>[^/?#\s]*)(?P<rest>[^\s'\"<>]*?)(?=[.,;:!?)\]]{0,8}(?:[\s'\"<>]|$))"
)
_NAMES = "|".join(SECRET_NAMES)
_CAMEL = "|".join(name.capitalize() for name in SECRET_NAMES)
_SECRET_PARAM = re.compile(
    rf"(?P<lead>(?:^|[?&;])(?:(?i:(?:[a-z0-9.\-]*[_\-.])?(?:{_NAMES}))|[A-Za-z0-9]*[a-z0-9](?:{_CAMEL}))=)"
    r"(?P<value>[^&;#\s]*)"
)


def mask_url(url: str) -> str:
    """``url`` with its password and secret query parameters replaced by ``***``."""
    return _URL.sub(_mask_match, url) if "://" in url else _mask_query(url)


def mask_text(text: str) -> str:
    """Every URL inside a message (an exception's text, a log line) masked."""
    return _URL.sub(_mask_match, text)


def _mask_match(m: re.Match[str]) -> str:
    authority = m.group("authority")
    rest = m.group("rest")
    at = authority.rfind("@")
    if at >= 0:
        userinfo, host = authority[:at], authority[at + 1 :]
        user, colon, password = userinfo.partition(":")
        authority = f"{user}:{MASK}@{host}" if colon and password else authority
    elif "@" in rest.split("?", 1)[0].split("#", 1)[0]:
        # "u:p/ss@host": an unescaped / in the password ends the authority early; hide up to the @
        path, _, after = rest.partition("@")
        user, colon, password = authority.partition(":")
        if colon and not password.isdigit():  # not a port
            authority, rest = f"{user}:{MASK}", "@" + after
    return m.group("scheme") + authority + _mask_query(rest)


def _mask_query(rest: str) -> str:
    if "=" not in rest:
        return rest
    head, sep, query = rest.partition("?")
    if not sep:
        return _SECRET_PARAM.sub(lambda p: p.group("lead") + (MASK if p.group("value") else ""), rest)
    return head + sep + _SECRET_PARAM.sub(lambda p: p.group("lead") + (MASK if p.group("value") else ""), query)
