"""WeChat Pay 微信支付 exports: CSV (2024, 2026 BOM+CRLF) and XLSX (2025 text, 2026 numeric)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import format_amount, iso_local

DATA = Path(__file__).parent / "data" / "ingest" / "wechat"
CSV_2024 = DATA / "wechat_2024.csv"
CSV_2026 = DATA / "wechat_2026_bom_crlf.csv"
XLSX_2025 = DATA / "wechat_2025.xlsx"
XLSX_2026 = DATA / "wechat_2026.xlsx"


def load(path: Path):
    result = walletwatch.load([path])
    report = result.files[0]
    assert report.error is None, report.error
    return result.frame, report


def by_raw_status(frame) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for raw, status in zip(frame["raw_status"], frame["status"], strict=True):
        out.setdefault(raw, set()).add(status)
    return out


def test_csv_statuses_map_to_the_vocabulary_and_unknown_is_reported():
    frame, report = load(CSV_2024)
    statuses = by_raw_status(frame)
    assert statuses["已退款(¥5.00)"] == {"refunded"}
    assert statuses["已全额退款"] == {"refunded"}
    assert statuses["对方已退还"] == {"closed"}
    assert statuses["提现失败，已退回零钱"] == {"failed"}
    assert statuses["已存入零钱"] == {"success"}
    assert statuses["已冻结"] == {"unknown"}
    unknown = [n for n in report.notices if n.code == "unknown-status"]
    assert [n.value for n in unknown] == ["已冻结"]


def test_refund_rows_point_at_their_payment():
    frame, _ = load(CSV_2024)
    refunds = frame[frame["kind"] == "refund"].set_index("counterparty")
    payments = frame[frame["kind"] != "refund"]
    # Partial refund: a new 交易单号, the payment's 商户单号.
    meal = payments[payments["merchant_order_id"] == "HSJ7781"]["txn_id"].item()
    assert refunds.loc["好食记餐厅", "refund_of"] == meal
    # Full refund of a 亲属卡 payment: same 交易单号, 交易类型 "亲属卡交易-退款".
    card = payments[payments["counterparty"] == "妈妈"]["txn_id"].item()
    assert refunds.loc["妈妈", "refund_of"] == card
    assert set(refunds["direction"]) == {"in"}
    assert (payments["refund_of"] == "").all()


def test_amounts_are_exact_with_either_yen_sign_one_decimal_and_thousands():
    frame, _ = load(CSV_2024)
    amounts = {line: format_amount(a, "CNY")
               for line, a in zip(frame["source_line"], frame["amount"], strict=True)}
    assert amounts[32] == "1188.85"  # "¥1,188.85"
    assert amounts[26] == "36.00"  # "￥36.00" (U+FFE5)
    assert amounts[22] == "50.00"  # "¥50.0"
    assert amounts[23] == "1200.00"  # quoted "¥1,200.00"
    assert frame["amount"].dtype == "int64"


def test_withdrawal_keeps_the_gross_amount_and_the_fee_from_the_note():
    frame, _ = load(CSV_2024)
    row = frame[(frame["kind"] == "withdrawal") & (frame["status"] == "success")].iloc[0]
    assert format_amount(row["amount"], "CNY") == "200.20"
    assert format_amount(row["fee"], "CNY") == "0.20"


def test_bare_quotes_inside_an_unquoted_cell_are_kept():
    frame, report = load(CSV_2024)
    assert report.rows_rejected == 0
    assert '打开拼多多，点击底部"多多视频"' in set(frame["counterparty"])


def test_rows_sharing_an_order_id_are_all_kept():
    frame, report = load(CSV_2024)
    same = frame[frame["txn_id"] == "4200002201202403101313130001"]
    assert len(same) == 2
    assert sorted(same["source_line"]) == [28, 29]
    assert report.rows_total == report.rows_ok == 15


@pytest.mark.parametrize("path", [CSV_2024, CSV_2026])
def test_source_line_is_the_physical_line(path: Path):
    frame, _ = load(path)
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    for txn_id, line in zip(frame["txn_id"], frame["source_line"], strict=True):
        assert txn_id in lines[line - 1]


def test_bom_crlf_2026_csv_with_the_extra_note_line():
    frame, report = load(CSV_2026)
    assert report.format == "wechat-csv"
    assert report.encoding == "utf-8-sig"
    assert "header at line 18" in report.detection
    assert report.meta["declared_rows"] == 3 == report.rows_ok
    assert not [n for n in report.notices if n.code == "count-mismatch"]
    assert iso_local(frame["time"].iloc[0], frame["tz"].iloc[0]) == "2026-01-02T23:59:59+08:00"


def test_xlsx_2025_text_amounts():
    frame, report = load(XLSX_2025)
    assert report.format == "wechat-xlsx"
    assert report.rows_ok == 5 and report.rows_rejected == 0
    amounts = dict(zip(frame["counterparty"], frame["amount"], strict=False))
    assert format_amount(amounts["肯德基"], "CNY") == "1204.50"
    refund = frame[frame["kind"] == "refund"].iloc[0]
    payment = frame[frame["raw_status"].str.startswith("已退款") & (frame["direction"] == "out")]
    assert refund["refund_of"] == payment["txn_id"].item()


def test_xlsx_2026_takes_the_bill_sheet_not_the_power_query_copy():
    frame, report = load(XLSX_2026)
    assert "'Sheet1'" in report.detection and "row 18" in report.detection
    assert "旧数据" not in set(frame["counterparty"])
    assert report.rows_ok == 7


def test_xlsx_2026_serial_times_numeric_amounts_and_rounding_notices():
    frame, report = load(XLSX_2026)
    times = {line: iso_local(t, tz) for line, t, tz
             in zip(frame["source_line"], frame["time"], frame["tz"], strict=True)}
    assert times[19] == "2026-03-28T23:09:56+08:00"  # Excel serial
    assert times[21] == "2026-03-18T19:45:30+08:00"  # a real datetime cell
    assert times[22] == "2026-03-15T14:00:00+08:00"  # text
    amounts = {line: format_amount(a, "CNY")
               for line, a in zip(frame["source_line"], frame["amount"], strict=True)}
    assert amounts[19] == "548.58"  # 548.58000000000004
    assert amounts[20] == "0.30"  # 0.30000000000000004
    assert amounts[21] == "0.80"  # 0.7999999999999999
    rounded = [n.line for n in report.notices if n.code == "rounded-amount"]
    assert rounded == [21]  # only where rounding changed the value read
    assert [n.value for n in report.notices if n.code == "count-mismatch"] == ["6"]


def test_xlsx_source_line_is_the_worksheet_row():
    frame, _ = load(XLSX_2026)
    sheet = openpyxl.load_workbook(XLSX_2026, read_only=True)["Sheet1"]
    rows = dict(enumerate(sheet.iter_rows(values_only=True), start=1))
    for txn_id, line in zip(frame["txn_id"], frame["source_line"], strict=True):
        assert rows[line][8].strip() == txn_id


def test_a_workbook_without_a_bill_sheet_is_unknown(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(("日期", "金额"))
    book.active.append(("2026-01-01", 1))
    path = tmp_path / "other.xlsx"
    book.save(path)
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output


def test_inspect_json_reports_status_counts_and_period():
    result = CliRunner().invoke(cli, ["inspect", "--json", str(CSV_2024)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)["files"][0]
    assert document["format"] == "wechat-csv"
    assert document["rows_total"] == 15 and document["rows_rejected"] == 0
    assert document["status_counts"] == {"success": 8, "failed": 1, "pending": 0,
                                         "refunded": 4, "closed": 1, "unknown": 1}
    assert document["period"] == {"start": "2024-03-02T15:00:00+08:00",
                                  "end": "2024-03-30T21:04:11+08:00"}
    assert document["declared"]["exported_at"] == "2024-04-02 09:15:41"


def test_xlsx_bad_cells_are_rejected_with_their_row(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(("微信支付账单明细",))
    sheet.append(("微信昵称：[小林]",))
    sheet.append(("交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式",
                  "当前状态", "交易单号", "商户单号", "备注"))
    sheet.append((99999999999.5, "商户消费", "x", "/", "支出", 1.5, "零钱", "支付成功", "1", "/", "/"))
    sheet.append((46293.5, "商户消费", "x", "/", "支出", "¥abc", "零钱", "支付成功", "2", "/", "/"))
    sheet.append((46293.5, "商户消费", "x", "/", "支出", 2.5, "零钱", "支付成功", "3", "/", "/"))
    path = tmp_path / "bill.xlsx"
    book.save(path)
    frame, report = load(path)
    assert [(r.line, r.reason) for r in report.rejected] == [(4, "bad-time"), (5, "bad-amount")]
    assert list(frame["txn_id"]) == ["3"]
    assert iso_local(frame["time"].iloc[0], "Asia/Shanghai") == "2026-09-28T12:00:00+08:00"
