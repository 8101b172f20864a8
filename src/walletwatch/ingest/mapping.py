"""Any other wallet's CSV, read through a column-mapping file (``--map MAPPING.toml``).

The TOML file declares a ``Layout`` (see ``sample_data/mappings/example-bank.toml``)::

    name = "example-bank"            # format name shown by `inspect`
    delimiter = ";"                  # default ","
    decimal_comma = true             # 1.234,56 (default false: 1,234.56)
    tz = "Europe/Berlin"             # zone of the times in the file (default UTC)
    time_format = ["%d.%m.%Y %H:%M"] # strptime formats, tried in order
    currency = "EUR"                 # or map a column: columns.currency

    [columns]                        # normalised field -> the file's column name(s)
    time = ["Datum", "Uhrzeit"]      # several columns are joined with a space
    amount = "Betrag"

    [direction]                      # optional; without it the amount's sign decides
    column = "Soll/Haben"
    values = { S = "out", H = "in" }

    [status]                         # optional; without it every row is "success"
    column = "Status"
    values = { Gebucht = "success", Vorgemerkt = "pending" }

    [kind]                           # optional: regex rules on normalised fields
    from = ["description"]
    rules = [{ match = "Entgelt", kind = "fee" }]

The header row is the first line holding every mapped column name. A mistake in the file is a
``ConfigError`` (exit code 2) whose hint names the key to fix.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd

from walletwatch.errors import ConfigError
from walletwatch.ingest.layout import Layout, LayoutImporter
from walletwatch.schema import DIRECTIONS, KINDS, STATUSES

TOP_KEYS = {"name", "title", "provider", "delimiter", "decimal_comma", "tz", "time_format",
            "currency", "columns", "direction", "status", "kind", "ignore_columns"}
COLUMN_FIELDS = ("txn_id", "merchant_order_id", "time", "amount", "currency", "counterparty",
                 "counterparty_account", "description", "method", "category", "fee")
DEFAULT_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


class MappedImporter(LayoutImporter):
    """A mapped layout; a time spread over several columns is joined before parsing."""

    def __init__(self, layout: Layout, time_columns: tuple[str, ...]):
        super().__init__(layout)
        self.time_columns = time_columns

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        if len(self.time_columns) < 2:
            return cells
        cells = cells.copy()
        joined = cells[self.time_columns[0]].astype(str)
        for column in self.time_columns[1:]:
            joined = joined + " " + cells[column].astype(str)
        cells["__time__"] = joined.str.strip()
        return cells

    def resolve(self, header: list[str]) -> dict[str, str]:
        return super().resolve([*header, "__time__"])


def importer_from_file(path: Path) -> MappedImporter:
    """Read and check a mapping file; raise ``ConfigError`` naming the bad key."""
    return importer_from_dict(_read(path), str(path))


def importer_from_dict(config: dict[str, Any], where: str = "mapping") -> MappedImporter:
    check = _Checker(where)
    unknown = sorted(set(config) - TOP_KEYS)
    if unknown:
        check.fail(f"unknown key {unknown[0]!r}", f"allowed keys: {', '.join(sorted(TOP_KEYS))}")
    columns, time_columns = _columns(config.get("columns"), check)
    name = check.text(config, "name", "mapped")
    currency = config.get("currency")
    if currency is not None and not (isinstance(currency, str)
                                     and re.fullmatch(r"[A-Z]{3}", currency)):
        check.fail(f"currency {currency!r} is not an ISO 4217 code", 'e.g. currency = "EUR"')
    if currency is None and "currency" not in columns:
        check.fail("no currency", 'set currency = "EUR" or map a column: [columns] currency')
    direction_column, directions = _value_map(config, "direction", DIRECTIONS, check)
    status_column, statuses = _value_map(config, "status", STATUSES, check)
    if direction_column:
        columns["direction"] = (direction_column,)
    if status_column:
        columns["status"] = (status_column,)
    kind_from, rules, kind_default = _kinds(config.get("kind", {}), check)
    mapped = [c for names in columns.values() for c in names if c != "__time__"]
    header = tuple(dict.fromkeys([*time_columns, *mapped]))
    layout = Layout(
        name=name,
        title=check.text(config, "title", f"CSV read through the mapping {Path(where).name}"),
        provider=check.text(config, "provider", name),
        header=header,
        columns=columns,
        tz=_tz(config.get("tz", "UTC"), check),
        currency=currency,
        time_formats=_time_formats(config.get("time_format"), check),
        statuses=statuses,
        default_status=_status_default(config, check),
        directions=directions if direction_column else None,
        kind_from=kind_from,
        kind_rules=rules,
        kind_default=kind_default,
        known_columns=(*time_columns,
                       *check.names(config.get("ignore_columns", []), "ignore_columns")),
        delimiter=_delimiter(config.get("delimiter", ","), check),
        decimal_comma=check.flag(config, "decimal_comma"),
        recognised_by=f"mapping file {Path(where).name}",
    )
    return MappedImporter(layout, time_columns)


def _read(path: Path) -> dict[str, Any]:
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


class _Checker:
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


def _columns(section: Any, check: _Checker) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
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


def _value_map(config: dict, key: str, allowed: tuple[str, ...], check: _Checker):
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


def _status_default(config: dict, check: _Checker) -> str:
    default = config.get("status", {}).get("default", "success")
    if default not in STATUSES:
        check.fail(f"[status] default {default!r} is not a status", f"use one of: {', '.join(STATUSES)}")
    return default


def _kinds(section: Any, check: _Checker):
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


def _tz(value: Any, check: _Checker) -> str:
    try:
        pd.Timestamp("2020-01-01").tz_localize(value)
    except Exception:
        check.fail(f"tz {value!r} is not a time zone", 'use an IANA name, e.g. tz = "Europe/Berlin"')
    return value


def _time_formats(value: Any, check: _Checker) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_TIME_FORMATS
    formats = check.names(value, "time_format")
    if not all("%" in f for f in formats):
        check.fail("time_format needs strptime codes", 'e.g. time_format = "%d.%m.%Y %H:%M"')
    return tuple(formats)


def _delimiter(value: Any, check: _Checker) -> str:
    if value == "\\t":
        value = "\t"
    if not isinstance(value, str) or len(value) != 1:
        check.fail(f"delimiter {value!r} must be one character", 'e.g. delimiter = ";"')
    return value
