"""Notifiers: how ``walletwatch check`` tells the owner about new findings.

Configured in the ``[notify]`` table of the same TOML config file as the checks, combinable::

    [notify]
    channels = ["stdout", "file", "email"]   # default: ["stdout"]
    min_severity = "low"                     # default: info findings are recorded, not pushed
    show_identifiers = false                 # default: card numbers, phones, e-mails masked

    [notify.file]
    path = "~/walletwatch-alerts.jsonl"      # one JSON line per alert batch

    [notify.command]
    argv = ["/usr/local/bin/my-hook", "--flag"]   # gets the alert JSON on stdin; no shell

    [notify.email]                           # STARTTLS on port 587 by default
    host = "smtp.example.org"
    from = "me@example.org"
    to = ["me@example.org"]
    username_env = "WALLETWATCH_SMTP_USER"   # credentials come from the environment ...
    password_env = "WALLETWATCH_SMTP_PASSWORD"   # ... or username/password keys here

    [notify.webhook]
    url = "https://hooks.example.org/walletwatch"   # POST application/json

    [notify.desktop]                         # notify-send / osascript; skipped where absent

Nothing touches the network unless the owner configures a notifier that does. Every payload
leaves with card and account numbers, phones and e-mails masked (``report.mask``) unless
``show_identifiers`` (or ``walletwatch --show-identifiers check``). Each delivery returns a
``Delivery``; the caller keeps failed ones in the outbox and retries next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from walletwatch.errors import ConfigError
from walletwatch.findings import SEVERITIES, at_least

NOTIFIERS = ("stdout", "file", "command", "email", "webhook", "desktop")


@dataclass(frozen=True)
class Delivery:
    channel: str
    state: str  # "sent", "skipped" (no such facility here) or "failed" (retried next run)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"channel": self.channel, "state": self.state}
        if self.error:
            out["error"] = self.error
        return out


@dataclass
class NotifySettings:
    channels: list[str] = field(default_factory=lambda: ["stdout"])
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    min_severity: str = "low"
    show_identifiers: bool = False

    def for_channel(self, name: str) -> dict[str, Any]:
        return dict(self.options.get(name, {}))


def settings_from(data: dict[str, Any] | None, override: list[str] | None = None,
                  where: str | None = None) -> NotifySettings:
    """Read the ``[notify]`` table; ``override`` (``--notify``) replaces the channel list."""
    data = dict(data or {})
    min_severity = data.pop("min_severity", "low")
    if min_severity not in SEVERITIES:
        raise ConfigError(f"unknown min_severity {min_severity!r} in [notify]",
                          f"use one of: {', '.join(SEVERITIES)}", where)
    show = data.pop("show_identifiers", False)
    if not isinstance(show, bool):
        raise ConfigError("show_identifiers in [notify] must be true or false", "", where)
    channels = override or data.pop("channels", None) or ["stdout"]
    if isinstance(channels, str):
        channels = [channels]
    options = {k: v for k, v in data.items() if k in NOTIFIERS and isinstance(v, dict)}
    unknown = sorted((set(channels) | (set(data) - {"channels"})) - set(NOTIFIERS))
    if unknown:
        raise ConfigError(f"unknown notifier {unknown[0]!r}",
                          f"use one of: {', '.join(NOTIFIERS)}", where)
    return NotifySettings(list(dict.fromkeys(channels)), options, min_severity, show)


def worth_pushing(payload: dict[str, Any], min_severity: str) -> dict[str, Any] | None:
    """The payload without findings below ``min_severity`` (they stay recorded in the store
    and in ``check --json``); None when nothing is left to tell."""
    keep = [f for f in payload.get("new_findings", []) if at_least(f["severity"], min_severity)]
    if not keep and not payload.get("resolved_findings"):
        return None
    return {**payload, "new_findings": keep}


def outgoing(payload: dict[str, Any], show_identifiers: bool = False) -> dict[str, Any]:
    """The payload as it leaves the process: identifiers masked unless the owner asked."""
    if show_identifiers:
        return payload
    from walletwatch.report.mask import mask_document

    return mask_document(payload)


def deliver(channel: str, payload: dict[str, Any], settings: NotifySettings,
            echo: Any = None) -> Delivery:
    """Send one payload on one channel; never raises for a delivery problem."""
    from walletwatch.notify import senders as impl

    options = settings.for_channel(channel)
    payload = worth_pushing(payload, settings.min_severity)
    if payload is None:
        return Delivery(channel, "sent")  # nothing at or above min_severity: nothing to send
    payload = outgoing(payload, settings.show_identifiers)
    try:
        if channel == "stdout":
            from walletwatch.safetext import printable_lines

            (echo or print)(printable_lines(impl.text(payload)))
        elif channel == "file":
            impl.to_file(payload, options)
        elif channel == "command":
            impl.to_command(payload, options)
        elif channel == "webhook":
            impl.to_webhook(payload, options)
        elif channel == "email":
            from walletwatch.notify.smtp import send

            send(payload, options)
        elif channel == "desktop":
            if not impl.to_desktop(payload):
                return Delivery(channel, "skipped", "no desktop notifier on this system")
        else:
            return Delivery(channel, "failed", f"notifier {channel!r} is not configured")
    except ConfigError as error:
        return Delivery(channel, "failed", error.one_line())
    except Exception as error:  # a notifier's failure must never lose the alert
        return Delivery(channel, "failed", f"{type(error).__name__}: {error}")
    return Delivery(channel, "sent")
