"""Read the records of a delimited text export as a table of stripped text cells.

Nothing is lost: every physical line after the header is either a record (with its 1-based
line number), a blank line, a footer line, or a rejected row with a reason code.

Two paths give the same result. The fast path hands the data region to a C parser and maps
row *i* to line ``header_line + 1 + i``; it is used only when that mapping is provably exact
(as many rows as physical lines, no row wider than the header, no over-long cell). Otherwise
the stdlib ``csv`` reader reads one record at a time and counts physical lines itself.

The fast path first tries Arrow's CSV reader on exactly the bytes of the data region
(transcoded to UTF-8 as they stream in, stripped batch by batch, so the padded cells of a
large export are never all held at once); any row it will not take (a short or wide row, an
undecodable byte, a quote carrying a cell over a line end) sends the file to pandas' C
parser, which keeps its own checks, and from there to the exact path.

A quote is allowed to carry a record over several physical lines only where the layout has
multi-line cells (PayPal, Venmo and Monzo notes), only up to ``MAX_RECORD_LINES`` lines and
only if the record then has the header's width. Anything else is a stray quote (a payee
written as ``"Foo Ltd``): that line is re-read on its own with the quote taken literally, and
the lines after it are read as their own records, never swallowed into one.
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
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from walletwatch.errors import EncodingProblem
from walletwatch.ingest.base import Rejected, physical_lines

STRIP = " \t\r\n\u3000"
TAIL_BYTES = 64 * 1024
# No statement cell is anywhere near this long; a longer one is rejected, never kept. Kept
# below csv's own field limit (131072) so that the csv module never refuses first.
MAX_FIELD_CHARS = 32 * 1024
MAX_LINE_CHARS = 100_000  # a longer physical line is rejected without parsing it
MAX_RECORD_LINES = 50  # a multi-line note longer than this is a stray quote, not a note
_WINDOW_END = "\ue000walletwatch-window-end\ue000\n"  # pulled in only by an open quote


@dataclass
class Table:
    header: list[str]
    cells: pd.DataFrame  # columns named by header (deduplicated), text, stripped
    lines: np.ndarray  # 1-based physical line of each row
    rejected: list[Rejected] = field(default_factory=list)
    footer_line: int | None = None  # first footer line, if any
    footer: list[str] = field(default_factory=list)  # the footer lines' text
    continued_lines: int = 0  # non-blank 2nd, 3rd … lines of multi-line records
    summary_lines: int = 0  # records an importer set aside as statement summary (balances)


def unique_names(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for index, name in enumerate(header):
        name = name.strip(STRIP) or f"column_{index + 1}"
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name if count == 0 else f"{name}.{count}")
    return out


def count_lines(path: Path) -> tuple[int, bool, bool, int]:
    """Physical lines in the file, whether it ends with a newline, whether it holds a lone CR
    (pandas' parser would take that for a line end, so the fast path is off), and the length
    in bytes of its longest line (an over-long line keeps the fast path off too)."""
    lines = carriage_returns = crlf = 0
    longest = current = 0
    previous = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            lines += chunk.count(b"\n")
            if b"\r" in chunk or previous == b"\r":  # most exports have no CR: one pass, not three
                carriage_returns += chunk.count(b"\r")
                crlf += chunk.count(b"\r\n") + (previous == b"\r" and chunk[:1] == b"\n")
            previous = chunk[-1:]
            ends = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10)
            if len(ends):
                longest = max(longest, current + int(ends[0]) + 1,
                              int(np.diff(ends).max(initial=0)))
                current = len(chunk) - int(ends[-1]) - 1
            else:
                current += len(chunk)
    longest = max(longest, current)
    lone_cr = carriage_returns > crlf
    ends_with_newline = previous in (b"\n", b"")
    if not ends_with_newline:
        lines += 1
    return lines, ends_with_newline, lone_cr, longest


def tail_lines(path: Path, encoding: str, total: int) -> list[tuple[int, str]]:
    """The last lines of the file with their 1-based numbers (a cut first line is dropped)."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - TAIL_BYTES))
        data = handle.read()
    text = data.decode(encoding.replace("-sig", ""), errors="replace")
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
    multiline: bool = True,
) -> Table:
    """Read records after ``header_line`` until the footer (first line where ``is_footer``).

    ``multiline``: whether the layout has cells that legitimately span lines (notes).
    """
    total, ends_with_newline, lone_cr, longest = count_lines(path)
    # A truncated file may stop inside a multi-byte character: only that last (rejected)
    # record is affected, so decode it leniently instead of refusing the whole file.
    cut = not ends_with_newline and _cut_character(path, encoding)
    errors = "replace" if lenient or cut else "strict"
    footer_line, footer = _find_footer(path, encoding, total, header_line, is_footer)
    last_data = (footer_line - 1) if footer_line else total
    header, slack = _header(path, encoding, header_line, delimiter)
    names = unique_names(header)
    try:
        if lone_cr or longest > MAX_FIELD_CHARS:
            raise _NotExact
        table = None
        if errors == "strict" and _arrow_reads(encoding):
            region = _region(path, header_line, footer_line, total, ends_with_newline)
            table = _fast_arrow(path, encoding, region, header_line, last_data, names,
                                delimiter, progress, slack)
        if table is None:
            table = _fast(path, encoding, header_line, last_data, names, delimiter, errors,
                          progress, slack)
    except (pd.errors.ParserError, _NotExact):
        table = None
    except UnicodeDecodeError as exc:
        raise _undecodable(path, encoding, exc) from exc
    if table is None:
        try:
            table = _exact(path, encoding, header_line, last_data, names, delimiter, errors,
                           slack, multiline)
        except UnicodeDecodeError as exc:
            raise _undecodable(path, encoding, exc) from exc
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


def _undecodable(path: Path, encoding: str, exc: UnicodeDecodeError) -> EncodingProblem:
    return EncodingProblem(
        f"the file is not valid {encoding} after the header ({exc.reason})",
        "pass --encoding gb18030 or --encoding utf-8; if you re-saved the file in Excel, "
        "export it again from the wallet",
        str(path),
    )


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
        if frame[column].str.len().max() > MAX_FIELD_CHARS:
            raise _NotExact  # the exact path rejects the over-long cell
        frame[column] = frame[column].str.strip(STRIP)
    blank = (frame == "").all(axis=1).to_numpy()
    if blank.any():
        frame = frame.loc[~blank].reset_index(drop=True)
        lines = lines[~blank]
    return Table([], frame, lines)


# Encodings in which every byte below 0x80 is the ASCII character (so a comma, a quote and a
# line feed are what they look like) and which Python decodes incrementally.
_ARROW_ENCODINGS = {"utf-8", "utf-8-sig", "gbk", "gb18030", "gb2312", "cp936", "big5",
                    "latin-1", "iso-8859-1", "cp1252", "windows-1252", "ascii"}


def _arrow_reads(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in _ARROW_ENCODINGS


def _region(path: Path, header_line: int, footer_line: int | None, total: int,
            ends_with_newline: bool) -> tuple[int, int] | None:
    """Byte offsets of the first data line and of the end of the last one (the footer's
    start, or the end of the file); None where the footer is not within the tail read."""
    with path.open("rb") as handle:
        for _ in range(header_line):
            handle.readline()
        start = handle.tell()
    size = path.stat().st_size
    if footer_line is None:
        return start, size
    # Lines footer_line..total follow the newline that ends line footer_line - 1.
    after = total - footer_line + 1 - (0 if ends_with_newline else 1)
    with path.open("rb") as handle:
        handle.seek(max(0, size - TAIL_BYTES))
        tail_start = handle.tell()
        ends = np.flatnonzero(np.frombuffer(handle.read(), dtype=np.uint8) == 10)
    if len(ends) <= after:
        return None
    return start, max(start, tail_start + int(ends[len(ends) - 1 - after]) + 1)


def _fast_arrow(path, encoding, region, header_line, last_data, names, delimiter, progress,
                slack) -> Table | None:
    """The data region through Arrow's CSV reader, or None where it will not take it."""
    expected_rows = last_data - header_line
    if region is None or expected_rows <= 0:
        return None
    start, end = region
    width = len(names)
    names = [*names, *(f"__trailing_{i}__" for i in range(slack))]
    codec = "utf-8" if encoding.lower().replace("_", "-") == "utf-8-sig" else encoding
    try:
        batches = [_stripped(chunk, names, width, delimiter, codec)
                   for chunk in _line_chunks(path, start, end, progress)]
    except (pa.ArrowException, UnicodeError, _NotExact):
        return None  # pandas' parser will say what is wrong, or send it to the exact path
    if progress:  # the preamble and the footer count as read, as the other paths read them
        progress(start + path.stat().st_size - end)
    schema = pa.schema([(name, pa.large_string()) for name in names[:width]])
    table = pa.concat_tables(batches) if batches else schema.empty_table()
    del batches
    if table.num_rows != expected_rows:
        return None  # a quote carried a record over a line end
    lines = np.arange(header_line + 1, last_data + 1, dtype=np.int64)
    blank = _all_empty(table)
    if blank.any():
        table = table.filter(pa.array(~blank))
        lines = lines[~blank]
    return Table([], table.to_pandas(), lines)


_CHUNK_BYTES = 16 << 20


def _line_chunks(path: Path, start: int, end: int, progress: Callable[[int], None] | None):
    """The bytes ``[start, end)`` of the file in pieces of whole lines (views, not copies)."""
    with path.open("rb") as handle:
        handle.seek(start)
        left = end - start
        carry = b""
        while left > 0:
            data = handle.read(min(_CHUNK_BYTES, left))
            if not data:
                break
            left -= len(data)
            if progress:
                progress(len(data))
            if carry:
                data = carry + data
            cut = data.rfind(b"\n") + 1 if left > 0 else len(data)
            carry = data[cut:]
            if cut:
                if data.find(b"\x00", 0, cut) >= 0:
                    raise _NotExact  # NUL bytes: left to the parsers that always read them
                yield memoryview(data)[:cut]
        if carry:
            if b"\x00" in carry:
                raise _NotExact
            yield carry


def _stripped(data, names: list[str], width: int, delimiter: str, encoding: str) -> pa.Table:
    """The records of ``data`` (whole lines in ``encoding``) as stripped text cells.

    The cells are parsed as bytes: in every encoding ``_arrow_reads`` accepts, a delimiter, a
    quote and a line feed never occur inside a multi-byte character. Only the distinct values
    of a column that is not plain ASCII are decoded (statement columns repeat a few words),
    by the same codec the other paths use. ``_NotExact`` where a row may not be one physical
    line or carries text past the header's width.
    """
    if bytes(data[:3]) == b"\xef\xbb\xbf":
        raise _NotExact  # Arrow would drop a byte-order mark that starts a piece; others keep it
    table = pa_csv.read_csv(
        pa.py_buffer(data),
        read_options=pa_csv.ReadOptions(column_names=names),
        # Each record is one line here; a quote that would carry one over a line end inside
        # this piece makes fewer rows than lines (checked by the caller), one open at its end
        # leaves a line feed in the last row (checked below).
        parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=False,
                                          ignore_empty_lines=False),
        convert_options=pa_csv.ConvertOptions(
            column_types={name: pa.large_binary() for name in names},
            strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    if table.num_rows and any(b"\n" in cell for cell in table.slice(table.num_rows - 1)
                              .to_pylist()[0].values()):
        raise _NotExact
    columns = [_text(table.column(index), encoding) for index in range(len(names))]
    for extra in columns[width:]:
        if pc.any(pc.not_equal(extra, "")).as_py():
            raise _NotExact  # a row wider than the header: the exact path reports it
    return pa.Table.from_arrays(columns[:width], names=names[:width])


def _text(cells: pa.ChunkedArray, encoding: str) -> pa.ChunkedArray:
    """Stripped text of a column of raw cells."""
    if all(_ascii(chunk) for chunk in cells.chunks):
        # ASCII reads the same in every accepted encoding, and holds no ideographic space
        return pc.ascii_trim(pc.cast(cells, pa.large_string()), STRIP[:4])
    distinct = cells.combine_chunks().dictionary_encode()
    words = [raw.decode(encoding).strip(STRIP) for raw in distinct.dictionary.to_pylist()]
    return pa.chunked_array([pa.array(words, pa.large_string()).take(distinct.indices)])


def _ascii(cells: pa.Array) -> bool:
    data = cells.buffers()[2]
    return data is None or np.frombuffer(data, dtype=np.uint8).max(initial=0) < 0x80


def _all_empty(table: pa.Table) -> np.ndarray:
    """Rows whose cells are all empty; most columns are never looked at (a statement's
    first column is almost never empty)."""
    empty = None
    for column in table.columns:
        blank = pc.equal(pc.binary_length(column), 0)
        empty = blank if empty is None else pc.and_(empty, blank)
        if not pc.any(empty).as_py():
            return np.zeros(table.num_rows, dtype=bool)
    if empty is None:
        return np.zeros(table.num_rows, dtype=bool)
    return empty.to_numpy(zero_copy_only=False).astype(bool)


def _exact(path, encoding, header_line, last_data, names, delimiter, errors, slack=0,
           multiline=True) -> Table:
    """Read record by record, so that every physical line is accounted for."""
    # newline="\n": only LF ends a physical line (a stray CR must not shift the numbering).
    with path.open("r", encoding=encoding, newline="\n", errors=errors) as handle:
        for _ in range(header_line):
            handle.readline()
        lines = list(_bounded_lines(handle, last_data - header_line))
    reader = _RecordReader(lines, header_line, len(names), slack, delimiter,
                           MAX_RECORD_LINES if multiline else 1)
    reader.read_all()
    rows, numbers = reader.rows, reader.lines
    frame = pd.DataFrame(rows, columns=names, dtype=object) if rows else pd.DataFrame(
        columns=names, dtype=object
    )
    return Table([], frame, np.array(numbers, dtype=np.int64), reader.rejected,
                 continued_lines=reader.continued)


class _TooLong:
    """Stands for a physical line longer than ``MAX_LINE_CHARS`` (its text is not kept)."""

    def __init__(self, length: int):
        self.length = length


def _bounded_lines(handle, count: int):
    """Up to ``count`` physical lines; an over-long line is skipped over, never held whole."""
    for _ in range(count):
        line = handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            length = len(line)
            while (rest := handle.readline(1 << 20)) and not rest.endswith("\n"):
                length += len(rest)
            yield _TooLong(length + len(rest))
            continue
        yield line[:-2] + "\n" if line.endswith("\r\n") else line


class _RecordReader:
    """Turns physical lines into records, rejected rows and skipped blank lines."""

    def __init__(self, lines, header_line, width, slack, delimiter, max_record_lines):
        self.source = lines
        self.header_line = header_line
        self.width = width
        self.slack = slack
        self.delimiter = delimiter
        self.max_record_lines = max_record_lines
        self.rows: list[list[str]] = []
        self.lines: list[int] = []
        self.rejected: list[Rejected] = []
        self.continued = 0

    def read_all(self) -> None:
        index = 0
        while index < len(self.source):
            index += self._read_at(index)

    def _read_at(self, index: int) -> int:
        """Read the record starting at ``index``; return how many physical lines it used."""
        number = self.header_line + 1 + index
        line = self.source[index]
        if isinstance(line, _TooLong):
            self._reject(number, "field-too-long",
                         f"the line is {line.length} characters long; no statement cell is")
            return 1
        if is_blank_line(line, self.delimiter):  # also a lone stray quote: no cell has text
            return 1
        try:
            row, used = self._parse_window(index)
        except csv.Error as exc:  # e.g. a stray CR inside an unquoted cell
            self._reject(number, "ragged-row", f"unreadable CSV: {exc}")
            return 1
        if row is not None and (used == 1 or not self._swallows_records(index, used)):
            self._accept(number, self._fit([cell.strip(STRIP) for cell in row]))
            self.continued += sum(not is_blank_line(line, self.delimiter)
                                  for line in self.source[index + 1:index + used])
            return used
        # A quote that does not close on this line, or closes lines later after swallowing
        # lines that are records themselves: a stray quote. Read this line on its own; the
        # next line is its own record.
        try:
            self._accept(number, self._literal(line), stray_quote=True)
        except csv.Error as exc:
            self._reject(number, "ragged-row", f"unreadable CSV: {exc}")
        return 1

    def _parse_window(self, index: int) -> tuple[list[str] | None, int]:
        """The record at ``index`` and its line count, or ``(None, 0)`` if a quote opened on
        that line stays open for ``max_record_lines`` lines or ``MAX_LINE_CHARS`` characters."""
        window: list[str] = []
        size = 0
        for line in self.source[index:index + self.max_record_lines]:
            if isinstance(line, _TooLong) or (window and size + len(line) > MAX_LINE_CHARS):
                break
            window.append(line)
            size += len(line)
        reader = csv.reader([*window, _WINDOW_END], delimiter=self.delimiter)
        row = next(reader)
        if reader.line_num > len(window):
            return None, 0
        return row, reader.line_num

    def _swallows_records(self, index: int, used: int) -> bool:
        """Whether a line a multi-line record would absorb has the header's width itself (a
        note's second line never has; the next transaction always has)."""
        return any(self._looks_like_record(line) for line in self.source[index + 1:index + used])

    def _looks_like_record(self, line: str) -> bool:
        try:
            return len(self._literal(line)) >= self.width
        except csv.Error:  # a stray CR: whatever it is, it is not a clean record
            return False

    def _literal(self, line: str) -> list[str]:
        """The cells of one line whose quote never closes: closed at the line end if that
        gives the header's width, else every quote taken literally."""
        text = line.rstrip("\n")
        closed = next(csv.reader([text], delimiter=self.delimiter), [])
        cells = self._fit([cell.strip(STRIP) for cell in closed])
        if len(cells) == self.width:
            return cells
        raw = next(csv.reader([text], delimiter=self.delimiter, quoting=csv.QUOTE_NONE), [])
        return self._fit([_unwrap(cell).strip(STRIP) for cell in raw])

    def _fit(self, cells: list[str]) -> list[str]:
        """Drop the trailing empty cells the header also has (Alipay's trailing comma)."""
        while len(cells) > self.width and len(cells) <= self.width + self.slack and cells[-1] == "":
            cells.pop()
        return cells

    def _accept(self, number: int, cells: list[str], stray_quote: bool = False) -> None:
        if not any(cells):
            return
        if not _fits_cap(cells):
            longest = max(len(cell) for cell in cells)
            self._reject(number, "field-too-long",
                         f"a cell is {longest} characters long (limit {MAX_FIELD_CHARS})", cells)
        elif len(cells) != self.width:
            if stray_quote:
                self._reject(number, "unclosed-quote",
                             f"a quote opened on line {number} is never closed, and the line "
                             f"read on its own has {len(cells)} cells where the header has "
                             f"{self.width}", cells)
            else:
                self._reject(number, "ragged-row",
                             f"{len(cells)} cells where the header has {self.width}", cells)
        else:
            self.rows.append(cells)
            self.lines.append(number)

    def _reject(self, number: int, reason: str, message: str, cells=()) -> None:
        kept = tuple(cell[:200] for cell in cells)  # never hold a huge cell twice
        self.rejected.append(Rejected(number, reason, message, kept))


def is_blank_line(line, delimiter: str = ",") -> bool:
    """A line whose cells, read on its own, are all empty (``,,,``, ``""``): not a record."""
    if isinstance(line, _TooLong):
        return False
    try:
        cells = next(csv.reader([line.rstrip("\n")], delimiter=delimiter), [])
    except csv.Error:
        return False
    return not any(cell.strip(STRIP) for cell in cells)


def _fits_cap(cells: list[str]) -> bool:
    return all(len(cell) <= MAX_FIELD_CHARS for cell in cells)


def _unwrap(cell: str) -> str:
    """A cell read with quotes literal, whole-cell quotes removed (``""`` -> ``"``); a lone
    stray quote stays part of the text."""
    stripped = cell.strip(STRIP)
    if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
        return stripped[1:-1].replace('""', '"')
    return cell


def _check_truncated(table: Table, path, encoding, total, width, delimiter) -> None:
    """A file that stops mid-record: its last row is rejected as truncated, not kept."""
    tail = tail_lines(path, encoding, total)
    if not tail:
        return  # the last line alone is longer than the tail read: rejected as too long
    last_text = tail[-1][1]
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
