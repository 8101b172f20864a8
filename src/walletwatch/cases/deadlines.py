"""Every complaint deadline rule, in one place, and the date arithmetic they share.

A rule says who must act within how long, counted how (calendar days, business days, months,
years), from which date, what it means and where it comes from (``shared/reference/
complaints.md``, with the strength the note gives the source). Three outputs read ``RULES``:

- the case log (``walletwatch case``): a channel's follow-up date (``CHANNELS``, ``deadline``);
- the report's "dates computed from your dates" and the channel facts that restate a rule
  (``report.channels``: ``report_rules``, ``explain``);
- the letter's reply-by date (``LETTER_REPLY``).

``docs/periodic-checks.md``'s table is generated from ``RULES`` (``docs/build_deadlines.py``), so
changing a rule is one edit here plus rerunning that script; a test fails while they disagree.

Only deadlines the reference marks as sourced drive a date. A portal's response time that is
not a legal deadline (the CFPB's 15 days) is an *expectation*. Channels without a verified
deadline -- notably Chinese payment institutions (Alipay, WeChat Pay) and the PBoC 12363 line --
get the owner's own reminder, labelled as not a legal deadline: the reference marks their
answer deadline UNVERIFIED, so no rule here may state one. Business days skip weekends only;
public holidays are not known here, so every output that counts them says to check.

Some rules are worded twice (the case log's one-line ``meaning`` and the report's bilingual
``text``): each output has always printed its own wording, and both stay byte-identical.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

# --- date arithmetic: the only business-day counter in walletwatch -----------------------------


def add_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def add_business_days(start: date, days: int) -> date:
    """``days`` Monday-to-Friday days after ``start`` (public holidays are not known here)."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 Jan + 1 -> 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def add_years(start: date, years: int) -> date:
    return add_months(start, 12 * years)


UNITS: dict[str, Callable[[date, int], date]] = {
    "days": add_days,
    "business_days": add_business_days,
    "months": add_months,
    "years": add_years,
}

# The date each clock runs from (the report's ``anchors`` use the same keys).
STARTS = {
    "noticed": "the day you noticed the harm",
    "first_notice": "the day the firm (or the channel of a case) was told",
    "statement": "the first statement showing the error",
    "debit": "the debit date in the export",
    "final_response": "the firm's final response",
    "report": "the day the report is made",
    "last_contact": "the last entry in the case log",
}

# --- the rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One deadline rule: ``amount`` ``unit`` after the ``starts`` date."""

    id: str
    jurisdiction: str  # "cn", "us", "uk", "eu"; "any" for the holder's own dates
    amount: int
    unit: str  # a key of UNITS
    starts: str  # a key of STARTS
    basis: str  # "deadline" (law), "expectation" (a process time), "reminder" or "request"
    status: str  # the source's strength in complaints.md: "primary", "secondary"; "own": none
    meaning: str  # one English line; the case log prints it as the rule
    source: tuple[str, str | None] = ("", None)  # citation (en, zh)
    text: tuple[str, str] | None = None  # the report's dated sentence, ``{date}`` filled in
    explain: tuple[str, str] | None = None  # the report's channel fact that restates the rule
    log_source: str | None = None  # the case log's citation, where it differs from source[0]
    note: str = ""  # a caveat from complaints.md

    def due(self, start: date) -> date:
        return UNITS[self.unit](start, self.amount)

    def cited(self) -> str:
        """The citation as the case log prints it, with the strength of its source."""
        return f"{self.log_source or self.source[0]} [{self.status}]"


RULES: dict[str, Rule] = {r.id: r for r in (
    # China. Payment institutions (Alipay, WeChat Pay) have no verified answer deadline.
    Rule("cn-12315-3y", "cn", 3, "years", "noticed", "deadline", "primary",
         "12315 refuses a complaint made more than 3 years after the harm was known",
         ("Interim Measures for Handling Complaints and Reports to Market Regulators",
          "《市场监督管理投诉举报处理暂行办法》"),
         text=("12315 refuses complaints made more than 3 years after you knew of the harm: "
               "file before {date}",
               "12315 对超过三年的投诉不予受理：请在 {date} 之前提出"),
         explain=("It is refused if made more than 3 years after you knew or should have known "
                  "of the harm.",
                  "自知道或者应当知道权益受到侵害之日起超过三年的，不予受理。"),
         note="Art. 9, quoted by a local regulator's notice"),
    Rule("cn-bank-15d", "cn", 15, "days", "first_notice", "deadline", "secondary",
         "banks and insurers decide within 15 days (extendable to 30, then 60)",
         ("《银行业保险业消费投诉处理管理办法》 (CBIRC Order 2020 No. 3), via "
          "finance.caixin.com/2020-01-17/101505443.html", None),
         note="banks and insurers only, never payment institutions (complaints.md §6.2)"),
    # United States
    Rule("us-rege-60d", "us", 60, "days", "statement", "deadline", "primary",
         "Reg E: the consumer notifies the provider within 60 days of the first statement "
         "showing the error",
         ("Regulation E, 12 CFR 1005.11(b)", "美国 E 条例（12 CFR 1005.11(b)）"),
         text=("Reg E: notify the provider no later than 60 days after the first statement "
               "showing the error: by {date}",
               "Reg E：应在首次显示该差错的账单寄出后 60 天内通知服务商：{date} 之前")),
    Rule("us-rege-10bd", "us", 10, "business_days", "first_notice", "deadline", "primary",
         "investigate and decide within 10 business days (or up to 45 days with "
         "provisional credit)",
         ("Regulation E, 12 CFR 1005.11(c)", "美国 E 条例（12 CFR 1005.11(c)）"),
         text=("Reg E: the provider's investigation or provisional credit is due within 10 "
               "business days of your notice: {date}",
               "Reg E：服务商应在收到通知后 10 个工作日内完成调查或临时入账：{date}"),
         explain=("The provider must investigate within 10 business days, or take up to 45 days "
                  "(90 for new accounts, point-of-sale and foreign transfers) if it provisionally "
                  "credits the amount within 10 business days.",
                  "服务商应在 10 个工作日内调查；如在 10 个工作日内临时入账，可延长至 45 天"
                  "（新账户、销售点及境外转账为 90 天）。"),
         log_source="12 CFR 1005.11 (Regulation E)"),
    Rule("us-cfpb-15d", "us", 15, "days", "first_notice", "expectation", "secondary",
         "companies generally respond within 15 days; a process expectation, not a legal "
         "deadline",
         ("CFPB complaint process", "CFPB 投诉处理流程"),
         explain=("The CFPB forwards the complaint; companies generally respond within 15 days "
                  "and close most within 60 days. These are portal expectations, not legal "
                  "deadlines, and response times may differ.",
                  "CFPB 会转交投诉；公司通常在 15 天内回复、60 天内办结。这是平台的处理预期，"
                  "并非法定期限，实际时间可能不同。")),
    # United Kingdom
    Rule("uk-13-months", "uk", 13, "months", "debit", "deadline", "primary",
         "notify the firm of an unauthorised or incorrect transaction within 13 months of the "
         "debit date",
         ("Payment Services Regulations 2017, reg. 74 (PSD2 Art. 71)",
          "《2017 年支付服务条例》第 74 条（欧盟 PSD2 第 71 条）"),
         text=("Notify the firm of an unauthorised or incorrect transaction without undue delay "
               "and no later than 13 months after the debit date: by {date}",
               "未经授权或错误的交易应及时通知机构，最迟不超过扣款日后 13 个月：{date} 之前"),
         note="reg. 74 text not read; the 13-month wording is confirmed through PSD2 Art. 71"),
    Rule("uk-15-business-days", "uk", 15, "business_days", "first_notice", "deadline", "primary",
         "payment-services and e-money complaints: final response within 15 business days "
         "(35 in exceptional cases, after a holding reply)",
         ("FCA Handbook DISP 1.6.2AR", "英国金融行为监管局规则 DISP 1.6.2AR"),
         text=("The firm's final response is due within 15 business days of your complaint: "
               "{date} (35 business days after a holding reply)",
               "机构应在收到投诉后 15 个工作日内作出最终答复：{date}（发出暂缓答复的为 35 个工作日）"),
         explain=("Payment-services and e-money complaints: final response within 15 business "
                  "days; in exceptional cases a holding reply and a final response within 35 "
                  "business days.",
                  "支付服务和电子货币投诉：15 个工作日内作出最终答复；特殊情况下先发出暂缓答复，"
                  "35 个工作日内作出最终答复。")),
    Rule("uk-refund-next-business-day", "uk", 1, "business_days", "first_notice", "deadline",
         "primary",
         "refund an unauthorised transaction by the end of the business day after the firm "
         "becomes aware (not where it suspects fraud by the user)",
         ("Payment Services Regulations 2017, reg. 76", "《2017 年支付服务条例》第 76 条"),
         explain=("Unauthorised transactions are to be refunded by the end of the next business "
                  "day after the firm becomes aware; exceptions apply. This is the firm's duty, "
                  "not a promised result.",
                  "未经授权的交易，机构应在知悉后的下一个工作日结束前退款（存在例外情形）。"
                  "这是机构的义务，并非结果承诺。")),
    Rule("uk-fos-6-months", "uk", 6, "months", "final_response", "deadline", "primary",
         "refer the complaint to the Financial Ombudsman Service within 6 months of the firm's "
         "final response",
         ("FCA Handbook DISP 2.8", "英国金融行为监管局规则 DISP 2.8"),
         explain=("Free. Refer within 6 months of the firm's final response.",
                  "免费。应在机构最终答复后 6 个月内提出。")),
    # European Union
    Rule("eu-13-months", "eu", 13, "months", "debit", "deadline", "primary",
         "notify the provider within 13 months of the debit date",
         ("PSD2 (Directive 2015/2366) Art. 71", "欧盟《支付服务指令》（PSD2）第 71 条"),
         text=("Notify the provider without undue delay and no later than 13 months after the "
               "debit date: by {date}",
               "应及时通知服务商，最迟不超过扣款日后 13 个月：{date} 之前")),
    Rule("eu-15-business-days", "eu", 15, "business_days", "first_notice", "deadline", "primary",
         "reply within 15 business days (35 in exceptional cases)",
         ("PSD2 (Directive 2015/2366) Art. 101", "欧盟《支付服务指令》（PSD2）第 101 条"),
         text=("The provider's reply is due within 15 business days of your complaint: {date} "
               "(35 business days after a holding reply)",
               "服务商应在收到投诉后 15 个工作日内答复：{date}（发出暂缓答复的为 35 个工作日）"),
         explain=("The provider must answer on paper or another durable medium within 15 "
                  "business days; in exceptional cases a holding reply and a final reply within "
                  "35 business days. It must name an ADR body.",
                  "服务商应在 15 个工作日内以纸质或其他耐久介质答复；特殊情况下先发出暂缓答复，"
                  "35 个工作日内作出最终答复。答复中须指明替代性争议解决机构。")),
    Rule("eu-refund-next-business-day", "eu", 1, "business_days", "first_notice", "deadline",
         "primary",
         "refund an unauthorised amount by the end of the following business day (not where "
         "the provider suspects fraud and tells the authority)",
         ("PSD2 (Directive 2015/2366) Art. 73", "欧盟《支付服务指令》（PSD2）第 73 条"),
         explain=("Unauthorised amounts are to be refunded by the end of the following business "
                  "day; exceptions apply. This is the provider's duty, not a promised result.",
                  "未经授权的金额应在下一个工作日结束前退还（存在例外情形）。"
                  "这是服务商的义务，并非结果承诺。")),
    # The holder's own dates: never presented as legal deadlines.
    Rule("own-reminder", "any", 7, "days", "last_contact", "reminder", "own",
         "follow up after 7 days: your own reminder, not a legal deadline (--remind-days, "
         "--remind-on change it)"),
    # 15 days is the usual first-answer window in complaints.md (CFPB 15 days; UK/EU 15 business
    # days; Chinese banks 15 days); none is verified for Chinese payment institutions, so the
    # letter asks for a reply by then and never calls it a deadline.
    Rule("letter-reply", "any", 15, "days", "report", "request", "own",
         "the reply-by date the letter asks for unless the case file sets one: the holder's "
         "request, not a legal deadline"),
)}

LETTER_REPLY = RULES["letter-reply"]
OWN_REMINDER = RULES["own-reminder"]

# What the report adds to a date counted in business days.
REPORT_BUSINESS_DAYS_NOTE = (" (weekends skipped; public holidays not counted)",
                             "（仅扣除周末，未计入法定节假日）")


def report_rules(jurisdiction: str) -> list[Rule]:
    """The rules the report computes a date for, in the order it prints them."""
    return [r for r in RULES.values() if r.jurisdiction == jurisdiction and r.text]


def explain(rule_id: str) -> tuple[str, str]:
    """The report's channel fact that restates a rule (en, zh)."""
    text = RULES[rule_id].explain
    if text is None:
        raise KeyError(f"deadline rule {rule_id} has no explanation for the report")
    return text


# --- case-log channels -------------------------------------------------------------------------


@dataclass(frozen=True)
class Channel:
    code: str
    label: str
    said: tuple[str, str]  # how a letter names it, (en, zh): "first told you through ..."
    rule: str | None = None  # a key of RULES; None: no verified deadline


CHANNELS: dict[str, Channel] = {c.code: c for c in (
    Channel("wallet-cn", "wallet's own customer service (Alipay 支付宝 / WeChat Pay 微信支付)",
            ("the wallet's own customer service", "钱包平台客服")),
    Channel("pboc-12363", "PBoC financial-consumer line 12363 / local PBoC branch",
            ("the People's Bank of China complaint line 12363", "中国人民银行 12363 投诉电话")),
    Channel("bank-cn", "Chinese bank or insurer (complaint to the firm)",
            ("the bank's or insurer's complaint service", "银行或保险机构的投诉渠道"), "cn-bank-15d"),
    Channel("nfra-12378", "NFRA 12378 (banks and insurers only)",
            ("the NFRA complaint line 12378", "国家金融监督管理总局 12378 投诉热线")),
    Channel("samr-12315", "market regulation 12315 (merchant disputes)",
            ("the market regulation complaint line 12315", "市场监管投诉举报热线 12315")),
    Channel("blackcat", "黑猫投诉 Black Cat (private media platform, public)",
            ("Black Cat (Sina's public complaint platform)", "黑猫投诉")),
    Channel("police", "police 110 / anti-fraud 96110",
            ("the police (110 / 96110)", "公安机关（110 / 96110）")),
    Channel("firm-uk", "UK payment or e-money firm (complaint)",
            ("the firm's complaints team", "机构的投诉部门"), "uk-15-business-days"),
    Channel("firm-eu", "EU payment service provider (complaint)",
            ("the provider's complaints team", "服务商的投诉部门"), "eu-15-business-days"),
    Channel("reg-e", "US provider, Regulation E notice of error",
            ("a notice of error to the provider", "向服务商提交的差错通知"), "us-rege-10bd"),
    Channel("cfpb", "CFPB complaint portal",
            ("the CFPB complaint portal", "美国消费者金融保护局（CFPB）投诉平台"), "us-cfpb-15d"),
    Channel("fos", "UK Financial Ombudsman Service",
            ("the Financial Ombudsman Service", "英国金融申诉专员服务机构")),
    Channel("email", "e-mail",
            ("e-mail", "电子邮件")),
    Channel("phone", "phone",
            ("phone", "电话")),
    Channel("other", "other",
            ("another channel", "其他渠道")),
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


def channel(code: str) -> Channel:
    return CHANNELS.get(code, CHANNELS["other"])


def deadline(code: str, start: date) -> FollowUp | None:
    """The verified deadline (or labelled expectation) of a channel, counted from ``start``."""
    if channel(code).rule is None:
        return None
    rule = RULES[channel(code).rule]
    due = rule.due(start)
    business = rule.unit == "business_days"
    unit = "business days" if business else "days"
    unit_zh = "个工作日" if business else "天"
    if rule.basis == "expectation":
        en = (f"response expected by {due} ({rule.amount} {unit} from {start}; an expectation, "
              "not a legal deadline)")
        zh = f"预计 {due} 前答复（自 {start} 起 {rule.amount}{unit_zh}；为流程预期，并非法定期限）"
    else:
        en = f"response due by {due} ({rule.amount} {unit} from {start})"
        zh = f"应于 {due} 前答复（自 {start} 起 {rule.amount}{unit_zh}）"
    if business:
        en += "; weekends skipped, public holidays not counted: check"
        zh += "；已跳过周末，未计入公众假期，请核实"
    return FollowUp(due, rule.basis, {"en": en, "zh": zh}, rule.meaning, rule.cited())


def reminder(start: date, days: int | None = None) -> FollowUp:
    """The owner's own reminder: never presented as a legal deadline."""
    days = OWN_REMINDER.amount if days is None else days
    due = add_days(start, days)
    return FollowUp(due, "reminder", {
        "en": f"follow up after {days} days, by {due} (your own reminder, not a legal deadline)",
        "zh": f"{days} 天后跟进，即 {due}（您自己设定的提醒，并非法定期限）",
    })


def reminder_on(day: date) -> FollowUp:
    return FollowUp(day, "reminder", {
        "en": f"follow up on {day} (your own reminder, not a legal deadline)",
        "zh": f"于 {day} 跟进（您自己设定的提醒，并非法定期限）",
    })
