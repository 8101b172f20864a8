"""PayPal "Activity download" CSV (formats.md §3), mapped by column name.

One importer reads the 41-column activity download, the 22-column business variant and the
legacy "Download History" layout (spaces after the commas, ``Time Zone``): they share the
column names that matter. Each row names its own zone (``PST``/``PDT``/``CET`` …), dates are
US ``M/D/YYYY`` or EU ``D/M/YYYY`` and numbers US ``1,015.30`` or EU ``23,00`` depending on
the account's locale, decided per file from the values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from walletwatch.ingest.base import Notice
from walletwatch.ingest.layout import Layout
from walletwatch.ingest.quirks import (
    SyntheticColumns,
    abbreviated_times,
    abbreviated_zones,
    first_nonempty,
    promote_refunds,
    unknown_abbreviations,
)

STATUSES = {
    "Completed": "success",
    "Cleared": "success",
    "Pending": "pending",
    "Placed": "pending",
    "Held": "pending",
    "Unclaimed": "pending",  # sent to someone without an account: not yet taken
    "Denied": "failed",
    "Refunded": "refunded",
    "Partially Refunded": "refunded",
    "Canceled": "closed",
    "Cancelled": "closed",
    "Removed": "closed",
    "Reversed": "closed",
}
BALANCE_IMPACT = {"Credit": "in", "Debit": "out", "Memo": "neutral"}
KIND_RULES = (
    (r"(?i)refund|reversal|chargeback", "refund"),
    (r"(?i)withdrawal", "withdrawal"),
    (r"(?i)bank deposit|add funds|deposit to pp|transfer from bank", "topup"),
    (r"(?i)currency conversion|hold|release|authori[sz]ation|investment", "other"),
    (r"(?i)\bfee\b", "fee"),
    (r"(?i)money transfer|mass pay|transfer to|general payment|send money", "transfer"),
)
AMOUNT_COLUMNS = ("Gross", "Fee", "Net", "Balance")
KNOWN = (
    "Date", "Time", "TimeZone", "Time Zone", "Net", "Balance", "Shipping Address",
    "Address Status", "Item ID", "Shipping and Handling Amount", "Insurance Amount", "Sales Tax",
    "Option 1 Name", "Option 1 Value", "Option 2 Name", "Option 2 Value", "Reference Txn ID",
    "Custom Number", "Quantity", "Receipt ID", "Address Line 1",
    "Address Line 2/District/Neighborhood", "Town/City",
    "State/Province/Region/County/Territory/Prefecture/Republic", "Zip/Postal Code", "Country",
    "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact",
    "From Email Address", "To Email Address", "Item Title", "Description", "Payment Type",
    "Counterparty Status", "Tip", "Discount", "Auction Site", "Buyer ID", "Item URL",
    "Closing Date", "Subscription Number", "Bank Name", "Bank Account", "Invoice ID",
)
_DATE = r"^(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})[/.\-](?P<c>\d{2,4})$"

LAYOUT = Layout(
    name="paypal",
    title="PayPal activity download CSV (41-column, business and legacy layouts)",
    provider="paypal",
    header=("Date", "Time", "Gross", "Net", "Transaction ID"),
    columns={
        "txn_id": ("Transaction ID",),
        "merchant_order_id": ("Invoice Number", "Invoice ID"),
        "time": ("__when__",),
        "amount": ("Gross",),
        "currency": ("Currency",),
        "direction": ("Balance Impact",),
        "status": ("Status",),
        "counterparty": ("Name",),
        "description": ("Item Title", "Subject", "Description", "Note"),
        "category": ("Type",),
        "fee": ("Fee",),
    },
    known_columns=KNOWN,
    tz="UTC",
    time_formats=("%Y-%m-%d %H:%M:%S",),
    statuses=STATUSES,
    kind_from=("category",),
    kind_rules=KIND_RULES,
    recognised_by="header row with Date, Time, Gross, Net, Transaction ID (UTF-8 with BOM)",
)


def day_first(dates: pd.Series) -> bool:
    """EU ``D/M/YYYY`` when some first field is > 12; US unless the rows prove otherwise."""
    parts = dates.str.extract(_DATE)
    a = pd.to_numeric(parts["a"], errors="coerce")
    b = pd.to_numeric(parts["b"], errors="coerce")
    if (parts["a"].str.len() == 4).any():
        return False  # ISO year first
    if (a > 12).any():
        return True
    # Dotted dates (18.03.2016) are European unless a second field > 12 proves otherwise.
    return bool(dates.str.contains(".", regex=False).any()) and not bool((b > 12).any())


def decimal_comma(values: pd.DataFrame) -> bool:
    """EU numbers (``23,00``, ``1.015,30``): a comma followed by 1–2 final digits."""
    text = values.stack() if len(values.columns) else pd.Series([], dtype=object)
    return bool(text.str.contains(r",\d{1,2}$|\.\d{3},", regex=True).any())


class PayPalImporter(SyntheticColumns):
    synthetic = ("__when__",)

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        date = cells.get("Date", pd.Series("", index=cells.index)).astype(str)
        parts = date.str.extract(_DATE)
        first, second, third = parts["a"], parts["b"], parts["c"]
        day, month = (first, second) if day_first(date) else (second, first)
        year_first = (first.str.len() == 4).to_numpy()  # 2016-03-18
        day, month = day.where(~year_first, third), month.where(~year_first, second)
        year = third.where(~year_first, first)
        iso = year.str.zfill(4) + "-" + month.str.zfill(2) + "-" + day.str.zfill(2)
        iso = iso.where(parts["a"].notna(), date)  # unreadable dates stay as written
        time = cells.get("Time", pd.Series("", index=cells.index)).astype(str)
        zone = _zone_column(cells)
        abbrev = cells[zone].astype(str) if zone else ""
        cells["__when__"] = (iso + " " + time + " " + abbrev).str.strip()
        amounts = [c for c in AMOUNT_COLUMNS if c in cells.columns]
        if decimal_comma(cells[amounts]):
            for column in amounts:
                cells[column] = (cells[column].str.replace(".", "", regex=False)
                                 .str.replace(",", ".", regex=False))
        return cells

    def normalise(self, table, sample, options):
        parsed = super().normalise(table, sample, options)
        zone = _zone_column(table.cells)
        if zone is not None:
            for code in unknown_abbreviations(table.cells[zone]):
                parsed.notices.append(Notice(
                    "unknown-time-zone",
                    f"time zone {code!r} is not known; read in {options.tz or 'UTC'}",
                    value=code))
        return parsed

    def times(self, values: pd.Series, tz: str):
        # A known abbreviation is the file's own statement of the offset and wins; ``tz``
        # (--tz, else UTC) applies only to rows without one.
        return abbreviated_times(values, self.layout.time_formats, tz)

    def directions(self, values: pd.Series, negative: np.ndarray, minor: np.ndarray) -> pd.Series:
        signed = np.where(minor == 0, "neutral", np.where(negative, "out", "in"))
        mapped = values.map(BALANCE_IMPACT)
        return mapped.where(mapped.notna(), pd.Series(signed, index=values.index)).astype(object)

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        zone = _zone_column(cells)
        if zone is not None:
            out["tz"] = abbreviated_zones(out["time"], cells[zone], out["tz"]).to_numpy()
        out["description"] = first_nonempty(cells, LAYOUT.columns["description"]).to_numpy()
        sender = first_nonempty(cells, ("From Email Address",)).to_numpy()
        receiver = first_nonempty(cells, ("To Email Address",)).to_numpy()
        # The account holder is on one side; a negative gross means they paid.
        paid = cells["Gross"].str.startswith("-").to_numpy() if "Gross" in cells else False
        out["counterparty_account"] = np.where(paid, receiver, sender)
        if "Reference Txn ID" in cells.columns:
            refunds = out["kind"].eq("refund").to_numpy()
            out.loc[refunds, "refund_of"] = cells["Reference Txn ID"].to_numpy()[refunds]
        return promote_refunds(out)


def _zone_column(cells: pd.DataFrame) -> str | None:
    for name in ("TimeZone", "Time Zone"):
        if name in cells.columns:
            return name
    return None


IMPORTERS = (PayPalImporter(LAYOUT),)
