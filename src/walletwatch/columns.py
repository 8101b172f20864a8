"""Whole columns of schema values as text, vectorised (a million rows must not loop in Python).

``iso_local_column`` and ``amount_column`` are ``schema.iso_local`` and ``schema.format_amount``
for a column; the checks (finding rows) and the ``--scores`` CSV both use them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from walletwatch.schema import exponent


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
        suffix = per_value(offset, _offset_text)  # a zone has a few offsets, not a million
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
        out[mask] = per_value(minor[mask], lambda value, exp=exp: _minor_text(value, exp))
    return out


def per_value(values: np.ndarray, func) -> np.ndarray:
    """``func`` of each element as an object array, called once per distinct value (by bit
    pattern, so that -0.0 and 0.0 stay apart): a million amounts hold far fewer values."""
    bits = values.view(np.int64) if values.dtype == np.float64 else values
    uniques, inverse = np.unique(bits, return_inverse=True)
    if values.dtype == np.float64:
        uniques = uniques.view(np.float64)
    return np.array([func(v) for v in uniques.tolist()], dtype=object)[inverse]


def _offset_text(minutes: int) -> str:
    """``+08:00`` for an offset of 480 minutes."""
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _minor_text(value: int, exp: int) -> str:
    """``-12.30`` for -1230 minor units with exponent 2 (integer arithmetic only)."""
    sign = "-" if value < 0 else ""
    whole, frac = abs(value) // 10**exp, abs(value) % 10**exp
    return f"{sign}{whole}.{frac:0{exp}d}" if exp else f"{sign}{whole}"
