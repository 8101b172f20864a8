"""`walletwatch schedule`: entries per platform; install/uninstall with a fake crontab and a
temporary systemd directory (never the real ones)."""

from __future__ import annotations

import json
import plistlib
import sys

import pytest
from store_helpers import invoke


def _entry(*args) -> dict:
    result = invoke("schedule", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(("every", "spec"), [("hourly", "7 * * * *"), ("daily", "30 8 * * *"),
                                             ("weekly", "30 8 * * 1")])
def test_crontab_line(tmp_path, every, spec):
    inbox = tmp_path / "inbox"
    result = invoke("schedule", "--every", every, "--platform", "linux-cron", "--inbox", inbox)
    assert result.exit_code == 0
    line = result.stdout.strip()
    assert line.startswith(spec + " ")
    assert " check " in line and f"--inbox {inbox}" in line
    assert line.endswith("# walletwatch-check")


def test_systemd_service_and_timer():
    doc = _entry("--every", "daily", "--platform", "systemd")
    service = doc["files"]["walletwatch-check.service"]
    timer = doc["files"]["walletwatch-check.timer"]
    assert "Type=oneshot" in service and "ExecStart=" in service and " check" in service
    assert "OnCalendar=*-*-* 08:30:00" in timer and "Persistent=true" in timer
    assert "WantedBy=timers.target" in timer


@pytest.mark.parametrize(("every", "key"), [("hourly", "StartInterval"),
                                            ("weekly", "StartCalendarInterval")])
def test_launchd_plist_is_valid(every, key):
    doc = _entry("--every", every, "--platform", "launchd")
    plist = plistlib.loads(doc["files"]["org.walletwatch.check.plist"].encode("utf-8"))
    assert plist["Label"] == "org.walletwatch.check"
    assert "check" in plist["ProgramArguments"]
    assert key in plist
    if every == "weekly":
        assert plist["StartCalendarInterval"] == {"Weekday": 1, "Hour": 8, "Minute": 30}


def test_windows_task_scheduler_command(tmp_path):
    doc = _entry("--every", "weekly", "--platform", "windows", "--inbox", tmp_path)
    line = doc["text"]
    assert line.startswith('schtasks /Create /TN "walletwatch-check" /TR "')
    assert "/SC WEEKLY /D MON /ST 08:30 /F" in line and "check" in line


def _fake_crontab(tmp_path, monkeypatch, initial: str = "") -> object:
    table = tmp_path / "crontab.txt"
    table.write_text(initial, encoding="utf-8")
    script = tmp_path / "fake-crontab"
    script.write_text(
        "import sys, pathlib\n"
        f"table = pathlib.Path({str(table)!r})\n"
        "if sys.argv[1] == '-l':\n"
        "    sys.stdout.write(table.read_text())\n"
        "else:\n"
        "    table.write_text(sys.stdin.read())\n", encoding="utf-8")
    monkeypatch.setenv("WALLETWATCH_CRONTAB", f"{sys.executable} {script}")
    return table


def test_crontab_install_and_uninstall_keep_other_lines(tmp_path, monkeypatch):
    table = _fake_crontab(tmp_path, monkeypatch, "0 1 * * * backup.sh\n")
    for _ in range(2):  # installing twice leaves one line
        result = invoke("schedule", "--every", "hourly", "--platform", "linux-cron", "--install")
        assert result.exit_code == 0, result.output
    lines = table.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "0 1 * * * backup.sh"
    assert sum(line.endswith("# walletwatch-check") for line in lines) == 1
    result = invoke("schedule", "--every", "hourly", "--platform", "linux-cron", "--uninstall")
    assert result.exit_code == 0
    assert table.read_text(encoding="utf-8").splitlines() == ["0 1 * * * backup.sh"]


def test_systemd_install_writes_units_and_calls_systemctl(tmp_path, monkeypatch):
    units = tmp_path / "units"
    calls = tmp_path / "calls.txt"
    fake = tmp_path / "fake-systemctl"
    fake.write_text(f'import sys\nopen({str(calls)!r}, "a").write(" ".join(sys.argv[1:]) + "\\n")\n',
                    encoding="utf-8")
    monkeypatch.setenv("WALLETWATCH_SYSTEMD_DIR", str(units))
    monkeypatch.setenv("WALLETWATCH_SYSTEMCTL", f"{sys.executable} {fake}")
    result = invoke("schedule", "--every", "daily", "--platform", "systemd", "--install")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in units.iterdir()) == ["walletwatch-check.service",
                                                       "walletwatch-check.timer"]
    assert calls.read_text().splitlines() == ["--user daemon-reload",
                                              "--user enable --now walletwatch-check.timer"]
    result = invoke("schedule", "--every", "daily", "--platform", "systemd", "--uninstall")
    assert result.exit_code == 0
    assert list(units.iterdir()) == []


def test_install_is_refused_where_unsupported():
    result = invoke("schedule", "--every", "daily", "--platform", "launchd", "--install")
    assert result.exit_code == 2
    assert "--install supports" in result.stderr


def test_missing_crontab_command_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("WALLETWATCH_CRONTAB", str(tmp_path / "no-such-crontab"))
    result = invoke("schedule", "--every", "daily", "--platform", "linux-cron", "--install")
    assert result.exit_code == 3
    assert "not found" in result.stderr
