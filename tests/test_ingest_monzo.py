"""Monzo CSV export: UK dates and wall-clock times, signed amounts, no status column."""

from __future__ import annotations

import json

from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import iso_local

from conftest import DATA

MONZO = DATA / "ingest" / "monzo" / "monzo_2024-03.csv"


def by_id():
    return {row.txn_id: row for row in walletwatch.load([MONZO]).frame.itertuples()}


def test_detected_and_every_row_counted_as_success():
    report = walletwatch.load([MONZO]).files[0]
    assert (report.format, report.rows_total, report.rows_ok, report.rows_rejected) == (
        "monzo", 9, 9, 0)
    assert report.status_counts["success"] == 9
    assert report.notices == []  # every column is known


def test_day_first_dates_in_london_time_across_the_clock_change():
    rows = by_id()
    before = rows["tx_0000AbCdEfGh1234567894"]  # 31/03/2024 00:30, still GMT
    assert iso_local(before.time, before.tz) == "2024-03-31T00:30:00+00:00"
    after = rows["tx_0000AbCdEfGh1234567895"]  # 02/04/2024 19:12:44 BST
    assert after.time.isoformat() == "2024-04-02T18:12:44+00:00"
    assert after.tz == "Europe/London"


def test_amounts_directions_and_the_account_currency():
    rows = by_id()
    salary = rows["tx_0000AbCdEfGh1234567890"]
    assert (salary.amount, salary.direction, salary.kind) == (215000, "in", "transfer")
    abroad = rows["tx_0000AbCdEfGh1234567895"]  # paid in EUR, booked in GBP
    assert (abroad.amount, abroad.currency, abroad.direction) == (3792, "GBP", "out")
    assert rows["tx_0000AbCdEfGh1234567897"].amount == 124900


def test_cells_and_kinds():
    rows = by_id()
    coffee = rows["tx_0000AbCdEfGh1234567891"]
    assert (coffee.counterparty, coffee.category, coffee.kind) == ("Pret A Manger",
                                                                   "Eating out", "payment")
    assert coffee.description == "PRET A MANGER LONDON GBR"  # no notes: the bank description
    assert rows["tx_0000AbCdEfGh1234567893"].kind == "transfer"  # Pot transfer
    assert rows["tx_0000AbCdEfGh1234567893"].description == "#holiday"
    assert rows["tx_0000AbCdEfGh1234567892"].method == "Direct Debit"


def test_quoted_newline_keeps_physical_line_numbers():
    rows = by_id()
    note = rows["tx_0000AbCdEfGh1234567898"]
    assert note.description == "Concert\ntickets"
    assert note.source_line == 10
    assert rows["tx_0000AbCdEfGh1234567890"].source_line == 2


def test_shifted_row_with_a_non_currency_is_rejected(tmp_path):
    text = MONZO.read_text(encoding="utf-8").replace("-1249.00,GBP", "-1249.00,1249")
    path = tmp_path / "shifted.csv"
    path.write_text(text, encoding="utf-8")
    report = walletwatch.load([path]).files[0]
    assert [(r.line, r.reason) for r in report.rejected] == [(9, "bad-currency")]
    assert report.rows_total == 9 and report.rows_ok == 8


def test_inspect_json():
    result = CliRunner().invoke(cli, ["inspect", "--json", str(MONZO)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["files"][0]
    assert report["period"] == {"start": "2024-03-01T08:02:11+00:00",
                                "end": "2024-04-07T09:15:30+01:00"}
