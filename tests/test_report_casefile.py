"""The case file: every fact optional, missing ones shown as blanks, never invented."""

from __future__ import annotations

import dataclasses
import re
import tomllib

import pytest
from report_helpers import DATA, all_text, build

from walletwatch.cases.api import load_case
from walletwatch.cases.file import Case, case_template
from walletwatch.errors import ConfigError

BLANK = {"en": "[to fill in]", "zh": "[待填写]"}


def _uncommented(text: str) -> str:
    return "\n".join(re.sub(r"^# ((?:[a-z_]+ = )|\[)", r"\1", line) for line in text.splitlines())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_parses_and_every_example_fact_loads(lang):
    template = case_template(lang)
    assert Case.from_dict(tomllib.loads(template)) == Case()  # all commented out
    case = Case.from_dict(tomllib.loads(_uncommented(template)))
    assert case.first_notice.date is not None and case.first_notice.ticket
    assert case.security.password_free_payment_on is False
    assert [d.kind for d in case.demand] == ["refund", "records"]
    assert case.exhibits and case.communications


def test_empty_case_shows_blanks_and_invents_nothing():
    doc = build("alipay", None, lang="en").document
    complainant = doc["parties"]["complainant"]
    assert complainant == {"name": None, "contact": None, "address": None, "account": None}
    assert doc["parties"]["respondent"]["name"] is None
    assert all(fact["value"] is None and fact["answer"] == BLANK["en"]
               for fact in doc["security"]["facts"])
    assert doc["communications"] == []
    assert doc["demand"]["blank"] and doc["demand"]["items"] == []
    kinds = {e["kind"] for e in doc["timeline"]}
    assert kinds == {"transaction"}
    assert BLANK["en"] in doc["summary"]


def test_full_case_fills_every_section():
    case = load_case(DATA / "alipay_case.toml")
    doc = build("alipay", case).document
    assert doc["parties"]["complainant"]["name"] == "李明"
    assert doc["parties"]["reference"] == "CS20240226-0088"
    assert {e["kind"] for e in doc["timeline"]} == {"transaction", "noticed", "first_notice",
                                                    "communication"}
    assert all(f["value"] is not None for f in doc["security"]["facts"])
    assert len(doc["communications"]) == 2
    assert [i["kind"] for i in doc["demand"]["items"]] == ["refund", "reverse-duplicate",
                                                           "records"]
    # the duplicate amount left out of the case file is the export's figure, and says so
    duplicate = doc["demand"]["items"][1]
    assert (duplicate["amount"], duplicate["amount_from_export"]) == ("35.00", True)
    assert any(e["sha256"] for e in doc["exhibits"] if e["file"] == "chat-2024-02-26.png")


SECURITY_FIELDS = [f.name for f in dataclasses.fields(Case().security)]


@pytest.mark.parametrize("field", SECURITY_FIELDS)
def test_each_security_fact_with_and_without(field):
    full = load_case(DATA / "alipay_case.toml")
    missing = dataclasses.replace(full, security=dataclasses.replace(full.security,
                                                                     **{field: None}))
    with_fact = {f["key"]: f for f in build("alipay", full).document["security"]["facts"]}
    without = {f["key"]: f for f in build("alipay", missing).document["security"]["facts"]}
    assert with_fact[field]["answer"] != BLANK["zh"]
    assert without[field]["answer"] == BLANK["zh"] and without[field]["value"] is None


@pytest.mark.parametrize("field", ["noticed_on", "statement_date", "reply_by"])
def test_each_optional_date_with_and_without(field):
    full = load_case(DATA / "alipay_case.toml")
    missing = dataclasses.replace(full, **{field: None})
    doc_full = build("alipay", full).document
    doc_missing = build("alipay", missing).document
    if field == "noticed_on":
        assert "noticed" in {e["kind"] for e in doc_full["timeline"]}
        assert "noticed" not in {e["kind"] for e in doc_missing["timeline"]}
    if field == "reply_by":
        assert doc_full["letter"]["reply_by"] == "2024-03-20"
        assert doc_missing["letter"]["reply_by"] == "2024-03-21"  # now + LETTER_REPLY (15 days)
    if field == "statement_date":
        def reg_e(case):
            doc = build("alipay", case, jurisdiction="us").document
            return next(d for d in doc["channels"]["deadlines"] if d["id"] == "us-rege-60d")

        assert reg_e(full)["date"] is not None
        assert reg_e(missing)["date"] is None


def test_first_notice_missing_leaves_the_letter_blank():
    full = load_case(DATA / "alipay_case.toml")
    missing = dataclasses.replace(full, first_notice=dataclasses.replace(full.first_notice,
                                                                         date=None))
    text = all_text(build("alipay", missing, lang="en").document)
    assert "I first told you about this on [to fill in]" in text


@pytest.mark.parametrize("bad,message", [
    ({"noticed_on": "yesterday"}, "not a date"),
    ({"security": {"account_frozen": "maybe"}}, "true or false"),
    ({"demand": [{"kind": "compensation"}]}, "not on the menu"),
    ({"demand": [{"kind": "refund", "amount": "lots"}]}, "not a number"),
    ({"exhibits": [{"file": "x.png"}]}, "no description"),
])
def test_bad_facts_are_config_errors(bad, message):
    with pytest.raises(ConfigError, match=message):
        Case.from_dict(bad)


def test_case_file_errors(tmp_path):
    with pytest.raises(ConfigError) as missing:  # a bad --case is a usage error (exit 2)
        load_case(tmp_path / "nope.toml")
    assert missing.value.one_line().count("nope.toml") == 1  # said once
    broken = tmp_path / "broken.toml"
    broken.write_text("name = [", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_case(broken)
    assert load_case(None) == Case()


def test_to_dict_round_trips_dates_as_text():
    data = load_case(DATA / "alipay_case.toml").to_dict()
    assert data["first_notice"]["date"] == "2024-02-26"
    assert data["security"]["code_or_password_shared"] is False


@pytest.mark.parametrize("bad", [
    {"noticed": "2024-01-01"},
    {"security": {"pasword_changed": True}},
    {"communications": [{"date": "2024-01-01", "note": "x"}]},
    {"demand": {"kind": "refund"}},
    {"complainant": "Li Ming"},
])
def test_misspelt_or_misplaced_keys_are_reported_not_dropped(bad):
    with pytest.raises(ConfigError):
        Case.from_dict(bad)
