"""``--map MAPPING.toml``: any other wallet's CSV through a declared column mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.errors import ConfigError
from walletwatch.ingest.mapping import importer_from_file
from walletwatch.schema import iso_local

from conftest import DATA, SAMPLES

ZETA = DATA / "ingest" / "mapping" / "zeta_wallet.csv"
ZETA_MAP = DATA / "ingest" / "mapping" / "zeta_wallet.toml"
BANK = SAMPLES / "mappings" / "example-bank.csv"
BANK_MAP = SAMPLES / "mappings" / "example-bank.toml"


def load_zeta(path: Path = ZETA):
    result = walletwatch.load([path], mapping=ZETA_MAP)
    return result.files[0], {row.txn_id: row for row in result.frame.itertuples()}


def test_shipped_example_mapping_reads_its_sample_through_the_cli():
    result = CliRunner().invoke(cli, ["inspect", "--json", "--map", str(BANK_MAP), str(BANK)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["files"][0]
    assert (report["format"], report["rows_total"], report["rows_rejected"]) == (
        "example-bank", 10, 0)
    assert report["status_counts"] == {"success": 7, "failed": 0, "pending": 1, "refunded": 1,
                                       "closed": 1, "unknown": 0}
    assert report["notices"] == []  # every column is mapped or ignored


def test_example_mapping_joins_date_and_time_reads_decimal_comma_and_s_h():
    result = walletwatch.load([BANK], mapping=BANK_MAP)
    rows = {row.txn_id: row for row in result.frame.itertuples()}
    salary = rows["MB2603020001"]
    assert iso_local(salary.time, salary.tz) == "2026-03-02T08:15:00+01:00"
    assert (salary.amount, salary.currency, salary.direction) == (315000, "EUR", "in")
    atm = rows["MB2603070011"]
    assert (atm.amount, atm.fee, atm.direction, atm.kind) == (20000, 250, "out", "withdrawal")
    assert rows["MB2603150004"].kind == "refund"
    assert rows["MB2603310001"].kind == "fee"
    assert rows["MB2603020001"].source_line == 7  # header found after a 5-line preamble


def test_sign_gives_direction_without_a_direction_table():
    report, rows = load_zeta()
    assert report.format == "zeta-wallet"
    assert (rows["ZW-000000000000000000001"].amount,
            rows["ZW-000000000000000000001"].direction) == (2100, "out")
    assert rows["ZW-000000000000000000003"].direction == "in"
    assert rows["ZW-000000000000000000006"].currency == "USD"  # currency column


def test_status_values_words_and_unknown():
    report, rows = load_zeta()
    assert rows["ZW-000000000000000000005"].status == "refunded"  # REVERSED -> refunded
    assert rows["ZW-000000000000000000007"].status == "pending"  # WAITING
    assert rows["ZW-000000000000000000006"].status == "failed"  # DECLINED, a failure word
    assert rows["ZW-000000000000000000009"].status == "unknown"
    assert ("unknown-status", "MYSTERY") in [(n.code, n.value) for n in report.notices]


def test_kind_rules_time_zone_and_rejected_rows():
    report, rows = load_zeta()
    assert [rows[f"ZW-00000000000000000000{i}"].kind for i in (3, 5, 7, 8)] == [
        "topup", "refund", "transfer", "fee"]
    first = rows["ZW-000000000000000000001"]
    assert iso_local(first.time, first.tz) == "2026-01-03T08:30:00+08:00"
    assert [(r.line, r.reason) for r in report.rejected] == [(9, "ragged-row"), (15, "bad-time")]
    assert (report.rows_total, report.rows_ok) == (10, 8)


def test_header_is_found_by_the_mapped_names_whatever_the_preamble(tmp_path):
    path = tmp_path / "longer.csv"
    path.write_text("An extra line\n" + ZETA.read_text(encoding="utf-8"), encoding="utf-8")
    _report, rows = load_zeta(path)
    assert rows["ZW-000000000000000000001"].source_line == 7


def test_file_without_the_mapped_header_is_unreadable_input(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["inspect", "--map", str(ZETA_MAP), str(path)])
    assert result.exit_code == 3
    assert "header row was not found" in result.output


def write_map(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = '[columns]\ntime = "Posted At"\namount = "Value"\ncurrency = "CCY"\n'
BAD_MAPPINGS = {
    "missing-file": (None, "mapping file not found"),
    "syntax": ("[columns\ntime = 1\n", "not valid TOML"),
    "unknown-key": ('colums = 1\n' + GOOD, "'colums'"),
    "unknown-field": (GOOD + 'amont = "x"\n', "'amont'"),
    "direction-in-columns": (GOOD + 'direction = "S/H"\n', "[direction] column"),
    "no-amount": ('[columns]\ntime = "Posted At"\ncurrency = "CCY"\n', "amount"),
    "no-currency": ('[columns]\ntime = "T"\namount = "A"\n', "currency"),
    "bad-currency": ('currency = "euro"\n[columns]\ntime = "T"\namount = "A"\n', "currency"),
    "bad-direction": (GOOD + '[direction]\ncolumn = "D"\nvalues = { D = "debit" }\n',
                      "[direction] values"),
    "bad-status": (GOOD + '[status]\ncolumn = "S"\nvalues = { X = "ok" }\n', "[status] values"),
    "bad-tz": ('tz = "Mars/Olympus"\n' + GOOD, "tz"),
    "bad-regex": (GOOD + '[kind]\nrules = [{ match = "(", kind = "fee" }]\n', "[kind] rules #1"),
    "bad-kind": (GOOD + '[kind]\nrules = [{ match = "x", kind = "snack" }]\n', "[kind] rules #1"),
    "bad-format": ('time_format = "YYYY-MM-DD"\n' + GOOD, "time_format"),
    "bad-delimiter": ('delimiter = ";;"\n' + GOOD, "delimiter"),
    "bad-flag": ('decimal_comma = "yes"\n' + GOOD, "decimal_comma"),
    "bad-name": ('name = "My Bank"\n' + GOOD, "name"),
    "built-in-name": ('name = "paypal"\n' + GOOD, "built-in format"),
}


@pytest.mark.parametrize("case", sorted(BAD_MAPPINGS))
def test_mapping_errors_exit_2_with_one_line_naming_the_key(tmp_path, case):
    text, needle = BAD_MAPPINGS[case]
    path = tmp_path / "absent.toml" if text is None else write_map(tmp_path, text)
    result = CliRunner().invoke(cli, ["inspect", "--map", str(path), str(ZETA)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert needle in lines[0]
    assert "Traceback" not in result.output


def test_mapping_errors_are_config_errors_in_the_library(tmp_path):
    with pytest.raises(ConfigError) as caught:
        importer_from_file(write_map(tmp_path, GOOD + 'amont = "x"\n'))
    assert "amont" in caught.value.message
    assert "amount" in caught.value.hint  # the hint lists the fields


def test_tab_delimiter_and_decimal_comma(tmp_path):
    data = tmp_path / "tabs.tsv"
    data.write_text("When\tHow much\n01/02/2026 10:00\t-1.234,50\n", encoding="utf-8")
    mapping = write_map(tmp_path, 'delimiter = "\\t"\ndecimal_comma = true\ncurrency = "EUR"\n'
                        'time_format = "%d/%m/%Y %H:%M"\n'
                        '[columns]\ntime = "When"\namount = "How much"\n')
    result = walletwatch.load([data], mapping=mapping)
    row = result.frame.iloc[0]
    assert (row.amount, row.direction, row.status) == (123450, "out", "success")
    assert row.time.isoformat() == "2026-02-01T10:00:00+00:00"
    assert row.txn_id.startswith("mapped-")  # no id column: a stable hash of the row


ONELINE = DATA / "ingest" / "mapping" / "oneline-bank.csv"
ONELINE_MAP = ("time=Booking date,amount=Amount,counterparty=Payee,currency_column=Currency,"
               "direction=Type,status=State,time_format=%Y-%m-%d %H:%M,tz=Europe/Berlin")


def test_one_line_mapping_on_the_command_line():
    result = CliRunner().invoke(cli, ["inspect", "--json", "--map", ONELINE_MAP, str(ONELINE)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["files"][0]
    assert (report["rows_total"], report["rows_rejected"]) == (3, 0)
    assert report["status_counts"]["pending"] == 1
    frame = walletwatch.load([ONELINE], mapping=ONELINE_MAP).frame
    assert list(frame["direction"]) == ["out", "in", "out"]  # Debit / Credit words
    assert list(frame["amount"]) == [450, 250000, 1999]
    assert iso_local(frame["time"][0], frame["tz"][0]) == "2026-03-01T10:00:00+01:00"


@pytest.mark.parametrize("bad, words", [
    ("time=Booking date,amount", "not KEY=VALUE"),
    ("time=Booking date,amount=Amount,colour=blue", "unknown key 'colour'"),
    ("time=Booking date,currency=EUR", "amount is missing"),
])
def test_one_line_mapping_mistakes_are_usage_errors(bad, words):
    result = CliRunner().invoke(cli, ["inspect", "--map", bad, str(ONELINE)])
    assert result.exit_code == 2
    assert words in result.stderr and "Traceback" not in result.output
