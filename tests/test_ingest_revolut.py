"""Revolut account statements (UPPER_CASE and Title Case types, legacy semicolon layout)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.schema import format_amount, iso_local

from conftest import DATA, PEERS

REVOLUT = DATA / "ingest" / "revolut"
CHF = REVOLUT / "account-statement_2024-05-01_2024-05-31_en_chf.csv"
EUR = REVOLUT / "account-statement_2019-11-01_2019-11-30_en_eur.csv"
LEGACY = REVOLUT / "revolut_legacy_2020-03.csv"


def rows_of(path):
    result = walletwatch.load([path])
    return sorted(result.frame.itertuples(), key=lambda r: r.source_line)


def test_detected_and_every_row_counted():
    for path, name, total in ((CHF, "revolut", 13), (EUR, "revolut", 8),
                              (LEGACY, "revolut-legacy", 7)):
        report = walletwatch.load([path]).files[0]
        assert (report.format, report.rows_total) == (name, total)
        assert report.rows_total == report.rows_ok + report.rows_rejected


def test_states_map_to_the_vocabulary_and_unknown_is_reported():
    rows = rows_of(CHF)
    assert [(r.raw_status, r.status) for r in rows] == [
        ("COMPLETED", "success"), ("COMPLETED", "success"), ("PENDING", "pending"),
        ("DECLINED", "failed"), ("COMPLETED", "success"), ("COMPLETED", "success"),
        ("COMPLETED", "refunded"), ("COMPLETED", "success"), ("REVERTED", "closed"),
        ("COMPLETED", "success"), ("FAILED", "failed"), ("ON HOLD", "unknown"),
        ("COMPLETED", "success"),
    ]
    notices = walletwatch.load([CHF]).files[0].notices
    assert [(n.code, n.value) for n in notices] == [("unknown-status", "ON HOLD")]


def test_time_is_started_date_even_when_completed_date_is_empty():
    rows = rows_of(CHF)
    pending = rows[2]  # Completed Date and Balance empty
    assert (pending.status, pending.time.isoformat()) == ("pending", "2024-05-04T19:20:03+00:00")
    settled_next_day = rows[1]  # started 2024-05-02, completed 2024-05-03
    assert iso_local(settled_next_day.time, settled_next_day.tz) == "2024-05-02T12:31:45+00:00"


def test_tz_option_reads_the_times_in_that_zone():
    result = walletwatch.load([CHF], tz="Europe/Zurich")
    first = result.frame.iloc[0]
    assert iso_local(first.time, first.tz) == "2024-05-01T07:58:12+02:00"


def test_amounts_are_exact_with_swiss_and_us_thousands_and_fee_apart():
    rows = rows_of(CHF)
    assert (rows[0].amount, rows[0].direction) == (250000, "in")  # 2'500.00
    exchange = rows[7]  # "-1,000.00" with a 3.10 fee
    assert (exchange.amount, exchange.fee, exchange.direction) == (100000, 310, "out")
    card = rows[5]
    assert (format_amount(card.amount, "CHF"), format_amount(card.fee, "CHF")) == ("89.90", "1.35")


def test_kinds_from_old_and_new_type_names():
    new = [r.kind for r in rows_of(CHF)]
    old = [r.kind for r in rows_of(EUR)]
    assert new[:2] == ["topup", "payment"] and new[4] == "transfer" and new[6] == "refund"
    assert new[10] == "withdrawal" and new[12] == "fee" and new[7] == "other"
    assert old == ["topup", "payment", "refund", "other", "other", "withdrawal", "transfer",
                   "payment"]


def test_rows_without_ids_get_stable_distinct_hash_ids():
    first = [r.txn_id for r in rows_of(EUR)]
    again = [r.txn_id for r in rows_of(EUR)]
    assert first == again
    assert len(set(first)) == len(first)
    assert all(i.startswith("revolut-") for i in first)


def test_legacy_semicolon_layout():
    report = walletwatch.load([LEGACY]).files[0]
    assert [(r.line, r.reason) for r in report.rejected] == [(8, "bad-time")]  # "Mar 32, 2020"
    rows = rows_of(LEGACY)
    assert [(r.amount, r.currency, r.direction) for r in rows[:2]] == [
        (20000, "EUR", "in"), (1840, "EUR", "out")]
    assert iso_local(rows[0].time, rows[0].tz) == "2020-03-02T00:00:00+00:00"
    assert rows[5].amount == 102000  # "1,020.00"
    assert (rows[4].kind, rows[4].status) == ("refund", "refunded")


def test_inspect_json():
    result = CliRunner().invoke(cli, ["inspect", "--json", str(CHF)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["files"][0]
    assert report["status_counts"] == {"success": 7, "failed": 2, "pending": 1, "refunded": 1,
                                       "closed": 1, "unknown": 1}
    assert report["period"]["start"] == "2024-05-01T07:58:12+00:00"


CVIGO = PEERS / "c-vigo__beancount-importers"


@pytest.mark.skipif(not CVIGO.is_dir(), reason="peer corpus absent")
@pytest.mark.parametrize("name", ["Revolut_CHF_Sample.csv", "Revolut_EUR_Sample.csv",
                                  "test_extract_skip_non_completed.csv",
                                  "test_extract_skip_zero_amount.csv"])
def test_peer_fixtures_parse_with_the_peer_times_and_amounts(name):
    expected = json.loads((CVIGO / f"{name}.expected.json").read_text(encoding="utf-8"))
    result = walletwatch.load([CVIGO / name])
    report = result.files[0]
    assert (report.format, report.rows_ok, report.rows_rejected) == (
        "revolut", expected["data_rows"], 0)
    ours = {
        (iso_local(r.time, r.tz)[:19].replace("T", " "), format_amount(r.amount, r.currency),
         format_amount(r.fee, r.currency), r.direction)
        for r in result.frame.itertuples()
    }
    for peer in expected["transactions"]:
        # The peer books Amount - Fee; walletwatch keeps Amount and the fee apart.
        amount = peer["row_amount"].lstrip("-")
        assert (peer["time"], amount, peer["row_fee"], peer["direction"]) in ours
