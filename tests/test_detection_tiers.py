"""Severity from evidence tiers (walletwatch.model.tiers), hindsight and taint, per-layout money
semantics, and the retry-aware stuck rule: each pattern, and its benign look-alike."""

from __future__ import annotations

import datetime as dt

import pytest
from detection_helpers import frame, records, regular_history, row

from walletwatch.checks.base import duration_text
from walletwatch.config import Config
from walletwatch.model.features import build_features
from walletwatch.model.risk import score
from walletwatch.model.tiers import TIERS
from walletwatch.pipeline import scan, scan_frame
from walletwatch.synth.render import render

AS_OF = "2025-06-30 23:00:00"


def run(rows, **kwargs):
    return scan_frame(frame(rows), config=Config(), as_of=AS_OF, **kwargs)


def unrecognised(result, at_least=("high", "medium", "low")):
    return [f for f in result.findings
            if f.check == "unrecognised-activity" and f.severity in at_least]


def ids(rows):
    return {r["txn_id"] for r in rows}


def night_burst(day="2025-03-02", payees=("数码专营店A", "游戏充值B", "陈*新", "礼品卡C"),
                amount="60.00"):
    return [row(f"{day} 02:{10 + 9 * k:02d}:00", amount, p,
                kind="transfer" if "*" in p else "payment") for k, p in enumerate(payees)]


def test_every_finding_names_its_tier_and_the_evidence():
    result = run(regular_history() + night_burst())
    (finding,) = unrecognised(result)
    assert finding.severity == "high"
    assert finding.details["tier"] == "takeover-burst"
    assert finding.details["tier_title"]["zh"] == TIERS["takeover-burst"][2]
    evidence = finding.details["evidence"]
    assert evidence["new_payees"] == 4
    assert evidence["earlier_payments_within_an_hour_of_this_time"] == 0
    assert "from the evidence tier “burst of payments to new payees”" in finding.reason["en"]
    assert "依据的证据等级为“短时间内连续向新收款方付款”" in finding.reason["zh"]
    assert "none of your 180 earlier payments was within an hour of it" in finding.reason["en"]


def test_a_night_burst_of_ordinary_amounts_right_after_a_travel_week_is_still_high():
    travel = [row(f"2025-02-{d:02d} {h}:{m:02d}:00", "35.00", f"旅行商户{d}-{h}")
              for d in range(20, 27) for h, m in ((10, 5), (13, 20), (16, 40), (20, 10))]
    result = run(regular_history() + travel + night_burst("2025-02-28"))
    high = unrecognised(result, ("high",))
    assert [f.details["tier"] for f in high] == ["takeover-burst"]
    assert [f for f in unrecognised(result) if ids(travel) & {t.txn_id for t in f.transactions}
            and f.severity != "low"] == []


def test_a_second_takeover_paying_the_first_ones_payees_is_judged_as_new():
    first = night_burst("2025-03-02")
    second = night_burst("2025-03-09", payees=("数码专营店A", "游戏充值B", "陈*新"))
    result = run(regular_history() + first + second)
    second_findings = [f for f in unrecognised(result, ("high",))
                       if {t.txn_id for t in f.transactions} == ids(second)]
    assert len(second_findings) == 1
    assert second_findings[0].details["evidence"]["payees_first_seen_in_earlier_incident"] == 3


def test_a_large_transfer_to_a_person_a_takeover_introduced_is_high():
    burst = night_burst("2025-03-02")
    transfer = row("2025-03-06 11:00:00", "3000.00", "陈*新", kind="transfer")
    result = run(regular_history() + burst + [transfer])
    (finding,) = [f for f in unrecognised(result) if transfer["txn_id"] in
                  {t.txn_id for t in f.transactions}]
    assert finding.severity == "high"
    assert finding.details["tier"] == "large-transfer-new-person"


def test_card_testing_with_declined_probes_is_high_and_cites_them():
    probes = [row(f"2025-03-02 15:{10 + 2 * k}:00", f"{k + 1}.00", f"probe-shop-{k}",
                  status="failed" if k % 2 else "success") for k in range(4)]
    big = row("2025-03-02 15:30:00", "320.00", "电子卡券商城")
    result = run(regular_history() + probes + [big])
    (finding,) = unrecognised(result)
    assert (finding.severity, finding.details["tier"]) == ("high", "card-testing")
    assert ids(probes) | {big["txn_id"]} == {t.txn_id for t in finding.transactions}
    assert finding.details["evidence"]["declined_attempts"] == 2
    assert "4 tiny attempts of at most 4.00 CNY at new payees" in finding.reason["en"]
    assert "2 of them declined" in finding.reason["en"]
    # Declined probes took no money: only what went through is at stake.
    assert finding.amount_at_stake == {"CNY": "324.00"}


def test_tiny_probes_alone_are_medium():
    probes = [row(f"2025-03-02 15:{10 + 2 * k}:00", "1.00", f"probe-shop-{k}") for k in range(3)]
    (finding,) = unrecognised(run(regular_history() + probes))
    assert (finding.severity, finding.details["tier"]) == ("medium", "card-probes")


def test_rent_to_a_new_landlord_paid_every_month_is_not_flagged_by_a_scan():
    rent = [row(f"2025-{m:02d}-05 10:00:00", "4500.00", "房东王*", kind="transfer")
            for m in (3, 4, 5, 6)]
    result = run(regular_history() + rent)
    assert unrecognised(result) == []
    # The scheduled check sees no future: there the first payment alerts (then `allow`).
    data = frame(regular_history() + rent[:1])
    features = build_features(data)
    table = score(features, Config().unrecognised, Config().model, hindsight=False).table
    assert table.loc[table["payee"] == "房东王*", "severity"].tolist() == ["high"]


def test_a_payee_paid_again_irregularly_is_not_excused():
    transfer = row("2025-03-02 11:00:00", "4500.00", "赵*明", kind="transfer")
    again = row("2025-03-04 11:00:00", "4500.00", "赵*明", kind="transfer")
    (finding, *_) = unrecognised(run([*regular_history(), transfer, again]))
    assert finding.details["tier"] == "large-transfer-new-person"


def test_repeated_large_charges_at_familiar_shops_are_medium():
    spikes = [row("2025-03-03 12:20:00", "260.00", "盒马鲜生"),
              row("2025-03-07 19:10:00", "150.00", "美团外卖"),
              row("2025-03-11 12:40:00", "210.00", "盒马鲜生")]
    (finding, *_) = unrecognised(run(regular_history() + spikes))
    assert (finding.severity, finding.details["tier"]) == ("medium", "known-payee-spikes")


@pytest.mark.parametrize("amount", ["290.00", "700.00"])
def test_one_big_purchase_or_annual_renewal_at_a_familiar_payee_is_no_alert(amount):
    big = row("2025-03-03 12:20:00", amount, "盒马鲜生")
    assert unrecognised(run([*regular_history(), big]), ("high", "medium")) == []


def test_a_new_shop_at_an_ordinary_hour_and_amount_is_never_flagged():
    shop = row("2025-03-03 12:20:00", "40.00", "新开的面馆")
    result = run([*regular_history(), shop])
    assert not result.frame.loc[result.frame["txn_id"] == shop["txn_id"], "flagged"].any()


def web_export(tmp_path, rows):
    meta = {"period_start": dt.datetime(2025, 1, 1), "period_end": dt.datetime(2025, 6, 30),
            "exported_at": dt.datetime(2025, 6, 30, 23)}
    return render(records(rows), "alipay-web", tmp_path / "web.csv", **meta)


def test_alipay_web_closed_order_with_empty_fund_status_took_no_money(tmp_path):
    unpaid = row("2025-03-02 12:00:00", "1299.00", "某某数码", status="closed", direction="neutral")
    result = scan([web_export(tmp_path, [*regular_history(), unpaid])], config=Config(),
                  allowlist_path=tmp_path / "none.json")
    (finding,) = [f for f in result.findings if unpaid["txn_id"] in
                  {t.txn_id.strip() for t in f.transactions}]
    assert (finding.check, finding.severity) == ("failed-payment", "info")
    assert finding.details["unpaid_order"] is True


def test_alipay_web_closed_order_debited_says_which_column_proved_it(tmp_path):
    debited = row("2025-03-02 12:00:00", "1299.00", "某某数码", status="closed")
    result = scan([web_export(tmp_path, [*regular_history(), debited])], config=Config(),
                  allowlist_path=tmp_path / "none.json")
    (finding,) = [f for f in result.findings if f.check == "failed-but-debited"]
    assert finding.details["debit_proved_by"] == {"column": "资金状态", "value": "已支出"}
    assert "资金状态" in finding.reason["zh"] and "资金状态" in finding.reason["en"]


def test_an_unpaid_order_is_info_and_an_explicit_failure_low():
    unpaid = row("2025-03-02 12:00:00", "88.00", "淘宝店", status="closed", direction="neutral")
    failed = row("2025-03-04 12:00:00", "88.00", "中国电信", status="failed")
    result = run([*regular_history(), unpaid, failed])
    severity = {t.txn_id: f.severity for f in result.findings if f.check == "failed-payment"
                for t in f.transactions}
    assert severity == {unpaid["txn_id"]: "info", failed["txn_id"]: "low"}


def unpaid_day(day="2025-03-02"):
    return [row(f"{day} {h}:00:00", "88.00", f"淘宝店{h}", status="closed", direction="neutral")
            for h in (9, 13, 20)]


def test_unpaid_orders_over_a_day_are_no_cluster_for_someone_who_often_leaves_orders():
    habit = [row(f"2025-01-{d:02d} 21:00:00", "66.00", f"闲鱼{d}", status="closed",
                 direction="neutral") for d in range(2, 60, 2) if d <= 31] + \
            [row(f"2025-02-{d:02d} 21:00:00", "66.00", f"闲鱼b{d}", status="closed",
                 direction="neutral") for d in range(2, 28, 2)]
    result = run(regular_history() + habit + unpaid_day())
    assert [f for f in result.findings if f.check == "failure-cluster"] == []


def test_three_closed_orders_in_a_day_are_a_cluster_for_someone_who_never_leaves_one():
    result = run(regular_history() + unpaid_day())
    (cluster,) = [f for f in result.findings if f.check == "failure-cluster"]
    assert len(cluster.transactions) == 3


@pytest.mark.parametrize(("hours", "en", "zh"), [
    (0.01, "1 minute", "1 分钟"), (0.5, "30 minutes", "30 分钟"), (1, "1 hour", "1 小时"),
    (24, "24 hours", "24 小时"), (2.5, "2.5 hours", "2.5 小时"), (72, "3 days", "3 天"),
    (62.4, "2.6 days", "2.6 天")])
def test_durations_read_as_people_write_them(hours, en, zh):
    assert duration_text(hours) == (en, zh)


def test_stuck_reason_has_no_stray_spaces():
    pending = row("2025-06-25 10:00:00", "2000.00", "余额充值", kind="topup",
                  direction="neutral", status="pending")
    (finding,) = [f for f in run([pending]).findings if f.check == "stuck-topup"]
    assert "超过 24 小时的时限" in finding.reason["zh"]
    assert "longer than its deadline of 24 hours" in finding.reason["en"]


def app_export(path, rows, end="2025-06-30"):
    meta = {"period_start": dt.datetime(2025, 1, 1), "period_end": dt.datetime.fromisoformat(end),
            "exported_at": dt.datetime.fromisoformat(end) + dt.timedelta(hours=9)}
    return render(records(rows), "alipay-app", path, **meta)


def test_the_scheduled_check_alerts_by_the_same_tiers_and_without_hindsight(tmp_path):
    from store_helpers import check_json

    state = tmp_path / "state.sqlite"
    history = regular_history()
    check_json(state, app_export(tmp_path / "jan-feb.csv", history, "2025-03-01"))
    rent = row("2025-03-05 10:00:00", "4500.00", "房东王*", kind="transfer")
    burst = night_burst("2025-03-08")
    new = check_json(state, app_export(tmp_path / "mar.csv", [rent, *burst], "2025-03-10"))
    tiers = sorted((f["severity"], f["details"]["tier"]) for f in new["new_findings"]
                   if f["check"] == "unrecognised-activity")
    # The check cannot know the landlord will be paid every month: the first rent alerts.
    assert tiers == [("high", "large-transfer-new-person"), ("high", "takeover-burst")]


@pytest.mark.parametrize(("ratio", "en", "zh"), [
    (141.2, "141×", "141 倍"), (6.54, "6.5×", "6.5 倍"), (2.0, "2×", "2 倍")])
def test_ratios_read_as_people_write_them(ratio, en, zh):
    from walletwatch.checks.unrecognised import times_text

    assert (times_text(ratio), times_text(ratio, "zh")) == (en, zh)


@pytest.mark.parametrize(("value", "en", "zh"), [
    (1, "1 new payee within an hour", "1 小时内出现 1 个新收款方"),
    (3, "3 new payees within an hour", "1 小时内出现 3 个新收款方")])
def test_feature_words_count_properly(value, en, zh):
    from walletwatch.model.wording import describe

    assert describe("new_payees_1h", value) == {"en": en, "zh": zh}
    assert "离散度" not in describe("amount_z", 6.9)["zh"]
    assert "spreads" not in describe("amount_z", 6.9)["en"]


@pytest.mark.parametrize(("near", "en", "zh"), [
    (0, "none of your 500 earlier payments was within an hour of it", "没有一笔"),
    (1, "only 1 of your 500 earlier payments was within an hour of it", "只有 1 笔"),
    (4, "only 4 of your 500 earlier payments were within an hour of it", "只有 4 笔")])
def test_the_hour_habit_is_said_in_words_for_none_one_and_many(near, en, zh):
    import numpy as np

    from walletwatch.checks.unrecognised import _hour_fact

    k = {"rare": np.array([True]), "near_hour": np.array([near]), "prior": np.array([500])}
    fact = _hour_fact(k)
    assert en in fact["en"] and zh in fact["zh"]
    assert "仅 0 笔" not in fact["zh"]


def test_every_tier_is_written_down_in_the_docs_with_its_severity():
    from conftest import ROOT

    text = (ROOT / "docs" / "detection.md").read_text(encoding="utf-8")
    for name, (severity, _, _) in TIERS.items():
        assert f"| `{name}` | {severity} |" in text, name
    from walletwatch.model import tiers

    for name in TIERS:
        assert name in tiers.__doc__


def test_renewals_at_two_subscriptions_are_the_recurring_checks_business_not_spikes():
    monthly = [row(f"2025-{m:02d}-03 08:00:00", price, name)
               for m in (1, 2, 3, 4, 5) for name, price in (("优酷会员", "25.00"), ("QQ音乐", "15.00"))]
    annual = [row("2025-06-03 08:00:00", "258.00", "优酷会员"),
              row("2025-06-05 08:00:00", "148.00", "QQ音乐")]
    result = run(regular_history(days=170) + monthly + annual)
    assert [f for f in unrecognised(result, ("high", "medium"))
            if {t.txn_id for t in f.transactions} & ids(annual)] == []
