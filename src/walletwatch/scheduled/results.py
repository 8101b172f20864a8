"""What a check returns and the ``--json`` document built from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from walletwatch.findings import at_least

READ = ("imported", "partial")  # outcomes of files read in this run


@dataclass
class FileOutcome:
    path: str
    sha256: str
    # "imported"; "partial" (rows rejected: read again next check); "already-imported";
    # "error" (could not be read); "skipped" (refused by an earlier check of this version)
    status: str
    rows: int = 0
    new: int = 0
    error: Any = None
    rejected: int = 0
    note: str | None = None
    provider: str | None = None  # known once the file was read (now or by an earlier check)

    def to_dict(self) -> dict[str, Any]:
        out = {"path": self.path, "sha256": self.sha256}
        if self.provider is not None:
            out["provider"] = self.provider
        out |= {"status": self.status, "rows": self.rows, "new": self.new}
        if self.status == "partial":
            out["rejected"] = self.rejected
        if self.note:
            out["note"] = self.note
        if self.error is not None:
            out["error"] = {"code": self.error.code, "message": self.error.one_line()}
        return out


@dataclass
class CheckResult:
    files: list[FileOutcome] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)  # walletwatch.store.alerts.Event
    redelivered: list[dict[str, Any]] = field(default_factory=list)  # earlier stdout payloads
    deliveries: list[Any] = field(default_factory=list)  # walletwatch.notify.Delivery
    cases_due: list[Any] = field(default_factory=list)  # walletwatch.cases.log.CaseView
    open_findings: int = 0
    outbox_pending: int = 0  # alerts not yet delivered (retried next run)
    as_of: Any = None  # pd.Timestamp (UTC) or None
    zone: str = "UTC"
    refit: str | None = None
    run_id: int | None = None

    @property
    def imported_files(self) -> int:
        return sum(f.status in READ for f in self.files)

    @property
    def partial(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "partial"]

    @property
    def skipped(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "skipped"]

    @property
    def new(self) -> int:
        return len(self.new_ids)

    @property
    def duplicate(self) -> int:
        return sum(f.rows for f in self.files if f.status in READ) - self.new

    @property
    def errors(self) -> list[Any]:
        return [f.error for f in self.files if f.error is not None]

    def as_of_text(self) -> str | None:
        return None if self.as_of is None else self.as_of.tz_convert(self.zone).isoformat()

    def payload(self) -> dict[str, Any]:
        """What the notifiers receive for this run (no wall-clock time: deterministic)."""
        new = [{**e.finding.to_dict(), "alert": e.kind} for e in self.events
               if e.kind != "resolved"]
        resolved = [{**e.finding.to_dict(), "alert": "resolved"} for e in self.events
                    if e.kind == "resolved"]
        return {"tool": "walletwatch", "run_id": self.run_id, "as_of": self.as_of_text(),
                "new_findings": new, "resolved_findings": resolved}

    def new_findings(self) -> list[dict[str, Any]]:
        """This run's new or changed findings, plus undelivered ones of a killed earlier run."""
        seen, out = set(), []
        for payload in [*self.redelivered, self.payload()]:
            for item in payload["new_findings"]:
                if item["id"] not in seen:
                    seen.add(item["id"])
                    out.append(item)
        return out

    def resolved_findings(self) -> list[dict[str, Any]]:
        return [i for p in [*self.redelivered, self.payload()] for i in p["resolved_findings"]]

    def reaches(self, fail_on: str) -> bool:
        return any(at_least(f["severity"], fail_on) for f in self.new_findings())

    def document(self) -> dict[str, Any]:
        return {
            "imported": {"files": self.imported_files, "new": self.new,
                         "duplicate": self.duplicate},
            "new_findings": self.new_findings(),
            "resolved_findings": self.resolved_findings(),
            "open_findings": self.open_findings,
            "as_of": self.as_of_text(),
            "files": [f.to_dict() for f in self.files],
            "notifications": [d.to_dict() for d in self.deliveries],
            "outbox_pending": self.outbox_pending,
            "cases_due": [{"id": c.id, "channel": c.channel, "reference": c.reference,
                           "follow_up": c.follow_up.to_dict()} for c in self.cases_due],
            "model": {"refit": self.refit},
        }
