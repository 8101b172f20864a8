"""The line-by-line accounting of an ingested file, counted independently from its bytes."""

from __future__ import annotations

import csv
from pathlib import Path

from walletwatch.ingest import registry

_STRIP = " \t\r\n\u3000"


def is_blank(line: str, delimiter: str) -> bool:
    """A line whose cells, read on their own, are all empty (``,,,``, ``""``)."""
    try:
        cells = next(csv.reader([line.rstrip("\r")], delimiter=delimiter), [])
    except csv.Error:
        return False
    return not any(cell.strip(_STRIP) for cell in cells)


def data_lines(path: Path, report) -> int:
    """Non-blank physical lines between the header and the footer, counted from the bytes."""
    importer = registry.get(report.format)
    delimiter = getattr(getattr(importer, "layout", None), "delimiter", ",")
    encoding = (report.encoding or "utf-8").replace("-sig", "")
    text = path.read_bytes().decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline ends a line, it does not start one
    last = (report.footer_line - 1) if report.footer_line else len(lines)
    return sum(1 for line in lines[report.header_line:last] if not is_blank(line, delimiter))


def assert_every_line_accounted(path: Path, report) -> None:
    """Every non-blank data line is a record (kept or rejected), the 2nd+ line of a
    multi-line note, or a statement summary row: ``rows_total`` adds up to the file."""
    assert report.error is None, report.error.one_line()
    assert (report.rows_total + report.continued_lines + report.summary_lines
            == data_lines(path, report)), (report.rows_total, report.continued_lines,
                                           report.summary_lines, data_lines(path, report))
