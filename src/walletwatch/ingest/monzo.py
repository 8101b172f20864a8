"""Monzo CSV export (formats.md §4).

``Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,…``: UK dates
``DD/MM/YYYY`` and a separate ``HH:MM:SS`` time (UK wall-clock, Europe/London), signed
amounts. There is no status column: the export lists settled transactions only, so every
row is ``success`` (declined card attempts are not in it).
"""

from __future__ import annotations

import pandas as pd

from walletwatch.ingest.layout import Layout
from walletwatch.ingest.quirks import SyntheticColumns, first_nonempty, promote_refunds

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

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        blank = pd.Series("", index=cells.index)
        date, time = cells.get("Date", blank), cells.get("Time", blank)
        cells["__when__"] = (date + " " + time).str.strip()
        cells["__notes__"] = first_nonempty(cells, ("Notes and #tags", "Description"))
        return cells

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        return promote_refunds(out)


LAYOUT = Layout(
    name="monzo",
    title="Monzo CSV export",
    provider="monzo",
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

IMPORTERS = (MonzoImporter(LAYOUT),)
