"""Text tables: a page's HTML table flattened into lines of cells (类目    调整前费率    调整后费率), or
written one cell per line (品类 / 案件数（起） / 同比变化 / 运动鞋服 / 128 / -15.2% …).

The cleaner keeps a table that a body paragraph introduces (:func:`pgkg.ingest.clean`); the
extractor reads each data row's figures with its label and its column's header
(:func:`pgkg.ingest.extract_observations.table_observations`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .normalize import is_han

TABLE_GAP = re.compile(r"\t|[ \u3000\u00a0]{2,}|\s*[|｜]\s*")
"""What separates the cells of a text table's row: tabs or runs of spaces (a page's HTML table flattened:
餐饮    2.5%    1.5%), or bars (a table drawn in text: | 处置违规商品 | 41万件 | +74.5% |)."""
TABLE_BORDER = re.compile(r"^[\s+|｜:]*[-=]{3,}[-=+|｜:\s]*$")
"""A rule line of a table drawn in text (+-----+------+, |---|:---:|)."""
TABLE_VALUE = re.compile(
    r"^(?:约|近|超|逾)?[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:%|％|‰|个?百分点|[万亿千百]?(?:元|人次|人|件|个|家|单|批次|次|条|天|小时|分钟|倍|笔|吨|名|款|宗|篇|张|项|场|户|份))?$|^[-—–/]$"
)
"""A value cell of a text table: one figure (14,860 with its thousands apart), or a dash for none."""
TABLE_INTRO = re.compile(r"(?:[:：]|如下[。.]?)$")
TABLE_CAPTION = re.compile(r"^(?:表|图表)\s*\d*\s*[:：]?.{2,40}$|^[^。！？!?；;，,]{4,40}(?:情况|数据|一览|统计|对比|明细)$")
"""A table's caption between the paragraph introducing it and its header (表：美团外卖2025年…食安数据, …分品类情况)."""


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


COLUMN_CELL_MAX = 16
"""Chars of a cell of a table written one cell per line: a caption or a sentence is longer."""
_CELL_PUNCT = re.compile(r"[。，,；;！!？?：:]")


@dataclass(frozen=True)
class ColumnTable:
    """A table written one cell per line, found in a list of lines: its header's ``width`` cells from line
    ``start``, then ``rows`` rows of a label and ``width - 1`` value cells each."""

    start: int
    width: int
    rows: int

    @property
    def end(self) -> int:
        """The index after the table's last line."""
        return self.start + self.width * (self.rows + 1)


def _cell(line: str) -> bool:
    return 0 < len(line) <= COLUMN_CELL_MAX and _CELL_PUNCT.search(line) is None


def column_table(lines: Sequence[str], start: int = 0) -> ColumnTable | None:
    """The table written one cell per line that ``lines[start:]`` opens with, after at most one caption
    line: a header of two to eight cells none of which is a figure, then two rows or more, each a label
    that is no figure and as many figure cells as the header has cells after its first. None when the
    lines are no such table."""
    if start < len(lines) and not _cell(lines[start]):
        start += 1  # a caption too long for a cell
    labels = 0  # cells that are no figure, from ``start``
    while start + labels < len(lines) and _cell(lines[start + labels]) and not TABLE_VALUE.match(lines[start + labels]):
        labels += 1
    values = 0
    while start + labels + values < len(lines) and TABLE_VALUE.match(lines[start + labels + values]):
        values += 1
    width = values + 1
    if not 2 <= width <= 8 or labels - 1 not in (width, width + 1):
        return None
    head = start + labels - 1 - width  # (a caption line, if any, stands before the header)
    if not any(is_han(ch) for line in lines[head:head + width] for ch in line):
        return None
    rows = 0
    pos = head + width
    while pos + width <= len(lines):
        label, cells = lines[pos], lines[pos + 1:pos + width]
        if not (_cell(label) and not TABLE_VALUE.match(label) and any(is_han(ch) for ch in label)
                and all(TABLE_VALUE.match(c) for c in cells)):
            break
        rows += 1
        pos += width
    return ColumnTable(head, width, rows) if rows >= 2 else None
