"""Wise: the balance statement (no status) and the transaction history (sign from Direction)."""

from __future__ import annotations

import json

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import iso_local

from conftest import DATA

WISE = DATA / "ingest" / "wise"
STATEMENT = WISE / "statement_EUR_2024-04.csv"
HISTORY = WISE / "transaction-history_2024-06.csv"


def by_id(path):
    return {row.txn_id: row for row in walletwatch.load([path]).frame.itertuples()}


def test_each_export_is_detected_by_its_header():
    assert walletwatch.load([STATEMENT]).files[0].format == "wise-statement"
    assert walletwatch.load([HISTORY]).files[0].format == "wise-history"


def test_statement_rows_are_booked_movements_so_success():
    report = walletwatch.load([STATEMENT]).files[0]
    assert (report.rows_total, report.rows_ok) == (7, 6)
    assert [(r.line, r.reason) for r in report.rejected] == [(7, "bad-time")]  # 31-04-2024
    assert report.status_counts["success"] == 5 and report.status_counts["refunded"] == 1
    assert not [n for n in report.notices if n.code == "unknown-status"]


def test_statement_dates_are_day_first_and_amounts_signed():
    rows = by_id(STATEMENT)
    salary = rows["TRANSFER-981234567"]
    assert iso_local(salary.time, salary.tz) == "2024-04-02T00:00:00+00:00"
    assert (salary.amount, salary.direction, salary.kind) == (125000, "in", "transfer")
    deposit = rows["TRANSFER-981312345"]
    assert (deposit.amount, deposit.direction, deposit.fee) == (102000, "out", 210)
    assert deposit.merchant_order_id == "DEPOSIT"


def test_statement_counterparty_kind_and_refund():
    rows = by_id(STATEMENT)
    card = rows["CARD-1402938475"]
    assert (card.kind, card.counterparty, card.method) == ("payment", "Spotify P2A8C1E4F0", "4821")
    rent = rows["TRANSFER-981299120"]
    assert (rent.counterparty, rent.counterparty_account) == ("Ines Duarte",
                                                              "PT50000201231234567890154")
    assert rows["BALANCE-55120034"].kind == "other"
    refund = rows["CARD-1403011223"]
    assert (refund.kind, refund.status, refund.direction) == ("refund", "refunded", "in")


def test_history_direction_gives_the_sign_and_the_side():
    rows = by_id(HISTORY)
    out = rows["TRANSFER-1100223344"]
    assert (out.direction, out.amount, out.currency, out.fee) == ("out", 49868, "EUR", 132)
    assert out.counterparty == "Ines Duarte"
    incoming = rows["TRANSFER-1100229988"]
    assert (incoming.direction, incoming.amount, incoming.counterparty) == ("in", 240000,
                                                                            "ACME GMBH")
    conversion = rows["BALANCE-77120045"]
    assert (conversion.direction, conversion.amount, conversion.currency) == ("neutral", 29913,
                                                                              "EUR")
    card = rows["CARD_TRANSACTION-3344556677"]
    assert (card.kind, card.currency, card.counterparty) == ("payment", "USD", "Joe's Diner NYC")
    assert iso_local(card.time, card.tz) == "2024-06-07T19:45:33+00:00"


def test_history_statuses_and_unknown_reported():
    rows = by_id(HISTORY)
    assert rows["TRANSFER-1100301122"].status == "closed"  # CANCELLED
    assert rows["TRANSFER-1100305566"].status == "refunded"
    assert rows["TRANSFER-1100309999"].status == "pending"  # PROCESSING
    assert rows["ACCRUAL_CHARGE-88120011"].kind == "fee"
    odd = rows["TRANSFER-1100311111"]
    assert (odd.status, odd.raw_status) == ("unknown", "BOUNCED_BACK")
    notices = walletwatch.load([HISTORY]).files[0].notices
    assert [(n.code, n.value) for n in notices] == [("unknown-status", "BOUNCED_BACK")]


def test_source_lines_follow_the_file_not_the_time_order():
    rows = by_id(HISTORY)
    assert rows["ACCRUAL_CHARGE-88120011"].source_line == 9
    assert rows["TRANSFER-1100311111"].source_line == 10


def test_inspect_json_both_files():
    result = CliRunner().invoke(cli, ["inspect", "--json", str(STATEMENT), str(HISTORY)])
    assert result.exit_code == 0, result.output
    files = json.loads(result.output)["files"]
    assert [(f["format"], f["rows_total"], f["rows_rejected"]) for f in files] == [
        ("wise-statement", 7, 1), ("wise-history", 9, 0)]
    assert files[0]["rejected"][0]["line"] == 7
