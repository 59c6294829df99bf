"""Text tables: a page's HTML table flattened into lines of cells (类目    调整前费率    调整后费率).

The cleaner keeps a table that a body paragraph introduces (:func:`pgkg.ingest.clean`); the
extractor reads each data row's figures with its label and its column's header
(:func:`pgkg.ingest.extract_observations.table_observations`).
"""

from __future__ import annotations

import re

from .normalize import is_han

TABLE_GAP = re.compile(r"\t|[ \u3000\u00a0]{2,}|\s*[|｜]\s*")
"""What separates the cells of a text table's row: tabs or runs of spaces (a page's HTML table flattened:
餐饮    2.5%    1.5%), or bars (a table drawn in text: | 处置违规商品 | 41万件 | +74.5% |)."""
TABLE_BORDER = re.compile(r"^[\s+|｜:]*[-=]{3,}[-=+|｜:\s]*$")
"""A rule line of a table drawn in text (+-----+------+, |---|:---:|)."""
TABLE_VALUE = re.compile(
    r"^(?:约|近|超|逾)?[-+]?\d+(?:\.\d+)?\s*(?:%|％|‰|个?百分点|[万亿千百]?(?:元|人|件|个|家|单|次|条|天|小时|分钟|倍|笔|吨|名|款))?$|^[-—–/]$"
)
"""A value cell of a text table: one figure, or a dash for none."""
TABLE_INTRO = re.compile(r"(?:[:：]|如下[。.]?)$")


def table_cells(text: str) -> list[str]:
    """The cells of a text table's row: ``text`` split at its tabs and runs of two or more spaces."""
    return [c for c in TABLE_GAP.split(text.strip()) if c]


def is_table_border(text: str) -> bool:
    """A rule line drawn between a text table's rows (:data:`TABLE_BORDER`)."""
    return TABLE_BORDER.match(text) is not None


def table_row_kind(text: str) -> tuple[int, bool] | None:
    """(cells, is a data row) of a text table's line: a data row is a label then value cells only;
    a header, cells none of which after the first is a figure. None: no table line."""
    cells = table_cells(text)
    if len(cells) < 2 or len(cells) > 8 or any(len(c) > 24 for c in cells):
        return None
    values = [bool(TABLE_VALUE.match(c)) for c in cells[1:]]
    if all(values) and any(is_han(ch) for ch in cells[0]) and not TABLE_VALUE.match(cells[0]):
        return len(cells), True
    if not any(values):
        return len(cells), False
    return None
