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
from pathlib import Path
from typing import Any

import pandas as pd

from walletwatch.ingest import mapping_check as validate
from walletwatch.ingest import registry
from walletwatch.ingest.layout import Layout, LayoutImporter
from walletwatch.schema import DIRECTIONS, STATUSES

TOP_KEYS = {"name", "title", "provider", "delimiter", "decimal_comma", "tz", "time_format",
            "currency", "columns", "direction", "status", "kind", "ignore_columns"}


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
    return importer_from_dict(validate.read(path), str(path))


def importer_from_dict(config: dict[str, Any], where: str = "mapping") -> MappedImporter:
    check = validate.Checker(where)
    unknown = sorted(set(config) - TOP_KEYS)
    if unknown:
        check.fail(f"unknown key {unknown[0]!r}", f"allowed keys: {', '.join(sorted(TOP_KEYS))}")
    columns, time_columns = validate.columns(config.get("columns"), check)
    name = check.text(config, "name", "mapped")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        check.fail(f"name {name!r} must be lower-case letters, digits and -",
                   'e.g. name = "my-bank"')
    if name in registry.names():
        check.fail(f"name {name!r} is a built-in format", "choose another name, e.g. "
                   f'name = "{name}-mapped", or use --format {name} instead of --map')
    currency = config.get("currency")
    if currency is not None and not (isinstance(currency, str)
                                     and re.fullmatch(r"[A-Z]{3}", currency)):
        check.fail(f"currency {currency!r} is not an ISO 4217 code", 'e.g. currency = "EUR"')
    if currency is None and "currency" not in columns:
        check.fail("no currency", 'set currency = "EUR" or map a column: [columns] currency')
    direction_column, directions = validate.value_map(config, "direction", DIRECTIONS, check)
    status_column, statuses = validate.value_map(config, "status", STATUSES, check)
    if direction_column:
        columns["direction"] = (direction_column,)
    if status_column:
        columns["status"] = (status_column,)
    kind_from, rules, kind_default = validate.kinds(config.get("kind", {}), check)
    mapped = [c for names in columns.values() for c in names if c != "__time__"]
    header = tuple(dict.fromkeys([*time_columns, *mapped]))
    layout = Layout(
        name=name,
        title=check.text(config, "title", f"CSV read through the mapping {Path(where).name}"),
        provider=check.text(config, "provider", name),
        header=header,
        columns=columns,
        tz=validate.tz(config.get("tz", "UTC"), check),
        currency=currency,
        time_formats=validate.time_formats(config.get("time_format"), check),
        statuses=statuses,
        default_status=validate.status_default(config, check),
        directions=directions if direction_column else None,
        kind_from=kind_from,
        kind_rules=rules,
        kind_default=kind_default,
        known_columns=(*time_columns,
                       *check.names(config.get("ignore_columns", []), "ignore_columns")),
        delimiter=validate.delimiter(config.get("delimiter", ","), check),
        decimal_comma=check.flag(config, "decimal_comma"),
        recognised_by=f"mapping file {Path(where).name}",
    )
    return MappedImporter(layout, time_columns)
