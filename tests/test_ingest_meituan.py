"""Meituan 美团账单 exports: CRLF with ``""`` blank lines, and an LF file with a wrong count."""

from __future__ import annotations

from pathlib import Path

import pytest

import walletwatch
from walletwatch.schema import format_amount, iso_local

DATA = Path(__file__).parent / "data" / "ingest" / "meituan"
CRLF = DATA / "meituan_2024.csv"
LF = DATA / "meituan_lf.csv"


def load(path: Path):
    result = walletwatch.load([path])
    report = result.files[0]
    assert report.error is None, report.error
    return result.frame, report


def row(frame, title: str, direction: str = "out"):
    hits = frame[(frame["description"] == title) & (frame["direction"] == direction)]
    assert len(hits) == 1, title
    return hits.iloc[0]


def test_line_endings_and_quoted_blank_lines():
    assert b"\r\n" in CRLF.read_bytes() and b"\r\n" not in LF.read_bytes()
    for path in (CRLF, LF):
        _frame, report = load(path)
        assert report.format == "meituan"
        assert "header at line 20" in report.detection
        assert report.rows_rejected == 0


@pytest.mark.parametrize("path", [CRLF, LF])
def test_source_line_is_the_physical_line(path: Path):
    frame, _ = load(path)
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    for txn_id, line in zip(frame["txn_id"], frame["source_line"], strict=True):
        assert f'"{txn_id}\t"' in lines[line - 1]


def test_the_amount_is_what_was_actually_paid():
    frame, _ = load(CRLF)
    fish = row(frame, "【招牌】酸菜鱼双人餐")
    assert format_amount(fish["amount"], "CNY") == "118.60"  # 订单金额 ¥129.00
    repay = row(frame, "【美团月付】主动还款2024年8月账单")
    assert format_amount(repay["amount"], "CNY") == "1000.00"  # "¥1,000.00"
    assert repay["kind"] == "repayment"
    assert iso_local(fish["time"], fish["tz"]) == "2024-08-28T12:10:50+08:00"  # 交易成功时间
    assert iso_local(fish["created_time"], fish["tz"]) == "2024-08-28T12:10:45+08:00"  # 创建


def test_refunds_link_to_the_payment_with_the_same_title():
    frame, _ = load(CRLF)
    refund = row(frame, "【招牌】酸菜鱼双人餐", direction="in")
    assert refund["kind"] == "refund"
    assert refund["refund_of"] == row(frame, "【招牌】酸菜鱼双人餐")["txn_id"]
    coffee = row(frame, "瑞幸咖啡【生椰拿铁】", direction="in")
    assert coffee["kind"] == "refund" and coffee["refund_of"] == ""  # payment not in the file


def test_a_row_without_success_time_is_unknown_and_reported():
    frame, report = load(CRLF)
    bike = row(frame, "共享单车骑行卡 30天")
    assert bike["status"] == "unknown"
    # Money never moved: the row is dated by when it was created, its only time.
    assert bike["time"] == bike["created_time"]
    assert (frame.loc[frame["description"] != "共享单车骑行卡 30天", "status"] == "success").all()
    assert [n.code for n in report.notices] == ["unknown-status"]


def test_preamble_meta_and_count_mismatch():
    _frame, report = load(CRLF)
    assert report.meta == {"period_start": "2024-08-01", "period_end": "2024-08-31",
                           "exported_at": "2024-09-03 21:05:44", "declared_rows": 7}
    _frame, report = load(LF)
    assert [n.value for n in report.notices if n.code == "count-mismatch"] == ["9"]


def test_the_order_title_names_the_payee():
    """The bill has no payee column: the shop in 订单标题 is what 'new payee' compares."""
    frame = load(CRLF)[0]
    shops = dict(zip(frame["description"], frame["counterparty"], strict=True))
    assert all(not payee.endswith("订单详情") for payee in shops.values())
    coupons = [payee for title, payee in shops.items() if title.startswith("美团商家代金券-")]
    assert coupons and set(coupons) == {"美团商家代金券"}
