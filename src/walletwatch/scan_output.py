"""Vectorised text columns for the ``--scores`` CSV (1M rows must not loop in Python)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from walletwatch.schema import exponent

# Free text from the export: masked (unless asked otherwise) and never a spreadsheet formula.
TEXT_COLUMNS = ("source_file", "txn_id", "counterparty", "status")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

SCORE_COLUMNS = ("source_file", "source_line", "txn_id", "time", "amount", "currency",
                 "direction", "counterparty", "status", "score", "flagged")


def iso_local_column(time: pd.Series, tz: pd.Series) -> pd.Series:
    """``iso_local`` for a whole column: ``2023-02-12T21:32:14+08:00``."""
    out = pd.Series("", index=time.index, dtype=object)
    zones = tz.fillna("UTC").astype(str)
    for zone in pd.unique(zones):
        mask = (zones == zone).to_numpy()
        utc = time[mask]
        local = utc.dt.tz_convert(zone)
        offset = ((local.dt.tz_localize(None) - utc.dt.tz_localize(None))
                  .dt.total_seconds().astype(np.int64).to_numpy() // 60)
        sign = np.where(offset < 0, "-", "+")
        hours, minutes = np.abs(offset) // 60, np.abs(offset) % 60
        suffix = (pd.Series(sign) + pd.Series(hours).map("{:02d}".format) + ":" +
                  pd.Series(minutes).map("{:02d}".format)).to_numpy()
        out[mask] = local.dt.strftime("%Y-%m-%dT%H:%M:%S").to_numpy().astype(object) + suffix
    return out


def amount_column(amount: pd.Series, currency: pd.Series) -> pd.Series:
    """``format_amount`` for a whole column (exact: integer division, never floats)."""
    out = pd.Series("", index=amount.index, dtype=object)
    codes = currency.fillna("").astype(str)
    minor = amount.to_numpy(np.int64)
    for code in pd.unique(codes):
        mask = (codes == code).to_numpy()
        exp = exponent(code or "XXX")
        values = minor[mask]
        sign = np.where(values < 0, "-", "")
        whole, frac = np.abs(values) // 10**exp, np.abs(values) % 10**exp
        text = pd.Series(sign).astype(object) + pd.Series(whole).astype(str).astype(object)
        if exp:
            text = text + "." + pd.Series(frac).map(f"{{:0{exp}d}}".format).astype(object)
        out[mask] = text.to_numpy()
    return out


def scores_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The ``--scores`` columns in frame order; score with 4 decimals, flagged true/false."""
    table = pd.DataFrame({
        "source_file": frame["source_file"].astype(str),
        "source_line": frame["source_line"].astype(np.int64),
        "txn_id": frame["txn_id"].astype(str),
        "time": iso_local_column(frame["time"], frame["tz"]),
        "amount": amount_column(frame["amount"], frame["currency"]),
        "currency": frame["currency"].astype(str),
        "direction": frame["direction"].astype(str),
        "counterparty": frame["counterparty"].fillna("").astype(str),
        "status": frame["status"].astype(str),
        "score": pd.Series(frame["score"].to_numpy(float)).map("{:.4f}".format).to_numpy(),
        "flagged": np.where(frame["flagged"].to_numpy(bool), "true", "false"),
    })
    return table[list(SCORE_COLUMNS)]


def _per_unique(column: pd.Series, func) -> pd.Series:
    """``func`` applied once per distinct value (a million rows have few distinct names)."""
    uniques = pd.unique(column)
    return column.map(dict(zip(uniques, (func(v) for v in uniques), strict=True)))


def _neutral(text: str) -> str:
    """A cell a spreadsheet will not evaluate (as the report CSV does it)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def safe_scores_table(frame: pd.DataFrame, show_identifiers: bool = False) -> pd.DataFrame:
    """``scores_table`` with counterparties masked and formula-looking cells neutralised.

    Amounts keep their sign: they are computed by us, not copied, and only text columns are
    neutralised (a "-12.30" amount is a number to a spreadsheet, not a formula).
    """
    from walletwatch.report.mask import mask_text

    table = scores_table(frame)
    if not show_identifiers:
        table["counterparty"] = _per_unique(table["counterparty"], mask_text)
    for column in TEXT_COLUMNS:
        table[column] = _per_unique(table[column], _neutral)
    return table


def write_scores(frame: pd.DataFrame, path: str | Path, show_identifiers: bool = False) -> Path:
    """Write the ``--scores`` CSV owner-only (0600)."""
    from walletwatch.errors import OutputError
    from walletwatch.outputs import open_private

    path = Path(path)
    try:
        with open_private(path, "w", encoding="utf-8", newline="") as handle:
            safe_scores_table(frame, show_identifiers).to_csv(handle, index=False,
                                                              lineterminator="\n")
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", "choose another --scores",
                          str(path)) from exc
    return path
