"""Complaint channels and the follow-up date each one gives (``shared/reference/complaints.md``).

Only deadlines the reference marks as sourced drive a date, each labelled with its rule and
source. A portal's response time that is not a legal deadline (the CFPB's 15 days) is labelled
an *expectation*. Channels without a verified deadline -- notably Chinese payment institutions
(Alipay, WeChat Pay) and the PBoC 12363 line -- get the owner's own reminder, by default
"follow up after 7 days", labelled as not a legal deadline. Business days skip weekends only;
public holidays are not known here, so the label says to check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_REMIND_DAYS = 7


@dataclass(frozen=True)
class Channel:
    code: str
    label: str
    days: int | None = None  # None: no verified deadline
    business: bool = False
    kind: str = "reminder"  # "deadline", "expectation" or "reminder"
    rule: str = ""
    source: str = ""


CHANNELS: dict[str, Channel] = {c.code: c for c in (
    Channel("wallet-cn", "wallet's own customer service (Alipay 支付宝 / WeChat Pay 微信支付)"),
    Channel("pboc-12363", "PBoC financial-consumer line 12363 / local PBoC branch"),
    Channel("bank-cn", "Chinese bank or insurer (complaint to the firm)", 15, False, "deadline",
            "banks and insurers decide within 15 days (extendable to 30, then 60)",
            "《银行业保险业消费投诉处理管理办法》 (CBIRC Order 2020 No. 3), via "
            "finance.caixin.com/2020-01-17/101505443.html [secondary]"),
    Channel("nfra-12378", "NFRA 12378 (banks and insurers only)"),
    Channel("samr-12315", "market regulation 12315 (merchant disputes)"),
    Channel("blackcat", "黑猫投诉 Black Cat (private media platform, public)"),
    Channel("police", "police 110 / anti-fraud 96110"),
    Channel("firm-uk", "UK payment or e-money firm (complaint)", 15, True, "deadline",
            "payment-services and e-money complaints: final response within 15 business days "
            "(35 in exceptional cases, after a holding reply)",
            "FCA Handbook DISP 1.6.2AR [primary]"),
    Channel("firm-eu", "EU payment service provider (complaint)", 15, True, "deadline",
            "reply within 15 business days (35 in exceptional cases)",
            "PSD2 (Directive 2015/2366) Art. 101 [primary]"),
    Channel("reg-e", "US provider, Regulation E notice of error", 10, True, "deadline",
            "investigate and decide within 10 business days (or up to 45 days with "
            "provisional credit)", "12 CFR 1005.11 (Regulation E) [primary]"),
    Channel("cfpb", "CFPB complaint portal", 15, False, "expectation",
            "companies generally respond within 15 days; a process expectation, "
            "not a legal deadline", "CFPB complaint process [secondary]"),
    Channel("fos", "UK Financial Ombudsman Service"),
    Channel("email", "e-mail"),
    Channel("phone", "phone"),
    Channel("other", "other"),
)}


@dataclass(frozen=True)
class FollowUp:
    """The next date to act on a case and why."""

    date: date
    basis: str  # "deadline", "expectation" or "reminder"
    label: dict[str, str]
    rule: str = ""
    source: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "basis": self.basis, "label": dict(self.label),
                "rule": self.rule, "source": self.source}


def add_business_days(start: date, days: int) -> date:
    """``days`` weekdays after ``start`` (weekends skipped; public holidays are not known)."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def channel(code: str) -> Channel:
    return CHANNELS.get(code, CHANNELS["other"])


def deadline(code: str, start: date) -> FollowUp | None:
    """The verified deadline (or labelled expectation) of a channel, counted from ``start``."""
    ch = channel(code)
    if ch.days is None:
        return None
    due = add_business_days(start, ch.days) if ch.business else start + timedelta(days=ch.days)
    unit = "business days" if ch.business else "days"
    unit_zh = "个工作日" if ch.business else "天"
    if ch.kind == "expectation":
        en = f"response expected by {due} ({ch.days} {unit} from {start}; an expectation, not a legal deadline)"
        zh = f"预计 {due} 前答复（自 {start} 起 {ch.days}{unit_zh}；为流程预期，并非法定期限）"
    else:
        en = f"response due by {due} ({ch.days} {unit} from {start})"
        zh = f"应于 {due} 前答复（自 {start} 起 {ch.days}{unit_zh}）"
    if ch.business:
        en += "; weekends skipped, public holidays not counted: check"
        zh += "；已跳过周末，未计入公众假期，请核实"
    return FollowUp(due, ch.kind, {"en": en, "zh": zh}, ch.rule, ch.source)


def reminder(start: date, days: int | None = None) -> FollowUp:
    """The owner's own reminder: never presented as a legal deadline."""
    days = DEFAULT_REMIND_DAYS if days is None else days
    due = start + timedelta(days=days)
    return FollowUp(due, "reminder", {
        "en": f"follow up after {days} days, by {due} (your own reminder, not a legal deadline)",
        "zh": f"{days} 天后跟进，即 {due}（您自己设定的提醒，并非法定期限）",
    })


def reminder_on(day: date) -> FollowUp:
    return FollowUp(day, "reminder", {
        "en": f"follow up on {day} (your own reminder, not a legal deadline)",
        "zh": f"于 {day} 跟进（您自己设定的提醒，并非法定期限）",
    })
