"""``make_report``: exports or a saved scan document in, one evidence pack file out.

This is the one library call behind ``walletwatch report``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from walletwatch.cases.api import load_case
from walletwatch.errors import ConfigError, InputError
from walletwatch.report.build import Report, build_report
from walletwatch.report.render import format_for, write_report


@dataclass
class ReportOutcome:
    path: Path
    format: str
    report: Report
    notes: list[str] = field(default_factory=list)


def read_scan_document(path: str | Path) -> dict[str, Any] | None:
    """The scan document in ``path``, or None when the file is not one (e.g. an export)."""
    path = Path(path)
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a readable JSON scan document: {exc}",
                         "save one with `walletwatch scan --json FILE > scan.json`",
                         str(path)) from exc
    if not isinstance(data, dict) or "schema_version" not in data or "findings" not in data:
        return None
    if data["schema_version"] != 1:
        raise InputError(f"scan document schema_version {data['schema_version']} is not "
                         "supported", "re-create it with this walletwatch version", str(path))
    return data


def _scan(files: list[str], scan_options: dict[str, Any]):
    """Run the scan on exports: (scan document, chart activity)."""
    from walletwatch.report.chart import activity_points
    from walletwatch.pipeline import scan

    result = scan(files, **scan_options)
    for report in getattr(result.ingest, "files", []) or []:
        if report.error is not None:
            raise report.error
    return result.document(), activity_points(result.frame)


def _stage(progress: Any, name: str) -> None:
    """Tell a progress display (anything with ``stage``; the scan's) that a stage starts."""
    if progress is not None and hasattr(progress, "stage"):
        progress.stage(name)


def make_report(files: list[str], out: str | Path, *, case: str | Path | None = None,
                state: str | Path | None = None, lang: str | None = None, jurisdiction: str | None = None,
                finding_ids: list[str] | None = None, show_identifiers: bool = False,
                font: str | None = None, now: datetime | None = None,
                scan_options: dict[str, Any] | None = None) -> ReportOutcome:
    """Build the evidence pack and write it in the format ``out``'s extension names.

    Args:
        files: statement exports, or one saved scan document (``scan --json``).
        out: the file to write (``.md``, ``.html``, ``.pdf``, ``.json`` or ``.csv``).
        case: the case file or a stored case id (see ``walletwatch.cases.api.load_case``).
        state: the state file a stored case lives in (``case open --state PATH``).
        scan_options: passed to ``walletwatch.pipeline.scan`` (config, as_of, format, ...).
    """
    kind = format_for(out)  # fail on a bad extension before any work
    if not files:
        raise ConfigError("no input given", "pass statement exports or a saved scan document")
    documents = [read_scan_document(f) for f in files]
    if any(d is not None for d in documents):
        if len(files) != 1:
            raise ConfigError("a saved scan document must be the only input",
                              "pass either one scan document or the exports")
        scan_doc, activity = documents[0], None
    else:
        scan_doc, activity = _scan(files, scan_options or {})
    # Building and writing the pack is the rest of the time: the display says so.
    _stage((scan_options or {}).get("progress"), "writing")
    loaded = load_case(case, state)
    report = build_report(scan_doc, loaded, lang=lang, jurisdiction=jurisdiction,
                          show_identifiers=show_identifiers, finding_ids=finding_ids, now=now,
                          activity=activity)
    notes = write_report(report, out, font_path=font)
    return ReportOutcome(Path(out), kind, report, notes)
