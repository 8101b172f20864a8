"""Revolut personal account statement (formats.md §4): the current CSV and the legacy layout.

Current layout: ``Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,
State,Balance``. Types are UPPER_CASE in older files (``CARD_PAYMENT``) and Title Case in newer
ones (``Card Payment``); Swiss accounts write ``'`` thousands separators; Completed Date and
Balance are empty for rows that did not complete.

Legacy (pre-2020) layout: semicolon separated, ``Completed Date ; Description ; Paid Out (EUR)
; Paid In (EUR) ; …`` with dates like ``Mar 25, 2020`` and the currency only in the header.
"""

from __future__ import annotations

import re

import pandas as pd

from walletwatch.ingest.layout import Layout
from walletwatch.ingest.quirks import SyntheticColumns, promote_refunds

STATUSES = {
    "COMPLETED": "success",
    "PENDING": "pending",
    "REVERTED": "closed",
    "DECLINED": "failed",
    "FAILED": "failed",
}
# Tried in order on the Type (case and ``_`` normalised by the (?i) flag and ``[ _]``).
KIND_RULES = (
    (r"(?i)refund|chargeback", "refund"),
    (r"(?i)^top[ _]?up|deposit", "topup"),
    (r"(?i)^atm|withdrawal", "withdrawal"),
    (r"(?i)^fee|charge", "fee"),
    (r"(?i)transfer", "transfer"),
    (r"(?i)exchange|cashback|reward|interest|trade|savings", "other"),
    (r"(?i)card[ _]payment|payment", "payment"),
)


class RevolutImporter(SyntheticColumns):
    """The amount is the row's Amount; the fee Revolut charged on top stays in ``fee``.

    ``Balance = previous + Amount - Fee``, so the money a row moved is the signed amount
    minus the fee, as for every walletwatch format (PayPal: Gross and Fee). Peers that book
    ``Amount - Fee`` as one number (c-vigo/beancount-importers) differ on rows with a fee.
    """

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        return promote_refunds(out)


# Started Date is the time: it is when the holder acted (card tapped, transfer sent), it is
# present on every row (Completed Date is empty for pending, declined and reverted rows), and
# it is the date the peer importers book. The zone is not written in the file [I]: UTC unless
# --tz says otherwise.
CURRENT = Layout(
    name="revolut",
    title="Revolut account statement CSV",
    provider="revolut",
    header=("Type", "Product", "Started Date", "Completed Date", "Description", "State"),
    columns={
        "time": ("Started Date",),
        "amount": ("Amount",),
        "currency": ("Currency",),
        "status": ("State",),
        "counterparty": ("Description",),
        "description": ("Description",),
        "method": ("Product",),
        "category": ("Type",),
        "fee": ("Fee",),
    },
    known_columns=("Completed Date", "Balance"),
    tz="UTC",
    time_formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"),
    statuses=STATUSES,
    kind_from=("category",),
    kind_rules=KIND_RULES,
)


class RevolutLegacyImporter(SyntheticColumns):
    """Paid Out / Paid In columns become one signed amount; the currency is in the header."""

    synthetic = ("__amount__", "__currency__")

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        out_col = _column(cells, "Paid Out")
        in_col = _column(cells, "Paid In")
        paid_out = cells[out_col] if out_col else pd.Series("", index=cells.index)
        paid_in = cells[in_col] if in_col else pd.Series("", index=cells.index)
        cells["__amount__"] = ("-" + paid_out).where(paid_out != "", paid_in)
        match = re.search(r"\((\w{3})\)", out_col or in_col or "")
        cells["__currency__"] = match.group(1) if match else ""
        return cells

    def unknown_columns(self, header, columns):
        known = [h for h in header if re.match(r"(Paid Out|Paid In|Balance) \(\w{3}\)", h)]
        return [n for n in super().unknown_columns(header, columns) if n.value not in known]

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        return promote_refunds(out)


def _column(cells: pd.DataFrame, prefix: str) -> str | None:
    return next((c for c in cells.columns if c.startswith(prefix)), None)


LEGACY = Layout(
    name="revolut-legacy",
    title="Revolut statement CSV, legacy semicolon layout (before 2020)",
    provider="revolut",
    header=("Completed Date", "Description", "Paid Out", "Paid In", "Exchange Out"),
    delimiter=";",
    columns={
        "time": ("Completed Date",),
        "amount": ("__amount__",),
        "currency": ("__currency__",),
        "counterparty": ("Description",),
        "description": ("Description",),
        "category": ("Category",),
    },
    known_columns=("Exchange Out", "Exchange In", "Exchange Rate", "Notes"),
    tz="UTC",
    time_formats=("%b %d, %Y", "%d %b %Y", "%Y-%m-%d"),
    kind_from=("description", "category"),
    kind_rules=(
        (r"(?i)refund", "refund"),
        (r"(?i)top-?up|payment from", "topup"),
        (r"(?i)cash at|atm", "withdrawal"),
        (r"(?i)^to |transfer", "transfer"),
        (r"(?i)exchanged", "other"),
    ),
)

IMPORTERS = (RevolutImporter(CURRENT), RevolutLegacyImporter(LEGACY))
