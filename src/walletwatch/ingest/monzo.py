"""Monzo CSV export (formats.md §4).

``Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,…``: UK dates
``DD/MM/YYYY`` and a separate ``HH:MM:SS`` time (UK wall-clock, Europe/London), signed
amounts. There is no status column: the export lists settled transactions only, so every
row is ``success`` (declined card attempts are not in it).

The legacy export (2017–2018) mirrors Monzo's API instead: ``id,created,amount,currency,
local_amount,local_currency,category,emoji,description,address,notes,receipt`` with ``created``
an ISO 8601 time in UTC and amounts in minor units (``-350`` is £3.50 out). The same importer
reads both: the header decides.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from walletwatch.ingest.base import Detection, Sample
from walletwatch.ingest.layout import Layout
from walletwatch.ingest.quirks import SyntheticColumns, first_nonempty, promote_refunds
from walletwatch.schema import exponent

KIND_RULES = (
    (r"(?i)refund|chargeback", "refund"),
    (r"(?i)top ?up|topup|deposit", "topup"),
    (r"(?i)atm|cash withdrawal", "withdrawal"),
    (r"(?i)pot transfer|faster payment|bacs|monzo-to-monzo|p2p|bank transfer|transfer", "transfer"),
    (r"(?i)\bfees?\b", "fee"),
    (r"(?i)card payment|direct debit|standing order|account payment|payment", "payment"),
    (r"(?i)interest|cashback|savings", "other"),
)


class MonzoImporter(SyntheticColumns):
    synthetic = ("__when__", "__notes__")

    def sniff(self, sample: Sample) -> Detection | None:
        return super().sniff(sample) or LEGACY_READER.sniff(sample)

    def normalise(self, table, sample, options):
        if "created" in table.header and "Transaction ID" not in table.header:
            return LEGACY_READER.normalise(table, sample, options)
        return super().normalise(table, sample, options)

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        date, time = self.helper_values(cells, "date"), self.helper_values(cells, "clock")
        cells["__when__"] = (date + " " + time).str.strip()
        cells["__notes__"] = first_nonempty(cells, self.layout.helpers["notes"])
        return cells

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        return promote_refunds(out)


LAYOUT = Layout(
    name="monzo",
    title="Monzo CSV export",
    header=("Transaction ID", "Date", "Time", "Type", "Name", "Local amount"),
    first_column="Transaction ID",
    columns={
        "txn_id": ("Transaction ID",),
        "time": ("__when__",),
        "amount": ("Amount",),
        "currency": ("Currency",),
        "counterparty": ("Name",),
        "description": ("__notes__",),
        "category": ("Category",),
        "method": ("Type",),
    },
    helpers={"date": ("Date",), "clock": ("Time",), "notes": ("Notes and #tags", "Description")},
    known_columns=(
        "Date", "Time", "Emoji", "Local amount", "Local currency", "Notes and #tags", "Address",
        "Receipt", "Description", "Category split", "Money Out", "Money In", "Balance",
        "Balance currency",
    ),
    tz="Europe/London",
    time_formats=("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"),
    default_status="success",
    kind_from=("method", "category"),
    kind_rules=KIND_RULES,
)



class MonzoLegacyImporter(SyntheticColumns):
    """The 2017–2018 export: UTC ISO times, amounts in minor units."""

    synthetic = ("__amount__",)

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        currency = first_nonempty(cells, self.layout.columns["currency"]).astype(str).str.upper()
        cells["__amount__"] = minor_units_as_text(self.helper_values(cells, "minor_units"),
                                                  currency)
        return cells

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        out["tz"] = "Europe/London"  # times are UTC in the file; shown as UK wall-clock time
        return promote_refunds(out)


def minor_units_as_text(values: pd.Series, currency: pd.Series) -> pd.Series:
    """``-350`` GBP -> ``-3.50``; a cell that is not a whole number is left to be rejected."""
    text = values.astype(str).str.strip()
    whole = text.str.fullmatch(r"-?[0-9]+").fillna(False).to_numpy(dtype=bool)
    exps = currency.map(lambda c: exponent(c or "XXX")).to_numpy()
    sign = np.where(text.str.startswith("-"), "-", "")
    digits = text.str.lstrip("-")
    out = []
    for value, ok, exp, minus, number in zip(text, whole, exps, sign, digits, strict=True):
        if not ok:
            out.append(f"{value} (not minor units)" if value else "")
        elif exp == 0:
            out.append(minus + number)
        else:
            padded = number.zfill(exp + 1)
            out.append(f"{minus}{padded[:-exp]}.{padded[-exp:]}")
    return pd.Series(out, index=values.index, dtype=object)


LEGACY = Layout(
    name="monzo",
    title="Monzo CSV export (legacy, 2017–2018)",
    header=("id", "created", "amount", "currency", "local_amount", "local_currency"),
    first_column="id",
    columns={
        "txn_id": ("id",),
        "time": ("created",),
        "amount": ("__amount__",),
        "currency": ("currency",),
        "counterparty": ("description",),
        "description": ("notes",),
        "category": ("category",),
    },
    helpers={"minor_units": ("amount",)},  # -350 for -3.50 GBP
    known_columns=("amount", "local_amount", "local_currency", "emoji", "address", "receipt"),
    tz="UTC",
    time_formats=("%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S.%f +0000 UTC",
                  "%Y-%m-%d %H:%M:%S +0000 UTC", "%Y-%m-%d %H:%M:%S"),
    default_status="success",
    kind_from=("category", "counterparty"),
    kind_rules=((r"(?i)^cash\b", "withdrawal"), *KIND_RULES),
)
LEGACY_READER = MonzoLegacyImporter(LEGACY)

IMPORTERS = (MonzoImporter(LAYOUT),)
