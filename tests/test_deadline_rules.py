"""One deadline-rules module: the case log, the report, the letter and the docs read the same rule."""

from __future__ import annotations

import dataclasses
import importlib.util
from datetime import date

import pytest

from walletwatch.cases import deadlines
from walletwatch.report import channels

from conftest import ROOT


def _doc_builder():
    spec = importlib.util.spec_from_file_location("build_deadlines",
                                                  ROOT / "docs" / "build_deadlines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_periodic_checks_page_shows_the_rules_of_the_module():
    builder = _doc_builder()
    text = builder.PAGE.read_text(encoding="utf-8")
    assert builder.rebuilt(text) == text, "run: python docs/build_deadlines.py"
    for rule_id in deadlines.RULES:
        assert f"| `{rule_id}` |" in text


def test_changing_a_rule_in_the_module_moves_every_output_and_stales_the_page(monkeypatch):
    rule = deadlines.RULES["uk-15-business-days"]
    monkeypatch.setitem(deadlines.RULES, rule.id, dataclasses.replace(rule, amount=16))
    complained = date(2024, 3, 1)  # a Friday: 15 business days -> 2024-03-22, 16 -> 2024-03-25

    case_log = deadlines.deadline("firm-uk", complained)
    report = next(d for d in channels.deadlines("uk", "en", {"first_notice": complained})
                  if d["id"] == rule.id)

    assert case_log.date == date(2024, 3, 25) and "16 business days" in case_log.label["en"]
    assert report["date"] == "2024-03-25"
    builder = _doc_builder()
    text = builder.PAGE.read_text(encoding="utf-8")
    assert builder.rebuilt(text) != text  # the page test above now fails until it is rebuilt


@pytest.mark.parametrize("code", ["wallet-cn", "pboc-12363", "samr-12315", "nfra-12378"])
def test_no_deadline_is_printed_where_complaints_md_has_none(code):
    # complaints.md: no verified answer deadline for payment institutions or these lines
    follow = deadlines.deadline(code, date(2024, 3, 1))
    assert follow is None


def test_every_rule_names_its_source_and_its_strength_or_says_it_is_your_own():
    for rule in deadlines.RULES.values():
        assert rule.unit in deadlines.UNITS and rule.starts in deadlines.STARTS, rule.id
        if rule.basis in ("reminder", "request"):
            assert rule.status == "own", rule.id
        else:
            assert rule.source[0] and rule.status in ("primary", "secondary"), rule.id
    for ch in deadlines.CHANNELS.values():
        assert ch.rule is None or ch.rule in deadlines.RULES


def test_business_days_skip_the_weekend_only():
    friday = date(2024, 3, 1)
    assert deadlines.add_business_days(friday, 1) == date(2024, 3, 4)
    assert deadlines.add_business_days(friday, 10) == date(2024, 3, 15)
    assert deadlines.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
