"""Hostile input that used to end in a traceback or a hang: one clear line or a rejected row.

Each case goes through the command line (click's CliRunner) as a user's file would.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import walletwatch
from walletwatch.cli import cli
from walletwatch.ingest.sniff import MAX_XLSX_EXPANDED
from walletwatch.schema import format_amount

from conftest import SAMPLES

WECHAT_CSV = SAMPLES / "wechat_2026.csv"
WECHAT_XLSX = SAMPLES / "wechat_2026.xlsx"
PAYPAL = SAMPLES / "paypal_2026.csv"


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"unexpected {type(result.exception).__name__}: {result.exception}")
    assert "Traceback" not in result.output
    return result


def files_of(result) -> list[dict]:
    return json.loads(result.stdout)["files"]


def wechat_with_rows(tmp_path: Path, edits: dict[int, callable]) -> tuple[Path, int]:
    """A copy of the WeChat sample whose data rows (0-based after the header) are edited."""
    lines = WECHAT_CSV.read_text(encoding="utf-8").split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("交易时间,"))
    for offset, edit in edits.items():
        lines[header + 1 + offset] = edit(lines[header + 1 + offset])
    path = tmp_path / "wechat.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, header + 2  # the 1-based line of data row 0 (header is a 0-based index)


@pytest.mark.parametrize("suffix", [".csv", ".txt"])
def test_an_xlsx_renamed_to_csv_is_read_by_content_and_the_other_files_too(tmp_path, suffix):
    renamed = tmp_path / f"bill{suffix}"
    shutil.copy(WECHAT_XLSX, renamed)
    result = run("inspect", "--json", str(renamed), str(PAYPAL))
    assert result.exit_code == 0, result.output
    entries = files_of(result)
    assert [e["format"] for e in entries] == ["wechat-xlsx", "paypal"]
    assert entries[0]["rows_ok"] == walletwatch.load([WECHAT_XLSX]).files[0].rows_ok


def test_a_zip_renamed_to_csv_is_one_line_and_does_not_stop_the_others(tmp_path):
    renamed = tmp_path / "statement.csv"
    with zipfile.ZipFile(renamed, "w") as archive:
        archive.writestr("notes.txt", "hello")
    result = run("inspect", "--json", str(renamed), str(PAYPAL))
    assert result.exit_code == 3
    entries = files_of(result)
    assert entries[0]["error"]["code"] == "unreadable-input"
    assert "zip archive" in entries[0]["error"]["message"]
    assert entries[1]["rows_ok"] > 0
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "statement.csv" in errors[0]


def test_a_damaged_workbook_named_csv_is_one_line(tmp_path):
    broken = tmp_path / "bill.csv"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not-a-workbook")
    result = run("inspect", str(broken))
    assert result.exit_code == 3
    assert "damaged" in result.stderr


@pytest.mark.parametrize("command", ["inspect", "scan"])
def test_years_9999_and_0001_are_rejected_rows(tmp_path, command):
    path, first = wechat_with_rows(tmp_path, {0: lambda line: "9999" + line[4:],
                                              1: lambda line: "0001" + line[4:]})
    result = run(command, "--json", str(path))
    assert result.exit_code in (0, 1), result.output
    report = walletwatch.load([path]).files[0]
    assert [(r.line, r.reason) for r in report.rejected] == [(first, "bad-time"),
                                                             (first + 1, "bad-time")]


def test_full_width_digits_are_read_and_other_digits_are_bad_amounts(tmp_path):
    full_width = str.maketrans("0123456789.", "０１２３４５６７８９．")
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

    def amount_cell(table):
        def edit(line: str) -> str:
            cells = line.split(",")
            cells[5] = cells[5].translate(table)  # 金额(元), e.g. ¥12.84
            return ",".join(cells)
        return edit

    path, first = wechat_with_rows(tmp_path, {0: amount_cell(full_width),
                                              1: amount_cell(arabic_indic)})
    result = run("inspect", "--json", str(path))
    assert result.exit_code == 0, result.output
    original = walletwatch.load([WECHAT_CSV]).frame
    result = walletwatch.load([path])
    assert [(r.line, r.reason) for r in result.files[0].rejected] == [(first + 1, "bad-amount")]
    row = result.frame[result.frame["source_line"] == first].iloc[0]
    expected = original[original["source_line"] == first].iloc[0]
    assert format_amount(row["amount"], "CNY") == format_amount(expected["amount"], "CNY")


_MAIN = "http://schemas.openxmlformats.org"
WORKBOOK_PARTS = {  # the smallest valid workbook around one sheet
    "[Content_Types].xml":
        f'<Types xmlns="{_MAIN}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>',
    "_rels/.rels":
        f'<Relationships xmlns="{_MAIN}/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{_MAIN}/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
        f'<workbook xmlns="{_MAIN}/spreadsheetml/2006/main" xmlns:r="{_MAIN}/officeDocument/'
        '2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
        '</workbook>',
    "xl/_rels/workbook.xml.rels":
        f'<Relationships xmlns="{_MAIN}/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{_MAIN}/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
}


def test_a_workbook_that_expands_past_the_cap_is_refused_unopened(tmp_path):
    bomb = tmp_path / "bill.xlsx"
    cell = b"A" * (1 << 20)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in WORKBOOK_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        b'main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
            for _ in range(MAX_XLSX_EXPANDED // len(cell) + 8):
                sheet.write(cell)
            sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    assert bomb.stat().st_size < 4 << 20  # small on disk: it is the expansion that is refused
    result = run("inspect", str(bomb), str(PAYPAL))
    assert result.exit_code == 3
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "expands to" in lines[0] and "at most 256 MB" in lines[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "statement.csv"
    os.mkfifo(fifo)
    outcome: dict = {}
    worker = threading.Thread(target=lambda: outcome.update(result=run("inspect", str(fifo))),
                              daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # blocked in open(): release it so that the test run can end
        descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(descriptor)
        worker.join(timeout=5)
        pytest.fail("inspect blocked on a FIFO")
    result = outcome["result"]
    assert result.exit_code == 3
    assert "not a regular file" in result.stderr


def test_an_over_long_worksheet_cell_is_a_rejected_row(tmp_path, monkeypatch):
    """Excel stops a cell at 32767 characters, under the cap; a hand-made workbook need not,
    so the cap is lowered here to test with a workbook openpyxl can write."""
    import openpyxl

    monkeypatch.setattr("walletwatch.ingest.table.MAX_FIELD_CHARS", 1000)

    report = walletwatch.load([WECHAT_XLSX]).files[0]
    book = openpyxl.load_workbook(WECHAT_XLSX)
    sheet = book["微信支付账单明细"]  # the bill sheet detection picks
    row = report.header_line + 2
    sheet.cell(row=row, column=3, value="x" * 5000)
    damaged = tmp_path / "bill.xlsx"
    book.save(damaged)
    result = run("inspect", "--json", str(damaged))
    assert result.exit_code == 0, result.output
    entry = files_of(result)[0]
    assert [(r["line"], r["reason"]) for r in entry["rejected"]] == [(row, "field-too-long")]
    assert entry["rows_total"] == report.rows_total
    assert entry["complete"] is False


def test_a_header_damaged_by_a_stray_quote_is_one_line(tmp_path):
    """Found by benchmarks/fuzz_ingest.py: the quote merges two names, so Date is no column."""
    source = Path(__file__).parent / "data" / "ingest" / "cashapp" / \
        "cash_app_report_1719878400000.csv"
    text = source.read_text(encoding="utf-8")
    damaged = tmp_path / "cash_app_report.csv"
    damaged.write_text(text.replace('"Date"', 'Date"', 1), encoding="utf-8")  # Date" is no Date
    result = run("inspect", str(damaged))
    assert result.exit_code == 3, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "looks damaged" in lines[0]
