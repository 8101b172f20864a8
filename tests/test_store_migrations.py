"""The state store: named ordered migrations, owner-only permissions, older stores upgraded."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from store_helpers import APR_PENDING, MAR, check_json, invoke

from walletwatch.errors import ConfigError
from walletwatch.store import default_state_path, open_store
from walletwatch.store.migrations import MIGRATIONS

V1 = Path(__file__).resolve().parent / "data" / "store" / "v1.sql"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_empty_store_gets_every_migration_in_order(tmp_path):
    path = tmp_path / "state.sqlite"
    with open_store(path) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
        rows = store.conn.execute("SELECT name, applied_at FROM _sqlite_migrations").fetchall()
    assert all(applied for _, applied in rows)
    with open_store(path) as store:  # reopening applies nothing twice
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]


def test_default_location_is_owner_only(isolated_home):
    isolated_home.chmod(0o755)  # e.g. created earlier by `walletwatch allow`
    with open_store() as store:
        assert store.path == default_state_path() == isolated_home / "state.sqlite"
    assert _mode(isolated_home / "state.sqlite") == 0o600
    assert _mode(isolated_home) == 0o700


def test_new_directory_and_file_are_owner_only(tmp_path):
    path = tmp_path / "private" / "nested" / "state.sqlite"
    result = invoke("check", MAR, "--state", path, "--json")
    assert result.exit_code in (0, 1), result.output
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700


def test_not_a_store_is_refused_unchanged(tmp_path):
    bogus = tmp_path / "state.sqlite"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    bogus.chmod(0o644)
    result = invoke("check", MAR, "--state", bogus)
    assert result.exit_code == 4
    assert "not a walletwatch state store" in result.stderr
    assert bogus.read_bytes() == b"this is not sqlite at all" * 100
    assert _mode(bogus) == 0o644


def test_directory_as_state_is_a_usage_error(tmp_path):
    with pytest.raises(ConfigError):
        open_store(tmp_path)


def _v1_store(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(V1.read_text(encoding="utf-8"))
    conn.close()
    return path


def test_older_store_is_migrated_and_keeps_its_data(tmp_path):
    path = _v1_store(tmp_path)
    with open_store(path, migrate=False) as store:
        assert store.applied_migrations() == ["m001_initial"]
        before = store.conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
        alerted = store.conn.execute("SELECT count(*) FROM alerts").fetchone()[0]
    with open_store(path) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
        conn = store.conn
        assert conn.execute("SELECT count(*) FROM transactions").fetchone()[0] == before > 0
        prints = [r[0] for r in conn.execute("SELECT fingerprint FROM alerts")]
        assert len(prints) == alerted > 0 and all(prints)  # backfilled by m003
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_migrated_store_does_not_realert_old_findings(tmp_path):
    path = _v1_store(tmp_path)
    again = check_json(path, MAR)
    assert again["imported"]["files"] == 0  # same content hash as the file imported in v1
    assert again["new_findings"] == []
    later = check_json(path, APR_PENDING)
    # only the change is alerted: the top-up still pending past the second deadline
    assert [f["check"] for f in later["new_findings"]] == ["stuck-topup"]
    assert later["new_findings"][0]["alert"] == "changed"
