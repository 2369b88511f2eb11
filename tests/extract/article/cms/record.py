"""One label record of a CMS test page (the format of ../shared/eval/kr-pages/labels.json)."""

from __future__ import annotations

from typing import Any

R = dict[str, Any]


def page(
    file: str,
    family: str,
    url: str,
    title: str,
    published: str,
    first: str,
    last: str,
    chrome: list[str],
    body: str,
    *,
    encoding: str = "utf-8",
    first_alt: tuple[str, ...] = (),
    last_alt: tuple[str, ...] = (),
) -> R:
    return {
        "file": f"pages/{file}",
        "site": file.removesuffix(".html"),
        "family": family,
        "url": url,
        "encoding": encoding,
        "title": title,
        "published": published,
        "body_first": first,
        "body_first_alt": list(first_alt),
        "body_last": last,
        "body_last_alt": list(last_alt),
        "chrome_samples": chrome,
        "selectors": {"body": body},
    }
