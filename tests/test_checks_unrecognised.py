"""unrecognised-activity: rules + isolation forest on a regular owner's history."""

from __future__ import annotations

from detection_helpers import frame, regular_history, row

from walletwatch.config import Config
from walletwatch.pipeline import scan_frame

AS_OF = "2025-03-05 00:00:00"


def run(rows, **kwargs):
    return scan_frame(frame(rows), config=Config(), as_of=AS_OF, **kwargs)


def unrecognised(result):
    return [f for f in result.findings if f.check == "unrecognised-activity"]


def burst(payees=("数码专营店A", "数码专营店B", "游戏充值C", "陈*新")):
    return [row(f"2025-03-02 02:{10 + 7 * k}:00", f"{380 + 10 * k}.00", payee)
            for k, payee in enumerate(payees)]


def test_night_burst_to_new_payees_is_one_incident():
    attack = burst()
    result = run(regular_history() + attack)
    (finding,) = unrecognised(result)
    assert finding.category == "unrecognised"
    assert finding.severity in ("high", "medium")
    assert {t.txn_id for t in finding.transactions} == {r["txn_id"] for r in attack}
    assert {"new-payee-burst", "unusual-hour"} <= set(finding.details["signals"])
    assert finding.amount_at_stake == {"CNY": "1580.00"}
    assert finding.reason["en"] and finding.reason["zh"]


def test_attack_rows_get_the_highest_scores():
    attack = burst()
    result = run(regular_history() + attack)
    top = result.frame.sort_values("score", ascending=False).head(len(attack))
    assert set(top["txn_id"]) == {r["txn_id"] for r in attack}
    assert result.frame["score"].between(0, 1).all()


def test_ordinary_history_raises_nothing_at_medium():
    result = run(regular_history())
    assert [f for f in unrecognised(result) if f.severity in ("high", "medium")] == []


def test_allowlisted_payees_are_not_new():
    payees = ("家政服务A", "家政服务B", "家政服务C")
    visit = [row(f"2025-03-02 14:{10 + 5 * k}:00", "40.00", p) for k, p in enumerate(payees)]
    plain = run(regular_history() + visit)
    allowed = run(regular_history() + visit, allowlist=payees)
    scores = dict(zip(plain.frame["txn_id"], plain.frame["score"], strict=True))
    allowed_scores = dict(zip(allowed.frame["txn_id"], allowed.frame["score"], strict=True))
    for r in visit:
        assert allowed_scores[r["txn_id"]] < scores[r["txn_id"]]
    assert all("new-payee-burst" not in f.details["signals"] for f in unrecognised(allowed))


def test_warm_up_history_is_not_flagged():
    shops = [row(f"2025-01-0{d} 12:00:00", "30.00", f"新店{d}") for d in range(1, 8)]
    result = run(shops)
    assert result.frame["score"].eq(0).all()
    assert unrecognised(result) == []


def test_card_testing_then_larger_charges():
    tests = [row(f"2025-03-02 15:{10 + 3 * k}:00", "1.00", f"online-shop-{k}",
                 status="failed" if k % 2 else "success") for k in range(4)]
    big = [row("2025-03-02 18:00:00", "600.00", "电子卡券商城")]
    result = run(regular_history() + tests + big)
    (finding,) = unrecognised(result)
    assert "card-testing" in finding.details["signals"]
    assert {r["txn_id"] for r in tests + big} <= {t.txn_id for t in finding.transactions}


def test_large_transfer_to_a_new_person():
    transfer = row("2025-03-02 11:00:00", "5000.00", "赵*明", kind="transfer")
    (finding,) = unrecognised(run([*regular_history(), transfer]))
    assert "large-transfer-new-payee" in finding.details["signals"]
    assert finding.amount_at_stake == {"CNY": "5000.00"}


def test_new_shops_at_normal_hours_and_amounts_are_not_an_alert():
    trip = [row(f"2025-03-02 {h}:00:00", "30.00", f"旅行商户{h}") for h in (10, 13, 17)]
    result = run(regular_history() + trip)
    assert [f for f in unrecognised(result) if f.severity in ("high", "medium")] == []


def test_flagged_transaction_says_which_features_stand_out():
    result = run(regular_history() + burst())
    (finding,) = unrecognised(result)
    assert finding.details["stands_out_by"]
    assert "payee_novel" in finding.details["stands_out_by"] or \
        "new_payees_1h" in finding.details["stands_out_by"]
