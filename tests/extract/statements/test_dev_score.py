"""The labelled dev set in ../shared/eval: the seed article and floors under the measured scores."""

from __future__ import annotations

import datetime
import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cli.extract_cmd import run_jsonl
from extract.statements.extractor import extract_statements

EVAL = Path("/work/shared/eval")
GOLD = EVAL / "budget_dev.jsonl"
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason=f"labelled dev set {GOLD} is not on this machine")

# Measured 2025-11 on budget_dev.jsonl: value-f1 1.000, subject 0.929, role 0.994, year 0.989.
# Floors sit a little below; raise them when the extractor improves, never lower them to pass.
FLOORS = {"value-f1": 0.98, "subject": 0.90, "role": 0.97, "year": 0.96}


def _docs() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_budget", EVAL / "score_budget.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_article_gives_its_six_amounts() -> None:
    [doc] = [d for d in _docs() if d["id"] == "dev-ko-seed-gwangju-2021"]
    published = datetime.date.fromisoformat(doc["published"])
    got = extract_statements(doc["text"], published=published, lang=doc["lang"])
    assert [s.amount.value for s in got] == [a["value"] for a in doc["amounts"]]
    assert [s.amount.text for s in got] == [a["text"] for a in doc["amounts"]]
    assert all(s.fiscal_year == 2021 for s in got)
    assert [s.role for s in got] == [a["role"] for a in doc["amounts"]]
    dice = _scorer().dice
    for st, gold in zip(got[2:], doc["amounts"][2:], strict=True):
        assert dice(st.subject, gold["subject"]) >= 0.5, (st.subject, gold["subject"])


def test_dev_scores_stay_above_floors() -> None:
    score = _scorer()
    docs = _docs()
    stdin = "".join(json.dumps({k: d.get(k) for k in ("id", "text", "lang", "published")}) + "\n" for d in docs)
    out = io.StringIO()
    assert run_jsonl(io.StringIO(stdin), out, io.StringIO()) == 0
    preds = {o["id"]: o["statements"] for o in map(json.loads, out.getvalue().splitlines())}
    n_gold = n_pred = n_value = subj_n = subj_ok = role_ok = year_n = year_ok = 0
    for d in docs:
        gold, pred = score.gold_spans(d), preds[d["id"]]
        n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
        for g, p in score.match(gold, pred):
            n_value += p["amount"]["value"] == g["value"] and p["amount"]["currency"] == g["currency"]
            role_ok += p["role"] == g["role"]
            if g.get("subject"):
                subj_n += 1
                subj_ok += score.dice(p["subject"], g["subject"]) >= 0.5
            if g.get("fiscal_year"):
                year_n += 1
                year_ok += p["fiscal_year"] == g["fiscal_year"]
    figures = {
        "value-f1": score.f1(n_value / n_pred, n_value / n_gold),
        "subject": subj_ok / subj_n,
        "role": role_ok / n_gold,
        "year": year_ok / year_n,
    }
    assert {k: v for k, v in figures.items() if v < FLOORS[k]} == {}, figures


def test_jsonl_bad_lines_name_their_line_number() -> None:
    stdin = io.StringIO('{"id": "a", "text": "도로에 5억원을 쓴다."}\nnot json\n\n{"id": "c", "text": 5}\n')
    out, err = io.StringIO(), io.StringIO()
    assert run_jsonl(stdin, out, err) == 3
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["a", None, None, "c"]
    assert lines[0]["statements"][0]["amount"]["value"] == 500_000_000
    assert lines[1]["error"].startswith("line 2:")
    assert lines[2]["error"] == "line 3: empty line"
    assert lines[3]["error"].startswith("line 4:")
    assert "line 2:" in err.getvalue()
