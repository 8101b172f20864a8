"""stuck-topup / stuck-withdrawal / stuck-refund against the as-of time."""

from __future__ import annotations

import pytest
from detection_helpers import codes, frame, row

from walletwatch.config import load_config
from walletwatch.pipeline import scan_frame

AS_OF = "2025-03-10 12:00:00"


def run(rows, as_of=AS_OF, **overrides):
    return scan_frame(frame(rows), config=load_config(overrides=overrides), as_of=as_of).findings


def pending(when, kind, amount="200.00", **kw):
    return row(when, amount, "余额充值" if kind == "topup" else "提现", kind=kind,
               direction="neutral", status="pending", **kw)


def test_top_up_pending_past_its_deadline_is_stuck():
    (stuck,) = run([pending("2025-03-09 06:00:00", "topup")])  # 30 h
    assert stuck.check == "stuck-topup"
    assert stuck.category == "stuck"
    assert stuck.severity == "medium"
    assert stuck.amount_at_stake == {"CNY": "200.00"}
    assert stuck.details["age_hours"] == 30.0


def test_young_pending_top_up_is_not_a_finding():
    assert run([pending("2025-03-10 02:00:00", "topup")]) == []  # 10 h


def test_very_late_top_up_is_high():
    (stuck,) = run([pending("2025-03-05 12:00:00", "topup")])  # 5 days > 3 x 24 h
    assert stuck.severity == "high"


@pytest.mark.parametrize(("when", "expected"), [
    ("2025-03-08 12:00:00", []),  # 48 h < 72 h
    ("2025-03-06 12:00:00", ["stuck-withdrawal"]),  # 96 h
])
def test_withdrawal_deadline(when, expected):
    assert codes(run([pending(when, "withdrawal")])) == expected


def test_refund_pending_for_more_than_a_week_is_stuck():
    paid = row("2025-02-20 10:00:00", "88.00", "优衣库")
    refund = row("2025-03-01 10:00:00", "88.00", "优衣库", kind="refund", direction="neutral",
                 status="pending", refund_of=paid["txn_id"])
    assert codes(run([paid, refund])) == ["stuck-refund"]
    assert run([paid, refund], as_of="2025-03-05 10:00:00") == []


def test_pending_seen_again_as_success_is_not_stuck():
    first = pending("2025-03-01 06:00:00", "topup")
    done = row("2025-03-01 06:00:00", "200.00", "余额充值", kind="topup", direction="neutral",
               txn_id=first["txn_id"])
    assert run([first, done]) == []


def test_a_later_top_up_of_the_same_amount_does_not_complete_a_stuck_one():
    # A success under another id is a retry or a new top-up, never proof the first arrived.
    first = pending("2025-03-08 06:00:00", "topup")
    retry = row("2025-03-09 09:00:00", "200.00", "余额充值", kind="topup", direction="neutral")
    (finding,) = run([first, retry])
    assert finding.check == "stuck-topup"
    assert [t.txn_id for t in finding.transactions] == [first["txn_id"]]


def test_a_pending_item_the_provider_links_to_a_completed_row_is_not_stuck():
    first = pending("2025-03-08 06:00:00", "refund")
    back = row("2025-03-08 09:00:00", "200.00", "余额充值", kind="refund", direction="in",
               refund_of=first["txn_id"])
    assert run([first, back]) == []


def test_deadline_is_configurable():
    young = pending("2025-03-10 02:00:00", "topup")
    assert codes(run([young], **{"stuck.topup_hours": 6})) == ["stuck-topup"]


def test_pending_purchase_is_not_a_stuck_item():
    assert run([row("2025-02-01 10:00:00", "20.00", "淘宝", status="pending")]) == []


def test_transfer_out_to_own_bank_pending_is_a_stuck_withdrawal():
    sent = row("2025-03-05 12:00:00", "900.00", "Sam (own account)", kind="transfer",
               status="pending", source_format="wise-history")
    assert codes(run([sent])) == ["stuck-withdrawal"]
