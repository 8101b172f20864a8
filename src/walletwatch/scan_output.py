"""Vectorised text columns for the ``--scores`` CSV (1M rows must not loop in Python)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from walletwatch.schema import exponent

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
