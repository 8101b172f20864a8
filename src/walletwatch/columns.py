"""Whole columns of schema values as text, vectorised (a million rows must not loop in Python).

``iso_local_column`` and ``amount_column`` are ``schema.iso_local`` and ``schema.format_amount``
for a column; the checks (finding rows) and the ``--scores`` CSV both use them.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from walletwatch.schema import exponent


def iso_local_column(time: pd.Series, tz: pd.Series) -> pd.Series:
    """``iso_local`` for a whole column: ``2023-02-12T21:32:14+08:00``."""
    out = pd.Series("", index=time.index, dtype=object)
    zones = texts(tz, "UTC")
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
    codes = texts(currency)
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


def sort_order(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """The positions that put ``frame`` in the order of ``frame.sort_values(keys,
    kind="stable")`` (missing values last), found on numbers: times as nanoseconds, text
    keys as codes of their sorted distinct values (a file name is the same on most rows)."""
    columns = []
    for key in reversed(keys):  # np.lexsort sorts by its last key first
        values = frame[key]
        if isinstance(values.dtype, pd.DatetimeTZDtype) or values.dtype.kind == "M":
            numbers = pd.DatetimeIndex(values).asi8.copy()
            missing = values.isna().to_numpy()
        elif values.dtype.kind in "iu":
            numbers, missing = values.to_numpy(), np.zeros(len(values), dtype=bool)
        else:
            numbers, _ = pd.factorize(values, sort=True)
            missing = numbers < 0
        columns += [numbers, missing]  # missing (True) sorts after present (False)
    return np.lexsort(columns)


def take_rows(frame: pd.DataFrame, positions: np.ndarray, columns: list[str] | None = None,
              *, consume: bool = False, labels: Collection[str] = ()) -> pd.DataFrame:
    """``frame[columns].take(positions)`` with a fresh ``RangeIndex``, column by column.

    An Arrow column is made one piece before its rows are taken: Arrow takes rows from a
    column in hundreds of pieces (as a reader returns it) about 50 times slower than from one.
    ``consume``: remove each column from ``frame`` once taken, so that a caller holding the
    only reference frees it at once (a sorted copy of a million rows then needs one column's
    worth of new memory at a time, not the whole table's).
    ``labels``: text columns to return as categories (``as_labels``) where that is smaller.
    """
    out = {}
    for name in list(frame.columns) if columns is None else columns:
        values = frame.pop(name) if consume else frame[name]
        if name in labels and (labelled := as_labels(values, positions)) is not None:
            out[name] = labelled
        elif _arrow_backed(values.dtype):
            pieces = values.array.__arrow_array__()
            one_piece = pieces.combine_chunks() if hasattr(pieces, "combine_chunks") else pieces
            out[name] = pd.array(one_piece.take(positions), dtype=values.dtype)
            del pieces, one_piece
        else:  # a Series keeps the dtype (an object column must not be inferred as text)
            out[name] = pd.Series(values.array.take(positions), dtype=values.dtype, copy=False)
        del values
    return pd.DataFrame(out, copy=False)


def as_labels(values: pd.Series, positions: np.ndarray) -> pd.Categorical | None:
    """The rows ``positions`` of a text column as a categorical: one code per row and each
    distinct text once, in sorted order (so that sorting and grouping order them as text);
    None when most rows are distinct (ids), where codes would only add to the text."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.array.take(positions)
    if not (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
        return None
    try:
        codes, distinct = pd.factorize(values, sort=True)
    except TypeError:  # texts and numbers mixed (a spreadsheet cell): no order to sort by
        return None
    if len(distinct) * 2 > len(values):
        return None
    return pd.Categorical.from_codes(codes[positions], categories=plain_categories(distinct))


def plain_categories(distinct) -> pd.Index:
    """Categories as Python objects, whichever reader made them (Arrow or not): one dtype."""
    return pd.Index(np.asarray(distinct, dtype=object), dtype=object)


def codes_of(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(column)``: a code per row (-1 for missing) and the distinct values. A
    categorical column gives its own codes and categories, without a pass over its rows; the
    codes then number the values in another order, so callers only compare and group them."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        # As wide as factorize's codes: narrow ones would wrap in arithmetic with counts.
        return column.cat.codes.to_numpy().astype(np.intp), column.cat.categories
    return pd.factorize(column)


def texts(column: pd.Series, missing: str | None = "") -> pd.Series:
    """``column.fillna(missing).astype(str)`` (``missing=None``: missing values stay missing,
    as ``astype(str)`` leaves them). A categorical column (``as_labels``) stays one, its
    categories made text: spelling out a million rows cost ~0.2 s a column."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return (column if missing is None else column.fillna(missing)).astype(str)
    labels = column.array
    names = np.array([str(c) for c in labels.categories] + [missing], dtype=object)
    merged, distinct = pd.factorize(names, sort=True)  # "1" and 1 become one text
    codes = np.where(labels.codes < 0, len(names) - 1, labels.codes)
    labelled = pd.Categorical.from_codes(merged[codes], categories=plain_categories(distinct))
    return pd.Series(labelled, index=column.index, name=column.name, copy=False)


def _arrow_backed(dtype) -> bool:
    return isinstance(dtype, pd.ArrowDtype) or (isinstance(dtype, pd.StringDtype)
                                                and dtype.storage == "pyarrow")


def frame_of(columns: dict, index: pd.Index) -> pd.DataFrame:
    """A frame holding ``columns`` (name -> array or Series on ``index``) as they are: no
    copy and no merging of same-typed columns into one block, which a DataFrame made from a
    dict or column by column does (a million rows: ~8 MB copied per column). Copy-on-write
    keeps the arrays safe from later writes to the frame."""
    if not columns:
        return pd.DataFrame(index=index)
    return pd.concat([pd.Series(values, index=index, name=name, copy=False)
                      for name, values in columns.items()], axis=1)


def mostly_zero(values: np.ndarray) -> pd.arrays.SparseArray:
    """``values`` stored sparse (only the non-zero ones and their positions): a rule's
    strength is 0 on all but a few rows, and a million dense floats per rule are 8 MB.
    ``to_numpy()`` gives the dense values back (a negative zero comes back as 0.0)."""
    return pd.arrays.SparseArray(values, fill_value=0.0)


def distinct_joined(sources: list[pd.Series], separator: str) -> tuple[np.ndarray, np.ndarray]:
    """The cells of ``sources`` (text columns of one frame) joined by ``separator``, as codes
    per row and the distinct joined texts: only the distinct combinations are joined (a
    million rows repeat a few thousand), the same texts as joining every row."""
    parts = [pd.factorize(source) for source in sources]
    # A missing part makes the whole text missing; and the combined code must fit an int64.
    if any(source.isna().any() for source in sources) or \
            np.prod([float(max(len(u), 1)) for _, u in parts]) > 2.0 ** 62:
        text = sources[0]
        for extra in sources[1:]:
            text = text + separator + extra
        return pd.factorize(text)
    combined = np.zeros(len(sources[0]), dtype=np.int64)
    for codes, uniques in parts:
        combined = combined * max(len(uniques), 1) + codes
    codes, distinct = pd.factorize(combined)
    texts = np.empty(len(distinct), dtype=object)
    for position, key in enumerate(distinct.tolist()):
        words = []
        for _codes, part_uniques in reversed(parts):
            key, code = divmod(key, max(len(part_uniques), 1))
            words.append(part_uniques[code])
        texts[position] = separator.join(reversed(words))
    return codes, texts
