"""Schedule entries that run ``walletwatch check`` periodically, per platform.

``entry(...)`` renders a crontab line, a systemd user service + timer, a launchd agent plist
or a Windows ``schtasks`` command. ``install``/``uninstall`` handle crontab and systemd user
units only. The ``crontab`` and ``systemctl`` commands and the systemd unit directory can be
replaced through ``WALLETWATCH_CRONTAB``, ``WALLETWATCH_SYSTEMCTL`` (empty: do not call it)
and ``WALLETWATCH_SYSTEMD_DIR``, so tests never touch the real ones.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from walletwatch.errors import ConfigError, WalletwatchError

EVERY = ("hourly", "daily", "weekly")
PLATFORMS = ("linux-cron", "systemd", "launchd", "windows")
MARKER = "# walletwatch-check"
UNIT = "walletwatch-check"
LABEL = "org.walletwatch.check"
_CRON = {"hourly": "7 * * * *", "daily": "30 8 * * *", "weekly": "30 8 * * 1"}
_SYSTEMD = {"hourly": "*-*-* *:07:00", "daily": "*-*-* 08:30:00", "weekly": "Mon *-*-* 08:30:00"}
_SCHTASKS = {"hourly": "/SC HOURLY", "daily": "/SC DAILY /ST 08:30", "weekly": "/SC WEEKLY /D MON /ST 08:30"}


class ScheduleError(WalletwatchError):
    code = "schedule-failed"


@dataclass
class Entry:
    platform: str
    every: str
    command: list[str]
    files: dict[str, str] = field(default_factory=dict)  # name -> content
    text: str = ""  # what to print

    def to_dict(self) -> dict[str, object]:
        return {"platform": self.platform, "every": self.every, "command": self.command,
                "files": self.files, "text": self.text}


def default_platform() -> str:
    if sys.platform == "darwin":
        return "launchd"
    if sys.platform.startswith("win"):
        return "windows"
    return "linux-cron"


def check_command(inbox: str | None, state: str | None, config: str | None,
                  executable: str | None = None) -> list[str]:
    """The argv of the scheduled run (absolute paths: schedulers have no working directory)."""
    argv = [executable or sys.executable, "-m", "walletwatch", "-q", "check"]
    for flag, value in (("--inbox", inbox), ("--state", state), ("--config", config)):
        if value:
            argv += [flag, str(Path(value).expanduser().resolve())]
    return argv


def entry(every: str, platform: str, command: list[str]) -> Entry:
    if every not in EVERY:
        raise ConfigError(f"unknown schedule {every!r}", f"use one of: {', '.join(EVERY)}")
    render = {"linux-cron": _cron, "systemd": _systemd, "launchd": _launchd,
              "windows": _windows}.get(platform)
    if render is None:
        raise ConfigError(f"unknown platform {platform!r}", f"use one of: {', '.join(PLATFORMS)}")
    return render(every, command)


def _cron(every: str, command: list[str]) -> Entry:
    line = f"{_CRON[every]} {shlex.join(command)} {MARKER}"
    return Entry("linux-cron", every, command, {"crontab": line}, line)


def _systemd(every: str, command: list[str]) -> Entry:
    service = ("[Unit]\nDescription=walletwatch periodic account check\n\n"
               f"[Service]\nType=oneshot\nExecStart={shlex.join(command)}\n")
    timer = ("[Unit]\nDescription=Run walletwatch check " + every + "\n\n"
             f"[Timer]\nOnCalendar={_SYSTEMD[every]}\nPersistent=true\n\n"
             "[Install]\nWantedBy=timers.target\n")
    files = {f"{UNIT}.service": service, f"{UNIT}.timer": timer}
    text = "".join(f"# ~/.config/systemd/user/{name}\n{body}\n" for name, body in files.items())
    text += f"# then: systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer\n"
    return Entry("systemd", every, command, files, text)


def _launchd(every: str, command: list[str]) -> Entry:
    args = "".join(f"    <string>{escape(a)}</string>\n" for a in command)
    if every == "hourly":
        when = "  <key>StartInterval</key>\n  <integer>3600</integer>\n"
    else:
        weekday = "    <key>Weekday</key><integer>1</integer>\n" if every == "weekly" else ""
        when = ("  <key>StartCalendarInterval</key>\n  <dict>\n" + weekday +
                "    <key>Hour</key><integer>8</integer>\n"
                "    <key>Minute</key><integer>30</integer>\n  </dict>\n")
    plist = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
             '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
             '<plist version="1.0">\n<dict>\n'
             f"  <key>Label</key>\n  <string>{LABEL}</string>\n"
             f"  <key>ProgramArguments</key>\n  <array>\n{args}  </array>\n{when}"
             "</dict>\n</plist>\n")
    text = (f"<!-- ~/Library/LaunchAgents/{LABEL}.plist; then: "
            f"launchctl load ~/Library/LaunchAgents/{LABEL}.plist -->\n{plist}")
    return Entry("launchd", every, command, {f"{LABEL}.plist": plist}, text)


def _windows(every: str, command: list[str]) -> Entry:
    run = subprocess.list2cmdline(command).replace('"', '\\"')  # quotes inside /TR "..."
    line = f'schtasks /Create /TN "{UNIT}" /TR "{run}" {_SCHTASKS[every]} /F'
    return Entry("windows", every, command, {"schtasks": line}, line)


# --- install / uninstall ---------------------------------------------------------------------

def _run(argv: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(argv, input=stdin, capture_output=True, text=True, check=False,
                              timeout=60)
    except FileNotFoundError as exc:
        raise ScheduleError(f"{argv[0]} not found", "print the entry and install it by hand") from exc


def _crontab() -> list[str]:
    return shlex.split(os.environ.get("WALLETWATCH_CRONTAB", "crontab"))


def _cron_lines() -> list[str]:
    done = _run([*_crontab(), "-l"])
    if done.returncode != 0:  # "no crontab for user" is an empty crontab
        return []
    return [line for line in done.stdout.splitlines() if not line.rstrip().endswith(MARKER)]


def _write_cron(lines: list[str]) -> None:
    done = _run([*_crontab(), "-"], "\n".join(lines) + "\n" if lines else "")
    if done.returncode != 0:
        raise ScheduleError(f"crontab refused the new table: {done.stderr.strip()}")


def systemd_dir() -> Path:
    configured = os.environ.get("WALLETWATCH_SYSTEMD_DIR")
    return Path(configured) if configured else Path.home() / ".config" / "systemd" / "user"


def _systemctl(*args: str) -> None:
    command = os.environ.get("WALLETWATCH_SYSTEMCTL", "systemctl")
    if not command:
        return
    done = _run([*shlex.split(command), "--user", *args])
    if done.returncode != 0:
        raise ScheduleError(f"systemctl --user {' '.join(args)} failed: {done.stderr.strip()}")


def install(item: Entry) -> list[str]:
    """Install the entry (crontab or systemd user units); return what was done."""
    if item.platform == "linux-cron":
        _write_cron([*_cron_lines(), item.files["crontab"]])
        return ["crontab: added the walletwatch-check line"]
    if item.platform == "systemd":
        folder = systemd_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for name, body in item.files.items():
            (folder / name).write_text(body, encoding="utf-8")
        _systemctl("daemon-reload")
        _systemctl("enable", "--now", f"{UNIT}.timer")
        return [f"systemd: wrote {folder / name}" for name in item.files]
    raise ConfigError(f"--install supports linux-cron and systemd, not {item.platform}",
                      "print the entry and install it by hand")


def uninstall(platform: str) -> list[str]:
    if platform == "linux-cron":
        _write_cron(_cron_lines())
        return ["crontab: removed the walletwatch-check line"]
    if platform == "systemd":
        try:
            _systemctl("disable", "--now", f"{UNIT}.timer")
        except ScheduleError:
            pass  # not enabled (or already gone): removing the files is what matters
        removed = []
        for name in (f"{UNIT}.service", f"{UNIT}.timer"):
            path = systemd_dir() / name
            if path.exists():
                path.unlink()
                removed.append(f"systemd: removed {path}")
        _systemctl("daemon-reload")
        return removed
    raise ConfigError(f"--uninstall supports linux-cron and systemd, not {platform}",
                      "remove the entry by hand")
