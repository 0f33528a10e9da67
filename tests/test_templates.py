"""Template source rules that rendering alone would not catch."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_template_comment_spans_lines():
    """Django's {# #} comment is one line only: one that spans lines is printed on the page as text."""
    spanning = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if any("\n" in body for body in re.findall(r"\{#(.*?)#\}", path.read_text(), flags=re.S))
    ]
    assert spanning == []
