"""Venmo statement CSV (formats.md §4), current and 2019–21 layouts.

The current file starts with two title lines, then a header whose first column is blank
(``,ID,Datetime,…``); the first record is the beginning balance, the last the ending balance
followed by a multi-line quoted disclaimer. The older header starts with ``Username`` instead
of the blank column. Amounts look like ``+ $25.00`` / ``- $2,019.40``; ids are 19 digits and
stay strings (a float would lose the last digits).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from walletwatch.ingest.base import Parsed, Rejected
from walletwatch.ingest.layout import Layout
from walletwatch.ingest.quirks import SyntheticColumns, first_nonempty, promote_refunds

STATUSES = {
    "Complete": "success",
    "Completed": "success",
    "Pending": "pending",
    "Issued": "pending",  # a bank transfer that left Venmo but has not arrived yet
    "Canceled": "closed",
    "Cancelled": "closed",
}
KIND_RULES = (
    (r"(?i)refund", "refund"),
    (r"(?i)standard transfer|instant transfer|bank transfer", "withdrawal"),
    (r"(?i)add funds|top ?up|deposit", "topup"),
    (r"(?i)merchant|card|purchase", "payment"),
    (r"(?i)^payment|^charge", "transfer"),
    (r"(?i)fee", "fee"),
    (r"(?i)reward|cashback|interest", "other"),
)
BALANCES = ("Beginning Balance", "Ending Balance")
SUMMARY = (*BALANCES, "Statement Period Venmo Fees", "Year to Date Venmo Fees", "Disclaimer")


class VenmoImporter(SyntheticColumns):
    synthetic = ("__party__", "__method__")

    def normalise(self, table, sample, options) -> Parsed:
        # Balance rows (no id, no time, no amount; only a balance, fee totals or the
        # disclaimer) describe the statement, not a transaction: they are neither counted
        # in rows_total nor rejected. Their balances go to the file's declared metadata.
        cells = table.cells
        blank = pd.Series(True, index=cells.index)
        for name in ("ID", "Datetime", "Amount (total)"):
            blank &= cells.get(name, pd.Series("", index=cells.index)) == ""
        summary = pd.Series(False, index=cells.index)
        for name in SUMMARY:
            summary |= cells.get(name, pd.Series("", index=cells.index)) != ""
        balance_rows = (blank & summary).to_numpy()
        meta = _balances(cells.loc[balance_rows])
        table.cells = cells.loc[~balance_rows].reset_index(drop=True)
        table.lines = table.lines[~balance_rows]
        kept = [r for r in table.rejected if not _ragged_balance(r, table.header)]
        table.summary_lines += int(balance_rows.sum()) + len(table.rejected) - len(kept)
        table.rejected = kept
        parsed = super().normalise(table, sample, options)
        parsed.meta.update(meta)
        return parsed

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        cells = cells.copy()
        sender, receiver = self.helper_values(cells, "from"), self.helper_values(cells, "to")
        source = self.helper_values(cells, "funding")
        dest = self.helper_values(cells, "destination")
        amount = first_nonempty(cells, self.layout.columns["amount"]).astype(str)
        paid = amount.str.startswith("-").to_numpy()
        # The counterparty is whichever of From/To is not the account holder (for a Charge
        # the holder is From even though money came in); bank transfers name no person, so
        # the bank account stands in.
        holder = _holder(sender, receiver)
        party = np.where(sender == holder, receiver, sender)
        bank = np.where(paid, dest, source)
        cells["__party__"] = np.where(party == "", bank, party)
        method = np.where(paid | (dest == ""), source, dest)
        cells["__method__"] = np.where(method == "", np.where(source == "", dest, source), method)
        return cells

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        return promote_refunds(out)


def _ragged_balance(rejected: Rejected, header: list[str]) -> bool:
    """A balance row made ragged by an unquoted ``$1,407.50``: still no id, time or amount."""
    if rejected.reason != "ragged-row" or not rejected.cells:
        return False
    positions = [header.index(n) for n in ("ID", "Datetime", "Amount (total)") if n in header]
    cells = rejected.cells
    return bool(positions) and all(p >= len(cells) or cells[p] == "" for p in positions) and \
        "$" in "".join(cells)


def _holder(sender: pd.Series, receiver: pd.Series) -> str:
    """The account holder: the name on one side of most rows (the file never says it)."""
    names = pd.concat([sender, receiver])
    names = names[names != ""]
    if names.empty:
        return ""
    counts = names.value_counts()
    return str(counts.index[0]) if counts.iloc[0] > len(sender) / 2 else ""


def _balances(rows: pd.DataFrame) -> dict[str, str]:
    meta = {}
    for name in BALANCES:
        values = [v for v in rows.get(name, pd.Series([], dtype=object)) if v]
        if values:
            meta[name.lower().replace(" ", "_")] = values[0]
    return meta


LAYOUT = Layout(
    name="venmo",
    title="Venmo statement CSV",
    header=("ID", "Datetime", "Type", "Status", "Amount (total)"),
    columns={
        "txn_id": ("ID",),
        "time": ("Datetime",),
        "amount": ("Amount (total)",),
        "status": ("Status",),
        "counterparty": ("__party__",),
        "description": ("Note",),
        "method": ("__method__",),
        "category": ("Type",),
        "fee": ("Amount (fee)",),
    },
    helpers={"from": ("From",), "to": ("To",), "funding": ("Funding Source",),
             "destination": ("Destination",)},
    known_columns=(
        "Username", "From", "To", "Amount (tip)", "Amount (tax)", "Tax Rate", "Tax Exempt",
        "Funding Source", "Destination", "Terminal Location", *SUMMARY,
    ),
    tz="UTC",  # the Datetime column is UTC [I]
    currency="USD",
    time_formats=("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"),
    statuses=STATUSES,
    kind_from=("category",),
    kind_rules=KIND_RULES,
)

IMPORTERS = (VenmoImporter(LAYOUT),)
