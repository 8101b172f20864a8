"""Notifiers against real local servers and a real command; failures retried next run."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
import socket
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from store_helpers import JAN, MAR, check_json, invoke, write_config


def _config(tmp_path, text: str):
    return write_config(tmp_path / "config.toml", text)


def test_file_notifier_appends_one_json_line_per_alert_batch(tmp_path):
    out = tmp_path / "alerts" / "alerts.jsonl"
    config = _config(tmp_path, f'[notify]\nchannels = ["file"]\n[notify.file]\npath = "{out}"\n')
    state = tmp_path / "s.sqlite"
    doc = check_json(state, MAR, extra=("--config", config))
    assert doc["notifications"] == [{"channel": "file", "state": "sent"}]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    sent = json.loads(lines[0])
    assert sorted(f["id"] for f in sent["new_findings"]) == \
        sorted(f["id"] for f in doc["new_findings"])
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    check_json(state, MAR, extra=("--config", config))  # nothing new: nothing appended
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_command_notifier_gets_the_findings_on_stdin(tmp_path):
    out = tmp_path / "got.json"
    script = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_bytes(sys.stdin.buffer.read())"
    argv = json.dumps([sys.executable, "-c", script, str(out)])
    config = _config(tmp_path, f'[notify]\nchannels = ["command"]\n[notify.command]\nargv = {argv}\n')
    doc = check_json(tmp_path / "s.sqlite", MAR, extra=("--config", config))
    got = json.loads(out.read_text(encoding="utf-8"))
    assert [f["id"] for f in got["new_findings"]] == [f["id"] for f in doc["new_findings"]]
    assert got["as_of"] == doc["as_of"]


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list] = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if type(self).status == 200:
            type(self).received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    class Hook(_Hook):
        received: ClassVar[list] = []
        status = 200

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Hook, f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def test_webhook_posts_json(tmp_path, webhook):
    hook, url = webhook
    config = _config(tmp_path, f'[notify]\nchannels = ["webhook"]\n[notify.webhook]\nurl = "{url}"\n')
    doc = check_json(tmp_path / "s.sqlite", MAR, extra=("--config", config))
    assert len(hook.received) == 1
    content_type, body = hook.received[0]
    assert content_type.startswith("application/json")
    assert [f["id"] for f in body["new_findings"]] == [f["id"] for f in doc["new_findings"]]


def test_failing_notifier_is_retried_next_run_and_never_loses_the_alert(tmp_path, webhook):
    hook, url = webhook
    config = _config(tmp_path, f'[notify]\nchannels = ["webhook"]\n[notify.webhook]\nurl = "{url}"\n')
    state = tmp_path / "s.sqlite"
    hook.status = 500
    first = check_json(state, MAR, extra=("--config", config))
    assert first["notifications"][0]["state"] == "failed"
    assert "500" in first["notifications"][0]["error"]
    assert hook.received == [] and first["outbox_pending"] == 1
    hook.status = 200
    second = check_json(state, MAR, extra=("--config", config))  # nothing new, outbox retried
    assert second["new_findings"] == [] and second["imported"]["files"] == 0
    assert second["notifications"] == [{"channel": "webhook", "state": "sent"}]
    assert second["outbox_pending"] == 0
    assert [f["id"] for f in hook.received[0][1]["new_findings"]] == \
        [f["id"] for f in first["new_findings"]]
    third = check_json(state, MAR, extra=("--config", config))
    assert third["notifications"] == [] and len(hook.received) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed_certificate(folder):
    """A throw-away certificate for 127.0.0.1, so STARTTLS runs for real in the test."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert, key_path = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert, key_path


@pytest.fixture
def smtp_server(tmp_path):
    pytest.importorskip("aiosmtpd")
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    class Handler:
        messages: ClassVar[list] = []
        logins: ClassVar[list] = []

        async def handle_DATA(self, server, session, envelope):
            Handler.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret"
        Handler.logins.append(auth_data.login)
        return AuthResult(success=ok)

    port = _free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=authenticator,
                            auth_require_tls=True)
    controller.start()
    yield Handler, port, cert
    controller.stop()


def test_email_over_starttls_with_credentials_from_the_environment(tmp_path, smtp_server,
                                                                    monkeypatch):
    handler, port, cert = smtp_server
    monkeypatch.setenv("WALLETWATCH_SMTP_USERNAME", "owner")
    monkeypatch.setenv("WALLETWATCH_SMTP_PASSWORD", "s3cret")
    config = _config(tmp_path, (
        '[notify]\nchannels = ["email"]\n[notify.email]\nhost = "127.0.0.1"\n'
        f'port = {port}\ncafile = "{cert}"\nfrom = "ww@example.org"\nto = ["me@example.org"]\n'))
    doc = check_json(tmp_path / "s.sqlite", MAR, extra=("--config", config))
    assert doc["notifications"] == [{"channel": "email", "state": "sent"}]
    assert handler.logins == [b"owner"]
    sender, recipients, content = handler.messages[0]
    assert (sender, recipients) == ("ww@example.org", ["me@example.org"])
    message = BytesParser(policy=policy.default).parsebytes(content)
    text = message.get_body(("plain",)).get_content()
    assert all(f["id"] in text for f in doc["new_findings"])
    attached = next(message.iter_attachments())
    assert attached.get_filename() == "walletwatch-alert.json"
    sent = json.loads(attached.get_content())
    assert [f["id"] for f in sent["new_findings"]] == [f["id"] for f in doc["new_findings"]]


def test_email_with_wrong_password_fails_and_stays_queued(tmp_path, smtp_server, monkeypatch):
    handler, port, cert = smtp_server
    monkeypatch.setenv("WALLETWATCH_SMTP_USERNAME", "owner")
    monkeypatch.setenv("WALLETWATCH_SMTP_PASSWORD", "wrong")
    config = _config(tmp_path, (
        '[notify]\nchannels = ["email"]\n[notify.email]\nhost = "127.0.0.1"\n'
        f'port = {port}\ncafile = "{cert}"\nfrom = "ww@example.org"\nto = "me@example.org"\n'
        # the server stalls a rejected login; a short timeout keeps the test quick
        'timeout = 3\n'))
    state = tmp_path / "s.sqlite"
    doc = check_json(state, MAR, extra=("--config", config))
    assert doc["notifications"][0]["state"] == "failed" and handler.messages == []
    monkeypatch.setenv("WALLETWATCH_SMTP_PASSWORD", "s3cret")
    again = check_json(state, MAR, extra=("--config", config))
    assert again["notifications"] == [{"channel": "email", "state": "sent"}]
    assert len(handler.messages) == 1


def test_no_credential_options_on_the_command_line():
    text = invoke("check", "--help").output.lower()
    assert "password" not in text and "--smtp" not in text


def test_desktop_skipped_silently_where_absent(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    doc = check_json(tmp_path / "s.sqlite", MAR, extra=("--notify", "desktop"))
    assert doc["notifications"][0]["channel"] == "desktop"
    assert doc["notifications"][0]["state"] == "skipped"


def test_desktop_uses_notify_send_when_present(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "seen.txt"
    fake = bin_dir / "notify-send"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{seen}"\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setattr(sys, "platform", "linux")
    doc = check_json(tmp_path / "s.sqlite", MAR, extra=("--notify", "desktop", "--notify",
                                                        "stdout"))
    states = {n["channel"]: n["state"] for n in doc["notifications"]}
    assert states == {"desktop": "sent", "stdout": "sent"}
    assert seen.read_text(encoding="utf-8").startswith("walletwatch")


def test_unknown_notifier_in_config_is_a_usage_error(tmp_path):
    config = _config(tmp_path, '[notify]\nchannels = ["pager"]\n')
    result = invoke("check", JAN, "--state", tmp_path / "s.sqlite", "--config", config)
    assert result.exit_code == 2
    assert "pager" in result.stderr


SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "alipay_2026.csv"


@pytest.mark.parametrize("floor, expect_info", [("low", False), ("info", True)])
def test_findings_below_min_severity_are_recorded_but_not_pushed(tmp_path, floor, expect_info):
    out = tmp_path / "alerts.jsonl"
    config = _config(tmp_path, f'[notify]\nchannels = ["file"]\nmin_severity = "{floor}"\n'
                               f'[notify.file]\npath = "{out}"\n')
    doc = check_json(tmp_path / "s.sqlite", SAMPLE, extra=("--config", config))
    assert any(f["severity"] == "info" for f in doc["new_findings"])  # all recorded
    pushed = json.loads(out.read_text(encoding="utf-8").splitlines()[0])["new_findings"]
    assert any(f["severity"] == "high" for f in pushed)
    assert any(f["severity"] == "info" for f in pushed) is expect_info


def test_unknown_min_severity_is_a_usage_error(tmp_path):
    config = _config(tmp_path, '[notify]\nmin_severity = "loud"\n')
    result = invoke("check", SAMPLE, "--state", tmp_path / "s.sqlite", "--config", config)
    assert result.exit_code == 2
    assert "min_severity" in result.output
