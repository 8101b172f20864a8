"""Channels and computed deadlines per jurisdiction, and the letter for each."""

from __future__ import annotations

from datetime import date

import pytest
from report_helpers import alipay_case, all_text, build

from walletwatch.cases.file import Case, Notice
from walletwatch.errors import ConfigError
from walletwatch.cases.deadlines import add_business_days, add_months


def _ids(report) -> list[str]:
    return [step["id"] for step in report.document["channels"]["steps"]]


def _deadline(report, rule_id: str) -> dict:
    return next(d for d in report.document["channels"]["deadlines"] if d["id"] == rule_id)


@pytest.mark.parametrize("fixture", ["alipay", "wechat"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cn_routes_payment_institutions_to_pboc_12363_never_12378(fixture, lang):
    report = build(fixture, alipay_case(), lang=lang)
    assert report.document["jurisdiction"] == "cn"
    steps = report.document["channels"]["steps"]
    assert [s["kind"] for s in steps][:2] == ["provider", "social"]
    assert steps[-1]["id"] == "pboc-12363" and steps[-1]["kind"] == "regulator"
    assert "12363" in steps[-1]["name"]
    assert "12378" not in all_text(report.document)


def test_cn_prints_no_answer_deadline_for_payment_institutions():
    text = all_text(build("alipay", alipay_case(), lang="en").document)
    assert "15 working days" not in text and "15 business days" not in text
    zh = all_text(build("alipay", alipay_case()).document)
    assert "15 个工作日" not in zh and "15个工作日" not in zh


def test_cn_provider_channel_sends_the_user_to_the_app_not_a_hotline():
    step = build("alipay", alipay_case()).document["channels"]["steps"][0]
    assert "客服中心" in step["contact"]
    for number in ("95188", "95055", "95017"):
        assert number not in step["contact"]


def test_uk_firm_has_15_business_days_from_first_notice():
    case = Case(first_notice=Notice(date(2024, 3, 5), "chat", "T-1"))
    report = build("paypal", case, jurisdiction="uk", lang="en")
    assert _ids(report) == ["provider", "social", "fos"]
    rule = _deadline(report, "uk-15-business-days")
    assert rule["date"] == "2024-03-26" == add_business_days(date(2024, 3, 5), 15).isoformat()
    assert "15 business days" in rule["text"]
    # 13 months from the earliest disputed debit (2024-03-03 in the PayPal sample)
    assert _deadline(report, "uk-13-months")["date"] == "2025-04-03"
    assert "8 weeks" not in all_text(report.document)


def test_us_reg_e_60_days_from_the_statement_and_10_business_days():
    case = Case(statement_date=date(2024, 3, 31), first_notice=Notice(date(2024, 4, 2)))
    report = build("paypal", case)
    assert report.document["jurisdiction"] == "us"
    assert _ids(report)[0] == "provider" and _ids(report)[-1] == "cfpb"
    assert _deadline(report, "us-rege-60d")["date"] == "2024-05-30"
    assert _deadline(report, "us-rege-10bd")["date"] == "2024-04-16"
    cfpb = report.document["channels"]["steps"][-1]
    assert "not legal deadlines" in " ".join(cfpb["facts"])
    letter = " ".join(b.get("text", "") for b in report.document["letter"]["blocks"])
    assert "notice of error" in letter


def test_eu_13_months_from_the_debit_date():
    report = build("paypal", None, jurisdiction="eu")
    assert _ids(report)[0] == "provider"
    assert _deadline(report, "eu-13-months")["date"] == add_months(date(2024, 3, 3), 13).isoformat()
    # no first-notice date: the rule is printed with a blank date, never a guessed one
    assert _deadline(report, "eu-15-business-days")["date"] is None


def test_dates_are_only_computed_from_confirmed_dates():
    report = build("paypal", None)
    assert _deadline(report, "us-rege-60d")["date"] is None
    assert "____-__-__" in _deadline(report, "us-rege-60d")["text"]


@pytest.mark.parametrize("fixture,lang,jurisdiction", [
    ("alipay", "zh", "cn"), ("wechat", "zh", "cn"), ("paypal", "en", "us")])
def test_defaults_come_from_the_wallet(fixture, lang, jurisdiction):
    doc = build(fixture).document
    assert (doc["lang"], doc["jurisdiction"]) == (lang, jurisdiction)


def test_unknown_jurisdiction_is_a_usage_error():
    with pytest.raises(ConfigError):
        build("paypal", jurisdiction="xx")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("jurisdiction", ["cn", "us", "uk", "eu"])
def test_letter_is_calm_has_one_demand_section_and_a_reply_date(lang, jurisdiction):
    report = build("alipay", alipay_case(), lang=lang, jurisdiction=jurisdiction)
    letter = report.document["letter"]
    text = "\n".join(b.get("text", "") + "\n".join(b.get("items", [])) for b in letter["blocks"])
    assert letter["reply_by"] == "2024-03-20"  # from the case file
    assert "2024-03-20" in text
    for row in report.document["transactions"]:
        assert row["txn_id"] in text
    assert "!" not in text and "！" not in text  # no emotional wording
    demand_heads = [b for b in letter["blocks"]
                    if b.get("text") in ("I ask you to provide:", "我的诉求：")]
    assert len(demand_heads) == 1
    assert ("follow up" in letter["advice"]) if lang == "en" else ("跟进" in letter["advice"])
