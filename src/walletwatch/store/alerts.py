"""Findings already alerted, their fingerprints, and the notifier outbox.

A finding's ``id`` is stable for the same transactions, so it says *whether* we told the owner;
the fingerprint says *what* we told them: severity, the statuses of its transactions, and for a
stuck item how many re-alert deadlines have passed. The same finding is alerted again only when
its fingerprint changes (a stuck top-up still pending after the second deadline, a status
change) or when an alerted finding is resolved.

Alerts, their events and the outbox rows are written in the caller's transaction; delivery
happens after the commit and only flips outbox rows, so a check killed at any point alerts
exactly once: either nothing was committed (the re-run alerts) or the outbox holds it (the
re-run delivers it).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from walletwatch.findings import Finding

DEFAULT_REALERT_DAYS = (7.0, 30.0)  # a stuck item still pending this long is alerted again


def stage(finding: Finding, as_of: datetime | None, realert_days: tuple[float, ...]) -> int:
    """How many re-alert deadlines a stuck finding has passed at ``as_of`` (0 otherwise)."""
    if finding.category != "stuck" or as_of is None or not finding.transactions:
        return 0
    first = min(datetime.fromisoformat(t.time) for t in finding.transactions)
    age_days = (as_of - first).total_seconds() / 86400
    return sum(1 for days in realert_days if age_days >= days)


def fingerprint(finding: Finding, as_of: datetime | None,
                realert_days: tuple[float, ...] = DEFAULT_REALERT_DAYS) -> str:
    facts = {
        "severity": finding.severity,
        "statuses": sorted(f"{t.txn_id}:{t.status}" for t in finding.transactions),
        "stage": stage(finding, as_of, realert_days),
    }
    text = json.dumps(facts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Event:
    kind: str  # "new", "changed" or "resolved"
    finding: Finding
    fingerprint: str


def record(conn: sqlite3.Connection, run_id: int, findings: list[tuple[Finding, str]],
           now: str) -> list[Event]:
    """Record findings; return the events worth telling the owner about."""
    events: list[Event] = []
    for finding, print_ in findings:
        row = conn.execute("SELECT state, fingerprint FROM alerts WHERE finding_id = ?",
                           (finding.id,)).fetchone()
        body = json.dumps(finding.to_dict(), ensure_ascii=False, sort_keys=True)
        if row is None:
            conn.execute(
                "INSERT INTO alerts (finding_id, check_code, category, severity, state,"
                " first_alerted_at, last_alerted_at, finding, fingerprint)"
                " VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)",
                (finding.id, finding.check, finding.category, finding.severity, now, now, body,
                 print_))
            events.append(Event("new", finding, print_))
            continue
        state, old = row
        if state == "open" and old == print_:
            continue
        conn.execute(
            "UPDATE alerts SET state = 'open', severity = ?, fingerprint = ?, finding = ?,"
            " last_alerted_at = ? WHERE finding_id = ?",
            (finding.severity, print_, body, now, finding.id))
        events.append(Event("changed", finding, print_))
    _log(conn, run_id, events)
    return events


def resolve(conn: sqlite3.Connection, run_id: int, finding_ids: list[str], now: str) -> list[Event]:
    """Mark open alerted findings resolved; return one event each."""
    events = []
    for finding_id in sorted(finding_ids):
        row = conn.execute("SELECT finding FROM alerts WHERE finding_id = ? AND state = 'open'",
                           (finding_id,)).fetchone()
        if row is None:
            continue
        conn.execute("UPDATE alerts SET state = 'resolved', last_alerted_at = ?"
                     " WHERE finding_id = ?", (now, finding_id))
        events.append(Event("resolved", Finding.from_dict(json.loads(row[0])), "resolved"))
    _log(conn, run_id, events)
    return events


def _log(conn: sqlite3.Connection, run_id: int, events: list[Event]) -> None:
    conn.executemany(
        "INSERT INTO alert_events (run_id, finding_id, kind, fingerprint) VALUES (?, ?, ?, ?)",
        [(run_id, e.finding.id, e.kind, e.fingerprint) for e in events])


def open_alerts(conn: sqlite3.Connection) -> list[Finding]:
    rows = conn.execute("SELECT finding FROM alerts WHERE state = 'open' ORDER BY finding_id")
    return [Finding.from_dict(json.loads(r[0])) for r in rows]


def open_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM alerts WHERE state = 'open'").fetchone()[0])


def get(conn: sqlite3.Connection, finding_id: str) -> Finding | None:
    row = conn.execute("SELECT finding FROM alerts WHERE finding_id = ?", (finding_id,)).fetchone()
    return None if row is None else Finding.from_dict(json.loads(row[0]))


# --- outbox ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class OutboxItem:
    id: int
    run_id: int
    channel: str
    payload: dict
    attempts: int


def enqueue(conn: sqlite3.Connection, run_id: int, channels: list[str], payload: dict,
            now: str) -> None:
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    conn.executemany(
        "INSERT INTO outbox (run_id, channel, payload, created_at) VALUES (?, ?, ?, ?)",
        [(run_id, channel, body, now) for channel in channels])


CLAIM_LEASE_SECONDS = 15 * 60  # longer than any notifier's timeout (command: 60 s)


def pending(conn: sqlite3.Connection) -> list[OutboxItem]:
    """Rows not delivered yet: waiting, or claimed by a run that is sending them."""
    rows = conn.execute("SELECT id, run_id, channel, payload, attempts FROM outbox"
                        " WHERE state IN ('pending', 'sending') ORDER BY id")
    return [OutboxItem(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]


def claim(conn: sqlite3.Connection, channels: list[str], token: str, now: str) -> list[OutboxItem]:
    """Take the rows this run will deliver, in the caller's ``BEGIN IMMEDIATE`` transaction.

    A row is claimed by one run only: overlapping checks each get different rows (or none),
    so every alert is delivered exactly once. A claim older than ``CLAIM_LEASE_SECONDS`` was
    left by a run killed while sending; it is taken over (at least once beats never).
    """
    from datetime import datetime, timedelta

    stale = (datetime.fromisoformat(now) - timedelta(seconds=CLAIM_LEASE_SECONDS)).isoformat()
    marks = ", ".join("?" for _ in channels)
    rows = conn.execute(
        "SELECT id, run_id, channel, payload, attempts FROM outbox"
        f" WHERE channel IN ({marks}) AND (state = 'pending'"
        "  OR (state = 'sending' AND claimed_at < ?)) ORDER BY id",
        (*channels, stale)).fetchall()
    conn.executemany("UPDATE outbox SET state = 'sending', claim = ?, claimed_at = ? WHERE id = ?",
                     [(token, now, r[0]) for r in rows])
    return [OutboxItem(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]


def mark(conn: sqlite3.Connection, item_id: int, state: str, error: str | None, now: str,
         token: str | None = None) -> None:
    """``state``: "sent", "skipped" (no such facility here) or "pending" (failed; retry).

    With ``token``, only a row still claimed by that run is changed (a run whose lease ran
    out must not overwrite the run that took the row over)."""
    delivered = now if state != "pending" else None
    guard, args = ("", ()) if token is None else (" AND claim = ?", (token,))
    conn.execute("UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?,"
                 f" delivered_at = ?, claim = NULL, claimed_at = NULL WHERE id = ?{guard}",
                 (state, error, delivered, item_id, *args))
