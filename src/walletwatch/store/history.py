"""The history a check reads: a recent window, plus the owner's older habits it needs.

The rules and the per-row features read a contiguous window (``history_days`` before the
earliest new transaction). The features also ask "was this payee / this funding method ever
used before?": a payee last paid a year ago is not new. So for each payee and method of the
new outgoing rows, the most recent earlier successful payments *before* the window are added
as *seed rows*, moved by whole days to the day just before the window (time of day kept, so
hour-of-day habits are unchanged; the window's span grows by at most a day, so the owner's
daily rate is unchanged). Seed rows are context only: no finding is reported on them (they
are older than the new period).
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from walletwatch.store import txns

PER_PAYEE = 5  # earlier payments per payee: enough for its typical amount
_DAY_NS = 86_400 * 10**9


def _seed_rows(conn: sqlite3.Connection, column: str, values: list[str], before_ns: int,
               limit: int) -> list[tuple]:
    """The latest ``limit`` earlier successful payments per value (one indexed query each)."""
    rows: list[tuple] = []
    for value in values:
        rows += txns.select(conn, f"{column} = ? AND time_ns < ? AND direction = 'out'"
                            " AND status = 'success'", (value, before_ns),
                            order="time_ns DESC", limit=limit)
    return rows


def history(conn: sqlite3.Connection, start_ns: int, new_since: pd.Timestamp) -> pd.DataFrame:
    """The window from ``start_ns`` plus seed rows for the new rows' payees and methods."""
    window = txns.window(conn, start_ns)
    new = window[(window["time"] >= new_since) & window["direction"].eq("out")]
    payees = sorted({p for p in new["counterparty"].dropna().astype(str) if p.strip()})
    methods = sorted({m for m in new["method"].dropna().astype(str) if m.strip()})
    seeds = (_seed_rows(conn, "counterparty", payees, start_ns, PER_PAYEE)
             + _seed_rows(conn, "method", methods, start_ns, 1))
    if not seeds:
        return window
    seed = txns.to_frame(seeds).drop_duplicates("store_id")
    ns = seed["time"].dt.as_unit("ns").astype("int64")
    shift = (start_ns - 1 - ns) // _DAY_NS  # whole days: the time of day is kept
    seed["time"] = pd.to_datetime(ns + shift * _DAY_NS, utc=True).dt.as_unit("ns")
    frame = pd.concat([seed, window], ignore_index=True)
    return frame.sort_values(["time", "store_id"], kind="stable").reset_index(drop=True)
