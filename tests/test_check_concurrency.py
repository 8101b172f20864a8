"""Overlapping `walletwatch check` runs on one state deliver every alert exactly once
(real processes, a real SQLite file, the file notifier and a slow command notifier)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from store_helpers import JAN, MAR, check_json, write_config

RUNS = 4
# appends the alert batch it gets on stdin to a file, slowly: widens the window in which an
# overlapping run could see the same outbox row still pending
SLOW_HOOK = ("import sys, time, pathlib; data = sys.stdin.buffer.read(); time.sleep(1.0); "
             "f = open(sys.argv[1], 'ab'); f.write(data.strip() + b'\\n'); f.close()")


def _ids(path) -> Counter:
    if not path.exists():
        return Counter()
    return Counter(f["id"] for line in path.read_text(encoding="utf-8").splitlines()
                   for f in json.loads(line)["new_findings"])


def test_overlapping_checks_deliver_each_alert_exactly_once(tmp_path):
    alerts, hooked = tmp_path / "alerts.jsonl", tmp_path / "hook.jsonl"
    argv = json.dumps([sys.executable, "-c", SLOW_HOOK, str(hooked)])
    config = write_config(tmp_path / "config.toml",
                          f'[notify]\nchannels = ["file", "command"]\n'
                          f'[notify.file]\npath = "{alerts}"\n'
                          f'[notify.command]\nargv = {argv}\n')
    reference = check_json(tmp_path / "reference.sqlite", MAR, extra=("--notify", "stdout"))
    expected = sorted(f["id"] for f in reference["new_findings"])
    assert expected

    state = tmp_path / "state.sqlite"
    command = [sys.executable, "-m", "walletwatch", "check", str(MAR), "--state", str(state),
               "--config", str(config), "--json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(RUNS)]
    outcomes = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    for code, _, err in outcomes:
        assert code in (0, 1), err.decode()

    for path in (alerts, hooked):
        counts = _ids(path)
        assert sorted(counts) == expected, path.name
        assert set(counts.values()) == {1}, f"{path.name}: delivered more than once: {counts}"


def test_a_claim_left_by_a_killed_run_is_taken_over_after_its_lease(tmp_path, monkeypatch):
    import sqlite3

    from walletwatch.store import alerts as alerts_module

    alerts = tmp_path / "alerts.jsonl"
    config = write_config(tmp_path / "config.toml",
                          f'[notify]\nchannels = ["file"]\n[notify.file]\npath = "{alerts}"\n')
    state = tmp_path / "state.sqlite"
    check_json(state, JAN, extra=("--notify", "stdout"))  # history, delivered on stdout
    # a run that claimed its rows and died before sending them
    monkeypatch.setenv("WALLETWATCH_FAULT", "after-send")
    killed = subprocess.run([sys.executable, "-m", "walletwatch", "check", str(MAR), "--state",
                             str(state), "--config", str(config)], capture_output=True)
    assert killed.returncode < 0
    monkeypatch.delenv("WALLETWATCH_FAULT")
    before = _ids(alerts)
    assert before  # sent, then killed before it could mark the row

    again = check_json(state, MAR, extra=("--config", config))  # within the lease: not resent
    assert again["outbox_pending"] == 1 and _ids(alerts) == before

    conn = sqlite3.connect(state)
    conn.execute("UPDATE outbox SET claimed_at = '2000-01-01T00:00:00+00:00'"
                 " WHERE state = 'sending'")
    conn.commit()
    conn.close()
    assert alerts_module.CLAIM_LEASE_SECONDS > 60
    late = check_json(state, MAR, extra=("--config", config))  # lease over: delivered again
    assert late["outbox_pending"] == 0
    assert all(n == 2 for n in _ids(alerts).values())  # at least once after a crash
