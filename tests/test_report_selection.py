"""Which findings a report disputes by default, and how a failed attempt is labelled."""

from __future__ import annotations

from report_helpers import build, scan_doc


def with_low_failed_payment() -> dict:
    doc = scan_doc("alipay")
    source = next(f for f in doc["findings"] if f["check"] == "failed-but-debited")
    low = {**source, "id": "failed-payment-000000000001", "check": "failed-payment",
           "severity": "low", "amount_at_stake": {},
           "transactions": [{**source["transactions"][0], "txn_id": "2024021022001456780000000099",
                             "time": "2024-02-10T09:00:00+08:00"}]}
    doc["findings"].append(low)
    return doc


def test_default_report_disputes_medium_and_above_only():
    report = build(with_low_failed_payment())
    checks = {r["check"] for r in report.document["reasons"]}
    assert "failed-payment" not in checks
    assert {"failed-but-debited", "duplicate-charge", "unrecognised-activity"} <= checks


def test_a_chosen_failed_attempt_is_not_called_debited_nor_disputed():
    doc = with_low_failed_payment()
    report = build(doc, finding_ids=["failed-payment-000000000001"], lang="en")
    assert report.document["transactions"] == [] and report.document["totals"] == []
    row = report.document["information"]["rows"][0]
    assert row["ref"] == "A1" and row["problem_key"] == "failed-attempt"
    assert row["problem"] == "Payment failed (no money taken)"


def test_only_low_findings_are_still_reported_for_information():
    doc = with_low_failed_payment()
    doc["findings"] = [f for f in doc["findings"] if f["severity"] == "low"]
    report = build(doc)
    assert report.document["reasons"] == []
    assert [r["check"] for r in report.document["information"]["reasons"]] == ["failed-payment"]
