"""Typed settings for every check and the model, loaded from TOML and overridden by flags.

The config file (``--config PATH``; default ``<user config dir>/walletwatch/config.toml`` when
it exists) holds one table per section below. Unknown top-level tables are left alone (the
scheduler reads ``[notify]`` from the same file); an unknown key inside one of *these* tables
is a ``ConfigError`` naming the known keys.

Example::

    [stuck]
    topup_hours = 12

    [allowlist]
    payees = ["Landlord Zhang"]
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from walletwatch.errors import ConfigError


@dataclass
class FailedSettings:
    """Failed payments, failure clusters and failed-but-debited payments."""

    enabled: bool = True
    retry_window_minutes: float = 60.0  # a success at the same payee this soon is a retry
    cluster_min: int = 3  # this many failures ...
    cluster_window_hours: float = 24.0  # ... within this window form a cluster
    attempt_cluster_minutes: float = 60.0  # or this many attempts (closed ones too) this close
    payee_cluster_min: int = 3  # or this many failures at one payee ...
    payee_cluster_window_days: float = 7.0  # ... within this window
    refund_window_days: float = 30.0  # a same-amount credit from the payee this soon is a refund


@dataclass
class StuckSettings:
    """Top-ups, withdrawals and refunds still pending after their deadline."""

    enabled: bool = True
    topup_hours: float = 24.0
    withdrawal_hours: float = 72.0
    refund_days: float = 7.0
    high_after_factor: float = 3.0  # pending this many deadlines long: severity high


@dataclass
class DuplicateSettings:
    """The same payee and amount charged twice, both successful, within minutes."""

    enabled: bool = True
    window_minutes: float = 10.0


@dataclass
class UnrecognisedSettings:
    """Rules for activity the owner probably did not make, combined with the model."""

    enabled: bool = True
    threshold: float = 0.5  # scores below this are unflagged (a matched tier scores above)
    warmup_days: float = 21.0  # no baseline before this much history ...
    warmup_transactions: int = 15  # ... or this many outgoing transactions
    incident_gap_hours: float = 12.0  # flagged transactions closer than this form one incident
    # Evidence tiers (walletwatch.model.tiers says which tier uses which):
    burst_window_minutes: float = 60.0  # new payees this close to each other form a burst ...
    burst_min_new_payees: int = 3  # ... when there are this many
    burst_large_factor: float = 3.0  # "large" inside a burst: this many times the typical payment
    tiny_amount: float = 10.0  # card testing: attempts at or below this (and half the typical)
    card_test_min: int = 3  # ... this many of them ...
    probe_window_minutes: float = 30.0  # ... this close to each other
    follow_window_hours: float = 24.0  # a large charge at a new payee this soon after probes
    large_transfer_factor: float = 10.0  # a transfer to a new person this many times typical ...
    transfer_usual_factor: float = 4.0  # ... and this many times the usual earlier transfer
    large_factor: float = 10.0  # a record payment to a new payee this many times typical: low
    spike_factor: float = 2.5  # at a familiar payee: this many times the usual amount there ...
    spike_window_days: float = 14.0  # ... twice or more within this window: medium
    rare_hour_share: float = 0.02  # an hour holding less than this share of history is unusual
    never_hour_share: float = 0.005  # ... and under this share, an hour the holder never pays at
    steady_min_repeats: int = 2  # hindsight: paid again at least this often afterwards ...
    steady_min_gap_days: float = 5.0  # ... at least this many days apart, at a steady cadence
    velocity_factor: float = 4.0  # ranking: 24 h count this many times the owner's daily normal
    model_weight: float = 0.45  # weight of the isolation forest in the combined score


@dataclass
class RecurringSettings:
    """Recurring charges: new series, price increases, charges after cancelling, renewals."""

    enabled: bool = True
    min_charges: int = 3  # a series needs this many charges (2 when yearly or automatic)
    new_days: float = 45.0  # "new": its confirming charge is at most this old at the as-of time
    price_tolerance: float = 0.05  # a charge this much above the usual amount is an increase
    trial_share: float = 0.2  # a first charge at most this share of the amount is a trial
    renewal_factor: float = 3.0  # a yearly renewal this many times anything else from the payee
    warmup_days: float = 30.0  # auto-deduction to a new payee: judged after this much history ...
    warmup_charges: int = 15  # ... and this many earlier charges (else every payee is "new")
    remind_days: float = 5.0  # remind this many days before an unwanted series charges again


@dataclass
class ModelSettings:
    """The isolation forest (scikit-learn ``IsolationForest``)."""

    n_estimators: int = 100
    max_samples: int = 256
    random_state: int = 0


@dataclass
class AllowlistSettings:
    """Payees the owner said are normal (also ``walletwatch allow PAYEE``)."""

    payees: list[str] = field(default_factory=list)


SECTIONS: dict[str, type] = {
    "failed": FailedSettings,
    "stuck": StuckSettings,
    "duplicate": DuplicateSettings,
    "unrecognised": UnrecognisedSettings,
    "recurring": RecurringSettings,
    "model": ModelSettings,
    "allowlist": AllowlistSettings,
}


@dataclass
class Config:
    """All settings; ``to_dict()`` goes into the scan document's ``settings``."""

    failed: FailedSettings = field(default_factory=FailedSettings)
    stuck: StuckSettings = field(default_factory=StuckSettings)
    duplicate: DuplicateSettings = field(default_factory=DuplicateSettings)
    unrecognised: UnrecognisedSettings = field(default_factory=UnrecognisedSettings)
    recurring: RecurringSettings = field(default_factory=RecurringSettings)
    model: ModelSettings = field(default_factory=ModelSettings)
    allowlist: AllowlistSettings = field(default_factory=AllowlistSettings)
    source: str | None = None  # the config file read, if any

    def to_dict(self) -> dict[str, Any]:
        out = {name: dataclasses.asdict(getattr(self, name)) for name in SECTIONS}
        out["allowlist"]["payees"] = sorted(out["allowlist"]["payees"])
        return out


def default_path() -> Path:
    """``<user config dir>/walletwatch/config.toml`` (platformdirs)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("walletwatch")) / "config.toml"


def read_toml(path: str | Path) -> dict[str, Any]:
    """Read a TOML file; a missing or malformed file is a ``ConfigError`` (exit code 2)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError("config file not found", "check --config", str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the config file is not valid TOML: {exc}",
                          "fix the file or pass another with --config", str(path)) from exc


def load_config(path: str | Path | None = None,
                overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, then the config file, then ``overrides`` (flags).

    Args:
        path: a TOML file; None reads the default path when it exists.
        overrides: ``{"stuck.topup_hours": 12}`` or ``{"stuck": {"topup_hours": 12}}``.
    """
    config = Config()
    if path is None and default_path().is_file():
        path = default_path()
    if path is not None:
        data = read_toml(path)
        config.source = str(path)
        for name in SECTIONS:
            if name in data:
                _apply(config, name, data[name], str(path))
    for name, values in _nest(overrides or {}).items():
        if name not in SECTIONS:
            raise ConfigError(f"unknown settings section {name!r}",
                              f"use one of: {', '.join(SECTIONS)}")
        _apply(config, name, values, None)
    return config


def _nest(overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    nested: dict[str, dict[str, Any]] = {}
    for key, value in overrides.items():
        if isinstance(value, dict):
            nested.setdefault(key, {}).update(value)
        else:
            section, _, name = key.partition(".")
            nested.setdefault(section, {})[name] = value
    return nested


def _apply(config: Config, section: str, values: Any, path: str | None) -> None:
    if not isinstance(values, dict):
        raise ConfigError(f"[{section}] must be a table", "see `walletwatch scan --help`", path)
    current = getattr(config, section)
    known = {f.name: f for f in fields(current)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"unknown key {key!r} in [{section}]",
                              f"known keys: {', '.join(known)}", path)
        setattr(current, key, _coerce(section, key, known[key].type, value, path))


def _coerce(section: str, key: str, kind: Any, value: Any, path: str | None) -> Any:
    kind = str(kind)
    try:
        if kind == "bool":
            if isinstance(value, str):
                return value.lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if kind == "int":
            if isinstance(value, bool) or float(value) != int(float(value)):
                raise ValueError(value)
            return int(float(value))
        if kind == "float":
            if isinstance(value, bool):
                raise ValueError(value)
            return float(value)
        if kind.startswith("list"):
            if isinstance(value, str):
                return [value]
            return [str(v) for v in value]
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{section}.{key} must be {kind}, got {value!r}",
                          "fix the value in the config file or flag", path) from exc
    return value
