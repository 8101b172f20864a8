"""JD 京东交易流水 exports: the full 2024 layout and the minimal ezbookkeeping-style layout."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import format_amount, iso_local

DATA = Path(__file__).parent / "data" / "ingest" / "jd"
FULL = DATA / "jd_2024.csv"
MINIMAL = DATA / "jd_minimal.csv"


def load(path: Path):
    result = walletwatch.load([path])
    report = result.files[0]
    assert report.error is None, report.error
    return result.frame, report


def row(frame, text: str):
    hits = frame[frame["description"] == text]
    assert len(hits) == 1, text
    return hits.iloc[0]


def test_detected_as_jd_not_alipay():
    for path in (FULL, MINIMAL):
        _frame, report = load(path)
        assert report.format == "jd"
        assert "京东" in report.detection


def test_refund_annotations_keep_the_gross_amount_and_mark_the_payment_refunded():
    frame, _ = load(FULL)
    helmet = row(frame, "山地车头盔 骑行安全帽 黑色 L 等多件")
    assert format_amount(helmet["amount"], "CNY") == "318.50"  # 318.50(已退款199.00)
    assert (helmet["status"], helmet["raw_status"]) == ("refunded", "交易成功")
    earbuds = row(frame, "无线蓝牙耳机 降噪版 白色")
    assert format_amount(earbuds["amount"], "CNY") == "269.00"  # 269.00(已全额退款)
    assert (earbuds["status"], earbuds["direction"]) == ("refunded", "neutral")


def test_refund_rows_are_linked_by_order_id_and_title():
    frame, _ = load(FULL)
    for title, original in [("退款-山地车头盔 骑行安全帽 黑色 L", "山地车头盔 骑行安全帽 黑色 L 等多件"),
                            ("退款-无线蓝牙耳机 降噪版 白色", "无线蓝牙耳机 降噪版 白色")]:
        refund = row(frame, title)
        assert refund["kind"] == "refund"
        assert refund["refund_of"] == row(frame, original)["txn_id"]
    assert (frame.loc[frame["kind"] != "refund", "refund_of"] == "").all()


def test_status_vocabulary_zero_rows_and_the_time_tab():
    frame, report = load(FULL)
    statuses = dict(zip(frame["raw_status"], frame["status"], strict=True))
    assert statuses["交易关闭"] == "closed"
    assert statuses["支付处理中"] == "pending"
    assert statuses["还款成功"] == "success"
    assert statuses["退款成功"] == "refunded"
    milk = row(frame, "有机纯牛奶 250ml*12盒")
    assert milk["amount"] == 0 and milk["method"] == "先享后付"
    assert iso_local(milk["time"], milk["tz"]) == "2024-06-18T18:18:18+08:00"
    assert report.rows_total == report.rows_ok == 12
    assert not report.notices


def test_preamble_period_export_time_and_count():
    _frame, report = load(FULL)
    assert report.meta == {"exported_at": "2024-07-01 08:10:05", "period_start": "2024-06-01",
                           "period_end": "2024-06-30", "declared_rows": 12}


def test_source_line_is_the_physical_line():
    frame, _ = load(FULL)
    lines = FULL.read_text(encoding="utf-8-sig").splitlines()
    assert lines[21].startswith("交易时间,")
    for txn_id, line in zip(frame["txn_id"], frame["source_line"], strict=True):
        assert f",{txn_id}\t," in lines[line - 1]


def test_minimal_layout_rejects_a_bad_amount_and_reports_an_unknown_status():
    frame, report = load(MINIMAL)
    assert (report.rows_total, report.rows_ok, report.rows_rejected) == (4, 3, 1)
    assert [(r.line, r.reason) for r in report.rejected] == [(8, "bad-amount")]
    assert [n.value for n in report.notices if n.code == "unknown-status"] == ["已冻结"]
    cup = row(frame, "保温杯")
    assert row(frame, "退款-保温杯")["refund_of"] == cup["txn_id"]
    assert cup["txn_id"].startswith("jd-")  # no id column: a stable hash of the row


def test_inspect_strict_fails_on_the_rejected_row():
    result = CliRunner().invoke(cli, ["inspect", "--json", "--strict", str(MINIMAL)])
    assert result.exit_code == 1
    document = json.loads(result.output)["files"][0]
    assert document["rejected"][0]["reason"] == "bad-amount"
