"""The generic reader on pages in the markup of the Korean board and newspaper CMS families.

Scored the way ../shared/eval/score_kr_pages.py scores the real pages (title, date, start, end,
clean), on the labels in cms/dev (layouts the reader was developed on) and cms/held_out (other
layouts of the same families, only scored). No site profile matches these hosts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from extract.article.reader import KST, read_article

CMS = Path(__file__).parent / "cms"
CHECKS = ("title", "date", "start", "end", "clean")
# The pages' dates are all before this; the reader refuses later ones.
NOW = datetime(2026, 6, 1, tzinfo=KST)


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b\u200c\u200d\ufeff]+", "", unicodedata.normalize("NFKC", text or ""))


def tidy(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", (text or "").replace("\xa0", " "))).strip()


def labels(split: str) -> list[dict[str, Any]]:
    pages: list[dict[str, Any]] = json.loads((CMS / split / "labels.json").read_text(encoding="utf-8"))["pages"]
    return pages


def score(split: str, label: dict[str, Any]) -> dict[str, bool]:
    html = (CMS / split / label["file"]).read_bytes().decode(label["encoding"])
    article = read_article(html, label["url"], now=NOW)
    body = squash(article.body)
    starts = [label["body_first"], *label["body_first_alt"]]
    ends = [label["body_last"], *label["body_last_alt"]]
    published = article.published.astimezone(KST).date().isoformat() if article.published else None
    return {
        "title": tidy(article.title) == tidy(label["title"]),
        "date": published == label["published"][:10],
        "start": bool(body) and any(body.startswith(squash(s)) for s in starts),
        "end": bool(body) and any(body.endswith(squash(e)) for e in ends),
        "clean": bool(body) and not any(squash(c) in body for c in label["chrome_samples"]),
    }


@pytest.mark.parametrize("label", labels("dev"), ids=lambda label: label["site"])
def test_dev_layouts_read_right_on_every_check(label: dict[str, Any]) -> None:
    result = score("dev", label)
    assert [c for c in CHECKS if not result[c]] == []


def test_held_out_layouts_reach_95_percent_on_every_check() -> None:
    pages = labels("held_out")
    results = [score("held_out", label) for label in pages]
    for check in CHECKS:
        passed = sum(r[check] for r in results)
        failed = [p["site"] for p, r in zip(pages, results, strict=True) if not r[check]]
        assert passed / len(pages) >= 0.95, f"{check}: {passed}/{len(pages)}, failed on {failed}"


def test_every_family_has_three_dev_layouts_and_a_held_out_one() -> None:
    dev = [p["family"] for p in labels("dev")]
    held = {p["family"] for p in labels("held_out")}
    for family in set(dev):
        assert dev.count(family) >= 3, family
        assert family in held, family
    assert {p["encoding"] for p in labels("dev")} >= {"utf-8", "euc-kr"}
