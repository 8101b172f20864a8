"""Cash App activity report: per-row zones, unquoted empty cells, $ amounts, status words."""

from __future__ import annotations

import json

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import iso_local

from conftest import DATA

CASHAPP = DATA / "ingest" / "cashapp" / "cash_app_report_1719878400000.csv"


def by_id():
    return {row.txn_id: row for row in walletwatch.load([CASHAPP]).frame.itertuples()}


def test_detected_and_every_row_counted():
    report = walletwatch.load([CASHAPP]).files[0]
    assert (report.format, report.rows_total, report.rows_ok, report.rows_rejected) == (
        "cashapp", 14, 14, 0)


def test_each_row_uses_its_own_zone_abbreviation():
    rows = by_id()
    summer = rows["x7kq2p"]  # 2024-07-01 09:15:02 EDT
    assert summer.time.isoformat() == "2024-07-01T13:15:02+00:00"
    assert (summer.tz, iso_local(summer.time, summer.tz)) == ("America/New_York",
                                                              "2024-07-01T09:15:02-04:00")
    winter = rows["m3kj7h"]  # 2024-01-15 20:00:00 EST
    assert iso_local(winter.time, winter.tz) == "2024-01-15T20:00:00-05:00"
    abroad = rows["j2wq8v"]  # HKT
    assert iso_local(abroad.time, abroad.tz) == "2024-01-08T13:13:13+08:00"


def test_unknown_zone_is_reported_and_read_as_new_york():
    report = walletwatch.load([CASHAPP]).files[0]
    assert [(n.code, n.value) for n in report.notices] == [("unknown-time-zone", "XYZ")]
    row = by_id()["h7zt3m"]
    assert iso_local(row.time, row.tz) == "2024-01-05T08:00:00-05:00"


def test_dollar_amounts_whole_and_with_thousands():
    rows = by_id()
    assert (rows["x7kq2p"].amount, rows["x7kq2p"].direction) == (475, "out")  # -$4.75
    assert (rows["w9mz8r"].amount, rows["w9mz8r"].direction) == (6000, "out")  # -$60
    assert (rows["v3hn5t"].amount, rows["v3hn5t"].direction) == (125000, "in")  # $1,250
    assert (rows["r1pd9w"].amount, rows["r1pd9w"].fee) == (30000, 450)


def test_status_words():
    rows = by_id()
    expected = {
        "x7kq2p": "success",  # CARD CHARGED
        "w9mz8r": "success",  # PAYMENT SENT
        "v3hn5t": "success",  # PAYMENT DEPOSITED
        "u8cx1y": "refunded",  # CARD REFUNDED
        "s6lk4j": "failed",  # CARD DECLINED
        "r1pd9w": "success",  # TRANSFER SENT
        "q5fg3e": "pending",  # WAITING ON RECIPIENT
        "p4ds2a": "closed",  # PAYMENT CANCELED
        "k9ax1c": "pending",  # PAYMENT HELD FOR REVIEW
    }
    assert {i: rows[i].status for i in expected} == expected


def test_kinds_and_refund_credit_on_a_card_row():
    rows = by_id()
    assert rows["u8cx1y"].kind == "refund"  # Cash Card Debit credited back
    assert rows["t2bv7n"].kind == "other"  # Boost reward, also CARD REFUNDED
    assert rows["w9mz8r"].kind == "transfer"
    assert rows["r1pd9w"].kind == "withdrawal"  # Cash Out
    assert rows["n8re6z"].kind == "other"  # Bitcoin Buy
    assert rows["x7kq2p"].kind == "payment"


def test_counterparty_from_name_else_notes_and_unquoted_empty_cells():
    rows = by_id()
    assert rows["w9mz8r"].counterparty == "Dana Ruiz"  # P2P row with unquoted empty cells
    assert rows["w9mz8r"].description == "tickets 🎟"
    assert rows["x7kq2p"].counterparty == "BLUE BOTTLE COFFEE"
    assert rows["x7kq2p"].method == "Visa Debit 4417"
    assert rows["p4ds2a"].counterparty == "Tomás Vega"


def test_newest_first_rows_keep_their_physical_lines():
    rows = by_id()
    assert rows["x7kq2p"].source_line == 2
    assert rows["h7zt3m"].source_line == 15
    frame = walletwatch.load([CASHAPP]).frame
    assert frame["time"].is_monotonic_increasing  # the table is chronological


def test_inspect_json():
    result = CliRunner().invoke(cli, ["inspect", "--json", str(CASHAPP)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["files"][0]
    assert report["status_counts"] == {"success": 8, "failed": 1, "pending": 2,
                                       "refunded": 2, "closed": 1, "unknown": 0}


def test_unknown_status_is_reported(tmp_path):
    text = CASHAPP.read_text(encoding="utf-8").replace('"COMPLETE"', '"INVESTMENT SETTLING"')
    path = tmp_path / "cash_app_report_1.csv"
    path.write_text(text, encoding="utf-8")
    result = walletwatch.load([path])
    row = {r.txn_id: r for r in result.frame.itertuples()}["n8re6z"]
    assert (row.status, row.raw_status) == ("unknown", "INVESTMENT SETTLING")
    assert ("unknown-status", "INVESTMENT SETTLING") in [
        (n.code, n.value) for n in result.files[0].notices]
