"""Read worksheets as rows of text cells, keeping the worksheet row number of each."""

from __future__ import annotations

import datetime as dt
import io
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
        # A file object, not the path: openpyxl refuses a path whose extension is not .xlsx,
        # and the content (not the name) decides what a file is (an XLSX renamed to .csv).
        return openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True,
                                      data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a malformed archive
        raise _damaged(path) from exc


def _damaged(path: Path) -> InputError:
    return InputError(
        "the XLSX file is damaged or truncated", "download or export it again", str(path)
    )


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
    except Exception as exc:  # malformed sheet XML: openpyxl raises many kinds
        raise _damaged(path) from exc
    finally:
        book.close()


def iter_rows(path: Path, sheet_name: str, first_row: int) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Yield ``(row_number, cells)`` from ``first_row`` (1-based) to the end of the sheet."""
    book = _open(path)
    try:
        sheet = book[sheet_name]
        rows = enumerate(sheet.iter_rows(min_row=first_row, values_only=True), start=first_row)
        while True:
            try:
                number, row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # malformed sheet XML: openpyxl raises many kinds
                raise _damaged(path) from exc
            yield number, tuple(cell_text(v) for v in row)
    finally:
        book.close()


def read_sheet_table(path: Path, sheet_name: str, header_row: int):
    """The records below ``header_row`` of one worksheet as a ``Table`` (line = worksheet row).

    Cells are stripped like CSV cells; blank rows are skipped; a row with more non-empty
    cells than the header is rejected as ``ragged-row``, one with an over-long cell as
    ``field-too-long``; short rows are padded.
    """
    import numpy as np
    import pandas as pd

    from walletwatch.ingest.base import Rejected
    from walletwatch.ingest.table import MAX_FIELD_CHARS, STRIP, Table, unique_names

    rows = iter_rows(path, sheet_name, header_row)
    _number, first = next(rows, (header_row, ()))
    header = [cell.strip(STRIP) for cell in first]
    while header and not header[-1]:
        header.pop()
    names = unique_names(header)
    width = len(names)
    records: list[list[str]] = []
    lines: list[int] = []
    rejected: list[Rejected] = []
    for number, row in rows:
        cells = [cell.strip(STRIP) for cell in row]
        if not any(cells):
            continue
        while len(cells) > width and not cells[-1]:
            cells.pop()
        longest = max(len(cell) for cell in cells)
        if longest > MAX_FIELD_CHARS:
            rejected.append(Rejected(number, "field-too-long",
                                     f"a cell is {longest} characters long "
                                     f"(limit {MAX_FIELD_CHARS})"))
            continue
        if len(cells) > width:
            rejected.append(Rejected(number, "ragged-row",
                                     f"{len(cells)} cells where the header has {width}",
                                     tuple(cells)))
            continue
        records.append(cells + [""] * (width - len(cells)))
        lines.append(number)
    frame = pd.DataFrame(records, columns=names, dtype=object) if records else pd.DataFrame(
        columns=names, dtype=object)
    return Table(header, frame, np.array(lines, dtype=np.int64), rejected)
