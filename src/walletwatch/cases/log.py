"""Complaint cases: which findings they cover, the communication log, the next follow-up date.

A case is opened from alerted findings on one channel, on a date, with the firm's reference
number. Its *clock* starts then (and restarts when the owner logs an ``escalation`` to another
channel); the follow-up date comes from ``walletwatch.cases.deadlines``. Opening a second case
for transactions already in an open case is allowed only after the caller confirms it:
repeated duplicate complaints hurt (founding document). The rows themselves are kept by
``walletwatch.store.case_rows``; this module decides what they say.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from walletwatch.errors import ConfigError, FileMissing
from walletwatch.findings import Finding
from walletwatch.cases import deadlines
from walletwatch.cases.deadlines import FollowUp
from walletwatch.providers import provider_of
from walletwatch.store import alerts, case_rows

LOG_KINDS = ("contact", "reply", "escalation", "note")


def txn_key(ref: Any) -> str:
    """One transaction across cases (same parts as ``Finding.with_id`` uses)."""
    return f"{ref.source_format}:{ref.txn_id}:{ref.time}:{ref.amount}"


def check_channel(code: str) -> str:
    if code not in deadlines.CHANNELS:
        raise ConfigError(f"unknown channel {code!r}",
                          f"use one of: {', '.join(deadlines.CHANNELS)}")
    return code


def findings_for(conn: sqlite3.Connection, finding_ids: list[str]) -> list[Finding]:
    """The alerted findings named; an unknown id is a usage error."""
    out = []
    for finding_id in finding_ids:
        finding = alerts.get(conn, finding_id)
        if finding is None:
            raise ConfigError(f"no alerted finding {finding_id!r} in the state store",
                              "use an id from `walletwatch check --json` (new_findings[].id)")
        out.append(finding)
    return out


def overlapping(conn: sqlite3.Connection, finding_ids: list[str]) -> dict[str, int]:
    """Open cases already covering any of these findings' transactions: case id -> count."""
    keys = {txn_key(t) for f in findings_for(conn, finding_ids) for t in f.transactions}
    counts: dict[str, int] = {}
    for key in sorted(keys):
        for case_id in case_rows.open_cases_with(conn, key):
            counts[case_id] = counts.get(case_id, 0) + 1
    return dict(sorted(counts.items()))


def open_case(conn: sqlite3.Connection, finding_ids: list[str], *, channel: str,
              opened_on: date, reference: str | None = None, provider: str | None = None,
              remind_days: int | None = None, remind_on: date | None = None,
              now: str) -> str:
    """Record a new open case (caller's transaction); return its id (``C-0001`` …)."""
    check_channel(channel)
    found = findings_for(conn, finding_ids)
    case_id = f"C-{case_rows.count(conn) + 1:04d}"
    provider = provider or _provider(found)
    case_rows.insert_case(conn, case_id, provider=provider, channel=channel, opened_on=opened_on,
                          reference=reference, remind_days=remind_days, remind_on=remind_on,
                          now=now)
    case_rows.cover(conn, case_id, [f.id for f in found],
                    sorted({txn_key(t) for f in found for t in f.transactions}))
    add_log(conn, case_id, day=opened_on, kind="contact", channel=channel, ticket=reference,
            summary="complaint opened", now=now)
    return case_id


def _provider(found: list[Finding]) -> str | None:
    formats = sorted({t.source_format for f in found for t in f.transactions if t.source_format})
    return provider_of(formats[0]) if formats else None


def add_log(conn: sqlite3.Connection, case_id: str, *, day: date, kind: str = "contact",
            channel: str | None = None, agent: str | None = None, ticket: str | None = None,
            summary: str | None = None, attachment: str | Path | None = None,
            remind_on: date | None = None, now: str) -> int:
    """Add one communication record; an ``escalation`` restarts the case's clock."""
    _require(conn, case_id)
    if kind not in LOG_KINDS:
        raise ConfigError(f"unknown log kind {kind!r}", f"use one of: {', '.join(LOG_KINDS)}")
    if channel is not None and kind == "escalation":
        check_channel(channel)  # an escalation restarts the clock of that channel
    digest = _sha256(Path(attachment)) if attachment is not None else None
    row_id = case_rows.insert_log(conn, case_id, day=day, kind=kind, channel=channel,
                                  agent=agent, ticket=ticket, summary=summary,
                                  attachment=str(attachment) if attachment is not None else None,
                                  digest=digest, now=now)
    if kind == "escalation" and channel is not None:
        case_rows.restart_clock(conn, case_id, channel, day)
    if remind_on is not None:
        case_rows.set_remind_on(conn, case_id, remind_on)
    return row_id


def _sha256(path: Path) -> str:
    from walletwatch.ingest import sha256_of

    if not path.is_file():
        raise FileMissing(f"attachment {path} not found", "check the path given to --attach",
                          str(path))
    return sha256_of(path)


def close_case(conn: sqlite3.Connection, case_id: str, *, day: date, note: str | None,
               now: str) -> None:
    _require(conn, case_id)
    case_rows.close(conn, case_id, day, note)
    add_log(conn, case_id, day=day, kind="note", summary=f"case closed: {note or ''}".strip(),
            now=now)


def _require(conn: sqlite3.Connection, case_id: str) -> None:
    if not case_rows.exists(conn, case_id):
        raise ConfigError(f"no case {case_id!r} in the state store", "see `walletwatch case list`")


@dataclass
class CaseView:
    """A case as ``case list`` / ``case show`` / the report see it."""

    id: str
    status: str
    provider: str | None
    channel: str
    opened_on: date
    reference: str | None
    follow_up: FollowUp | None
    closed_on: date | None = None
    finding_ids: list[str] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "provider": self.provider,
            "channel": self.channel, "channel_label": deadlines.channel(self.channel).label,
            "opened_on": self.opened_on.isoformat(), "reference": self.reference,
            "follow_up": self.follow_up.to_dict() if self.follow_up else None,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "finding_ids": self.finding_ids, "log": self.log,
        }


def view(conn: sqlite3.Connection, case_id: str) -> CaseView:
    _require(conn, case_id)
    row = case_rows.case_row(conn, case_id)
    log = case_rows.log_rows(conn, case_id)
    ids = case_rows.finding_ids(conn, case_id)
    (cid, status, provider, channel, opened, reference, remind_days, remind_on, clock_channel,
     clock_start, closed) = row
    follow = None
    if status == "open":
        last = max(date.fromisoformat(e["date"]) for e in log)
        follow = follow_up(clock_channel, date.fromisoformat(clock_start), remind_days,
                           date.fromisoformat(remind_on) if remind_on else None, last)
    return CaseView(cid, status, provider, channel, date.fromisoformat(opened), reference,
                    follow, date.fromisoformat(closed) if closed else None, ids, log)


def follow_up(clock_channel: str, clock_start: date, remind_days: int | None,
              remind_on: date | None, last_contact: date) -> FollowUp:
    """The owner's explicit reminder, else the channel's deadline, else a 7-day reminder."""
    if remind_on is not None:
        return deadlines.reminder_on(remind_on)
    verified = deadlines.deadline(clock_channel, clock_start)
    if verified is not None and remind_days is None:
        return verified
    return deadlines.reminder(last_contact, remind_days)


def list_cases(conn: sqlite3.Connection, status: str | None = None) -> list[CaseView]:
    return [view(conn, case_id) for case_id in case_rows.case_ids(conn, status)]


def due(conn: sqlite3.Connection, today: date) -> list[CaseView]:
    """Open cases whose follow-up date is today or has passed."""
    return [c for c in list_cases(conn, "open") if c.follow_up and c.follow_up.date <= today]
