"""The figures ../shared/eval/score_budget.py reports, computed in process for cross-validation.

Same conventions: gold spans found left to right, one-to-one matching by largest overlap, a subject
right when its character-bigram Dice with the label (spaces, quotes and a final particle dropped)
is at least 0.5, role and fiscal year compared exactly (years only where labelled).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

_PARTICLES = re.compile(r"(에는|에서|으로|에게|에|을|를|이|가|은|는|의|로|과|와|도)$")
_QUOTES = re.compile(r"[\"'‘’“”「」『』《》<>()\[\]·,]")


def norm_subject(s: str | None) -> str:
    if not s:
        return ""
    s = _QUOTES.sub("", re.sub(r"\s+", "", s))
    return _PARTICLES.sub("", s).lower()


def dice(a: str | None, b: str | None) -> float:
    x, y = norm_subject(a), norm_subject(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    gx = Counter(x[i : i + 2] for i in range(max(len(x) - 1, 1)))
    gy = Counter(y[i : i + 2] for i in range(max(len(y) - 1, 1)))
    return 2 * sum((gx & gy).values()) / (sum(gx.values()) + sum(gy.values()))


def gold_spans(doc: dict[str, Any]) -> list[dict[str, Any]]:
    spans, cursor = [], 0
    for a in doc["amounts"]:
        i = doc["text"].find(a["text"], cursor)
        if i < 0:
            i = doc["text"].find(a["text"])
        if i < 0:
            raise ValueError(f"{doc['id']}: gold amount {a['text']!r} not in text")
        spans.append({**a, "start": i, "end": i + len(a["text"])})
        cursor = i + 1
    return spans


def overlap_pairs(gold: list[dict[str, Any]], spans: Sequence[tuple[int, int]]) -> list[tuple[dict[str, Any], int]]:
    """One-to-one (gold, index of span) pairs of overlapping spans, largest overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, (s, e) in enumerate(spans):
            ov = min(g["end"], e) - max(g["start"], s)
            if ov > 0:
                cands.append((ov, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], pi))
    return pairs


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_ok: int = 0
    subject: list[int] = field(default_factory=lambda: [0, 0])
    role: list[int] = field(default_factory=lambda: [0, 0])
    year: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, doc: dict[str, Any], predictions: Sequence[dict[str, Any]]) -> None:
        gold = gold_spans(doc)
        self.gold += len(gold)
        self.predicted += len(predictions)
        pairs = overlap_pairs(gold, [(p["start"], p["end"]) for p in predictions])
        self.matched += len(pairs)
        for g, k in pairs:
            p = predictions[k]
            self.value_ok += p["value"] == g["value"] and p["currency"] == g["currency"]
            if g.get("subject"):
                self.subject[0] += dice(p.get("subject"), g["subject"]) >= 0.5
                self.subject[1] += 1
            self.role[0] += p.get("role") == g.get("role")
            self.role[1] += 1
            if g.get("fiscal_year"):
                self.year[0] += p.get("fiscal_year") == g["fiscal_year"]
                self.year[1] += 1

    def figures(self) -> dict[str, float]:
        def f1(hit: int) -> float:
            p = hit / self.predicted if self.predicted else 0.0
            r = hit / self.gold if self.gold else 0.0
            return 2 * p * r / (p + r) if p + r else 0.0

        def share(pair: list[int]) -> float:
            return pair[0] / pair[1] if pair[1] else 0.0

        return {
            "amount-f1": f1(self.matched),
            "value-f1": f1(self.value_ok),
            "subject": share(self.subject),
            "role": share(self.role),
            "year": share(self.year),
        }
