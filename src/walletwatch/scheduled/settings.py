"""Settings of ``walletwatch check``: the checks' config plus the ``[check]`` and ``[notify]``
tables of the same TOML file, and the allowlist (one source of truth: ``walletwatch.allowlist``).

``[check]`` keys::

    [check]
    history_days = 90       # context window read before the earliest new transaction
    realert_days = [7, 30]  # a stuck item still pending this many days is alerted again
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from walletwatch.errors import ConfigError
from walletwatch.notify import NotifySettings, settings_from
from walletwatch.store.alerts import DEFAULT_REALERT_DAYS

MARGIN_DAYS = 31.0  # rule context (the longest check window is 30 days)


@dataclass
class CheckSettings:
    config: Any  # walletwatch.config.Config
    notify: NotifySettings
    allowlist: list[str] = field(default_factory=list)
    history_days: float = 90.0
    realert_days: tuple[float, ...] = DEFAULT_REALERT_DAYS

    def allowlist_json(self) -> str:
        return json.dumps(self.allowlist, ensure_ascii=False)


def _check_table(data: Any, where: str | None) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ConfigError("[check] must be a table", "see `walletwatch check --help`", where)
    known = {"history_days", "realert_days"}
    for key in data:
        if key not in known:
            raise ConfigError(f"unknown key {key!r} in [check]",
                              f"known keys: {', '.join(sorted(known))}", where)
    out: dict[str, Any] = {}
    try:
        if "history_days" in data:
            out["history_days"] = float(data["history_days"])
            if out["history_days"] < MARGIN_DAYS + 1:
                raise ValueError(data["history_days"])
        if "realert_days" in data:
            out["realert_days"] = tuple(sorted(float(d) for d in data["realert_days"]))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"[check] has a bad value: {exc}",
                          f"history_days is a number >= {MARGIN_DAYS + 1:.0f}; "
                          "realert_days a list of numbers", where) from exc
    return out


def load_settings(config_path: str | Path | None, notify: list[str] | None) -> CheckSettings:
    from walletwatch import allowlist as allow
    from walletwatch.config import load_config, read_toml

    config = load_config(config_path)
    data = read_toml(config.source) if config.source else {}
    settings = CheckSettings(
        config=config,
        notify=settings_from(data.get("notify"), notify, config.source),
        allowlist=sorted({*config.allowlist.payees, *allow.read()}),
        **_check_table(data.get("check", {}), config.source),
    )
    return settings
