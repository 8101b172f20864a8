"""The local notifiers' senders: text summary, JSON-lines file, command, webhook, desktop
(named apart from the report's complaint channels and the case log's contact channels)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

from walletwatch.errors import ConfigError


def as_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def text(payload: dict[str, Any]) -> str:
    """A short human summary (English and Chinese) of one alert batch."""
    lines = []
    for key, en, zh in (("new_findings", "new", "新发现"), ("resolved_findings", "resolved", "已解决")):
        for item in payload.get(key, []):
            money = ", ".join(f"{v} {c}" for c, v in sorted(item.get("amount_at_stake", {}).items()))
            change = " (changed 有变化)" if item.get("alert") == "changed" else ""
            title = item.get("title", {})
            lines.append(f"[{en} {zh}] {item.get('severity', '')} {item.get('id', '')}{change}: "
                         f"{title.get('en', '')} / {title.get('zh', '')}"
                         + (f" — {money}" if money else ""))
    for case in payload.get("cases_due", []):
        lines.append(f"[follow-up 跟进] case {case['id']}: {case['follow_up']['label']['en']}"
                     f" / {case['follow_up']['label']['zh']}")
    if not lines:
        return "walletwatch: nothing new 无新情况"
    return "\n".join(["walletwatch check " + str(payload.get("as_of", "")), *lines])


def _need(options: dict[str, Any], key: str, channel: str) -> Any:
    if not options.get(key):
        raise ConfigError(f"[notify.{channel}] needs {key!r}", "add it to the config file")
    return options[key]


def to_file(payload: dict[str, Any], options: dict[str, Any]) -> None:
    """Append one JSON line; the file is created owner-only (it holds transaction facts)."""
    path = Path(os.path.expanduser(str(_need(options, "path", "file"))))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(as_json(payload) + "\n")


def to_command(payload: dict[str, Any], options: dict[str, Any]) -> None:
    """Run ``argv`` (a list; never through a shell) with the alert JSON on stdin."""
    argv = _need(options, "argv", "command")
    if isinstance(argv, str):
        raise ConfigError("[notify.command] argv must be a list of strings",
                          'e.g. argv = ["/usr/local/bin/hook", "--quiet"]')
    timeout = float(options.get("timeout", 60))
    done = subprocess.run([str(a) for a in argv], input=as_json(payload).encode("utf-8"),
                          capture_output=True, timeout=timeout, check=False)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[-200:]
        raise RuntimeError(f"command exited {done.returncode}: {detail}")


def to_webhook(payload: dict[str, Any], options: dict[str, Any]) -> None:
    """POST the alert JSON (stdlib urllib); any non-2xx status is a failure."""
    url = str(_need(options, "url", "webhook"))
    if not url.startswith(("http://", "https://")):
        raise ConfigError("[notify.webhook] url must start with http:// or https://")
    headers = {"Content-Type": "application/json; charset=utf-8",
               "User-Agent": "walletwatch"}
    headers.update({str(k): str(v) for k, v in (options.get("headers") or {}).items()})
    request = urllib.request.Request(url, data=as_json(payload).encode("utf-8"),
                                     headers=headers, method="POST")
    timeout = float(options.get("timeout", 30))
    with urllib.request.urlopen(request, timeout=timeout) as response:  # http(s) only, checked above
        if not 200 <= response.status < 300:
            raise RuntimeError(f"webhook answered HTTP {response.status}")


def to_desktop(payload: dict[str, Any]) -> bool:
    """A desktop notification; False when this system has no notifier (skipped silently)."""
    count = len(payload.get("new_findings", [])) + len(payload.get("resolved_findings", []))
    title = "walletwatch"
    body = f"{count} new or changed findings 条新情况; run `walletwatch check` for details"
    if sys.platform == "darwin" and shutil.which("osascript"):
        script = f"display notification {json.dumps(body)} with title {json.dumps(title)}"
        argv = ["osascript", "-e", script]
    elif shutil.which("notify-send"):
        argv = ["notify-send", title, body]
    else:
        return False
    subprocess.run(argv, capture_output=True, timeout=30, check=True)
    return True
