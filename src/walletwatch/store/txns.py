"""Transactions in the store: idempotent import across overlapping exports, window reads.

A stored record's key is the provider plus the full-record key ingest uses to count a record
once across files (``walletwatch.ingest._DEDUP_KEY``: transaction id, time, amount, direction,
status) plus its occurrence number: the k-th identical record of an export matches the k-th
stored one, so a real double charge inside one export (two identical rows; WeChat order ids
can repeat within a file) is kept, while the same rows seen again in an overlapping export are
not imported twice.

A record that changes status between exports (a top-up "pending" last week, "success" now)
arrives as a new row; the pending row is then marked ``superseded_by`` the settled one and
drops out of what the checks see.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from walletwatch.schema import COLUMNS

if TYPE_CHECKING:
    import pandas as pd

KEY = ("provider", "txn_id", "time_ns", "amount", "direction", "status", "occurrence")
DATA = tuple(c for c in COLUMNS if c not in {"txn_id", "time", "amount", "direction", "status"})
STORED = (*KEY, *DATA, "file_sha256")


@dataclass
class Imported:
    """What one import added: ``new_ids`` are store row ids of the records not seen before."""

    rows: int
    new_ids: list[int]

    @property
    def duplicate(self) -> int:
        return self.rows - len(self.new_ids)


def max_id(conn: sqlite3.Connection) -> int:
    """The highest row id; rows are never deleted, so this also counts the history."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM transactions").fetchone()[0])


def _rows(frame: pd.DataFrame, providers: dict[str, str], shas: dict[str, str]) -> list[tuple]:
    out = frame.copy()
    # Plain values first: ``map`` on a categorical column (a large export's) maps its categories.
    formats = out["source_format"].astype(object)
    out["provider"] = formats.map(providers).fillna(formats)
    out["time_ns"] = out["time"].dt.as_unit("ns").astype("int64")
    out["txn_id"] = out["txn_id"].fillna("").astype(str)
    group = ["provider", "txn_id", "time_ns", "amount", "direction", "status"]
    out["occurrence"] = out.groupby(group, sort=False).cumcount()
    out["file_sha256"] = out["source_file"].astype(object).map(shas)
    # .tolist() yields plain Python scalars; missing values become None (SQL NULL).
    columns = [out[c].astype(object).where(out[c].notna(), None).tolist() for c in STORED]
    return list(zip(*columns, strict=True))


def import_frame(conn: sqlite3.Connection, frame: pd.DataFrame, providers: dict[str, str],
                 shas: dict[str, str]) -> Imported:
    """Insert the records not already stored; mark pending records a settled one replaces.

    Args:
        conn: inside the caller's transaction.
        frame: normalised transactions (``walletwatch.ingest.load(...).frame``).
        providers: importer format name -> provider.
        shas: source file path -> its content SHA-256.
    """
    if not len(frame):
        return Imported(0, [])
    before = max_id(conn)
    placeholders = ", ".join("?" for _ in STORED)
    conn.executemany(
        f"INSERT OR IGNORE INTO transactions ({', '.join(STORED)}) VALUES ({placeholders})",
        _rows(frame, providers, shas),
    )
    new_ids = [r[0] for r in conn.execute(
        "SELECT id FROM transactions WHERE id > ? ORDER BY id", (before,))]
    _supersede(conn, before)
    return Imported(len(frame), new_ids)


_SAME_RECORD = """
    s.provider = t.provider AND s.txn_id = t.txn_id AND s.time_ns = t.time_ns
    AND s.amount = t.amount AND s.direction = t.direction
    AND s.status NOT IN ('pending', 'unknown')
"""


def _supersede(conn: sqlite3.Connection, before: int) -> None:
    """Mark unsettled rows of the records touched by this import (ids > ``before``)."""
    conn.execute(f"""
        UPDATE transactions AS t
        SET superseded_by = (SELECT min(s.id) FROM transactions s WHERE {_SAME_RECORD})
        WHERE t.id IN (
            SELECT o.id FROM transactions n JOIN transactions o
              ON o.provider = n.provider AND o.txn_id = n.txn_id AND o.time_ns = n.time_ns
             AND o.amount = n.amount AND o.direction = n.direction
            WHERE n.id > ? AND n.txn_id != '')
          AND t.superseded_by IS NULL AND t.status IN ('pending', 'unknown')
          AND EXISTS (SELECT 1 FROM transactions s WHERE {_SAME_RECORD})
    """, (before,))


_COLUMNS = ("id", *KEY, *DATA)


def select(conn: sqlite3.Connection, where: str = "1", params: tuple = (),
           order: str = "time_ns, id", limit: int | None = None) -> list[tuple]:
    """Raw rows of current (not superseded) records, for ``to_frame``."""
    sql = (f"SELECT {', '.join(_COLUMNS)} FROM transactions "
           f"WHERE superseded_by IS NULL AND ({where}) ORDER BY {order}")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return conn.execute(sql, params).fetchall()


def to_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows from ``select`` as a normalised frame (chronological), plus ``store_id``."""
    import pandas as pd

    from walletwatch.schema import empty_frame

    if not rows:
        frame = empty_frame()
        frame["store_id"] = pd.Series([], dtype="int64")
        return frame
    raw = pd.DataFrame.from_records(rows, columns=_COLUMNS)
    raw["time"] = pd.to_datetime(raw["time_ns"], utc=True).dt.as_unit("ns")
    raw["fee"] = raw["fee"].astype("Int64")
    raw["amount"] = raw["amount"].astype("int64")
    raw["source_line"] = raw["source_line"].fillna(0).astype("int64")
    frame = raw[list(COLUMNS)].copy()
    frame["store_id"] = raw["id"].astype("int64")
    return frame.sort_values(["time", "store_id"], kind="stable").reset_index(drop=True)


def read_frame(conn: sqlite3.Connection, where: str = "1", params: tuple = (),
               order: str = "time_ns, id", limit: int | None = None) -> pd.DataFrame:
    """Current (not superseded) records as a normalised frame, plus ``store_id``."""
    return to_frame(select(conn, where, params, order, limit))


def window(conn: sqlite3.Connection, since_ns: int) -> pd.DataFrame:
    """Every current record at or after ``since_ns`` (uses the time index)."""
    return read_frame(conn, "time_ns >= ?", (since_ns,))


def recent(conn: sqlite3.Connection, limit: int) -> pd.DataFrame:
    """The ``limit`` most recent current records, oldest first."""
    return read_frame(conn, order="time_ns DESC, id DESC", limit=limit)


def min_time_ns(conn: sqlite3.Connection, ids: list[int]) -> int | None:
    if not ids:
        return None
    row = conn.execute("SELECT min(time_ns) FROM transactions WHERE id >= ? AND id <= ?",
                       (min(ids), max(ids))).fetchone()
    return None if row[0] is None else int(row[0])
