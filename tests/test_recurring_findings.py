"""Each recurring finding, positive and negative, through the scan (walletwatch.pipeline)."""

from __future__ import annotations

import json

from detection_helpers import row
from recurring_helpers import background, findings, monthly

from walletwatch.findings import CATEGORIES
from walletwatch.store import marks


def codes(found):
    return sorted(f.check for f in found)


def test_a_trial_that_became_a_monthly_charge_lately_is_new_recurring():
    rows = [*background(), row("2025-04-02 10:00", "0.01", "视频会员自动续费"),
            *monthly("视频会员自动续费", "25.00", months=(5, 6), day=2)]
    (f,) = findings(rows, codes={"new-recurring"})
    assert f.severity == "medium" and f.category == "recurring" in CATEGORIES
    assert f.reason["en"].startswith("third monthly charge of 25.00 CNY from 视频会员自动续费 "
                                     "on 2025-06-02; the first was 0.01 CNY on 2025-04-02")
    assert "第三次按月扣款 25.00 CNY" in f.reason["zh"]
    assert [h["amount"] for h in f.details["history"]] == ["0.01", "25.00", "25.00"]
    assert f.amount_at_stake == {"CNY": "50.01"}
    json.dumps(f.to_dict())  # JSON-able, exact money as text


def test_a_new_gym_membership_is_new_recurring_at_its_third_charge():
    rows = [*background(), *monthly("NewGym", "45.00", months=(4, 5, 6), day=8)]
    (f,) = findings(rows, codes={"new-recurring"})
    assert "you had never paid this payee before" in f.reason["en"]
    assert len(f.transactions) == 3


def test_rent_paid_every_month_since_the_statement_began_is_not_new():
    rows = [*background(), *monthly("某公寓管理", "3000.00")]
    assert findings(rows, codes={"new-recurring"}) == []


def test_a_series_whose_third_charge_was_months_ago_is_not_new():
    rows = [*background(), *monthly("NewGym", "45.00", months=(2, 3, 4, 5, 6), day=8)]
    assert findings(rows, codes={"new-recurring"}) == []


def test_standing_transfers_to_a_person_are_not_recurring_charges():
    rows = [*background(), *monthly("房东王*", "3000.00", months=(4, 5, 6), kind="transfer")]
    assert findings(rows, codes={"new-recurring"}) == []


def test_a_price_increase_is_reported_once_with_the_difference_at_stake():
    rows = [*background(), *monthly("网易云音乐", "25.00", months=(1, 2, 3, 4)),
            *monthly("网易云音乐", "30.00", months=(5, 6))]
    (f,) = findings(rows, codes={"price-increase"})
    assert f.severity == "medium" and f.amount_at_stake == {"CNY": "5.00"}
    assert "20% more than its usual monthly 25.00 CNY" in f.reason["en"]
    assert f.details["previous_amount"] == "25.00" and f.details["new_amount"] == "30.00"


def test_a_rise_within_the_tolerance_is_no_price_increase():
    rows = [*background(), *monthly("中国移动话费", "50.00", months=(1, 2, 3, 4)),
            *monthly("中国移动话费", "52.00", months=(5, 6))]
    assert findings(rows, codes={"price-increase"}) == []


def test_a_charge_after_the_owner_cancelled_is_high(isolated_home):
    marks.add("爱奇艺会员", "cancelled", "2025-04-10")
    rows = [*background(), *monthly("爱奇艺会员", "30.00", day=5)]
    (f,) = findings(rows, codes={"charge-after-cancel"})
    assert f.severity == "high" and f.amount_at_stake == {"CNY": "60.00"}
    assert "after you cancelled on 2025-04-10" in f.reason["en"]
    assert [t.time[:10] for t in f.transactions] == ["2025-05-05", "2025-06-05"]
    assert len(f.details["history"]) == 6  # the whole series, with ids, for the evidence


def test_no_charge_after_the_cancellation_date_is_nothing(isolated_home):
    marks.add("爱奇艺会员", "cancelled", "2025-06-10")
    rows = [*background(), *monthly("爱奇艺会员", "30.00", day=5)]
    assert findings(rows, codes={"charge-after-cancel"}) == []


def test_a_one_off_purchase_at_a_cancelled_payee_of_another_size_is_not_the_series(
        isolated_home):
    marks.add("Apple", "cancelled", "2025-04-10")
    rows = [*background(), *monthly("Apple", "15.00", months=(1, 2, 3, 4)),
            row("2025-05-20 10:00", "648.00", "Apple")]
    assert findings(rows, codes={"charge-after-cancel"}) == []


def test_a_password_free_deduction_to_a_payee_never_paid_is_high():
    rows = [*background(), row("2025-03-15 10:00", "19.00", "某某APP", method="免密支付")]
    (f,) = findings(rows, codes={"auto-deduction-unrecognised"})
    assert f.severity == "high" and f.details["evidence"] == "免密支付"
    assert "never paid this payee before" in f.reason["en"]


def test_a_password_free_deduction_to_a_known_payee_is_not_reported():
    rows = [*background(), row("2025-02-01 10:00", "8.00", "某某APP"),
            row("2025-03-15 10:00", "19.00", "某某APP", method="免密支付")]
    assert findings(rows, codes={"auto-deduction-unrecognised"}) == []


def test_a_short_statement_has_no_history_to_call_a_payee_new():
    # Seven rows over three months (a published Revolut sample's shape): every payee is new there.
    rows = [row(f"2025-0{m}-15 12:30", "30.00", f"Shop {m}") for m in (1, 2, 3)] + \
           [row("2025-04-01 09:00", "13.86", "Subscription Service")]
    assert findings(rows, codes={"auto-deduction-unrecognised"}) == []


def test_a_password_free_deduction_to_an_allowlisted_payee_is_not_reported():
    rows = [*background(), row("2025-03-15 10:00", "19.00", "某某APP", method="免密支付")]
    assert findings(rows, codes={"auto-deduction-unrecognised"}, allowlist=["某某app"]) == []


def test_a_yearly_renewal_far_above_the_payees_other_charges_is_a_low_heads_up():
    rows = [*background(), row("2024-06-01 10:00", "298.00", "京东PLUS"),
            row("2025-02-03 10:00", "35.00", "京东PLUS"),
            row("2025-06-03 10:00", "298.00", "京东PLUS")]
    (f,) = findings(rows, codes={"yearly-renewal"})
    assert f.severity == "low" and f.amount_at_stake == {"CNY": "298.00"}
    assert "a year after 298.00 CNY on 2024-06-01" in f.reason["en"]


def test_an_annual_plan_instead_of_the_monthly_one_is_a_yearly_renewal():
    rows = [*background(), *monthly("优酷会员", "15.00", months=(1, 2, 3, 4)),
            row("2025-05-05 10:00", "158.00", "优酷会员")]
    (f,) = findings(rows, codes={"yearly-renewal"})
    assert "instead of the usual 15.00 CNY a month" in f.reason["en"]


def test_a_yearly_charge_no_larger_than_other_purchases_is_no_heads_up():
    rows = [*background(), row("2024-06-01 10:00", "98.00", "某商城"),
            row("2025-02-03 10:00", "88.00", "某商城"), row("2025-06-03 10:00", "98.00", "某商城")]
    assert findings(rows, codes={"yearly-renewal"}) == []


def test_an_unwanted_series_gets_a_reminder_before_its_next_charge(isolated_home):
    marks.add("爱奇艺会员", "unwanted", "2025-06-20")
    rows = [*background(), *monthly("爱奇艺会员", "30.00", day=2)]
    (f,) = findings(rows, as_of="2025-06-29T10:00:00+08:00", codes={"renewal-due"})
    assert f.severity == "info" and f.details["due"] == "2025-07-02"
    assert findings(rows, as_of="2025-06-20T10:00:00+08:00", codes={"renewal-due"}) == []


def test_every_recurring_code_is_registered_and_written_down():
    from conftest import ROOT

    from walletwatch.checks import CODES, recurring

    docs = (ROOT / "docs" / "detection.md").read_text(encoding="utf-8")
    template = (ROOT / "docs" / "README.template.md").read_text(encoding="utf-8")
    for code, _, _ in recurring.Check.codes:
        assert CODES[code][0] == "recurring"
        assert f"``{code}``" in recurring.__doc__
        assert code == "renewal-due" or f"`{code}`" in docs + template, code
