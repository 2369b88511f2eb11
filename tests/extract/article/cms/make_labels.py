"""Write labels.json for a set of CMS test pages from the hand-written records in ``records.py``.

The records hold what a reader of the page decides (title, date, first and last sentence, the
chrome that must stay out, the body selector); this script only adds ``body_chars_approx`` (the
text length under the body selector, as kr-pages/labels.json gives it) and checks that every
labelled string is really on the page, so a typo in a label cannot pass for an extractor error.

    python tests/extract/article/cms/make_labels.py dev held_out
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import lxml.html

from tests.extract.article.cms.records import RECORDS

HERE = Path(__file__).resolve().parent


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def build(split: str) -> list[dict[str, object]]:
    pages = []
    for record in RECORDS[split]:
        path = HERE / split / str(record["file"])
        html = path.read_bytes().decode(str(record["encoding"]))
        tree = lxml.html.document_fromstring(html)
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        body = " ".join(" ".join(node.itertext()) for node in tree.cssselect(str(record["selectors"]["body"])))
        body = re.sub(r"\s+", " ", body).strip()
        page_text = _squash(" ".join(tree.itertext()))
        for key in ("title", "body_first", "body_last"):
            if _squash(str(record[key])) not in page_text:
                raise SystemExit(f"{path.name}: {key} {record[key]!r} is not on the page")
        for sample in record["chrome_samples"]:
            if _squash(sample) not in page_text:
                raise SystemExit(f"{path.name}: chrome sample {sample!r} is not on the page")
        if not body:
            raise SystemExit(f"{path.name}: the body selector finds nothing")
        pages.append({**record, "kind": "detail", "body_chars_approx": len(body)})
    return pages


def main() -> None:
    for split in sys.argv[1:] or ["dev", "held_out"]:
        out = HERE / split / "labels.json"
        out.write_text(json.dumps({"pages": build(split)}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out}: {len(RECORDS[split])} pages")


if __name__ == "__main__":
    main()
