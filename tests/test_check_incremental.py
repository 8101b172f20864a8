"""`walletwatch check`: imports once, alerts once, re-alerts only on change."""

from __future__ import annotations

import json
import shutil

from store_helpers import (
    check_run,
    APR_PENDING,
    APR_RESOLVED,
    JAN,
    JANFEB,
    MAR,
    check_json,
    checks,
    ids,
    invoke,
)


def test_overlapping_exports_import_each_transaction_once(tmp_path):
    state = tmp_path / "state.sqlite"
    first = check_json(state, JAN)
    assert first["imported"] == {"files": 1, "new": 62, "duplicate": 0}
    second = check_json(state, JANFEB)
    # janfeb repeats Jan 16-31 of the first export: only its own half is new
    assert second["imported"]["files"] == 1
    assert second["imported"]["new"] + second["imported"]["duplicate"] == 62
    assert 0 < second["imported"]["new"] < 62
    again = check_json(state, JAN, JANFEB)
    assert again["imported"] == {"files": 0, "new": 0, "duplicate": 0}
    assert {f["status"] for f in again["files"]} == {"already-imported"}


def test_check_document_names_the_provider_of_each_file(tmp_path):
    state = tmp_path / "state.sqlite"
    assert [f["provider"] for f in check_json(state, JAN)["files"]] == ["alipay"]
    # a file read by an earlier check still says whose export it is (from the files table)
    again = check_json(state, JAN)["files"]
    assert [(f["status"], f["provider"]) for f in again] == [("already-imported", "alipay")]


def test_one_run_with_both_files_equals_two_runs(tmp_path):
    together = check_json(tmp_path / "one.sqlite", JAN, JANFEB)
    jan = check_json(tmp_path / "two.sqlite", JAN)
    janfeb = check_json(tmp_path / "two.sqlite", JANFEB)
    assert together["imported"]["new"] == jan["imported"]["new"] + janfeb["imported"]["new"]
    assert together["imported"]["duplicate"] == janfeb["imported"]["duplicate"] > 0


def test_json_contract_and_exit_codes(tmp_path):
    state = tmp_path / "state.sqlite"
    check_json(state, JAN, JANFEB)
    result = invoke("check", MAR, "--state", state, "--json")
    assert result.exit_code == 1  # new medium findings, default --fail-on medium
    doc = json.loads(result.stdout)
    assert set(doc) >= {"imported", "new_findings", "open_findings", "as_of"}
    assert set(doc["imported"]) == {"files", "new", "duplicate"}
    assert doc["as_of"] == "2024-03-10T23:59:59+08:00"
    assert {"duplicate-charge", "stuck-topup"} <= set(checks(doc))
    assert doc["open_findings"] == len(doc["new_findings"])
    for finding in doc["new_findings"]:
        assert {"id", "check", "category", "severity", "title", "reason", "amount_at_stake",
                "transactions", "details"} <= set(finding)
    rerun = invoke("check", MAR, "--state", state, "--json")
    assert rerun.exit_code == 0
    assert json.loads(rerun.stdout)["new_findings"] == []


def test_fail_on_never_exits_zero(tmp_path):
    result = invoke("check", MAR, "--state", tmp_path / "s.sqlite", "--fail-on", "never")
    assert result.exit_code == 0


def test_usage_and_input_errors(tmp_path):
    state = tmp_path / "state.sqlite"
    assert invoke("check", "--state", state).exit_code == 2
    assert invoke("check", tmp_path / "missing.csv", "--state", state).exit_code == 3
    junk = tmp_path / "junk.csv"
    junk.write_text("hello,world\n1,2\n", encoding="utf-8")
    result = invoke("check", junk, JAN, "--state", state, "--json")
    assert result.exit_code == 3
    doc = json.loads(result.stdout)
    assert doc["imported"]["files"] == 1  # the readable file was still imported
    assert "Traceback" not in result.output


def test_rerun_alerts_nothing_and_inbox_files_imported_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    state = tmp_path / "state.sqlite"
    for source in (JAN, JANFEB, MAR):
        shutil.copy(source, inbox / source.name)
    first = check_json(state, extra=("--inbox", inbox))
    assert first["imported"]["files"] == 3 and first["new_findings"]
    code, second = check_run(state, extra=("--inbox", inbox))
    assert code == 0
    assert second["imported"] == {"files": 0, "new": 0, "duplicate": 0}
    assert second["new_findings"] == []
    assert second["open_findings"] == first["open_findings"]
    (inbox / "next.csv.crdownload").write_bytes(b"half a download")  # skipped until complete
    (inbox / ".hidden.csv").write_bytes(b"not an export")
    shutil.copy(MAR, inbox / "renamed-copy.csv")  # same content, new name: still known
    third = check_json(state, extra=("--inbox", inbox))
    assert third["imported"]["files"] == 0 and third["new_findings"] == []


def test_stuck_topup_realerted_when_still_pending_after_second_deadline(tmp_path):
    state = tmp_path / "state.sqlite"
    mar = check_json(state, JAN, JANFEB, MAR)
    stuck = [f for f in mar["new_findings"] if f["check"] == "stuck-topup"]
    assert len(stuck) == 1 and stuck[0]["alert"] == "new"
    apr = check_json(state, APR_PENDING)
    assert [f["id"] for f in apr["new_findings"]] == [stuck[0]["id"]]
    assert apr["new_findings"][0]["alert"] == "changed"
    again = check_json(state, APR_PENDING)
    assert again["new_findings"] == []


def test_stuck_topup_resolved_is_reported_once(tmp_path):
    state = tmp_path / "state.sqlite"
    mar = check_json(state, JAN, JANFEB, MAR)
    stuck_id = next(f["id"] for f in mar["new_findings"] if f["check"] == "stuck-topup")
    apr = check_json(state, APR_RESOLVED)
    assert stuck_id not in ids(apr)
    assert [f["id"] for f in apr["resolved_findings"]] == [stuck_id]
    assert apr["open_findings"] == mar["open_findings"] - 1
    again = check_json(state, APR_RESOLVED)
    assert again["resolved_findings"] == [] and again["new_findings"] == []


def test_human_output_lists_new_findings(tmp_path):
    result = invoke("check", MAR, "--state", tmp_path / "s.sqlite")
    assert "stuck-topup-" in result.stdout
    assert "open finding(s)" in result.stderr
