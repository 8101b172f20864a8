"""Ingest: turn exported statements into one normalised transaction table, losing nothing.

``load(paths)`` reads every file, reports each one (detected format, row counts, rejected rows
with line numbers and reason codes, notices) and returns one table in which a transaction seen
in two overlapping exports is counted once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from walletwatch.columns import sort_order, take_rows
from walletwatch.errors import ConfigError, WalletwatchError
from walletwatch.ingest import registry
from walletwatch.ingest.base import UNREADABLE_CODES, Notice, ParseOptions, Parsed, Rejected
from walletwatch.ingest.sniff import read_sample
from walletwatch.memory import give_back, reuse_freed_memory
from walletwatch.schema import LABEL_COLUMNS, STATUSES, empty_frame, iso_local, ordered_columns


@dataclass
class FileReport:
    """What happened to one input file."""

    path: str
    sha256: str = ""
    format: str = ""
    provider: str = ""
    encoding: str = ""
    rows_total: int = 0
    rows_ok: int = 0
    rows_rejected: int = 0
    duplicates: int = 0  # rows already read from an earlier file
    rejected: list[Rejected] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    status_counts: dict[str, int] = field(default_factory=dict)
    period: dict[str, str | None] = field(default_factory=lambda: {"start": None, "end": None})
    meta: dict[str, Any] = field(default_factory=dict)
    detection: str = ""
    error: WalletwatchError | None = None
    # Line-by-line accounting: the non-blank lines after ``header_line`` (and before
    # ``footer_line``) are ``rows_total`` records, ``continued_lines`` (2nd, 3rd … lines of
    # multi-line records) and ``summary_lines`` (statement balance rows, Venmo).
    header_line: int | None = None
    footer_line: int | None = None
    continued_lines: int = 0
    summary_lines: int = 0
    rows_unreadable: int = 0  # rejected rows the reader could not take apart (UNREADABLE_CODES)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def complete(self) -> bool:
        """Read, and every record taken apart: a caller may mark the file as imported.

        False when the file was refused, or when rows were rejected as ``unclosed-quote``,
        ``field-too-long``, ``ragged-row``, ``truncated-row`` or ``bad-encoding`` (a rejected
        row with an unreadable time or amount is still a record read in full).
        """
        return self.error is None and self.rows_unreadable == 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "encoding": self.encoding,
            "rows_total": self.rows_total,
            "rows_ok": self.rows_ok,
            "rows_rejected": self.rows_rejected,
            "rejected": [r.to_dict() for r in self.rejected],
            "status_counts": self.status_counts,
            "period": self.period,
            "duplicates": self.duplicates,
            "notices": [n.to_dict() for n in self.notices],
            "declared": self.meta,
            "detection": self.detection,
            "rows_unreadable": self.rows_unreadable,
            "complete": self.complete,
        }
        if self.error is not None:
            out["error"] = {"code": self.error.code, "message": self.error.one_line()}
        return out


@dataclass
class IngestResult:
    """All transactions of the given files plus the per-file reports."""

    frame: pd.DataFrame
    files: list[FileReport]

    @property
    def errors(self) -> list[WalletwatchError]:
        return [f.error for f in self.files if f.error is not None]

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"files": [f.to_dict() for f in self.files]}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def load(
    paths: Iterable[str | Path],
    *,
    format: str | None = None,
    encoding: str | None = None,
    tz: str | None = None,
    mapping: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestResult:
    """Read statement exports into one normalised table.

    Args:
        paths: export files (CSV, TXT or XLSX as the wallet delivered them).
        format: an importer name to skip detection (see ``walletwatch formats``).
        encoding: the text encoding, to skip detection.
        tz: the time zone the export's wall-clock times are in, overriding the provider's.
        mapping: a TOML column-mapping file for a CSV layout walletwatch does not know, or the
            same as ``FIELD=COLUMN,...`` pairs (see ``walletwatch.ingest.mapping_flags``).
        progress: called with a number of bytes processed, for progress bars.

    A file that cannot be read does not stop the others: its report carries ``error``.
    """
    _check_tz(tz)
    reuse_freed_memory()
    options = ParseOptions(tz=tz, encoding=encoding, progress=progress)
    forced = _forced_importer(format, mapping)
    reports: list[FileReport] = []
    frames: list[pd.DataFrame] = []
    for raw in paths:
        path = Path(raw)
        report = FileReport(path=str(path))
        reports.append(report)
        try:
            frames.append(_parse_one(path, forced, options, report).frame)
        except WalletwatchError as error:
            if error.path is None:
                error.path = str(path)
            report.error = error
    frame = _combine(frames, reports)  # takes the frames out of the list as it uses them
    give_back()
    return IngestResult(frame, reports)


def _check_tz(tz: str | None) -> None:
    if tz is None:
        return
    try:
        pd.Timestamp("2020-01-01").tz_localize(tz)
    except Exception as exc:
        raise ConfigError(f"unknown time zone {tz!r}", "use an IANA name such as Asia/Shanghai") from exc


def _forced_importer(format: str | None, mapping: str | Path | None):
    if mapping is not None:
        from walletwatch.ingest.mapping import importer_from_dict, importer_from_file
        from walletwatch.ingest.mapping_flags import looks_inline, mapping_from_flags

        if looks_inline(str(mapping)):
            return importer_from_dict(mapping_from_flags(str(mapping)), "--map")
        return importer_from_file(Path(mapping))
    if format is not None:
        return registry.get(format)
    return None


def _parse_one(path: Path, forced, options: ParseOptions, report: FileReport) -> Parsed:
    sample = read_sample(path, options.encoding)
    if forced is not None:
        detection = forced.sniff(sample)
        if detection is None:
            from walletwatch.errors import UnknownFormat

            raise UnknownFormat(
                f"the file does not look like {forced.name}: its header row was not found",
                "check --format, or omit it to detect the format",
                str(path),
            )
        importer = forced
    else:
        importer, detection = registry.detect(sample)
    report.format = importer.name
    report.provider = importer.provider
    report.encoding = sample.encoding or "xlsx"
    report.detection = detection.reason
    # The file's hash is taken on another thread while it is parsed (hashlib lets go of the
    # GIL): on a large export that pass costs no extra time.
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(sha256_of, path)
        try:
            parsed = importer.parse(sample, detection, options)
        finally:
            report.sha256 = digest.result()
    _fill_report(report, parsed)
    return parsed


def _fill_report(report: FileReport, parsed: Parsed) -> None:
    frame = parsed.frame
    report.rows_ok = len(frame)
    report.rows_rejected = len(parsed.rejected)
    report.rows_total = report.rows_ok + report.rows_rejected
    report.rejected = parsed.rejected
    report.rows_unreadable = sum(r.reason in UNREADABLE_CODES for r in parsed.rejected)
    report.header_line = parsed.accounting.get("header_line")
    report.footer_line = parsed.accounting.get("footer_line")
    report.continued_lines = int(parsed.accounting.get("continued_lines") or 0)
    report.summary_lines = int(parsed.accounting.get("summary_lines") or 0)
    report.notices = parsed.notices
    report.meta = parsed.meta
    counts = frame["status"].value_counts()
    report.status_counts = {status: int(counts.get(status, 0)) for status in STATUSES}
    declared = parsed.meta.get("declared_rows")
    if declared is not None and declared != report.rows_total:
        report.notices.append(Notice(
            "count-mismatch",
            f"the preamble says {declared} records; the file has {report.rows_total}",
            value=str(declared),
        ))
    if len(frame):
        first = frame["time"].idxmin()
        last = frame["time"].idxmax()
        report.period = {
            "start": iso_local(frame["time"][first], frame["tz"][first]),
            "end": iso_local(frame["time"][last], frame["tz"][last]),
        }


_DEDUP_KEY = ["txn_id", "time", "amount", "direction", "status"]


def _combine(frames: list[pd.DataFrame], reports: list[FileReport]) -> pd.DataFrame:
    """Concatenate files; a record already read from an earlier file is counted once.

    Identical records *within* one file are all kept (a real double charge looks like that);
    across files the k-th occurrence of a record matches the k-th occurrence elsewhere.
    """
    parts = [f for f in frames if len(f)]
    frames.clear()  # ``_sorted`` frees each unsorted column once it holds the only reference
    if not parts:
        return empty_frame()
    if len(parts) == 1:
        return _sorted(parts.pop())
    provider = {r.format: r.provider for r in reports}
    keyed = []
    for frame in parts:
        frame = frame.copy()
        frame["_provider"] = frame["source_format"].map(provider)
        frame["_occurrence"] = frame.groupby(["_provider", *_DEDUP_KEY]).cumcount()
        keyed.append(frame)
    combined = pd.concat(keyed, ignore_index=True)
    duplicated = combined.duplicated(["_provider", *_DEDUP_KEY, "_occurrence"], keep="first")
    if duplicated.any():
        by_file = combined.loc[duplicated, "source_file"].value_counts()
        for report in reports:
            report.duplicates = int(by_file.get(report.path, 0))
            if report.duplicates:
                report.notices.append(Notice(
                    "duplicate-across-files",
                    f"{report.duplicates} rows were already read from an earlier file",
                ))
    combined = combined.loc[~duplicated].drop(columns=["_provider", "_occurrence"])
    return _sorted(combined)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Chronological order (exports list newest first); ties keep file order."""
    files = frame["source_file"]
    # One file name throughout orders nothing: not worth hashing a million times.
    one_file = len(files) and bool((files == files.iat[0]).all())
    del files
    keys = ["time", "source_line"] if one_file else ["time", "source_file", "source_line"]
    order = sort_order(frame, keys)
    return take_rows(frame, order, ordered_columns(frame), consume=True, labels=LABEL_COLUMNS)
