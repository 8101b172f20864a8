"""The importer protocol and the small data types every importer shares.

An importer is one small class per export format (beangulp style): a cheap ``sniff`` that looks
only at the decoded head of the file, then ``parse``. Simple CSV layouts are declared with
``walletwatch.ingest.layout.Layout`` rather than coded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pandas as pd

# Stable codes for rejected rows and file notices (data, never prose matched in tests).
REJECT_CODES = {
    "bad-time": "the time could not be read",
    "bad-amount": "the amount could not be read",
    "bad-currency": "the currency is not an ISO 4217 code",
    "ragged-row": "the row has a different number of cells than the header",
    "truncated-row": "the last record is cut short; the file looks truncated",
    "missing-value": "a required cell is empty",
    "bad-encoding": "the row has bytes that are not valid in the file's encoding",
    "unclosed-quote": "a quote opened on this line never closes and the line alone does not "
                      "fit the header; the lines after it were read as their own records",
    "field-too-long": "a cell (or the whole line) is longer than any statement cell can be",
}
# Reasons that mean the reader could not take the row apart (as opposed to a cell it could not
# convert): a file with such rows was not read completely.
UNREADABLE_CODES = frozenset({"ragged-row", "truncated-row", "bad-encoding", "unclosed-quote",
                              "field-too-long"})
NOTICE_CODES = {
    "unknown-status": "a status string this importer does not know; mapped to 'unknown'",
    "unknown-column": "a column this importer does not know; kept out of the normalised table",
    "count-mismatch": "the record count printed in the preamble differs from the rows present",
    "duplicate-across-files": "rows already read from an earlier file were counted once",
    "rounded-amount": "a numeric amount with float noise was rounded to the currency's minor unit",
    "unknown-time-zone": "a time-zone abbreviation this importer does not know; read in the "
                         "fallback zone",
    "inferred-year": "dates written without a year were given one from the rows around them",
}


@dataclass(frozen=True)
class Sample:
    """What detection may look at: the head of a file, decoded once."""

    path: Path
    size: int
    head: bytes
    encoding: str | None  # the text encoding, None for xlsx
    lines: tuple[str, ...]  # decoded head lines without line endings (text files)
    kind: str = "text"  # "text" or "xlsx"
    sheets: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()  # xlsx: (name, head rows)
    lenient: bool = False  # a few undecodable bytes: rows holding them are rejected

    def find_line(self, *tokens: str, limit: int = 200) -> int | None:
        """1-based number of the first head line containing every token, else None."""
        for number, line in enumerate(self.lines[:limit], start=1):
            if all(token in line for token in tokens):
                return number
        return None


@dataclass(frozen=True)
class Detection:
    """An importer's claim on a file. Higher ``score`` wins; a tie is an error."""

    format: str
    score: float
    header_line: int  # 1-based line (or worksheet row) of the header
    reason: str
    sheet: str | None = None


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str  # a code from REJECT_CODES
    message: str
    cells: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "reason": self.reason, "message": self.message}


@dataclass(frozen=True)
class Notice:
    code: str  # a code from NOTICE_CODES
    message: str
    line: int | None = None
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.line is not None:
            out["line"] = self.line
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass
class ParseOptions:
    tz: str | None = None  # overrides the provider's zone
    encoding: str | None = None
    progress: Any = None  # a callable(advance_bytes) or None


@dataclass
class Parsed:
    """What ``Importer.parse`` returns for one file."""

    frame: pd.DataFrame
    rejected: list[Rejected] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # period_start/end, exported_at, declared_rows
    # header_line, footer_line (None without a footer), continued_lines (2nd, 3rd … lines of
    # multi-line records): with rows_total they account for every line of the file.
    accounting: dict[str, Any] = field(default_factory=dict)

    @property
    def rows_total(self) -> int:
        return len(self.frame) + len(self.rejected)


class Importer(Protocol):
    name: str  # kebab-case format name, e.g. "alipay-app"
    title: str  # human title, e.g. "Alipay 支付宝 app export (2023+)"
    provider: str  # e.g. "alipay"; dedup across files happens per provider
    recognised_by: str  # one line for `walletwatch formats`

    def sniff(self, sample: Sample) -> Detection | None: ...

    def parse(self, sample: Sample, detection: Detection, options: ParseOptions) -> Parsed: ...


def physical_lines(text: str) -> tuple[str, ...]:
    """Split on newlines only: a stray CR or form feed inside a line must not shift numbering."""
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return tuple(part[:-1] if part.endswith("\r") else part for part in parts)
