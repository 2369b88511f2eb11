"""Labels of the CMS test pages (written by hand for this project; text and sites are invented).

``dev`` pages are the layouts the generic reader was developed on; ``held_out`` pages are other
layouts of the same CMS families, only scored, never tuned on. ``make_labels.py`` turns these
records into labels.json files in the format of ../shared/eval/kr-pages/labels.json.
"""

from __future__ import annotations

from tests.extract.article.cms.dev_records import DEV
from tests.extract.article.cms.held_out_records import HELD_OUT
from tests.extract.article.cms.record import R

RECORDS: dict[str, list[R]] = {"dev": DEV, "held_out": HELD_OUT}
