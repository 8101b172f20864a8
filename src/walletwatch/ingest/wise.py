"""Wise (TransferWise): the balance statement CSV and the transaction-history CSV (formats.md §4).

* Balance statement (one currency per file): ``TransferWise ID,Date,Amount,…``; dates
  ``DD-MM-YYYY``, signed amounts, and **no status column**: it lists only booked movements,
  so every row is ``success``.
* Transaction history (all balances): ``ID,Status,Direction,Created on,…``; amounts are
  unsigned and the sign comes from Direction (``IN``/``OUT``/``NEUTRAL`` = between own
  balances). The amount is the one the export gives "after fees"; the fee is kept in ``fee``.

Neither export names a time zone [I]: times are read as UTC unless ``--tz`` says otherwise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from walletwatch.ingest.layout import Layout
from walletwatch.ingest.quirks import SyntheticColumns, first_nonempty, promote_refunds

# Tried in order on "<id> | <description or category>"; ids are TYPE-number.
KIND_RULES = (
    (r"(?i)refund", "refund"),
    (r"(?i)^ACCRUAL_CHARGE|^FEE|wise charges|fee for", "fee"),
    (r"(?i)cash withdrawal|^CASH_WITHDRAWAL|atm", "withdrawal"),
    (r"(?i)top(?:ped)? ?up|^BALANCE_DEPOSIT|deposit", "topup"),
    (r"(?i)^CARD|card transaction", "payment"),
    (r"(?i)^TRANSFER|sent money|received money", "transfer"),
    (r"(?i)^BALANCE|convert|interest|cashback", "other"),
)


class WiseStatementImporter(SyntheticColumns):
    synthetic = ("__party__",)

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        cells["__party__"] = first_nonempty(cells, self.layout.helpers["party"])
        return cells

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        return promote_refunds(out)


STATEMENT = Layout(
    name="wise-statement",
    title="Wise balance statement CSV (one currency)",
    header=("TransferWise ID", "Date", "Amount", "Currency", "Running Balance"),
    columns={
        "txn_id": ("TransferWise ID",),
        "merchant_order_id": ("Payment Reference",),
        "time": ("Date Time", "Date"),
        "amount": ("Amount",),
        "currency": ("Currency",),
        "counterparty": ("__party__",),
        "counterparty_account": ("Payee Account Number",),
        "description": ("Description",),
        "method": ("Card Last Four Digits",),
        "fee": ("Total fees",),
    },
    helpers={"party": ("Merchant", "Payee Name", "Payer Name")},
    known_columns=(
        "Date", "Running Balance", "Exchange From", "Exchange To", "Exchange Rate",
        "Payer Name", "Payee Name", "Merchant", "Card Holder Full Name", "Attachment", "Note",
        "Exchange To Amount",
    ),
    tz="UTC",
    time_formats=("%d-%m-%Y %H:%M:%S.%f", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y"),
    default_status="success",
    kind_from=("txn_id", "description"),
    kind_rules=KIND_RULES,
)

HISTORY_STATUSES = {
    "COMPLETED": "success",
    "OUTGOING_PAYMENT_SENT": "success",
    "CANCELLED": "closed",
    "CANCELED": "closed",
    "REFUNDED": "refunded",
    "FUNDS_CONVERTED": "pending",  # converted but not yet paid out
}
DIRECTIONS = {"IN": "in", "OUT": "out", "NEUTRAL": "neutral"}


class WiseHistoryImporter(SyntheticColumns):
    """Amount, currency, fee and counterparty come from the side the money moved on."""

    synthetic = ("__amount__", "__currency__", "__fee__", "__party__")

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        direction = first_nonempty(cells, self.layout.columns["direction"])
        incoming = (direction == "IN").to_numpy()

        def pick(side: str) -> np.ndarray:
            """The first column of the helper for money coming in, the second for going out."""
            target, source = self.layout.helpers[side]
            blank = pd.Series("", index=cells.index)
            return np.where(incoming, cells.get(target, blank), cells.get(source, blank))

        cells["__amount__"] = pick("amount")
        cells["__currency__"] = pick("currency")
        cells["__fee__"] = pick("fee")
        cells["__party__"] = pick("party")
        return cells


HISTORY = Layout(
    name="wise-history",
    title="Wise transaction history CSV (all balances)",
    header=("ID", "Status", "Direction", "Created on", "Source amount (after fees)"),
    first_column="ID",
    columns={
        "txn_id": ("ID",),
        "merchant_order_id": ("Reference",),
        "time": ("Created on",),
        "amount": ("__amount__",),
        "currency": ("__currency__",),
        "direction": ("Direction",),
        "status": ("Status",),
        "counterparty": ("__party__",),
        "description": ("Note", "Reference"),
        "category": ("Category",),
        "fee": ("__fee__",),
    },
    helpers={  # (money coming in, money going out): the side the money moved on is read
        "amount": ("Target amount (after fees)", "Source amount (after fees)"),
        "currency": ("Target currency", "Source currency"),
        "fee": ("Target fee amount", "Source fee amount"),
        "party": ("Source name", "Target name"),  # the other side: who paid, who was paid
    },
    known_columns=(
        "Finished on", "Source fee amount", "Source fee currency", "Target fee amount",
        "Target fee currency", "Source name", "Source amount (after fees)", "Source currency",
        "Target name", "Target amount (after fees)", "Target currency", "Exchange rate",
        "Batch", "Created by",
    ),
    tz="UTC",
    time_formats=("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"),
    statuses=HISTORY_STATUSES,
    directions=DIRECTIONS,
    kind_from=("txn_id", "category"),
    kind_rules=KIND_RULES,
)

IMPORTERS = (WiseStatementImporter(STATEMENT), WiseHistoryImporter(HISTORY))
