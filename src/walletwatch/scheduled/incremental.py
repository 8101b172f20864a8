"""Which findings are new since the last check, and which alerted ones were resolved.

After an import, the checks run over a window of the stored history (``history_days`` before
the earliest new transaction, to the end, plus the seed rows of ``walletwatch.store.history``). A finding is
reported when it involves a newly imported transaction, or is a stuck item or a reminder
before an unwanted recurring charge (those become findings as time passes); old rows re-read as context never raise an alert on their own.
An alerted stuck, failed or duplicate finding whose transactions all lie well inside the
window (``MARGIN_DAYS`` after its start, so every rule saw its full context) and which the
checks no longer produce is resolved.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

import pandas as pd

from walletwatch import pipeline
from walletwatch.findings import Finding
from walletwatch.scheduled import detector as stored_detector
from walletwatch.store import alerts, history, marks, txns
from walletwatch.scheduled.settings import MARGIN_DAYS, CheckSettings

RESOLVABLE = ("stuck", "failed", "duplicate")
# Findings that become due as time passes, like stuck items: reported without a fresh row.
TIMELY = ("renewal-due",)
_DAY_NS = 86_400 * 10**9


def _stored_as_of(conn: sqlite3.Connection) -> pd.Timestamp | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'as_of'").fetchone()
    return None if row is None else pd.Timestamp(row[0])


def _as_of(conn: sqlite3.Connection, loaded: Any) -> tuple[pd.Timestamp | None, bool]:
    """The later of the stored as-of time and the new exports'; True when it moved."""
    from walletwatch.asof import resolve

    before = _stored_as_of(conn)
    fresh = resolve(loaded.frame, loaded.files) if loaded is not None else None
    candidates = [t for t in (before, fresh) if t is not None]
    if not candidates:
        return None, False
    now = max(candidates)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('as_of', ?)",
                 (now.isoformat(),))
    return now, before is None or now > before


def _zone(frame: pd.DataFrame) -> str:
    from walletwatch.asof import main_zone

    return main_zone(frame)


def _times(finding: Finding) -> list[datetime]:
    return [datetime.fromisoformat(t.time) for t in finding.transactions]


def alert_new(conn: sqlite3.Connection, run_id: int, new_ids: list[int],
              settings: CheckSettings, now: str, loaded: Any
              ) -> tuple[list[alerts.Event], pd.Timestamp | None, str, str | None]:
    """Run the checks where something changed; record and return the alert events."""
    as_of, moved = _as_of(conn, loaded)
    start_ns = txns.min_time_ns(conn, new_ids)
    if start_ns is None and moved and as_of is not None:
        start_ns = int(as_of.value)  # only time passed: stuck items may now be due
    if start_ns is None or as_of is None:
        zone = conn.execute("SELECT value FROM meta WHERE key = 'zone'").fetchone()
        return [], as_of, zone[0] if zone else "UTC", None
    window_ns = start_ns - int(settings.history_days * _DAY_NS)
    new_since = pd.Timestamp(start_ns, tz="UTC")
    frame = history.history(conn, window_ns, new_since)
    zone = _zone(frame)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('zone', ?)", (zone,))
    detector, refit = stored_detector.ensure(conn, settings.config, settings.allowlist, now)
    owner_marks = marks.from_conn(conn)
    # The rules read the whole window; the stored detector scores the new rows (no refit).
    found = pipeline.find(frame.drop(columns=["store_id"]).reset_index(drop=True),
                 config=settings.config, as_of=as_of, allowlist=sorted(set(settings.allowlist)),
                 detector=detector, new_since=new_since,
                 owner_marks=lambda: owner_marks).findings
    fresh = _keys(frame[frame["store_id"].isin(set(new_ids))])
    report = [f for f in found
              if f.category == "stuck" or f.check in TIMELY or _refs(f) & fresh]
    when = as_of.to_pydatetime()
    events = alerts.record(conn, run_id, [
        (f, alerts.fingerprint(f, when, settings.realert_days)) for f in report], now)
    covered = pd.Timestamp(window_ns + int(MARGIN_DAYS * _DAY_NS), tz="UTC").to_pydatetime()
    gone = _resolved(conn, {f.id for f in found}, covered)
    events += alerts.resolve(conn, run_id, gone, now)
    return events, as_of, zone, refit


def _keys(rows: pd.DataFrame) -> set[tuple[str, int]]:
    """(transaction id, UTC nanoseconds) of rows: how a finding's references are matched."""
    ns = rows["time"].dt.as_unit("ns").astype("int64")
    return set(zip(rows["txn_id"].astype(str), ns.tolist(), strict=True))


def _refs(finding: Finding) -> set[tuple[str, int]]:
    return {(t.txn_id, pd.Timestamp(t.time).value) for t in finding.transactions}


def _resolved(conn: sqlite3.Connection, produced: set[str], covered: datetime) -> list[str]:
    marks = ", ".join("?" for _ in RESOLVABLE)
    rows = conn.execute(f"SELECT finding_id, finding FROM alerts WHERE state = 'open'"
                        f" AND category IN ({marks})", RESOLVABLE).fetchall()
    gone = []
    for finding_id, body in rows:
        if finding_id in produced:
            continue
        finding = Finding.from_dict(json.loads(body))
        if finding.transactions and min(_times(finding)) >= covered:
            gone.append(finding_id)
    return gone
