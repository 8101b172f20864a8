"""Vectorised text columns for the ``--scores`` CSV (1M rows must not loop in Python)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from walletwatch.columns import amount_column, iso_local_column, per_value, texts

# Free text from the export: masked (unless asked otherwise) and never a spreadsheet formula.
TEXT_COLUMNS = ("source_file", "txn_id", "counterparty", "status")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

SCORE_COLUMNS = ("source_file", "source_line", "txn_id", "time", "amount", "currency",
                 "direction", "counterparty", "status", "score", "flagged")


def scores_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The ``--scores`` columns in frame order; score with 4 decimals, flagged true/false."""
    table = pd.DataFrame({
        "source_file": _spelled(frame["source_file"], None),
        "source_line": frame["source_line"].astype(np.int64),
        "txn_id": frame["txn_id"].astype(str),
        "time": iso_local_column(frame["time"], frame["tz"]),
        "amount": amount_column(frame["amount"], frame["currency"]),
        "currency": _spelled(frame["currency"], None),
        "direction": _spelled(frame["direction"], None),
        "counterparty": _spelled(frame["counterparty"], ""),
        "status": _spelled(frame["status"], None),
        "score": per_value(frame["score"].to_numpy(float), "{:.4f}".format),
        "flagged": np.where(frame["flagged"].to_numpy(bool), "true", "false"),
    })
    return table[list(SCORE_COLUMNS)]


def _spelled(column: pd.Series, missing: str | None) -> pd.Series:
    """``texts(column, missing)`` as one text per row (a categorical's values spelled out:
    the table is written cell by cell and its text cells may be neutralised)."""
    out = texts(column, missing)
    return out.astype(object) if isinstance(out.dtype, pd.CategoricalDtype) else out


def _per_unique(column: pd.Series, func) -> np.ndarray:
    """``func`` applied once per distinct value (a million rows have few distinct names)."""
    codes, uniques = pd.factorize(column)
    return np.array([func(v) for v in uniques] + [None], dtype=object)[codes]  # -1: missing


def _neutral(column: pd.Series) -> pd.Series:
    """Cells a spreadsheet will not evaluate (as the report CSV does it): a leading quote
    where the text starts like a formula (one vectorised test: ids are a million distinct)."""
    risky = column.str.startswith(_FORMULA_START).to_numpy(bool, na_value=False)
    return column.mask(risky, "'" + column) if risky.any() else column


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
        table[column] = _neutral(table[column])
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
