"""``walletwatch check``: import new exports into the store, alert only on what is new.

Order matters for "alert exactly once": the import, the alerts, their fingerprints and the
outbox rows are written in ONE transaction; notifiers run only after it commits, and each
successful delivery flips its outbox row. Killed before the commit: nothing happened and the
re-run does it all. Killed after: the re-run finds nothing new and delivers the outbox.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from walletwatch.errors import FileMissing, NotAFile
from walletwatch.cases import log as cases
from walletwatch.store import alerts, txns
from walletwatch.store.db import StoreError, default_state_path, open_store, utc_now
from walletwatch.scheduled.results import CheckResult, FileOutcome
from walletwatch.scheduled.settings import CheckSettings, load_settings

PARTIAL = (".part", ".crdownload", ".download", ".tmp")  # downloads still in progress
FAULT_HOOK: Callable[[str], None] | None = None  # tests inject failures at named points


def _fault(point: str) -> None:
    """Simulate a crash at ``point`` (``WALLETWATCH_FAULT=<point>`` kills the process)."""
    if os.environ.get("WALLETWATCH_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if FAULT_HOOK is not None:
        FAULT_HOOK(point)


def inbox_files(inbox: str | Path) -> list[Path]:
    folder = Path(inbox)
    if not folder.is_dir():
        raise FileMissing(f"inbox folder {folder} not found", "check --inbox", str(folder))
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                  and not p.name.endswith(PARTIAL))


def _inputs(paths: list[str | Path], inbox: str | Path | None) -> list[Path]:
    files = [Path(p) for p in paths]
    for path in files:
        if not path.exists():
            raise FileMissing(f"{path} not found", "check the path", str(path))
        if not path.is_file():
            raise NotAFile(f"{path} is not a file", "use --inbox DIR for a folder", str(path))
    if inbox is not None:
        files += inbox_files(inbox)
    return files


@dataclass
class _Plan:
    new: list[Path] = field(default_factory=list)
    outcomes: list[FileOutcome] = field(default_factory=list)


def _plan(conn: Any, files: list[Path]) -> _Plan:
    """Which files to read, by content hash: a file imported in full is read once; one that
    lost rows ("partial") is read again, so a fixed reader can recover them; one refused by
    this version of walletwatch is skipped (reported once, by the check that refused it)."""
    from walletwatch import __version__
    from walletwatch.ingest import sha256_of

    plan, seen = _Plan(), set()
    for path in files:
        digest = sha256_of(path)
        row = conn.execute("SELECT status, note, provider FROM files WHERE sha256 = ?",
                           (digest,)).fetchone()
        if digest in seen or (row is not None and row[0] == "imported"):
            provider = row[2] if row is not None else None
            plan.outcomes.append(FileOutcome(str(path), digest, "already-imported",
                                             provider=provider))
            continue
        if row is not None and row[0] == "refused" and _refused_by(row[1]) == __version__:
            plan.outcomes.append(FileOutcome(str(path), digest, "skipped", note=row[1]))
            continue
        seen.add(digest)
        plan.new.append(path)
    return plan


def _refused_by(note: str | None) -> str | None:
    """The version in a refusal note ``"<code> (walletwatch <version>)"``."""
    if not note or "(walletwatch " not in note:
        return None
    return note.rsplit("(walletwatch ", 1)[1].rstrip(")")


def _load(paths: list[Path]) -> Any:
    """Read the new files; one that makes the reader fail unexpectedly is reported as
    unreadable and the others are read without it (one bad file in an inbox must not stop
    every scheduled check)."""
    from walletwatch.ingest import load

    try:
        return load(paths)
    except Exception:  # which file? read them one by one below
        pass
    good, broken = [], []
    for path in paths:
        try:
            load([path])
            good.append(path)
        except Exception as exc:  # a reader bug: reported as this file's error
            broken.append(_unreadable(path, exc))
    loaded = load(good) if good else _empty_result()
    loaded.files.extend(broken)
    return loaded


def _unreadable(path: Path, exc: Exception) -> Any:
    from walletwatch.errors import InputError
    from walletwatch.ingest import FileReport, sha256_of

    detail = (str(exc).strip().splitlines() or [""])[0][:200]
    error = InputError(f"could not be read ({type(exc).__name__}: {detail})",
                       f"`walletwatch --traceback inspect {path}` shows why; the other files "
                       "were imported", str(path))
    return FileReport(path=str(path), sha256=sha256_of(path), error=error)


def _empty_result() -> Any:
    from walletwatch.ingest import IngestResult
    from walletwatch.schema import empty_frame

    return IngestResult(empty_frame(), [])


def run_check(paths: list[str | Path] = (), *, inbox: str | Path | None = None,
              state: str | Path | None = None, config_path: str | Path | None = None,
              notify: list[str] | None = None, today: date | None = None,
              echo: Callable[[str], None] | None = None,
              show_identifiers: bool = False) -> CheckResult:
    """Import new exports, find what is new since the last check, notify, report.

    Args:
        paths: export files; inbox: a folder whose files are all considered.
        state: the store file (default ``walletwatch.store.default_state_path()``).
        config_path: the TOML config (checks, ``[check]`` and ``[notify]`` tables).
        notify: notifier names replacing the config's ``[notify] channels``.
        today: the date for "follow-up date has passed" (default: today).
        echo: where the ``stdout`` notifier writes (default ``print``).
        show_identifiers: notifiers get identifiers unmasked (also ``[notify]``'s setting).
    """
    settings = load_settings(config_path, notify)
    settings.notify.show_identifiers |= show_identifiers
    files = _inputs(list(paths), inbox)
    try:
        return _run(files, state, settings, today, echo)
    except sqlite3.DatabaseError as exc:  # e.g. a page damaged after the opening check
        raise StoreError(f"the state store failed: {exc}",
                         "restore a backup or pass another file with --state",
                         str(state or default_state_path())) from exc


def _run(files: list[Path], state: str | Path | None, settings: CheckSettings,
         today: date | None, echo: Callable[[str], None] | None) -> CheckResult:
    with open_store(state) as store:
        plan = _plan(store.conn, files)
        result = _import_and_alert(store, plan, settings)
        _fault("after-commit")
        result.deliveries = deliver_outbox(store, settings, echo, result)
        result.cases_due = cases.due(store.conn, today or date.today())
        result.open_findings = alerts.open_count(store.conn)
        result.outbox_pending = len(alerts.pending(store.conn))
    return result


def _import_and_alert(store: Any, plan: _Plan, settings: CheckSettings) -> CheckResult:
    from walletwatch.scheduled.incremental import alert_new

    loaded = _load(plan.new) if plan.new else None
    result = CheckResult(files=plan.outcomes)
    with store.transaction() as conn:
        now = utc_now()
        run_id = conn.execute("INSERT INTO runs (started_at, allowlist) VALUES (?, ?)",
                              (now, settings.allowlist_json())).lastrowid
        result.run_id = run_id
        if loaded is not None:
            _import(conn, loaded, run_id, now, result)
        events, as_of, zone, refit = alert_new(conn, run_id, result.new_ids, settings, now,
                                               loaded)
        result.events, result.as_of, result.zone, result.refit = events, as_of, zone, refit
        if events:
            alerts.enqueue(conn, run_id, settings.notify.channels, result.payload(), now)
        conn.execute("UPDATE runs SET as_of = ?, files = ?, new_rows = ?, duplicate_rows = ?,"
                     " new_findings = ? WHERE id = ?",
                     (as_of.isoformat() if as_of is not None else None, result.imported_files,
                      result.new, result.duplicate, len(events), run_id))
        _fault("before-commit")
    return result


def _import(conn: Any, loaded: Any, run_id: int, now: str, result: CheckResult) -> None:
    good = [r for r in loaded.files if r.ok]
    providers = {r.format: r.provider for r in good}
    shas = {r.path: r.sha256 for r in good}
    before = txns.max_id(conn)
    imported = txns.import_frame(conn, loaded.frame, providers, shas)
    per_file = dict(conn.execute("SELECT file_sha256, count(*) FROM transactions WHERE id > ?"
                                 " GROUP BY file_sha256", (before,)).fetchall())
    for report in loaded.files:
        if not report.ok:
            _record_refused(conn, report, now, run_id)
            result.files.append(FileOutcome(report.path, report.sha256, "error",
                                            error=report.error))
            continue
        new = int(per_file.get(report.sha256, 0))
        # rows lost: not "imported", so the next check reads the file again (imports are
        # idempotent by transaction key) and a fixed reader recovers what this one rejected
        status = "partial" if report.rows_rejected else "imported"
        _record_read(conn, report, status, new, now, run_id)
        result.files.append(FileOutcome(report.path, report.sha256, status, report.rows_ok,
                                        new, rejected=report.rows_rejected,
                                        provider=report.provider))
    result.new_ids = imported.new_ids


def _record_read(conn: Any, report: Any, status: str, new: int, now: str, run_id: int) -> None:
    """Record a file read in this run; a file already imported in full by an overlapping
    run keeps that run's record."""
    conn.execute("INSERT INTO files (sha256, path, format, provider, rows_ok, rows_new,"
                 " imported_at, run_id, status, rows_rejected, note)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
                 " ON CONFLICT (sha256) DO UPDATE SET path = excluded.path,"
                 " format = excluded.format, provider = excluded.provider,"
                 " rows_ok = excluded.rows_ok, rows_new = excluded.rows_new,"
                 " imported_at = excluded.imported_at, run_id = excluded.run_id,"
                 " status = excluded.status, rows_rejected = excluded.rows_rejected, note = NULL"
                 " WHERE files.status != 'imported'",
                 (report.sha256, report.path, report.format, report.provider, report.rows_ok,
                  new, now, run_id, status, report.rows_rejected))


def _record_refused(conn: Any, report: Any, now: str, run_id: int) -> None:
    """Remember a file this version cannot read, so later checks skip it quietly."""
    from walletwatch import __version__

    from walletwatch.ingest import sha256_of

    if not report.sha256:  # refused before ingest hashed it (e.g. an unknown format)
        try:
            report.sha256 = sha256_of(Path(report.path))
        except OSError:
            return  # gone or unreadable: nothing to remember it by
    note = f"{report.error.code} (walletwatch {__version__})"
    conn.execute("INSERT INTO files (sha256, path, format, provider, rows_ok, rows_new,"
                 " imported_at, run_id, status, rows_rejected, note)"
                 " VALUES (?, ?, '', '', 0, 0, ?, ?, 'refused', 0, ?)"
                 " ON CONFLICT (sha256) DO UPDATE SET status = 'refused', note = excluded.note,"
                 " imported_at = excluded.imported_at, run_id = excluded.run_id"
                 " WHERE files.status != 'imported'",
                 (report.sha256, report.path, now, run_id, note))


def deliver_outbox(store: Any, settings: CheckSettings, echo: Callable[[str], None] | None,
                   result: CheckResult | None = None) -> list[Any]:
    """Deliver every pending outbox row (this run's and earlier failures) exactly once.

    The rows are claimed in one ``BEGIN IMMEDIATE`` transaction before anything is sent, so a
    check running at the same time on the same state never sends them too. Rows of notifiers
    not configured now stay pending for when they are configured again.
    """
    from walletwatch.notify import deliver

    token = uuid.uuid4().hex
    with store.transaction() as conn:
        items = alerts.claim(conn, list(settings.notify.channels), token, utc_now())
    deliveries = []
    for item in items:
        if item.channel == "stdout" and result is not None and item.run_id != result.run_id:
            result.redelivered.append(item.payload)
        outcome = deliver(item.channel, item.payload, settings.notify, echo)
        _fault("after-send")
        state = {"sent": "sent", "skipped": "skipped"}.get(outcome.state, "pending")
        with store.transaction() as conn:
            alerts.mark(conn, item.id, state, outcome.error, utc_now(), token)
        deliveries.append(outcome)
    return deliveries
