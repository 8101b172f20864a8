"""Read worksheets as rows of text cells, keeping the worksheet row number of each."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

from walletwatch.errors import InputError


def cell_text(value: object) -> str:
    """One cell as text. Floats keep their full repr so callers can round them exactly."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _open(path: Path):
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            "the XLSX file is damaged or truncated", "download or export it again", str(path)
        ) from exc


def sheet_heads(path: Path, limit: int) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    """The first ``limit`` rows of every worksheet, as text."""
    book = _open(path)
    try:
        heads = []
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(max_row=limit, values_only=True):
                rows.append(tuple(cell_text(v) for v in row))
            heads.append((sheet.title, tuple(rows)))
        return tuple(heads)
    finally:
        book.close()


def iter_rows(path: Path, sheet_name: str, first_row: int) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Yield ``(row_number, cells)`` from ``first_row`` (1-based) to the end of the sheet."""
    book = _open(path)
    try:
        sheet = book[sheet_name]
        for number, row in enumerate(
            sheet.iter_rows(min_row=first_row, values_only=True), start=first_row
        ):
            yield number, tuple(cell_text(v) for v in row)
    finally:
        book.close()
