"""A check killed at any point leaves the store consistent; the re-run alerts exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from store_helpers import JAN, MAR, check_json, check_run, write_config

from walletwatch.scheduled import check as check_module


class Crash(Exception):
    pass


def _config(tmp_path):
    alerts = tmp_path / "alerts.jsonl"
    config = write_config(tmp_path / "config.toml",
                          f'[notify]\nchannels = ["file"]\n[notify.file]\npath = "{alerts}"\n')
    return config, alerts


def _expected(tmp_path, config) -> list[str]:
    """What an uninterrupted check of the same inputs alerts (separate store)."""
    reference = tmp_path / "reference.sqlite"
    check_json(reference, JAN)
    doc = check_json(reference, MAR)
    return sorted(f["id"] for f in doc["new_findings"])


def _alerted_ids(alerts) -> list[str]:
    if not alerts.exists():
        return []
    lines = alerts.read_text(encoding="utf-8").splitlines()
    return sorted(f["id"] for line in lines for f in json.loads(line)["new_findings"])


@pytest.mark.parametrize("point", ["before-commit", "after-commit"])
def test_crash_then_rerun_alerts_exactly_once(tmp_path, monkeypatch, point):
    config, alerts = _config(tmp_path)
    state = tmp_path / "state.sqlite"
    check_json(state, JAN, extra=("--config", config))

    def hook(name):
        if name == point:
            raise Crash(name)

    monkeypatch.setattr(check_module, "FAULT_HOOK", hook)
    with pytest.raises(Crash):
        check_module.run_check([MAR], state=state, config_path=config)
    monkeypatch.setattr(check_module, "FAULT_HOOK", None)
    assert _alerted_ids(alerts) == []  # nothing delivered before the crash
    check_json(state, MAR, extra=("--config", config))
    first = _alerted_ids(alerts)
    assert first and first == _expected(tmp_path, config)  # each finding exactly once
    third = check_json(state, MAR, extra=("--config", config))
    assert third["new_findings"] == [] and _alerted_ids(alerts) == first


def test_stdout_alert_of_a_killed_run_is_shown_by_the_rerun(tmp_path, monkeypatch):
    state = tmp_path / "state.sqlite"
    check_json(state, JAN)
    monkeypatch.setattr(check_module, "FAULT_HOOK",
                        lambda name: (_ for _ in ()).throw(Crash()) if name == "after-commit"
                        else None)
    with pytest.raises(Crash):
        check_module.run_check([MAR], state=state)
    monkeypatch.setattr(check_module, "FAULT_HOOK", None)
    code, rerun = check_run(state, MAR)
    assert sorted(f["id"] for f in rerun["new_findings"]) == _expected(tmp_path, None)
    assert code == 1
    code, again = check_run(state, MAR)
    assert again["new_findings"] == [] and code == 0


def test_crash_before_commit_leaves_nothing_half_imported(tmp_path, monkeypatch):
    state = tmp_path / "state.sqlite"
    monkeypatch.setattr(check_module, "FAULT_HOOK",
                        lambda name: (_ for _ in ()).throw(SystemExit(9))
                        if name == "before-commit" else None)
    with pytest.raises(SystemExit):
        check_module.run_check([JAN], state=state)
    monkeypatch.setattr(check_module, "FAULT_HOOK", None)
    doc = check_json(state, JAN)
    assert doc["imported"] == {"files": 1, "new": 62, "duplicate": 0}


@pytest.mark.parametrize("point", ["before-commit", "after-commit"])
def test_sigkill_at_hook_point_then_rerun_alerts_exactly_once(tmp_path, point):
    config, alerts = _config(tmp_path)
    state = tmp_path / "state.sqlite"
    check_json(state, JAN, extra=("--config", config))
    env = {**os.environ, "WALLETWATCH_FAULT": point}
    killed = subprocess.run(
        [sys.executable, "-m", "walletwatch", "check", str(MAR), "--state", str(state),
         "--config", str(config), "--json"], env=env, capture_output=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL
    assert _alerted_ids(alerts) == []
    check_json(state, MAR, extra=("--config", config))
    first = _alerted_ids(alerts)
    assert first and first == _expected(tmp_path, config)
    again = check_json(state, MAR, extra=("--config", config))
    assert again["new_findings"] == [] and _alerted_ids(alerts) == first
