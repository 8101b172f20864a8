"""failed-payment, failed-but-debited and failure-cluster on small hand-made histories."""

from __future__ import annotations

from detection_helpers import codes, frame, row

from walletwatch.config import Config
from walletwatch.pipeline import scan_frame

AS_OF = "2025-03-01 12:00:00"


def run(rows):
    return scan_frame(frame(rows), config=Config(), as_of=AS_OF).findings


def by_code(findings, code):
    return [f for f in findings if f.check == code]


def test_failed_payment_without_retry_is_low():
    findings = run([row("2025-02-01 10:00:00", "30.00", "瑞幸咖啡", status="failed")])
    (failed,) = by_code(findings, "failed-payment")
    assert failed.severity == "low"
    assert failed.category == "failed"
    assert failed.amount_at_stake == {}
    assert failed.reason["en"] and failed.reason["zh"]


def test_failed_payment_retried_at_same_payee_is_info():
    findings = run([row("2025-02-01 10:00:00", "30.00", "瑞幸咖啡", status="failed"),
                    row("2025-02-01 10:03:00", "30.00", "瑞幸咖啡")])
    (failed,) = by_code(findings, "failed-payment")
    assert failed.severity == "info"
    assert failed.details["retried"] is True


def test_success_at_another_payee_is_not_a_retry():
    findings = run([row("2025-02-01 10:00:00", "30.00", "瑞幸咖啡", status="failed"),
                    row("2025-02-01 10:03:00", "30.00", "星巴克")])
    assert by_code(findings, "failed-payment")[0].severity == "low"


def test_closed_but_debited_without_refund_is_high():
    paid = row("2025-02-01 10:00:00", "50.00", "一卡通", status="closed", raw_status="交易关闭")
    findings = run([paid])
    (debited,) = by_code(findings, "failed-but-debited")
    assert debited.severity == "high"
    assert debited.amount_at_stake == {"CNY": "50.00"}
    assert debited.transactions[0].txn_id == paid["txn_id"]
    assert "failed-payment" not in codes(findings)


def test_closed_but_debited_with_linked_refund_is_fine():
    paid = row("2025-02-01 10:00:00", "50.00", "一卡通", status="closed")
    refund = row("2025-02-01 10:01:00", "50.00", "一卡通", direction="neutral", kind="refund",
                 txn_id=paid["txn_id"] + "_1", refund_of=paid["txn_id"])
    assert "failed-but-debited" not in codes(run([paid, refund]))


def test_closed_but_debited_with_same_amount_credit_is_fine():
    paid = row("2025-02-01 10:00:00", "50.00", "一卡通", status="closed")
    credit = row("2025-02-03 10:00:00", "50.00", "一卡通", direction="in", kind="refund")
    assert "failed-but-debited" not in codes(run([paid, credit]))


def test_closed_without_money_out_is_a_failed_attempt_not_debited():
    findings = run([row("2025-02-01 10:00:00", "82.00", "淘宝", direction="neutral",
                        status="closed")])
    assert codes(findings) == ["failed-payment"]


def test_three_failures_within_a_day_form_a_cluster():
    rows = [row(f"2025-02-01 {h}:00:00", "20.00", payee, status="failed")
            for h, payee in (("09", "A店"), ("13", "B店"), ("21", "C店"))]
    (cluster,) = by_code(run(rows), "failure-cluster")
    assert cluster.severity == "medium"
    assert len(cluster.transactions) == 3
    assert cluster.details["by_payee"] is False


def test_two_failures_are_not_a_cluster():
    rows = [row("2025-02-01 09:00:00", "20.00", "A店", status="failed"),
            row("2025-02-01 10:00:00", "20.00", "B店", status="failed")]
    assert "failure-cluster" not in codes(run(rows))


def test_failures_at_one_payee_over_days_form_a_cluster():
    rows = [row(f"2025-02-0{d} 09:00:00", "20.00", "A店", status="failed") for d in (1, 3, 5)]
    (cluster,) = by_code(run(rows), "failure-cluster")
    assert cluster.details["by_payee"] is True


def test_failures_spread_over_weeks_at_different_payees_are_not_a_cluster():
    rows = [row(f"2025-02-{d:02d} 09:00:00", "20.00", f"{d}店", status="failed")
            for d in (1, 10, 20)]
    assert "failure-cluster" not in codes(run(rows))


def test_failed_row_booked_as_money_out_in_alipay_is_debited():
    findings = run([row("2025-02-01 10:00:00", "30.00", "瑞幸咖啡", status="failed",
                        direction="out")])
    assert codes(findings) == ["failed-but-debited"]


def test_declined_card_payment_printed_negative_elsewhere_is_not_debited():
    findings = run([row("2025-02-01 10:00:00", "30.00", "Coffee", status="failed",
                        direction="out", source_format="revolut")])
    assert codes(findings) == ["failed-payment"]


def test_wechat_failed_or_returned_rows_are_never_debited():
    rows = [row("2025-02-01 10:00:00", "30.00", "菜市场", status="failed", direction="out",
                source_format="wechat-csv"),
            row("2025-02-02 10:00:00", "200.00", "李*", status="closed", direction="out",
                kind="transfer", source_format="wechat-csv")]
    assert codes(run(rows)) == ["failed-payment", "failed-payment"]
