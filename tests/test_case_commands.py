"""`walletwatch case`: open from findings, log, follow-up dates, duplicate warnings, close."""

from __future__ import annotations

import hashlib
import json

import pytest
from store_helpers import MAR, check_json, invoke

from walletwatch.cases.api import load_case


@pytest.fixture
def state(tmp_path):
    path = tmp_path / "state.sqlite"
    check_json(path, MAR)
    return path


def _ids(state) -> dict[str, str]:
    from walletwatch.store import alerts, open_store

    with open_store(state) as store:
        return {f.check: f.id for f in alerts.open_alerts(store.conn)}


def _case(state, *args, input=None) -> tuple[int, dict | None, str]:
    result = invoke("case", *args, "--state", state, "--json", input=input)
    doc = json.loads(result.stdout) if result.exit_code == 0 else None
    return result.exit_code, doc, result.stderr


def test_uk_firm_gets_its_verified_15_business_day_deadline(state):
    finding = _ids(state)["stuck-topup"]
    code, doc, _ = _case(state, "open", finding, "--channel", "firm-uk", "--date", "2024-03-11",
                         "--reference", "CMP-1")
    assert code == 0
    assert doc["id"] == "C-0001" and doc["status"] == "open" and doc["reference"] == "CMP-1"
    follow = doc["follow_up"]
    assert follow["date"] == "2024-04-01"  # 15 weekdays after Monday 2024-03-11
    assert follow["basis"] == "deadline"
    assert "DISP 1.6.2AR" in follow["source"]
    assert doc["finding_ids"] == [finding]


@pytest.mark.parametrize(("channel", "date", "basis", "words"), [
    ("cfpb", "2024-03-11", "expectation", "not a legal deadline"),
    ("reg-e", "2024-03-11", "deadline", "10 business days"),
    ("wallet-cn", "2024-03-11", "reminder", "your own reminder, not a legal deadline"),
    ("pboc-12363", "2024-03-11", "reminder", "your own reminder"),
])
def test_follow_up_basis_per_channel(state, channel, date, basis, words):
    finding = _ids(state)["stuck-topup"]
    code, doc, _ = _case(state, "open", finding, "--channel", channel, "--date", date)
    assert code == 0 and doc["follow_up"]["basis"] == basis
    assert words in doc["follow_up"]["label"]["en"]
    assert doc["follow_up"]["label"]["zh"]
    if channel == "wallet-cn":  # no verified deadline for Chinese payment institutions
        assert doc["follow_up"]["date"] == "2024-03-18" and doc["follow_up"]["rule"] == ""


def test_own_reminder_overrides(state):
    finding = _ids(state)["stuck-topup"]
    code, doc, _ = _case(state, "open", finding, "--channel", "firm-uk", "--date", "2024-03-11",
                         "--remind-days", "3")
    assert code == 0
    assert doc["follow_up"] == {**doc["follow_up"], "date": "2024-03-14", "basis": "reminder"}


def test_duplicate_case_warns_and_asks(state):
    ids = _ids(state)
    assert _case(state, "open", ids["stuck-topup"], "--channel", "wallet-cn")[0] == 0
    result = invoke("case", "open", ids["stuck-topup"], "--channel", "pboc-12363",
                    "--state", state, input="n\n")
    assert result.exit_code == 1
    assert "C-0001" in result.stderr and "Repeated complaints" in result.stderr
    assert [c["id"] for c in _case(state, "list")[1]["cases"]] == ["C-0001"]
    result = invoke("case", "open", ids["stuck-topup"], "--channel", "pboc-12363",
                    "--state", state, input="y\n")
    assert result.exit_code == 0
    code, doc, err = _case(state, "open", ids["stuck-topup"], "--channel", "other", "--yes")
    assert code == 0 and doc["id"] == "C-0003"
    # a different finding is not a duplicate: no question asked
    code, doc, err = _case(state, "open", ids["duplicate-charge"], "--channel", "wallet-cn")
    assert code == 0 and "Warning" not in err


def test_log_with_attachment_and_escalation(state, tmp_path):
    finding = _ids(state)["stuck-topup"]
    _case(state, "open", finding, "--channel", "firm-uk", "--date", "2024-03-11")
    shot = tmp_path / "chat.png"
    shot.write_bytes(b"\x89PNG fake screenshot")
    code, doc, _ = _case(state, "log", "C-0001", "--date", "2024-03-13", "--channel", "phone",
                         "--agent", "Agent 07", "--ticket", "T-99", "--summary",
                         "said 3 more days", "--attach", shot)
    assert code == 0
    entry = doc["log"][-1]
    assert entry["attachment_sha256"] == hashlib.sha256(shot.read_bytes()).hexdigest()
    assert (entry["agent"], entry["ticket"], entry["kind"]) == ("Agent 07", "T-99", "contact")
    assert doc["follow_up"]["date"] == "2024-04-01"  # a call does not restart the firm's clock
    code, doc, _ = _case(state, "log", "C-0001", "--date", "2024-04-02", "--kind", "escalation",
                         "--channel", "fos")
    assert doc["follow_up"]["basis"] == "reminder" and doc["follow_up"]["date"] == "2024-04-09"
    assert _case(state, "log", "C-0001", "--attach", tmp_path / "missing.png")[0] == 3


def test_close_and_list(state):
    finding = _ids(state)["stuck-topup"]
    _case(state, "open", finding, "--channel", "wallet-cn", "--date", "2024-03-11")
    code, doc, _ = _case(state, "close", "C-0001", "--date", "2024-03-20", "--note", "credited")
    assert doc["status"] == "closed" and doc["follow_up"] is None
    assert _case(state, "list")[1]["cases"] == []
    assert [c["id"] for c in _case(state, "list", "--all")[1]["cases"]] == ["C-0001"]
    # a closed case no longer blocks a new one
    code, doc, err = _case(state, "open", finding, "--channel", "pboc-12363")
    assert code == 0 and "Warning" not in err


def test_bad_ids_and_channels_are_usage_errors(state):
    assert _case(state, "open", "no-such-finding", "--channel", "wallet-cn")[0] == 2
    finding = _ids(state)["stuck-topup"]
    code, _, err = _case(state, "open", finding, "--channel", "carrier-pigeon")
    assert code == 2 and "unknown channel" in err
    assert _case(state, "show", "C-0042")[0] == 2


def test_check_mentions_cases_due(state):
    finding = _ids(state)["stuck-topup"]
    _case(state, "open", finding, "--channel", "wallet-cn", "--date", "2024-03-11",
          "--reference", "ALI-7")
    doc = check_json(state, MAR)
    assert [(c["id"], c["follow_up"]["date"]) for c in doc["cases_due"]] == \
        [("C-0001", "2024-03-18")]
    result = invoke("check", MAR, "--state", state)
    assert "case C-0001" in result.stdout


def test_report_can_load_a_stored_case(state, tmp_path):
    finding = _ids(state)["stuck-topup"]
    _case(state, "open", finding, "--channel", "firm-uk", "--date", "2024-03-11",
          "--reference", "CMP-1")
    _case(state, "log", "C-0001", "--date", "2024-03-12", "--kind", "reply", "--channel",
          "email", "--summary", "looking into it")
    case = load_case(f"{state}#C-0001")
    assert case.first_notice.ticket == "CMP-1"
    assert str(case.first_notice.date) == "2024-03-11"
    assert [c.summary for c in case.communications] == ["complaint opened", "looking into it"]
    assert str(case.reply_by) == "2024-04-01"


def test_report_command_takes_a_stored_case_id(state, tmp_path):
    finding = _ids(state)["stuck-topup"]
    _case(state, "open", finding, "--channel", "wallet-cn", "--date", "2024-03-11",
          "--reference", "ALI-1")
    _case(state, "log", "C-0001", "--date", "2024-03-12", "--kind", "reply", "--channel",
          "phone", "--agent", "客服 12", "--summary", "处理中")
    out = tmp_path / "report.json"
    result = invoke("report", MAR, "--case", f"{state}#C-0001", "--finding", finding,
                    "--out", out, "--now", "2024-03-20T09:00:00+08:00")
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [(c["date"], c["agent"]) for c in doc["communications"]] == \
        [("2024-03-11", None), ("2024-03-12", "客服 12")]


def test_a_contact_is_logged_in_the_owners_words_but_an_escalation_needs_a_known_channel(state):
    finding = _ids(state)["stuck-topup"]
    _case(state, "open", finding, "--channel", "wallet-cn", "--date", "2024-03-11")
    code, doc, _ = _case(state, "log", "C-0001", "--date", "2024-03-12", "--channel",
                         "in-app chat", "--summary", "agent asked for a screenshot")
    assert code == 0 and doc["log"][-1]["channel"] == "in-app chat"
    code, _, err = _case(state, "log", "C-0001", "--kind", "escalation", "--channel",
                         "in-app chat")
    assert code == 2 and "unknown channel" in err
