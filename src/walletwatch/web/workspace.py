"""Uploaded exports and their scans, kept in a private folder for the life of the server.

Uploads are written to a folder only the owner can read (mode 0700, files 0600) and removed
when the server stops. A scan is ``walletwatch.pipeline.scan`` on those files -- the same call
as ``walletwatch scan`` -- repeated only when the allowlist changes ("This was me").
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from walletwatch.findings import SEVERITIES

_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass
class Upload:
    name: str  # the name the browser sent, made safe as a file name
    path: Path


@dataclass
class UploadSet:
    id: str
    uploads: list[Upload]
    scan: Any = None  # walletwatch.pipeline.ScanResult
    scanned_with: tuple[str, ...] | None = None  # the allowlist it was scored with
    notice: str | None = None  # the payee just allowed, shown once on the next page
    lock: threading.Lock = field(default_factory=threading.Lock)


class Workspace:
    """The server's private folder and the upload sets in it."""

    def __init__(self, root: str | Path | None = None, *, state: str | Path | None = None,
                 allowlist_path: str | Path | None = None, config_path: str | Path | None = None,
                 show_identifiers: bool = False):
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="walletwatch-web-"))
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)
        self.state = Path(state).resolve() if state else None
        self.allowlist_path = Path(allowlist_path).resolve() if allowlist_path else None
        self.config_path = Path(config_path).resolve() if config_path else None
        self.show_identifiers = show_identifiers
        self.sets: dict[str, UploadSet] = {}
        self.order: list[str] = []  # upload set ids, newest last

    # --- files -------------------------------------------------------------------------

    def add(self, files: list[tuple[str, bytes]]) -> UploadSet:
        set_id = secrets.token_hex(4)
        folder = self.root / set_id
        folder.mkdir(mode=0o700)
        uploads, used = [], set()
        for name, data in files:
            safe = _safe_name(name, used)
            used.add(safe)
            path = folder / safe
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            uploads.append(Upload(safe, path))
        upload_set = UploadSet(set_id, uploads)
        self.sets[set_id] = upload_set
        self.order.append(set_id)
        return upload_set

    def get(self, set_id: str) -> UploadSet | None:
        return self.sets.get(set_id)

    def latest(self) -> UploadSet | None:
        return self.sets[self.order[-1]] if self.order else None

    def private_dir(self, kind: str) -> Path:
        """A fresh owner-only folder for one report or case file (removed by the caller)."""
        folder = self.root / kind / secrets.token_hex(6)
        folder.mkdir(parents=True, mode=0o700)
        return folder

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # --- library calls -----------------------------------------------------------------

    def config(self):
        from walletwatch.config import load_config

        return load_config(self.config_path)

    def allowlist(self) -> tuple[str, ...]:
        from walletwatch import allowlist

        return tuple(allowlist.read(self.allowlist_path))

    def scan(self, upload_set: UploadSet):
        """The scan of an upload set, rescored when the allowlist changed since."""
        from walletwatch.pipeline import scan

        with upload_set.lock:
            known = self.allowlist()
            if upload_set.scan is None or upload_set.scanned_with != known:
                upload_set.scan = scan(self.paths(upload_set), config=self.config(),
                                       allowlist_path=self.allowlist_path)
                upload_set.scanned_with = known
            return upload_set.scan

    def paths(self, upload_set: UploadSet, only_readable: bool = False) -> list[str]:
        """The files as the scan names them: relative to the working directory when they are
        inside it (``walletwatch serve`` works in its private folder), so that the findings and
        the pack cite ``a1b2c3d4/alipay.csv``, not a temporary path."""
        paths = [_shown(u.path) for u in upload_set.uploads]
        if only_readable and upload_set.scan is not None:
            bad = {r.path for r in upload_set.scan.ingest.files if r.error is not None}
            paths = [p for p in paths if p not in bad]
        return paths

    def allow(self, payee: str) -> list[str]:
        from walletwatch import allowlist

        return allowlist.add([payee], self.allowlist_path)


def _safe_name(name: str, used: set[str]) -> str:
    base = _UNSAFE_NAME.sub("_", Path(name or "").name).strip(" .") or "export"
    base = base[:120]
    candidate, n = base, 2
    while candidate in used:
        stem, dot, ext = base.rpartition(".")
        candidate = f"{stem} ({n}).{ext}" if dot else f"{base} ({n})"
        n += 1
    return candidate


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- what the pages show ------------------------------------------------------------------

def scan_view(result, set_id: str, show_identifiers: bool) -> dict[str, Any]:
    """The scan as the page shows it: files with their rejected rows, findings by severity.

    Free text from the export is masked unless the owner asked for identifiers (as ``scan``).
    """
    from walletwatch.report.mask import mask_document, mask_text

    mask = (lambda v: v) if show_identifiers else mask_document
    files = []
    for report in result.ingest.files:
        files.append({
            "name": Path(report.path).name, "format": report.format,
            "rows_total": report.rows_total, "rows_ok": report.rows_ok,
            "rows_rejected": report.rows_rejected,
            "rejected": [{"line": r.line, "reason": r.reason,
                          "message": r.message if show_identifiers else mask_text(r.message)}
                         for r in report.rejected],
            "error": None if report.error is None else _error_text(report, show_identifiers),
        })
    groups = {s: [] for s in SEVERITIES}
    for finding in result.findings:
        shown = mask(finding.to_dict())
        shown["payees"] = _payees(finding) if finding.category == "unrecognised" else []
        for payee in shown["payees"]:
            payee["shown"] = payee["name"] if show_identifiers else mask_text(payee["name"])
        groups[finding.severity].append(shown)
    return {"set_id": set_id, "files": files, "groups": groups,
            "counts": result.counts(), "as_of": result.as_of}


def _payees(finding) -> list[dict[str, Any]]:
    """Distinct payees of a finding with their index (the form posts the index, the server looks
    the name up: the page only ever shows the masked name)."""
    seen: list[str] = []
    for txn in finding.transactions:
        if txn.counterparty and txn.counterparty not in seen:
            seen.append(txn.counterparty)
    return [{"index": i, "name": name} for i, name in enumerate(seen)]


def payee_of(result, finding_id: str, index: int) -> str | None:
    for finding in result.findings:
        if finding.id == finding_id:
            payees = _payees(finding)
            return payees[index]["name"] if 0 <= index < len(payees) else None
    return None


def _error_text(report, show_identifiers: bool) -> str:
    from walletwatch.report.mask import mask_text

    # the private folder's name says nothing to the owner: name the file as they chose it
    text = report.error.one_line().replace(report.path, Path(report.path).name)
    return text if show_identifiers else mask_text(text)
