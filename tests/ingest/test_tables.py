"""Text tables written one cell per line (pgkg.ingest.tables.column_table)."""

from __future__ import annotations

import pytest

from pgkg.ingest.tables import ColumnTable, column_table

CASES = ["品类", "案件数（起）", "同比变化", "运动鞋服", "128", "-15.2%", "箱包配饰", "64", "+12.3%"]


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        # a header of three cells, two rows of a label and two figures
        (CASES, ColumnTable(0, 3, 2)),
        # a caption too long for a cell before the header, a source line after the rows
        (["2024年得物协助查处涉假案件分品类情况", *CASES, "数据来源：得物年度报告"], ColumnTable(1, 3, 2)),
        # a short caption before the header
        (["分品类情况", *CASES], ColumnTable(1, 3, 2)),
        # two columns
        (["平台", "投诉量", "淘宝", "1024", "京东", "587"], ColumnTable(0, 2, 2)),
        # one row is no table
        (CASES[:6], None),
        # a menu, a row whose cells are not all figures, a label that is a figure
        (["首页", "新闻", "财经", "科技"], None),
        (["品类", "案件数", "运动鞋服", "128", "箱包配饰", "较多"], None),
        (["品类", "案件数", "2024", "128", "2025", "64"], None),
        # a sentence among the cells
        (["品类", "案件数", "运动鞋服类案件数连续两年下降。", "128", "箱包配饰", "64"], None),
    ],
)
def test_column_table(lines: list[str], found: ColumnTable | None) -> None:
    assert column_table(lines) == found


def test_a_column_tables_end_is_after_its_last_row() -> None:
    table = column_table(["说明：", *CASES, "合计"], 1)
    assert table == ColumnTable(1, 3, 2)
    assert table.end == 10
