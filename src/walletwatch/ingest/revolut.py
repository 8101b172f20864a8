"""Revolut personal account statement (formats.md §4): the current CSV and the legacy layout.

Current layout: ``Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,
State,Balance``. Types are UPPER_CASE in older files (``CARD_PAYMENT``) and Title Case in newer
ones (``Card Payment``); Swiss accounts write ``'`` thousands separators; Completed Date and
Balance are empty for rows that did not complete.

Legacy (pre-2020) layout: semicolon separated with spaces around the separators, ``Completed
Date ; Description ; Paid Out (EUR) ; Paid In (EUR) ; …`` (``Reference`` instead of
``Description`` in 2018 files), the currency only in the header, and dates written several ways:
``Mar 25, 2020``, ``2018 August 28``, and ``September 15`` without a year for the current year.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from walletwatch.ingest.base import Notice
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

    synthetic = ("__amount__", "__currency__", "__date__")
    unhashed = ("__date__",)

    def normalise(self, table, sample, options):
        dates = self.helper_values(table.cells, "date")
        iso, inferred = legacy_dates(dates, _modified(sample.path))
        table.cells = table.cells.assign(__date__=iso)
        parsed = super().normalise(table, sample, options)
        if inferred:
            parsed.notices.append(Notice(
                "inferred-year",
                f"{inferred} dates have no year (Revolut omits the current year); each was given "
                "the year that puts it closest to the nearest dated row, else the latest year "
                "not after the file was saved",
                value=str(inferred)))
        return parsed

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


_WITH_YEAR = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%Y %B %d", "%Y %b %d",
              "%Y-%m-%d")
_WITHOUT_YEAR = ("%B %d", "%b %d", "%d %B", "%d %b")


def _read_date(text: str) -> tuple[dt.date | None, bool]:
    """A legacy date and whether it carried its year (``September 15`` does not)."""
    for fmt in _WITH_YEAR:
        try:
            return dt.datetime.strptime(text, fmt).date(), True
        except ValueError:
            continue
    for fmt in _WITHOUT_YEAR:
        try:  # in a leap year, so that "February 29" is a date
            return dt.datetime.strptime(f"{text} 2000", f"{fmt} %Y").date(), False
        except ValueError:
            continue
    return None, False


def legacy_dates(values: pd.Series, saved: dt.date) -> tuple[pd.Series, int]:
    """ISO dates of the Completed Date cells, years filled in; and how many were inferred.

    Revolut wrote the current year's dates without the year. Statement rows are in date
    order, so a yearless date takes, of the years around its nearest dated row (before it in
    the file, else after it), the one that puts it closest to that row; a file with no dated
    row at all uses the latest year that is not after the day the file was saved.
    """
    read = [_read_date(str(text).strip()) for text in values]
    dated = np.array([date is not None and has_year for date, has_year in read])
    out = []
    inferred = 0
    for position, (date, has_year) in enumerate(read):
        if date is None:
            out.append(str(values.iat[position]))
            continue
        if not has_year:
            date = _with_year(date, _anchor(read, dated, position), saved)
            inferred += 1
        out.append(date.isoformat())
    return pd.Series(out, index=values.index, dtype=object), inferred


def _anchor(read, dated: np.ndarray, position: int) -> dt.date | None:
    before = np.flatnonzero(dated[:position])
    if len(before):
        return read[before[-1]][0]
    after = np.flatnonzero(dated[position:])
    return read[position + after[0]][0] if len(after) else None


def _with_year(date: dt.date, anchor: dt.date | None, saved: dt.date) -> dt.date:
    def in_year(year: int) -> dt.date | None:
        try:
            return date.replace(year=year)
        except ValueError:  # February 29 in a common year
            return None

    if anchor is not None:
        candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                      if (d := in_year(y)) is not None]
        return min(candidates, key=lambda d: abs((d - anchor).days))
    for year in range(saved.year, saved.year - 8, -1):
        candidate = in_year(year)
        if candidate is not None and candidate <= saved:
            return candidate
    return date


def _modified(path) -> dt.date:
    return dt.date.fromtimestamp(path.stat().st_mtime)


def _column(cells: pd.DataFrame, prefix: str) -> str | None:
    return next((c for c in cells.columns if c.startswith(prefix)), None)


LEGACY = Layout(
    name="revolut-legacy",
    title="Revolut statement CSV, legacy semicolon layout (before 2020)",
    header=("Completed Date", "Paid Out", "Paid In", "Exchange Out"),
    delimiter=";",
    columns={
        "time": ("__date__",),
        "amount": ("__amount__",),
        "currency": ("__currency__",),
        "counterparty": ("Description", "Reference"),
        "description": ("Description", "Reference"),
        "category": ("Category",),
    },
    helpers={"date": ("Completed Date",)},  # its year may be missing: see legacy_dates
    known_columns=("Exchange Out", "Exchange In", "Exchange Rate", "Notes", "Completed Date"),
    tz="UTC",
    time_formats=("%Y-%m-%d",),
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
