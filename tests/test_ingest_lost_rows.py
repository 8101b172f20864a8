"""Nothing lost: a stray quote or a huge cell never swallows the rows after it.

Every physical data line of a file is a record (kept or rejected with its line number), a
blank line, or the 2nd, 3rd … line of a multi-line note; ``rows_total`` adds up to the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.ingest import registry
from walletwatch.ingest.sniff import read_sample

from conftest import DATA, SAMPLES
from ingest_helpers import assert_every_line_accounted

def inspect_json(path: Path) -> dict:
    result = CliRunner().invoke(cli, ["inspect", "--json", str(path)])
    assert result.exit_code in (0, 3), result.output
    assert "Traceback" not in result.output
    return json.loads(result.stdout)["files"][0]


def with_line_edit(source: Path, target: Path, edit, encoding: str) -> Path:
    """A copy of ``source`` whose line 3 after the header is replaced by ``edit(line)``."""
    lines = source.read_bytes().split(b"\n")
    _importer, detection = registry.detect(read_sample(source))
    index = detection.header_line + 2  # 0-based index of the third data line
    lines[index] = edit(lines[index].decode(encoding)).encode(encoding)
    target.write_bytes(b"\n".join(lines))
    return target


def stray_quote(line: str) -> str:
    """The third cell gains an opening quote that never closes (``"Foo Ltd``)."""
    cells = line.split(",")
    cells[2] = '"' + cells[2]
    return ",".join(cells)


@pytest.mark.parametrize("name, encoding", [
    ("alipay_2026.csv", "gb18030"),
    ("wechat_2026.csv", "utf-8"),
    ("meituan_2026.csv", "utf-8"),
    ("paypal_2026.csv", "utf-8"),
    ("revolut_2026.csv", "utf-8"),
    ("monzo_2026.csv", "utf-8"),
])
def test_a_stray_quote_loses_no_row(tmp_path, name, encoding):
    source = SAMPLES / name
    original = inspect_json(source)
    damaged = with_line_edit(source, tmp_path / name, stray_quote, encoding)
    entry = inspect_json(damaged)
    assert entry["rows_total"] == original["rows_total"]
    # The line is read on its own with the quote taken literally: still a record.
    assert entry["rows_ok"] + entry["rows_rejected"] == original["rows_total"]
    assert entry["rows_ok"] >= original["rows_ok"] - 1
    assert_every_line_accounted(damaged, walletwatch.load([damaged]).files[0])


def test_a_stray_quote_keeps_the_findings(tmp_path):
    """The reported case: the rows after the quote vanished and so did every finding."""
    source = SAMPLES / "alipay_2026.csv"
    damaged = with_line_edit(source, tmp_path / "alipay.csv", stray_quote, "gb18030")

    def findings(path: Path) -> int:
        result = CliRunner().invoke(cli, ["scan", "--json", str(path)])
        assert "Traceback" not in result.output
        return len(json.loads(result.stdout)["findings"])

    # The payee now reads ``"支付宝…`` (a new name, literally), so there may be one more.
    assert findings(damaged) >= findings(source) > 0


def test_a_quote_that_never_closes_and_does_not_fit_is_rejected_naming_its_line(tmp_path):
    source = SAMPLES / "wechat_2026.csv"
    # An unbalanced quote plus an extra comma: read literally the line has one cell too many.
    damaged = with_line_edit(source, tmp_path / "wechat.csv",
                             lambda line: line.replace(",", ',"x,', 1), "utf-8")
    report = walletwatch.load([damaged]).files[0]
    line = report.header_line + 3
    assert [(r.line, r.reason) for r in report.rejected] == [(line, "unclosed-quote")]
    assert f"line {line}" in report.rejected[0].message
    assert report.rows_ok == walletwatch.load([source]).files[0].rows_ok - 1
    assert report.complete is False  # a caller must not mark this file as imported
    assert_every_line_accounted(damaged, report)


@pytest.mark.parametrize("name, encoding", [("meituan_2026.csv", "utf-8"),
                                            ("paypal_2026.csv", "utf-8")])
def test_a_10_mb_quoted_multi_line_cell_is_one_rejected_row(tmp_path, name, encoding):
    source = SAMPLES / name
    huge = "\n".join(["x" * 1000] * 10_000)

    def edit(line: str) -> str:
        cells = line.split(",")
        cells[3] = '"' + huge + '"'
        return ",".join(cells)

    damaged = with_line_edit(source, tmp_path / name, edit, encoding)
    result = CliRunner().invoke(cli, ["inspect", "--json", str(damaged)])
    assert result.exit_code == 0, result.output
    report = walletwatch.load([damaged]).files[0]
    original = walletwatch.load([source]).files[0]
    reasons = {r.reason for r in report.rejected}
    assert reasons <= {"field-too-long", "unclosed-quote", "ragged-row"} and reasons
    assert report.rows_ok == original.rows_ok - 1  # only the damaged record is lost
    assert report.rejected[0].line == report.header_line + 3
    assert report.complete is False
    assert_every_line_accounted(damaged, report)


def test_a_huge_single_line_cell_is_rejected_not_kept(tmp_path):
    source = SAMPLES / "wechat_2026.csv"
    damaged = with_line_edit(source, tmp_path / "wechat.csv",
                             lambda line: line.replace(",", "," + "y" * 2_000_000, 1), "utf-8")
    report = walletwatch.load([damaged]).files[0]
    assert [r.reason for r in report.rejected] == ["field-too-long"]
    assert report.rows_unreadable == 1
    frame = walletwatch.load([damaged]).frame
    assert frame["counterparty"].str.len().max() < 10_000
    assert_every_line_accounted(damaged, report)


def test_multi_line_notes_stay_one_record():
    """PayPal, Venmo and Monzo notes may span lines: those records are read whole."""
    path = DATA / "ingest" / "monzo" / "monzo_2024-03.csv"
    report = walletwatch.load([path]).files[0]
    assert report.rejected == [] and report.continued_lines == 1
    assert report.complete is True
    assert_every_line_accounted(path, report)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.csv")), ids=lambda p: p.name)
def test_every_sample_accounts_for_every_line(path):
    assert_every_line_accounted(path, walletwatch.load([path]).files[0])
