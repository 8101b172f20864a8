"""Alipay 支付宝: the three layouts, read through the public API and the CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import format_amount

from conftest import DATA

ALIPAY = DATA / "ingest" / "alipay"


def by_id(result):
    return {row.txn_id: row for row in result.frame.itertuples()}


def test_app_export_counts_every_row_and_rejects_bad_ones_with_line_and_code():
    result = walletwatch.load([ALIPAY / "app_2026.csv"])
    report = result.files[0]
    assert report.format == "alipay-app"
    assert report.encoding == "gb18030"
    assert (report.rows_total, report.rows_ok, report.rows_rejected) == (12, 10, 2)
    assert [(r.line, r.reason) for r in report.rejected] == [(35, "bad-amount"), (36, "bad-time")]
    assert report.meta["period_end"] == "2026-03-31 23:59:59"


def test_app_export_normalises_cells_exactly():
    rows = by_id(walletwatch.load([ALIPAY / "app_2026.csv"]))
    coffee = rows["2026033022001100000001"]
    assert coffee.source_line == 26  # header on line 25, newest row first
    assert coffee.time.isoformat() == "2026-03-30T14:15:09+00:00"
    assert coffee.tz == "Asia/Shanghai"
    assert (coffee.amount, coffee.currency, coffee.direction) == (1590, "CNY", "out")
    assert coffee.merchant_order_id == "T2026033000001"  # the trailing tab is gone
    assert coffee.counterparty == "瑞幸咖啡"  # padding spaces are gone
    assert rows["2026031522001100000005"].amount == 8880  # "88.8"
    assert rows["2026031822001100000004"].description == "收纳盒,大号"


def test_app_export_status_vocabulary():
    rows = by_id(walletwatch.load([ALIPAY / "app_2026.csv"]))
    assert rows["2026032922001100000002"].status == "pending"  # 处理中
    assert rows["2026032922001100000002"].kind == "topup"
    assert rows["2026031522001100000005"].status == "pending"  # 等待确认收货
    assert rows["2026032022001100000003"].status == "closed"  # 交易关闭
    assert rows["2026030922001100000008"].kind == "repayment"
    assert rows["2026030522001100000011"].status == "unknown"
    assert rows["2026030522001100000011"].raw_status == "神秘状态"


def test_unknown_status_is_reported_not_guessed():
    report = walletwatch.load([ALIPAY / "app_2026.csv"]).files[0]
    notices = [(n.code, n.value) for n in report.notices]
    assert ("unknown-status", "神秘状态") in notices


def test_refund_row_is_linked_to_its_original():
    rows = by_id(walletwatch.load([ALIPAY / "app_2026.csv"]))
    refund = rows["2026031822001100000004_9001"]
    assert refund.refund_of == "2026031822001100000004"
    assert refund.kind == "refund"
    assert refund.status == "refunded"
    assert rows["2026032022001100000003"].refund_of == ""


def test_footer_layout_2021_and_web_layout_read_the_same_transactions():
    result = walletwatch.load([ALIPAY / "app2021_footer.csv", ALIPAY / "web_2021.csv"])
    app, web = result.files
    assert (app.format, web.format) == ("alipay-app-2021", "alipay-web")
    assert app.rows_total == web.rows_total == 4  # footer lines are not rows
    assert web.duplicates == 4  # the same four transactions, counted once
    assert len(result.frame) == 4
    refund = by_id(result)["2021060222001100000002_7001"]
    assert refund.refund_of == "2021060222001100000002"
    assert refund.direction == "in"  # web export: blank 收/支, 资金状态 已收入


def test_tz_option_overrides_the_provider_zone():
    result = walletwatch.load([ALIPAY / "app_2026.csv"], tz="UTC")
    coffee = by_id(result)["2026033022001100000001"]
    assert coffee.time.isoformat() == "2026-03-30T22:15:09+00:00"


def test_inspect_json_has_the_contract_shape():
    result = CliRunner().invoke(cli, ["inspect", "--json", str(ALIPAY / "app_2026.csv")])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    entry = document["files"][0]
    for key, kind in {"path": str, "sha256": str, "format": str, "encoding": str,
                      "rows_total": int, "rows_ok": int, "rows_rejected": int,
                      "rejected": list, "status_counts": dict, "period": dict}.items():
        assert isinstance(entry[key], kind), key
    assert set(entry["status_counts"]) == {"success", "failed", "pending", "refunded",
                                           "closed", "unknown"}
    assert entry["rejected"][0] == {"line": 35, "reason": "bad-amount",
                                    "message": "amount 'abc' is not a valid amount"}
    assert entry["period"] == {"start": "2026-03-05T18:00:00+08:00",
                               "end": "2026-03-30T22:15:09+08:00"}
    assert len(entry["sha256"]) == 64


def test_strict_turns_rejected_rows_into_exit_code_1():
    path = str(ALIPAY / "app_2026.csv")
    assert CliRunner().invoke(cli, ["inspect", path]).exit_code == 0
    assert CliRunner().invoke(cli, ["inspect", "--strict", path]).exit_code == 1


def test_money_is_exact_when_summed():
    frame = walletwatch.load([ALIPAY / "app_2026.csv"]).frame
    spent = int(frame.loc[frame.direction == "out", "amount"].sum())
    assert format_amount(spent, "CNY") == "4512.70"  # 15.90+1299.00+89.00+88.80+3000.00+20.00
