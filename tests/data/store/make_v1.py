"""Regenerate ``v1.sql``: a store as the first release (migration m001 only) left it.

It holds ``alipay_mar.csv`` imported and its findings alerted, before alert fingerprints,
cases and the outbox existed.

    python tests/data/store/make_v1.py
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from walletwatch.scheduled.check import run_check
from walletwatch.store.schema_sql import V1_INITIAL

HERE = Path(__file__).parent
MAR = HERE.parent / "check" / "alipay_mar.csv"
TABLES = ("meta", "runs", "files", "transactions", "alerts")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.sqlite"
        run_check([MAR], state=full, echo=lambda text: None)
        old = sqlite3.connect(":memory:")
        old.executescript(V1_INITIAL)
        old.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT NOT NULL, name TEXT NOT"
                    " NULL, applied_at TEXT NOT NULL, PRIMARY KEY (migration_set, name))")
        old.execute("INSERT INTO _sqlite_migrations VALUES ('walletwatch', 'm001_initial',"
                    " '2024-03-11T08:00:00+00:00')")
        new = sqlite3.connect(full)
        for table in TABLES:
            columns = [r[1] for r in old.execute(f"PRAGMA table_info({table})")]
            rows = new.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            marks = ", ".join("?" for _ in columns)
            old.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        old.execute("UPDATE runs SET started_at = '2024-03-11T08:00:00+00:00'")
        old.execute("UPDATE files SET imported_at = '2024-03-11T08:00:00+00:00',"
                    " path = 'alipay_mar.csv'")
        old.execute("UPDATE alerts SET first_alerted_at = '2024-03-11T08:00:00+00:00',"
                    " last_alerted_at = '2024-03-11T08:00:00+00:00'")
        old.commit()
        text = "\n".join(old.iterdump()) + "\n"
        (HERE / "v1.sql").write_text(text.replace(str(MAR), MAR.name), encoding="utf-8")


if __name__ == "__main__":
    main()
