"""Every notifier and `check --json` get identifiers masked unless the owner asks otherwise."""

from __future__ import annotations

import json
import sys

import pytest
from store_helpers import check_json, invoke, write_config

from walletwatch.notify import senders as channel_impl
from walletwatch.notify import smtp

from conftest import SAMPLES

CARD = "招商银行储蓄卡(6222021234567890123)"
EMAIL = "jane.doe@example.com"
PHONE = "13812345678"
ESCAPES = "\x1b[2J\x1b]8;;http://evil.example/\x07x\x1b]8;;\x07\u202e"


@pytest.fixture
def export(tmp_path):
    """WeChat sample: a stuck withdrawal to a card (line 22), a duplicate charge at a payee
    named with an e-mail, a phone and escape sequences (lines 27-28)."""
    lines = (SAMPLES / "wechat_2026.csv").read_text(encoding="utf-8").split("\n")
    lines[21] = lines[21].replace("中国银行(1234)", CARD, 1)
    payee = f"{EMAIL} {PHONE}{ESCAPES}"
    lines[26] = f"2026-10-31 13:05:16,商户消费,{payee},/,支出,¥12.84,零钱,支付成功,42002026103100000901\t,/\t,/"
    lines[27] = f"2026-10-31 13:02:16,商户消费,{payee},/,支出,¥12.84,零钱,支付成功,42002026103100000902\t,/\t,/"
    path = tmp_path / "wechat.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _leaks(text: str) -> list[str]:
    return [s for s in ("6222021234567890123", EMAIL, PHONE) if s in text]


@pytest.fixture
def captured(monkeypatch):
    got: dict[str, dict] = {}
    monkeypatch.setattr(channel_impl, "to_webhook", lambda p, o: got.__setitem__("webhook", p))
    monkeypatch.setattr(smtp, "send",
                        lambda p, o: got.__setitem__("email", smtp.message(p, o).as_string()))
    return got


def _config(tmp_path, extra: str = ""):
    alerts, hooked = tmp_path / "alerts.jsonl", tmp_path / "hook.json"
    script = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_bytes(sys.stdin.buffer.read())"
    argv = json.dumps([sys.executable, "-c", script, str(hooked)])
    config = write_config(tmp_path / "config.toml", (
        f'[notify]\nchannels = ["file", "command", "webhook", "email", "stdout"]\n{extra}'
        f'[notify.file]\npath = "{alerts}"\n[notify.command]\nargv = {argv}\n'
        '[notify.webhook]\nurl = "http://127.0.0.1:9/hook"\n'
        '[notify.email]\nhost = "localhost"\nfrom = "me@example.org"\nto = ["me@example.org"]\n'))
    return config, alerts, hooked


def test_every_notifier_and_check_json_are_masked(tmp_path, export, captured):
    config, alerts, hooked = _config(tmp_path)
    result = invoke("check", export, "--state", tmp_path / "s.sqlite", "--config", config)
    assert result.exit_code in (0, 1), result.output
    sent = {"file": alerts.read_text(encoding="utf-8"), "command": hooked.read_text("utf-8"),
            "webhook": json.dumps(captured["webhook"], ensure_ascii=False),
            "email": captured["email"], "stdout": result.stdout}
    for channel, text in sent.items():
        assert _leaks(text) == [], channel
    assert "招商银行储蓄卡(****0123)" in sent["file"]
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    doc = invoke("check", export, "--state", tmp_path / "t.sqlite", "--json", "--notify", "stdout")
    assert _leaks(doc.stdout) == [] and "****0123" in doc.stdout


def test_show_identifiers_switch_and_config_unmask(tmp_path, export, captured):
    config, alerts, _ = _config(tmp_path)
    doc = check_json(tmp_path / "s.sqlite", export,
                     extra=("--config", config))  # masked run first: then a fresh store
    assert _leaks(json.dumps(doc, ensure_ascii=False)) == []
    result = invoke("--show-identifiers", "check", export, "--state", tmp_path / "u.sqlite",
                    "--config", config, "--json")
    assert CARD in result.stdout and CARD in alerts.read_text(encoding="utf-8")
    (tmp_path / "unmasked").mkdir()
    config2, alerts2, _ = _config(tmp_path / "unmasked", "show_identifiers = true\n")
    invoke("check", export, "--state", tmp_path / "v.sqlite", "--config", config2)
    assert CARD in alerts2.read_text(encoding="utf-8")
    assert CARD in json.dumps(captured["webhook"], ensure_ascii=False)
