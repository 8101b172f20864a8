"""Validation of ``--map`` mapping files: every mistake is a ``ConfigError`` naming its key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd

from walletwatch.errors import ConfigError
from walletwatch.schema import KINDS, STATUSES

COLUMN_FIELDS = ("txn_id", "merchant_order_id", "time", "amount", "currency", "counterparty",
                 "counterparty_account", "description", "method", "category", "fee")
DEFAULT_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("mapping file not found", "check the --map path", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the mapping file: {exc}", "pass a UTF-8 TOML file",
                          str(path)) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", "fix the syntax at that line",
                          str(path)) from exc


class Checker:
    def __init__(self, where: str):
        self.where = where

    def fail(self, message: str, hint: str) -> None:
        raise ConfigError(message, hint, self.where)

    def text(self, config: dict, key: str, default: str) -> str:
        value = config.get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key} must be a non-empty string", f'e.g. {key} = "{default}"')
        return value.strip()

    def flag(self, config: dict, key: str) -> bool:
        value = config.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{key} must be true or false", f"e.g. {key} = true")
        return value

    def names(self, value: Any, key: str) -> list[str]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
            self.fail(f"{key} must be a column name or a list of names", f'e.g. {key} = "Date"')
        return [v.strip() for v in items]


def columns(section: Any, check: Checker) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    if not isinstance(section, dict):
        check.fail("no [columns] table", '[columns] needs at least time = "…" and amount = "…"')
    unknown = sorted(set(section) - set(COLUMN_FIELDS))
    if unknown:
        hint = f"fields are: {', '.join(COLUMN_FIELDS)}"
        if unknown[0] in ("direction", "status"):
            hint = f"map it in its own table: [{unknown[0]}] column = \"…\""
        check.fail(f"unknown field [columns] {unknown[0]!r}", hint)
    for required in ("time", "amount"):
        if required not in section:
            check.fail(f"[columns] {required} is missing", f'e.g. {required} = "Column name"')
    columns: dict[str, tuple[str, ...]] = {}
    time_columns: tuple[str, ...] = ()
    for field, value in section.items():
        names = check.names(value, f"[columns] {field}")
        if field == "time":
            time_columns = tuple(names)
            columns["time"] = ("__time__",) if len(names) > 1 else (names[0],)
        elif len(names) > 1:
            check.fail(f"[columns] {field} must be one column name", "only time may join columns")
        else:
            columns[field] = (names[0],)
    return columns, time_columns


def value_map(config: dict, key: str, allowed: tuple[str, ...], check: Checker):
    section = config.get(key)
    if section is None:
        return None, {}
    if not isinstance(section, dict) or set(section) - {"column", "values", "default"}:
        check.fail(f"[{key}] takes column, values (and default)",
                   f'e.g. [{key}] column = "…" values = {{ … }}')
    if key == "direction" and "default" in section:
        check.fail("[direction] default is not supported", "unmapped values are neutral")
    column = check.names(section.get("column", ""), f"[{key}] column")[0]
    values = section.get("values", {})
    if not isinstance(values, dict):
        check.fail(f"[{key}] values must be a table", f'e.g. values = {{ X = "{allowed[0]}" }}')
    for raw, mapped in values.items():
        if mapped not in allowed:
            check.fail(f"[{key}] values {raw!r} = {mapped!r} is not one of {', '.join(allowed)}",
                       f"use one of: {', '.join(allowed)}")
    return column, {str(k).strip(): v for k, v in values.items()}


def status_default(config: dict, check: Checker) -> str:
    default = config.get("status", {}).get("default", "success")
    if default not in STATUSES:
        check.fail(f"[status] default {default!r} is not a status", f"use one of: {', '.join(STATUSES)}")
    return default


def kinds(section: Any, check: Checker):
    if not isinstance(section, dict) or set(section) - {"from", "rules", "default"}:
        check.fail("[kind] takes from, rules and default", '[kind] rules = [{ match = "…", kind = "fee" }]')
    fields = check.names(section.get("from", ["description", "category"]), "[kind] from")
    bad = [f for f in fields if f not in COLUMN_FIELDS]
    if bad:
        check.fail(f"[kind] from {bad[0]!r} is not a field", f"fields are: {', '.join(COLUMN_FIELDS)}")
    rules = []
    for number, rule in enumerate(section.get("rules", []), start=1):
        if not isinstance(rule, dict) or set(rule) != {"match", "kind"}:
            check.fail(f"[kind] rules #{number} needs match and kind", '{ match = "Fee", kind = "fee" }')
        if rule["kind"] not in KINDS:
            check.fail(f"[kind] rules #{number} kind {rule['kind']!r} is unknown", f"use one of: {', '.join(KINDS)}")
        try:
            re.compile(rule["match"])
        except (re.error, TypeError) as exc:
            check.fail(f"[kind] rules #{number} match is not a valid regex: {exc}", "escape special characters with \\\\")
        rules.append((rule["match"], rule["kind"]))
    default = section.get("default", "payment")
    if default not in KINDS:
        check.fail(f"[kind] default {default!r} is unknown", f"use one of: {', '.join(KINDS)}")
    return tuple(fields), tuple(rules), default


def tz(value: Any, check: Checker) -> str:
    try:
        pd.Timestamp("2020-01-01").tz_localize(value)
    except Exception:
        check.fail(f"tz {value!r} is not a time zone", 'use an IANA name, e.g. tz = "Europe/Berlin"')
    return value


def time_formats(value: Any, check: Checker) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_TIME_FORMATS
    formats = check.names(value, "time_format")
    if not all("%" in f for f in formats):
        check.fail("time_format needs strptime codes", 'e.g. time_format = "%d.%m.%Y %H:%M"')
    return tuple(formats)


def delimiter(value: Any, check: Checker) -> str:
    if value == "\\t":
        value = "\t"
    if not isinstance(value, str) or len(value) != 1:
        check.fail(f"delimiter {value!r} must be one character", 'e.g. delimiter = ";"')
    return value
