"""Read the records of a delimited text export as a table of stripped text cells.

Nothing is lost: every physical line after the header is either a record (with its 1-based
line number), a blank line, a footer line, or a rejected row with a reason code.

Two paths give the same result. The fast path hands the data region to pandas' C parser and
maps row *i* to line ``header_line + 1 + i``; it is used only when that mapping is provably
exact (as many rows as physical lines, no row wider than the header). Otherwise the stdlib
``csv`` reader walks the file and counts physical lines itself (csvkit's ``RowChecker``).
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from walletwatch.errors import EncodingProblem
from walletwatch.ingest.base import Rejected

STRIP = " \t\r\n\u3000"
TAIL_BYTES = 64 * 1024


@dataclass
class Table:
    header: list[str]
    cells: pd.DataFrame  # columns named by header (deduplicated), text, stripped
    lines: np.ndarray  # 1-based physical line of each row
    rejected: list[Rejected] = field(default_factory=list)
    footer_line: int | None = None  # first footer line, if any
    footer: list[str] = field(default_factory=list)  # the footer lines' text


def unique_names(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for index, name in enumerate(header):
        name = name.strip(STRIP) or f"column_{index + 1}"
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name if count == 0 else f"{name}.{count}")
    return out


def count_lines(path: Path) -> tuple[int, bool, bool]:
    """Physical lines in the file, whether it ends with a newline, and whether it holds a
    lone CR (pandas' parser would take that for a line end, so the fast path is off)."""
    lines = carriage_returns = crlf = 0
    previous = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            lines += chunk.count(b"\n")
            if b"\r" in chunk or previous == b"\r":  # most exports have no CR: one pass, not three
                carriage_returns += chunk.count(b"\r")
                crlf += chunk.count(b"\r\n") + (previous == b"\r" and chunk[:1] == b"\n")
            previous = chunk[-1:]
    lone_cr = carriage_returns > crlf
    ends_with_newline = previous in (b"\n", b"")
    if not ends_with_newline:
        lines += 1
    return lines, ends_with_newline, lone_cr


def tail_lines(path: Path, encoding: str, total: int) -> list[tuple[int, str]]:
    """The last lines of the file with their 1-based numbers (a cut first line is dropped)."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - TAIL_BYTES))
        data = handle.read()
    text = data.decode(encoding.replace("-sig", ""), errors="replace")
    from walletwatch.ingest.sniff import physical_lines

    parts = list(physical_lines(text))
    if size > TAIL_BYTES and parts:
        parts = parts[1:]
    first = total - len(parts) + 1
    return [(first + i, line) for i, line in enumerate(parts)]


def read_table(
    path: Path,
    encoding: str,
    header_line: int,
    *,
    delimiter: str = ",",
    is_footer: Callable[[str], bool] | None = None,
    progress: Callable[[int], None] | None = None,
    lenient: bool = False,
) -> Table:
    """Read records after ``header_line`` until the footer (first line where ``is_footer``)."""
    total, ends_with_newline, lone_cr = count_lines(path)
    # A truncated file may stop inside a multi-byte character: only that last (rejected)
    # record is affected, so decode it leniently instead of refusing the whole file.
    cut = not ends_with_newline and _cut_character(path, encoding)
    errors = "replace" if lenient or cut else "strict"
    footer_line, footer = _find_footer(path, encoding, total, header_line, is_footer)
    last_data = (footer_line - 1) if footer_line else total
    header, slack = _header(path, encoding, header_line, delimiter)
    names = unique_names(header)
    try:
        if lone_cr:
            raise _NotExact
        table = _fast(path, encoding, header_line, last_data, names, delimiter, errors, progress,
                      slack)
    except (pd.errors.ParserError, _NotExact):
        table = None
    except UnicodeDecodeError as exc:
        raise EncodingProblem(
            f"the file is not valid {encoding} after the header ({exc.reason})",
            "pass --encoding gb18030 or --encoding utf-8; if you re-saved the file in Excel, "
            "export it again from the wallet",
            str(path),
        ) from exc
    if table is None:
        table = _exact(path, encoding, header_line, last_data, names, delimiter, errors, slack)
    if not ends_with_newline and footer_line is None:
        _check_truncated(table, path, encoding, total, len(names), delimiter)
    if lenient:
        _reject_undecodable(table, encoding)
    table.header = header
    table.footer_line = footer_line
    table.footer = footer
    return table


class _NotExact(Exception):
    pass


def _find_footer(path, encoding, total, header_line, is_footer):
    if is_footer is None:
        return None, []
    tail = [(n, line) for n, line in tail_lines(path, encoding, total) if n > header_line]
    for position, (number, line) in enumerate(tail):
        if is_footer(line):
            return number, [text for _, text in tail[position:]]
    return None, []


def _header(path: Path, encoding: str, header_line: int, delimiter: str) -> tuple[list[str], int]:
    """The header cells, and how many trailing empty cells rows may carry (Alipay writes a
    trailing comma after the header and after every row; other layouts allow none)."""
    with path.open("r", encoding=encoding, newline="\n", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if number == header_line:
                line = line.rstrip("\r\n").replace("\r", "")  # a stray CR is not a new line
                row = next(csv.reader([line], delimiter=delimiter), [])
                slack = 0
                while row and not row[-1].strip(STRIP):
                    row.pop()
                    slack += 1
                return [cell.strip(STRIP) for cell in row], slack
    return [], 0


def _reject_undecodable(table: Table, encoding: str) -> None:
    if table.cells.empty:
        return
    damaged = table.cells.apply(lambda column: column.str.contains("\ufffd", regex=False))
    bad = damaged.any(axis=1).to_numpy()
    for line in table.lines[bad]:
        table.rejected.append(Rejected(int(line), "bad-encoding",
                                       f"the row has bytes that are not valid {encoding}"))
    table.cells = table.cells.loc[~bad].reset_index(drop=True)
    table.lines = table.lines[~bad]


def _read_region(path, encoding, errors, header_line, rows, names, delimiter):
    return pd.read_csv(
        path,
        encoding=encoding,
        encoding_errors=errors,
        header=None,
        skiprows=header_line,
        nrows=rows,
        names=names,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        index_col=False,
        sep=delimiter,
        engine="c",
        on_bad_lines="error",
    )


def _cut_character(path: Path, encoding: str) -> bool:
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 4096))
        last = handle.read().rsplit(b"\n", 1)[-1]
    try:
        last.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start >= len(last) - 3
    return False


class _Progress(io.RawIOBase):
    """A binary file that reports how many bytes the parser has read (for progress bars)."""

    def __init__(self, path: Path, report: Callable[[int], None]):
        self._handle = path.open("rb")
        self._report = report

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._handle.readinto(buffer)
        self._report(count or 0)
        return count

    def close(self) -> None:
        self._handle.close()
        super().close()


def _fast(path, encoding, header_line, last_data, names, delimiter, errors, progress=None,
          slack=0) -> Table:
    expected_rows = last_data - header_line
    if expected_rows <= 0:
        return Table([], pd.DataFrame(columns=names, dtype=object), np.array([], dtype=np.int64))
    extra = [f"__trailing_{i}__" for i in range(slack)]  # the header's trailing empty cells
    with warnings.catch_warnings():
        # Rows without the trailing cell are expected; pandas warns about the short rows.
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        source = io.BufferedReader(_Progress(path, progress)) if progress else path
        try:
            frame = _read_region(source, encoding, errors, header_line, expected_rows,
                                 [*names, *extra], delimiter)
        finally:
            if progress:
                source.close()
    if len(frame) != expected_rows:
        raise _NotExact  # quoted newlines: rows no longer map to lines
    for column in extra:
        if (frame.pop(column).str.strip(STRIP) != "").any():
            raise _NotExact  # a row wider than the header: let the exact path report it
    lines = np.arange(header_line + 1, last_data + 1, dtype=np.int64)
    for column in frame.columns:
        frame[column] = frame[column].str.strip(STRIP)
    blank = (frame == "").all(axis=1).to_numpy()
    if blank.any():
        frame = frame.loc[~blank].reset_index(drop=True)
        lines = lines[~blank]
    return Table([], frame, lines)


def _exact(path, encoding, header_line, last_data, names, delimiter, errors, slack=0) -> Table:
    width = len(names)
    rows: list[list[str]] = []
    lines: list[int] = []
    rejected: list[Rejected] = []
    # newline="\n": only LF ends a physical line (a stray CR must not shift the numbering).
    with path.open("r", encoding=encoding, newline="\n", errors=errors) as handle:
        for _ in range(header_line):
            handle.readline()
        text = _region(handle, last_data - header_line)
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter=delimiter)
    previous_end = header_line
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a stray CR inside an unquoted cell
            previous_end = header_line + reader.line_num
            rejected.append(Rejected(start, "ragged-row", f"unreadable CSV: {exc}"))
            continue
        previous_end = header_line + reader.line_num
        cells = [cell.strip(STRIP) for cell in row]
        while len(cells) > width and len(cells) <= width + slack and cells[-1] == "":
            cells.pop()
        if not any(cells):
            continue
        if len(cells) != width:
            rejected.append(Rejected(start, "ragged-row",
                                     f"{len(cells)} cells where the header has {width}",
                                     tuple(cells)))
            continue
        rows.append(cells)
        lines.append(start)
    frame = pd.DataFrame(rows, columns=names, dtype=object) if rows else pd.DataFrame(
        columns=names, dtype=object
    )
    return Table([], frame, np.array(lines, dtype=np.int64), rejected)


def _region(handle, count: int) -> str:
    parts = []
    for _ in range(count):
        line = handle.readline()
        if not line:
            break
        parts.append(line)
    return "".join(parts)


def _check_truncated(table: Table, path, encoding, total, width, delimiter) -> None:
    """A file that stops mid-record: its last row is rejected as truncated, not kept."""
    last_text = tail_lines(path, encoding, total)[-1][1]
    try:
        fields = next(csv.reader([last_text], delimiter=delimiter))
    except (csv.Error, StopIteration):
        fields = []
    if len(fields) >= width:
        return
    message = "the file ends in the middle of this record; export it again"
    if len(table.lines) and table.lines[-1] == total:
        table.rejected.append(Rejected(total, "truncated-row", message, tuple(fields)))
        table.cells = table.cells.iloc[:-1].reset_index(drop=True)
        table.lines = table.lines[:-1]
    elif table.rejected and table.rejected[-1].line == total:
        table.rejected[-1] = Rejected(total, "truncated-row", message, table.rejected[-1].cells)
