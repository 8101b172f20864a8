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
from decimal import Decimal, InvalidOperation

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
    """The amount is what moved the balance: ``Amount - Fee``.

    Revolut charges the fee on top of the amount (``Balance = previous + Amount - Fee``), so a
    ``-42.18`` card payment with a ``0.42`` fee took 42.60 from the account; the fee stays in
    ``fee``. This is also how the c-vigo/beancount-importers peer books these rows.
    """

    synthetic = ("__net__",)

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        amount = cells["Amount"] if "Amount" in cells else pd.Series("", index=cells.index)
        fee = cells["Fee"] if "Fee" in cells else pd.Series("", index=cells.index)
        cells["__net__"] = [_net(a, f) for a, f in zip(amount, fee, strict=True)]
        return cells

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        return promote_refunds(out)


def _number(text: str) -> Decimal | None:
    cleaned = re.sub(r"['\s,\u00a0\u2019]", "", text or "")
    try:
        return Decimal(cleaned) if cleaned else None
    except InvalidOperation:
        return None


def _net(amount: str, fee: str) -> str:
    """``Amount - Fee`` as exact text; an unreadable amount stays as written (rejected later)."""
    value = _number(amount)
    if value is None:
        return amount
    return str(value - (_number(fee) or Decimal(0)))


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
        "amount": ("__net__",),
        "currency": ("Currency",),
        "status": ("State",),
        "counterparty": ("Description",),
        "description": ("Description",),
        "method": ("Product",),
        "category": ("Type",),
        "fee": ("Fee",),
    },
    known_columns=("Completed Date", "Amount", "Balance"),
    tz="UTC",
    time_formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"),
    statuses=STATUSES,
    kind_from=("category",),
    kind_rules=KIND_RULES,
)


class RevolutLegacyImporter(SyntheticColumns):
    """Paid Out / Paid In columns become one signed amount; the currency is in the header."""

    synthetic = ("__net__", "__currency__")

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        out_col = _column(cells, "Paid Out")
        in_col = _column(cells, "Paid In")
        paid_out = cells[out_col] if out_col else pd.Series("", index=cells.index)
        paid_in = cells[in_col] if in_col else pd.Series("", index=cells.index)
        cells["__net__"] = ("-" + paid_out).where(paid_out != "", paid_in)
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
        "amount": ("__net__",),
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
