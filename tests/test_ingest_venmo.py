"""Venmo statements: balance rows, the multi-line disclaimer, 19-digit ids, signed dollar amounts."""

from __future__ import annotations

import json

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import iso_local

from conftest import DATA

VENMO = DATA / "ingest" / "venmo"
STATEMENT = VENMO / "venmo_statement_2024-01.csv"
OLD = VENMO / "venmo_history_2020.csv"


def by_id(path):
    return {row.txn_id: row for row in walletwatch.load([path]).frame.itertuples()}


def test_balance_rows_are_neither_counted_nor_rejected():
    report = walletwatch.load([STATEMENT]).files[0]
    assert report.format == "venmo"
    # 10 transactions; the beginning-balance row and the ending-balance row (with the
    # three-line disclaimer) are statement metadata.
    assert (report.rows_total, report.rows_ok, report.rows_rejected) == (10, 10, 0)
    assert report.meta["beginning_balance"] == "$1,250.00"
    assert report.meta["ending_balance"] == "$2,226.85"


def test_older_layout_without_the_blank_column():
    report = walletwatch.load([OLD]).files[0]
    assert (report.format, report.rows_total, report.rows_ok) == ("venmo", 4, 3)
    assert [(r.line, r.reason) for r in report.rejected] == [(6, "bad-amount")]
    assert report.meta == {"beginning_balance": "$40.00", "ending_balance": "$0.00"}
    rows = by_id(OLD)
    assert rows["2932001122334455667"].counterparty == "Wells Fargo *0192"


def test_nineteen_digit_ids_are_kept_exactly_as_strings():
    ids = list(by_id(STATEMENT))
    assert "3947158223041556832" in ids
    assert all(isinstance(i, str) and len(i) == 19 and i.isdigit() for i in ids)


def test_signed_dollar_amounts_with_thousands():
    rows = by_id(STATEMENT)
    assert (rows["3947158223041556832"].amount, rows["3947158223041556832"].direction) == (
        2450, "out")  # "- $24.50"
    assert (rows["3947599910283746610"].amount, rows["3947599910283746610"].direction) == (
        110000, "in")  # "+ $1,100.00"
    assert rows["3948999000111222333"].amount == 201940  # "- $2,019.40"
    assert rows["3949111222333444555"].fee == 175
    assert rows["3949111222333444555"].currency == "USD"


def test_statuses_and_kinds():
    rows = by_id(STATEMENT)
    assert rows["3947158223041556832"].status == "success"  # Complete
    assert (rows["3948999000111222333"].status, rows["3948999000111222333"].kind) == (
        "pending", "withdrawal")  # Standard Transfer, Issued
    assert rows["3949222333444555666"].status == "pending"
    assert rows["3949444555666777888"].status == "closed"  # Canceled
    refund = rows["3949333444555666777"]
    assert (refund.kind, refund.status, refund.direction) == ("refund", "refunded", "in")
    assert rows["3948456789012345678"].kind == "payment"  # Merchant Transaction
    odd = rows["3949555666777888999"]
    assert (odd.status, odd.raw_status) == ("unknown", "Under Investigation")
    notices = walletwatch.load([STATEMENT]).files[0].notices
    assert [(n.code, n.value) for n in notices] == [("unknown-status", "Under Investigation")]


def test_counterparty_is_the_other_side_even_for_a_charge():
    rows = by_id(STATEMENT)
    assert rows["3947158223041556832"].counterparty == "Jordan Park"  # holder paid
    assert rows["3947599910283746610"].counterparty == "Riley Adams"  # holder was paid
    assert rows["3948011122233344455"].counterparty == "Morgan Lee"  # holder charged Morgan
    assert rows["3948999000111222333"].counterparty == "Chase Bank *4410"


def test_times_notes_and_physical_lines():
    rows = by_id(STATEMENT)
    pizza = rows["3947158223041556832"]
    assert iso_local(pizza.time, pizza.tz) == "2024-01-03T18:22:05+00:00"
    assert pizza.description == "🍕 pizza night"
    assert pizza.source_line == 5  # two title lines, the header, the beginning balance
    gas = rows["3949222333444555666"]
    assert gas.description == "gas money\nsplit 3 ways ⛽"
    assert gas.source_line == 11
    assert rows["3949333444555666777"].source_line == 13


def test_inspect_json_counts_and_declared_balances():
    result = CliRunner().invoke(cli, ["inspect", "--json", str(STATEMENT)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["files"][0]
    assert (report["rows_total"], report["rows_rejected"]) == (10, 0)
    assert report["declared"]["ending_balance"] == "$2,226.85"


def test_ending_balance_row_made_ragged_by_an_unquoted_amount_is_not_rejected(tmp_path):
    text = STATEMENT.read_text(encoding="utf-8").replace('"$2,226.85"', "$2,226.85")
    path = tmp_path / "venmo_unquoted.csv"
    path.write_text(text, encoding="utf-8")
    report = walletwatch.load([path]).files[0]
    assert (report.rows_total, report.rows_ok, report.rows_rejected) == (10, 10, 0)
