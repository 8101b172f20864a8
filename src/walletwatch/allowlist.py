"""The allowlist: payees the owner said are normal ("this is me"), respected by every scan.

Stored as a small JSON file, ``{"payees": [...]}``, at ``$WALLETWATCH_HOME/allowlist.json``
when that variable is set, else ``<user data dir>/walletwatch/allowlist.json`` (platformdirs).
Payees are compared after trimming and case-folding.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from walletwatch.errors import ConfigError


def default_path() -> Path:
    home = os.environ.get("WALLETWATCH_HOME")
    if home:
        return Path(home) / "allowlist.json"
    from platformdirs import user_data_dir

    return Path(user_data_dir("walletwatch")) / "allowlist.json"


def normalise(payee: str) -> str:
    return " ".join(str(payee).split()).casefold()


def read(path: str | Path | None = None) -> list[str]:
    """The allowlisted payees, sorted; an absent file is an empty list."""
    path = Path(path) if path is not None else default_path()
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        payees = data["payees"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError("the allowlist file is damaged",
                          "fix or delete it (it holds {\"payees\": [...]})", str(path)) from exc
    return sorted({str(p) for p in payees})


def add(payees: list[str], path: str | Path | None = None) -> list[str]:
    """Add payees (idempotent); return the full list written."""
    path = Path(path) if path is not None else default_path()
    current = read(path)
    known = {normalise(p) for p in current}
    for payee in payees:
        if not payee.strip():
            raise ConfigError("an empty payee cannot be allowed", "give the payee's name")
        if normalise(payee) not in known:
            current.append(payee.strip())
            known.add(normalise(payee))
    current = sorted(current)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"payees": current}, ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return current


def remove(payees: list[str], path: str | Path | None = None) -> list[str]:
    """Remove payees; return the full list written."""
    path = Path(path) if path is not None else default_path()
    drop = {normalise(p) for p in payees}
    current = [p for p in read(path) if normalise(p) not in drop]
    if path.is_file():
        path.write_text(json.dumps({"payees": current}, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
    return current
