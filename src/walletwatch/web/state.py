"""What the Checks and Cases pages read from the state store of ``walletwatch check``.

Reads only, through the store's query functions; writes go through
``walletwatch.cases.api`` and ``walletwatch.scheduled.check.run_check``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from walletwatch.store.db import default_state_path


def state_path(state: Path | None) -> Path:
    return state or default_state_path()


def open_findings(state: Path | None) -> list[Any]:
    """The alerted findings still open (``walletwatch.findings.Finding``), most severe first."""
    from walletwatch.findings import SEVERITY_RANK
    from walletwatch.store import alerts
    from walletwatch.store.db import open_store

    if not state_path(state).exists():
        return []
    with open_store(state) as store:
        found = alerts.open_alerts(store.conn)
    return sorted(found, key=lambda f: -SEVERITY_RANK[f.severity])


def latest_runs(state: Path | None, limit: int = 10) -> list[dict[str, Any]]:
    from walletwatch.store import runs
    from walletwatch.store.db import open_store

    if not state_path(state).exists():
        return []
    with open_store(state) as store:
        return runs.latest(store.conn, limit)


def cases_due(state: Path | None, today: date | None = None) -> list[Any]:
    from walletwatch.cases import log as cases
    from walletwatch.store.db import open_store

    if not state_path(state).exists():
        return []
    with open_store(state) as store:
        return cases.due(store.conn, today or date.today())


def schedule_line(state: Path | None) -> tuple[str, str]:
    """The command to schedule checks and the entry it prints for this platform."""
    import shlex

    from walletwatch import schedule

    inbox = str(Path.home() / "wallet-exports")
    command = f"walletwatch schedule --every daily --inbox {shlex.quote(inbox)}"
    if state is not None:
        command += f" --state {shlex.quote(str(state))}"
    entry = schedule.entry("daily", schedule.default_platform(),
                           schedule.check_command(inbox, str(state) if state else None, None))
    return command + " --install", entry.text
