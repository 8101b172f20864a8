"""Cash App activity report ``cash_app_report_<ms>.csv`` (formats.md §4).

All cells quoted except some empty ones on P2P rows; dates ``2023-10-06 19:56:39 EDT`` name
their own zone (EDT/EST, …), so each row is converted with its own offset; amounts ``-$2.90``,
``$1``, ``$0``; rows newest first.
"""

from __future__ import annotations

import pandas as pd

from walletwatch.ingest.base import Notice
from walletwatch.ingest.layout import Layout
from walletwatch.ingest.quirks import (
    SyntheticColumns,
    abbreviated_times,
    abbreviated_zones,
    first_nonempty,
    split_zone,
    unknown_abbreviations,
)

STATUSES = {
    "CARD CHARGED": "success",
    "PAYMENT SENT": "success",
    "PAYMENT DEPOSITED": "success",
    "PAYMENT RECEIVED": "success",
    "TRANSFER SENT": "success",
    "DEPOSITED": "success",
    "COMPLETE": "success",
    "COMPLETED": "success",
    # Cash App writes CARD REFUNDED on the refund (and Boost reward) credit itself.
    "CARD REFUNDED": "refunded",
    "PAYMENT REFUNDED": "refunded",
    "REFUNDED": "refunded",
    "PAYMENT CANCELED": "closed",
    "PAYMENT CANCELLED": "closed",
    "CANCELED": "closed",
    "WAITING ON SENDER": "pending",
    "WAITING ON RECIPIENT": "pending",
}
KIND_RULES = (
    (r"(?i)refund", "refund"),
    (r"(?i)cash out|withdrawal|atm", "withdrawal"),
    (r"(?i)deposit|cash in|add cash|paycheck", "topup"),
    (r"(?i)p2p|transfer", "transfer"),
    (r"(?i)\bfee\b", "fee"),
    (r"(?i)bitcoin|stock|boost|interest|reward", "other"),
    (r"(?i)card|payment|purchase", "payment"),
)
TZ = "America/New_York"  # for rows whose zone abbreviation is missing or unknown


class CashAppImporter(SyntheticColumns):
    synthetic = ("__party__",)

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        cells["__party__"] = first_nonempty(cells, self.layout.helpers["party"])
        return cells

    def times(self, values: pd.Series, tz: str):
        return abbreviated_times(values, self.layout.time_formats, tz)

    def normalise(self, table, sample, options):
        parsed = super().normalise(table, sample, options)
        time = self.resolve(table.header).get("time")
        if time in table.cells:
            for code in unknown_abbreviations(split_zone(table.cells[time])[1]):
                parsed.notices.append(Notice(
                    "unknown-time-zone",
                    f"time zone {code!r} is not known; read in {options.tz or TZ}",
                    value=code))
        return parsed

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        abbrev = split_zone(cells[columns["time"]])[1]
        out["tz"] = abbreviated_zones(out["time"], abbrev, out["tz"]).to_numpy()
        # A card purchase that came back keeps its type (Cash Card Debit) with a positive
        # amount and CARD REFUNDED: that row is the refund.
        back = out["kind"].eq("payment") & out["status"].eq("refunded") & out["direction"].eq("in")
        out.loc[back, "kind"] = "refund"
        return out


LAYOUT = Layout(
    name="cashapp",
    title="Cash App activity report CSV",
    header=("Transaction ID", "Date", "Transaction Type", "Net Amount", "Status"),
    columns={
        "txn_id": ("Transaction ID",),
        "time": ("Date",),
        "amount": ("Amount",),
        "currency": ("Currency",),
        "status": ("Status",),
        "counterparty": ("__party__",),
        "description": ("Notes",),
        "method": ("Account",),
        "category": ("Transaction Type",),
        "fee": ("Fee",),
    },
    helpers={"party": ("Name of sender/receiver", "Notes")},
    known_columns=(
        "Net Amount", "Asset Type", "Asset Price", "Asset Amount", "Name of sender/receiver",
    ),
    tz=TZ,
    time_formats=("%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d"),
    statuses=STATUSES,
    kind_from=("category",),
    kind_rules=KIND_RULES,
)

IMPORTERS = (CashAppImporter(LAYOUT),)
