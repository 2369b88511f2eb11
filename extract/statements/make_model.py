"""`make train` / `make eval`: build extract/statements/model.json from ../shared/eval, or print the
honest figures (5-fold cross-validation on train; dev scored by the model fitted on train)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.statements.evaluation import cross_validation_report
from extract.statements.linear import MODEL_FILE
from extract.statements.training import fit, read_docs, write_model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.statements.make_model")
    ap.add_argument("action", choices=["train", "eval"])
    ap.add_argument("--data", type=Path, default=Path("../shared/eval"), help="folder of budget_*.jsonl")
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name(MODEL_FILE))
    args = ap.parse_args(argv)
    train_file = args.data / "budget_train.jsonl"
    if not train_file.exists():
        print(f"{train_file}: labelled training data not found (give --data)", file=sys.stderr)
        return 2
    train = read_docs(train_file)
    dev_file = args.data / "budget_dev.jsonl"
    dev = read_docs(dev_file) if dev_file.exists() else []
    if args.action == "train":
        # the shipped model learns from every labelled text; `eval` reports figures of models that
        # did not see the text they are scored on
        write_model(fit(train + dev), args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes) from {len(train) + len(dev)} documents")
        return 0
    print(cross_validation_report(train, dev))
    return 0


if __name__ == "__main__":
    sys.exit(main())
