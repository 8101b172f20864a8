"""E-mail notifier: SMTP with STARTTLS; credentials from the environment or the config file.

Credentials are never taken from the command line (they would show in ``ps`` and shell
history). ``security = "starttls"`` (default, port 587), ``"ssl"`` (port 465) or ``"none"`` (a
local relay on loopback only). ``cafile`` trusts a private CA (and lets tests use a local
server with a self-signed certificate).
"""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

from walletwatch.errors import ConfigError
from walletwatch.notify.senders import as_json, text

_LOCAL = {"localhost", "127.0.0.1", "::1"}


def _credential(options: dict[str, Any], name: str) -> str | None:
    env = options.get(f"{name}_env", f"WALLETWATCH_SMTP_{name.upper()}")
    return os.environ.get(str(env)) or options.get(name)


def message(payload: dict[str, Any], options: dict[str, Any]) -> EmailMessage:
    sender = options.get("from")
    recipients = options.get("to")
    if not sender or not recipients:
        raise ConfigError("[notify.email] needs 'from' and 'to'", "add them to the config file")
    if isinstance(recipients, str):
        recipients = [recipients]
    count = len(payload.get("new_findings", []))
    msg = EmailMessage()
    msg["Subject"] = f"walletwatch: {count} new finding(s) 新发现"
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg.set_content(text(payload))
    msg.add_attachment(as_json(payload).encode("utf-8"), maintype="application",
                       subtype="json", filename="walletwatch-alert.json")
    return msg


def send(payload: dict[str, Any], options: dict[str, Any]) -> None:
    host = options.get("host")
    if not host:
        raise ConfigError("[notify.email] needs 'host'", "add it to the config file")
    security = str(options.get("security", "starttls"))
    if security == "none" and host not in _LOCAL:
        raise ConfigError("[notify.email] security = 'none' is allowed only for a local relay",
                          "use security = 'starttls'")
    port = int(options.get("port", 465 if security == "ssl" else 587))
    timeout = float(options.get("timeout", 30))
    context = ssl.create_default_context(cafile=options.get("cafile"))
    msg = message(payload, options)
    if security == "ssl":
        client = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(host, port, timeout=timeout)
    with client:
        if security == "starttls":
            client.starttls(context=context)
        user, password = _credential(options, "username"), _credential(options, "password")
        if user and password:
            client.login(user, password)
        client.send_message(msg)
