"""The state store checks a file before it writes a byte: foreign, damaged, read-only or newer
stores are refused with one line and exit code 4, and left exactly as they were."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from store_helpers import MAR, check_json, invoke

from walletwatch.errors import ExitCode
from walletwatch.store import open_store
from walletwatch.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

V1 = Path(__file__).resolve().parent / "data" / "store" / "v1.sql"


def _fingerprint(path: Path) -> tuple[str, int, list[str]]:
    """Content hash, mode and the files beside it (no journal left behind either)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, stat.S_IMODE(path.stat().st_mode), sorted(p.name for p in path.parent.iterdir())


def _refused(state: Path, *expected: str) -> str:
    before = _fingerprint(state)
    result = invoke("check", MAR, "--state", state, "--json")
    assert result.exit_code == ExitCode.STATE, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(state) in lines[0], result.stderr
    for word in expected:
        assert word in lines[0]
    assert _fingerprint(state) == before, "a refused store was modified"
    return lines[0]


def _real_store(tmp_path: Path) -> Path:
    state = tmp_path / "state.sqlite"
    check_json(state, MAR)
    return state


def test_new_store_carries_our_application_id_and_version(tmp_path):
    state = _real_store(tmp_path)
    conn = sqlite3.connect(state)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    conn.close()


def test_another_applications_database_is_refused(tmp_path):
    state = tmp_path / "places.sqlite"
    conn = sqlite3.connect(state)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    state.chmod(0o644)
    _refused(state, "another application")


def test_a_foreign_application_id_is_refused(tmp_path):
    state = tmp_path / "other.sqlite"
    conn = sqlite3.connect(state)
    conn.execute("PRAGMA application_id = 1196444487")  # GeoPackage's "GPKG"
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.commit()
    conn.close()
    _refused(state, "another application")


def test_a_store_of_a_newer_walletwatch_is_refused(tmp_path):
    state = _real_store(tmp_path)
    conn = sqlite3.connect(state)
    conn.execute("INSERT INTO _sqlite_migrations VALUES ('walletwatch', 'm999_future', 'x')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _refused(state, "newer walletwatch")


def test_an_unknown_migration_alone_is_refused(tmp_path):
    state = _real_store(tmp_path)
    conn = sqlite3.connect(state)
    conn.execute("INSERT INTO _sqlite_migrations VALUES ('walletwatch', 'm005_future', 'x')")
    conn.commit()
    conn.close()
    _refused(state, "m005_future")


def test_a_store_with_damaged_pages_is_refused(tmp_path):
    state = _real_store(tmp_path)
    data = bytearray(state.read_bytes())
    page = sqlite3.connect(state).execute("PRAGMA page_size").fetchone()[0]
    assert len(data) > 6 * page
    for n in (2, 3, 4):  # clobber b-tree pages past the header page
        data[n * page + 8:(n + 1) * page] = b"\xff" * (page - 8)
    state.write_bytes(bytes(data))
    _refused(state, "damaged")


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_is_refused_not_chmodded(tmp_path, what):
    state = _real_store(tmp_path)
    target = state if what == "file" else state.parent
    target.chmod(0o400 if what == "file" else 0o500)
    try:
        _refused(state, "read-only")
        assert stat.S_IMODE(target.stat().st_mode) == (0o400 if what == "file" else 0o500)
    finally:
        state.parent.chmod(0o700)
        state.chmod(0o600)


def test_the_frozen_v1_store_is_still_read_and_upgraded(tmp_path):
    state = tmp_path / "old.sqlite"
    conn = sqlite3.connect(state)
    conn.executescript(V1.read_text(encoding="utf-8"))
    conn.close()
    again = check_json(state, MAR)
    assert again["imported"]["files"] == 0 and again["new_findings"] == []
    with open_store(state) as store:
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_empty_file_becomes_a_store(tmp_path):
    state = tmp_path / "state.sqlite"
    state.touch()
    check_json(state, MAR)
    with open_store(state) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]


def test_case_commands_refuse_a_foreign_store_too(tmp_path):
    state = tmp_path / "other.sqlite"
    conn = sqlite3.connect(state)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    before = _fingerprint(state)
    result = invoke("case", "list", "--state", state)
    assert result.exit_code == ExitCode.STATE, result.output
    assert "another application" in result.stderr and "Traceback" not in result.output
    assert _fingerprint(state) == before


def test_a_read_only_default_folder_is_refused_not_made_writable(isolated_home):
    state = isolated_home / "state.sqlite"
    check_json(state, MAR)
    isolated_home.chmod(0o555)
    try:
        result = invoke("check", MAR, "--json")  # the default location
        assert result.exit_code == ExitCode.STATE, result.output
        assert "read-only" in result.stderr
        assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o500  # tightened, not opened
    finally:
        isolated_home.chmod(0o700)
