"""Vectorised cell conversions shared by all importers: times, exact amounts, statuses, ids.

Each converter returns values plus a boolean ``ok`` mask; the caller turns failures into
rejected rows with a reason code. Money never passes through a float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

import numpy as np
import pandas as pd

from walletwatch.schema import classify_status

_NOISE = r"[\s¥￥$£€'+\u00a0\u202f]|CNY|RMB|USD|GBP|EUR|元"
# Chinese exports can hold full-width digits and signs (１２３．００): the same number. Other
# scripts' digits (Arabic-Indic ٥) are not: they stay and the cell is ``bad-amount``.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋（）", "0123456789.,-+()")
_NUMBER = r"^(?P<neg>-)?(?P<int>\d+)(?:\.(?P<frac>\d*))?$"


def parse_times(
    values: pd.Series, formats: tuple[str, ...], tz: str
) -> tuple[pd.Series, np.ndarray]:
    """Parse wall-clock times written in zone ``tz``; return UTC times and the ok mask."""
    text = values.astype(str).str.strip()
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in formats:
        missing = parsed.isna()
        if not missing.any():
            break
        found = pd.to_datetime(text[missing], format=fmt, errors="coerce")
        parsed[missing] = _plausible(found)
    local = parsed.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    ok = parsed.notna().to_numpy() & local.notna().to_numpy()
    return local.dt.tz_convert("UTC"), ok


# No statement is dated outside these years; 0001 or 9999 is a damaged cell (and would not fit
# pandas' nanosecond timestamps, whose range is 1677–2262).
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _plausible(found: pd.Series) -> pd.Series:
    """Times outside ``FIRST_YEAR``–``LAST_YEAR`` become NaT (a ``bad-time`` row)."""
    if not len(found):
        return found.astype("datetime64[ns]")
    years = found.dt.year
    inside = years.between(FIRST_YEAR, LAST_YEAR)
    return found.where(inside).astype("datetime64[ns]")


def excel_serial_times(values: pd.Series, tz: str) -> tuple[pd.Series, np.ndarray]:
    """Excel date serials (days since 1899-12-30) in zone ``tz``, rounded to the second."""
    numbers = pd.to_numeric(values, errors="coerce")
    # Serial 1 is 1899-12-31 and 109574 is 2199-12-31: anything else is not a statement time.
    ok = numbers.notna().to_numpy() & numbers.between(1, 109_574).to_numpy()
    seconds = (numbers.where(ok, 0) * 86400).round()
    local = pd.Timestamp("1899-12-30") + pd.to_timedelta(seconds, unit="s")
    local = local.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    return local.dt.tz_convert("UTC"), ok & local.notna().to_numpy()


def parse_amounts(
    values: pd.Series, exponent: int = 2, *, decimal_comma: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Parse money text exactly into minor units (integer string arithmetic, no floats).

    Accepts currency symbols, thousands separators, ``+``/``-`` signs (also ``- $1.00`` and
    ``-$1``), and accounting parentheses. Returns ``(minor >= 0, negative, ok, rounded)``;
    ``rounded`` marks cells with more decimals than the currency has (float noise from XLSX),
    which are rounded half-even.
    """
    # A statement repeats its amounts (a million rows hold far fewer distinct prices): each
    # distinct text is parsed once and the results are fanned out by code.
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    if len(distinct) * 2 > len(values):
        return _parse_amounts(values, exponent, decimal_comma)
    parsed = _parse_amounts(pd.Series(distinct), exponent, decimal_comma)
    return tuple(np.asarray(part)[codes] for part in parsed)


def _parse_amounts(values: pd.Series, exponent: int, decimal_comma: bool):
    text = values.astype("str").str.strip()
    if text.str.contains("[\uff08-\uff19]", regex=True).any():
        text = text.str.translate(_FULL_WIDTH)
    paren = (text.str.startswith("(") & text.str.endswith(")")).to_numpy(dtype=bool)
    if paren.any():
        text = text.str.strip("()")
    if decimal_comma:
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    if text.str.contains(r"[^0-9.\-]", regex=True).any():
        text = text.str.replace(_NOISE, "", regex=True)
    # [0-9], not \d: \d also matches other scripts' digits, which int() would then misread.
    ok = text.str.fullmatch(r"-?[0-9]+(?:\.[0-9]*)?").fillna(False).to_numpy(dtype=bool).copy()
    negative = text.str.startswith("-").fillna(False).to_numpy(dtype=bool) | paren
    digits = text.where(ok, "0").str.lstrip("-")
    has_dot = digits.str.contains(".", regex=False)
    digits = digits.where(has_dot, digits + ".")
    dot = digits.str.find(".").to_numpy(dtype=np.int64)
    too_big = dot > 15  # no wallet moves 10^15: an id has slipped into the amount column
    if too_big.any():
        ok &= ~too_big
        digits = digits.where(~too_big, "0.")
        dot = np.where(too_big, 1, dot)
    decimals = digits.str.len().to_numpy(dtype=np.int64) - dot - 1
    longer = decimals > exponent
    for count in range(exponent):  # pad to exactly `exponent` decimals
        short = decimals == count
        if short.any():
            digits = digits.where(~short, digits + "0" * (exponent - count))
    kept = digits.where(~longer, "0.")
    minor = kept.str.replace(".", "", regex=False).astype("int64[pyarrow]").to_numpy(
        dtype=np.int64).copy()
    rounded = np.zeros(len(text), dtype=bool)
    for position in np.flatnonzero(longer & ok):
        text_value = digits.iat[position]
        exact = _round_minor(text_value, exponent)
        if exact is None:
            ok[position] = False
            continue
        whole, _, fraction = text_value.partition(".")
        truncated = int(whole + fraction[:exponent])
        minor[position] = exact
        rounded[position] = exact != truncated  # float noise like 548.58000000000004 is not
    return minor, negative, ok, rounded


def _round_minor(digits: str, exponent: int) -> int | None:
    try:
        value = Decimal(digits).quantize(Decimal(1).scaleb(-exponent), rounding=ROUND_HALF_EVEN)
    except InvalidOperation:
        return None
    return int(value.scaleb(exponent))


def map_statuses(values: pd.Series, table: dict[str, str]) -> tuple[pd.Series, list[str]]:
    """Map raw status strings to the vocabulary; also return the raw strings left unknown."""
    # Classified once per distinct string, then fanned out by code (a million rows hold a
    # handful of statuses; mapping row by row turns every cell into a Python object).
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    lookup = {raw: classify_status(str(raw), table) for raw in uniques}
    unknown = sorted(str(raw) for raw, status in lookup.items() if status == "unknown" and raw)
    statuses = pd.array([lookup[raw] for raw in uniques], dtype="str").take(codes)
    return pd.Series(statuses, index=values.index), unknown


def row_hash_ids(cells: pd.DataFrame, prefix: str) -> pd.Series:
    """A stable id from the row's own cells, for formats that print none.

    Identical rows in one file get ``#2``, ``#3`` … so that two genuine identical records
    (a real double charge) keep distinct ids.
    """
    hashes = pd.util.hash_pandas_object(cells.astype(str), index=False)
    ids = prefix + hashes.map(lambda h: f"{h:016x}").astype(str)
    occurrence = ids.groupby(ids).cumcount()
    suffix = np.where(occurrence > 0, "#" + (occurrence + 1).astype(str), "")
    return ids + suffix
