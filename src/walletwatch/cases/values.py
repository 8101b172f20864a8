"""Parsing and checking the values of a case file (dates, flags, text, known keys)."""

from __future__ import annotations

from datetime import date
from typing import Any

from walletwatch.errors import ConfigError


def date_value(value: Any, where: str) -> date | None:
    """A TOML date or ISO text -> ``date``; empty -> None; anything else is a config error."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # datetime -> its date
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise ConfigError(f"{where}: {value!r} is not a date", "write it as 2024-03-05") from exc


def text_value(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def flag_value(value: Any, where: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    raise ConfigError(f"{where}: {value!r} must be true or false", "leave it out if unsure")


def check_keys(data: dict[str, Any], keys: dict[str, set[str]]) -> None:
    """Raise on a key the case-file layout does not have (it would silently drop a fact)."""
    _unknown(data, "", keys)
    for section in ("complainant", "respondent", "first_notice", "security"):
        if section in data and not isinstance(data[section], dict):
            raise ConfigError(f"{section} must be a [{section}] table",
                              "compare with `walletwatch report --init-case`")
        if section in data:
            _unknown(data[section], section, keys)
    for section in ("communications", "demand", "exhibits"):
        items = data.get(section) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ConfigError(f"{section} must be a list of [[{section}]] tables",
                              "compare with `walletwatch report --init-case`")
        for item in items:
            _unknown(item, section, keys)


def _unknown(table: dict[str, Any], section: str, keys: dict[str, set[str]]) -> None:
    extra = sorted(set(table) - keys[section])
    if extra:
        where = f"[{section}] " if section else ""
        raise ConfigError(f"unknown case-file key {where}{', '.join(extra)}",
                          f"known keys: {', '.join(sorted(keys[section]))}")
