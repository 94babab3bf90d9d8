"""Check the dev-meta library for internal consistency (not the assistant's behaviour).

    .venv/bin/python evals/dev-meta/validate.py

The checks of evals/common/checks.py, with this folder's own parts: every document's text comes from
build_docs.py (a title typeset over two lines counts as one title, as a reader reads it; the HTML
page's info box belongs to the page), each PDF has its own running header, and the mix (≥ 30
questions, ≥ 3 unanswerable, 3 English, 1 Traditional). Exits 1 with a list of problems.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
import build_docs  # noqa: E402
from common import checks  # noqa: E402
from common.checks import Library, Mix, run  # noqa: E402

PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def document_text(path: Path, library: Library) -> str:
    """The text as written; the HTML page's info box and the joined lines of a split title included."""
    stem = path.stem
    if stem not in build_docs.DOCUMENTS:
        return path.read_text(encoding="utf-8")
    lines = build_docs.DOCUMENTS[stem][1]
    extra = [f"{k}：{v}" for k, v in build_docs.HTML_INFO.get(stem, [])]
    centred = [build_docs.plain(line) for line in lines if line.startswith("C:")]
    joined = ["".join(centred[i:i + 2]) for i in range(len(centred) - 1)]  # a title over two lines
    return "\n".join([build_docs.source_text(stem), *extra, *joined])


def reflowed_pdf_text(path: Path, library: Library) -> str:
    import pypdf

    text = PAGE_NUMBER.sub("", "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages))
    return checks.compact(text.replace(build_docs.PDF_HEADERS[path.stem], ""))


checks.document_text = document_text
checks.reflowed_pdf_text = reflowed_pdf_text
LIBRARY = Library(folder=HERE, pdf_source=lambda: "", page_number=PAGE_NUMBER,
                  mix=Mix(min_questions=30, min_profiles=2, min_unanswerable=3, english=(3, 3), traditional=(1, 1),
                          explained_items=False))

if __name__ == "__main__":
    raise SystemExit(run(LIBRARY))
