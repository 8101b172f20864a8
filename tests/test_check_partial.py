"""`check` never marks a file imported when rows were lost, and one bad file in an inbox does
not stop the others, nor later scheduled checks."""

from __future__ import annotations

import json
import shutil
import zipfile
import sqlite3

from store_helpers import MAR, invoke

from walletwatch.errors import ExitCode

from conftest import SAMPLES


def _check(state, *args):
    result = invoke("check", *args, "--state", state, "--json", "--notify", "stdout")
    return result, (json.loads(result.stdout) if result.stdout.strip() else None)


def _with_bad_row(tmp_path):
    lines = (SAMPLES / "wechat_2026.csv").read_text(encoding="utf-8").split("\n")
    lines[31] = lines[31].replace("¥", "¥x", 1)  # an amount the reader rejects
    path = tmp_path / "wechat_bad_row.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_file_with_rejected_rows_is_partial_and_read_again(tmp_path):
    export, state = _with_bad_row(tmp_path), tmp_path / "state.sqlite"
    result, doc = _check(state, export)
    assert result.exit_code in (0, 1), result.output
    (entry,) = doc["files"]
    assert entry["status"] == "partial" and entry["rejected"] == 1
    assert entry["rows"] == 242 and entry["new"] == 242
    conn = sqlite3.connect(state)
    assert conn.execute("SELECT status, rows_rejected FROM files").fetchall() == [("partial", 1)]
    conn.close()

    again, doc2 = _check(state, export)  # read again: nothing duplicated, nothing re-alerted
    assert again.exit_code == 0, again.output
    (entry2,) = doc2["files"]
    assert entry2["status"] == "partial" and entry2["new"] == 0
    assert doc2["imported"]["duplicate"] == 242 and doc2["new_findings"] == []


def test_partial_import_is_said_in_the_summary(tmp_path):
    export = _with_bad_row(tmp_path)
    result = invoke("check", export, "--state", tmp_path / "s.sqlite", "--notify", "stdout")
    assert "1 row(s) rejected" in result.stderr and "not marked imported" in result.stderr


def test_a_complete_file_is_imported_once(tmp_path):
    state = tmp_path / "state.sqlite"
    _, doc = _check(state, MAR)
    assert doc["files"][0]["status"] == "imported" and "rejected" not in doc["files"][0]
    _, doc2 = _check(state, MAR)
    assert doc2["files"][0]["status"] == "already-imported"


def test_one_bad_file_in_the_inbox_does_not_stop_the_others(tmp_path):
    inbox, state = tmp_path / "inbox", tmp_path / "state.sqlite"
    inbox.mkdir()
    with zipfile.ZipFile(inbox / "a_statement.csv", "w") as archive:  # a zip named .csv
        archive.writestr("readme.txt", "not a statement")
    shutil.copy(MAR, inbox / "b_alipay.csv")
    result, doc = _check(state, "--inbox", inbox)
    assert result.exit_code == ExitCode.INPUT, result.output
    assert "Traceback" not in result.output
    statuses = {f["path"].rsplit("/", 1)[1]: f["status"] for f in doc["files"]}
    assert statuses == {"a_statement.csv": "error", "b_alipay.csv": "imported"}
    assert doc["imported"]["new"] > 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "a_statement.csv" in errors[0]

    later, doc2 = _check(state, "--inbox", inbox)  # the next scheduled run goes on
    assert later.exit_code in (0, 1), later.output
    statuses = {f["path"].rsplit("/", 1)[1]: f["status"] for f in doc2["files"]}
    assert statuses == {"a_statement.csv": "skipped", "b_alipay.csv": "already-imported"}
