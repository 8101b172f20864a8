"""Cadence detection on hand-made series: month ends, jitter, skips, two series per payee,
and habits that are merely frequent."""

from __future__ import annotations

import datetime as dt

from detection_helpers import row
from recurring_helpers import background, monthly, series


def by_payee(found, payee):
    return [s for s in found if s.name == payee]


def test_monthly_on_month_ends_is_one_series_with_the_next_date_a_calendar_month_on():
    ends = ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31"]
    found = by_payee(series([row(f"{d} 09:00", "30.00", "爱奇艺会员") for d in ends]),
                     "爱奇艺会员")
    assert len(found) == 1
    s = found[0]
    assert (s.cadence.name, s.charges, s.usual) == ("monthly", 5, 3000)
    assert s.next_expected.tz_convert("Asia/Shanghai").date() == dt.date(2025, 6, 30)
    assert s.yearly_cost == 36000


def test_weekly_with_a_day_of_jitter_either_way():
    start = dt.datetime(2025, 1, 3, 20)
    rows = [row((start + dt.timedelta(days=7 * k + (0, 1, -1, 0)[k % 4])).isoformat(" "),
                "9.90", "Keep会员") for k in range(12)]
    (s,) = by_payee(series(rows), "Keep会员")
    assert (s.cadence.name, s.charges, s.skips) == ("weekly", 12, 0)


def test_yearly_needs_only_two_charges():
    rows = [row("2024-03-01 10:00", "298.00", "京东PLUS"), row("2025-03-03 10:00", "298.00",
                                                                 "京东PLUS")]
    (s,) = by_payee(series(rows), "京东PLUS")
    assert s.cadence.name == "yearly" and s.yearly_cost == 29800


def test_a_skipped_month_keeps_the_series():
    rows = monthly("网易云音乐", "15.00", months=(1, 2, 4, 5, 6))
    (s,) = by_payee(series(rows), "网易云音乐")
    assert (s.cadence.name, s.charges, s.skips) == ("monthly", 5, 1)


def test_two_series_from_one_payee_with_different_amounts():
    rows = monthly("Apple", "15.00", day=5) + monthly("Apple", "68.00", day=12)
    found = sorted(by_payee(series(rows), "Apple"), key=lambda s: s.usual)
    assert [(s.usual, s.charges, s.cadence.name) for s in found] == [
        (1500, 6, "monthly"), (6800, 6, "monthly")]


def test_a_price_increase_stays_in_its_series():
    rows = [*monthly("腾讯视频VIP", "25.00", months=(1, 2, 3, 4)),
            *monthly("腾讯视频VIP", "30.00", months=(5, 6))]
    (s,) = by_payee(series(rows), "腾讯视频VIP")
    assert s.amounts == [2500] * 4 + [3000] * 2


def test_daily_coffee_at_one_price_is_not_a_subscription():
    start = dt.datetime(2025, 1, 1, 8)
    rows = [row((start + dt.timedelta(days=k)).isoformat(" "), "9.90", "瑞幸咖啡")
            for k in range(120)]
    assert by_payee(series(rows), "瑞幸咖啡") == []


def test_ordinary_shopping_at_varying_amounts_is_no_series():
    assert series(background()) == []


def test_two_equal_charges_a_month_apart_are_not_yet_a_series():
    rows = monthly("某健身房", "45.00", months=(1, 2))
    assert by_payee(series(rows), "某健身房") == []


def test_a_small_first_charge_is_the_trial_of_the_series():
    rows = [row("2025-04-02 10:00", "0.01", "视频会员"),
            *monthly("视频会员", "25.00", months=(5, 6), day=2)]
    (s,) = by_payee(series(rows), "视频会员")
    assert s.trial and s.amounts == [1, 2500, 2500]
