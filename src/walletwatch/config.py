"""Typed settings for every check and the model, loaded from TOML and overridden by flags.

Each check declares its own settings dataclass (``walletwatch.checks``); ``SECTIONS`` and
``Config`` are made from that registry.

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

from walletwatch.checks import SETTINGS as CHECK_SETTINGS
from walletwatch.errors import ConfigError
from walletwatch.model.settings import ModelSettings


@dataclass
class AllowlistSettings:
    """Payees the owner said are normal (also ``walletwatch allow PAYEE``)."""

    payees: list[str] = field(default_factory=list)


# section -> settings dataclass: each check's own section (declared in its module and listed by
# the check registry, ``walletwatch.checks.MODULES``), then the model and the allowlist.
SECTIONS: dict[str, type] = {**CHECK_SETTINGS, "model": ModelSettings,
                             "allowlist": AllowlistSettings}


def _to_dict(self) -> dict[str, Any]:
    out = {name: dataclasses.asdict(getattr(self, name)) for name in SECTIONS}
    out["allowlist"]["payees"] = sorted(out["allowlist"]["payees"])
    return out


# Made from SECTIONS, so that adding a check never touches this file: one attribute per
# section (``config.stuck.topup_hours``), each defaulting to its dataclass's defaults.
Config = dataclasses.make_dataclass(
    "Config",
    [(name, kind, field(default_factory=kind)) for name, kind in SECTIONS.items()]
    + [("source", "str | None", field(default=None))],  # the config file read, if any
    namespace={"to_dict": _to_dict,
               "__doc__": "All settings; ``to_dict()`` goes into the scan document's "
                          "``settings``."},
)
Config.__module__ = __name__  # (make_dataclass takes ``module=`` only from Python 3.12)


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
