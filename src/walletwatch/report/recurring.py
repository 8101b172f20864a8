"""The evidence pack's part for recurring charges (findings of category ``recurring``).

For each such finding: the series history (every charge with its transaction id, from the
finding's ``details``), what the holder asks for (a refund of the charges after cancelling or
of the unnoticed renewal, and confirmation of the cancellation), and, for the Chinese wallets
(jurisdiction ``cn``), the rules on automatic renewal and deduction with the strength of their
sources. A rule is stated only as strongly as its source allows: secondary sources are named
as such, weak ones as reports, and no article number or date that was not verified is stated.
"""

from __future__ import annotations

from typing import Any

from walletwatch.findings import Finding

# (English, Chinese, strength) -- strength: "secondary" (reported by secondary sources) or
# "weak" (a report, not confirmed). Article numbers and dates of effect are not verified:
# they are left out on purpose.
RULES_CN = (
    ("The Measures for the Supervision and Administration of Online Transactions "
     "(《网络交易监督管理办法》, SAMR, 2022) require a business that renews a service "
     "automatically to remind the consumer prominently before the consumer accepts it and "
     "5 days before each renewal, and to let the consumer choose.",
     "《网络交易监督管理办法》（市场监管总局，2022 年）要求以自动展期、自动续费方式提供服务的经营者，"
     "在消费者接受服务前和自动展期、自动续费日前五日，以显著方式提请消费者注意，由消费者自主选择。",
     "secondary"),
    ("The Regulations for the Implementation of the Consumer Rights Protection Law "
     "(《消费者权益保护法实施条例》, in force since 1 July 2024) require a business that "
     "renews automatically to remind the consumer prominently before acceptance and before "
     "each renewal date.",
     "《消费者权益保护法实施条例》（2024 年 7 月 1 日起施行）要求以自动展期、自动续费等方式提供服务的"
     "经营者，在消费者接受服务前和自动展期、自动续费等日期前，以显著方式提请消费者注意。",
     "secondary"),
    ("The Rules on Price Conduct of Internet Platforms (《互联网平台价格行为规则》, reported "
     "in December 2025) require the platform to notify the consumer prominently before each "
     "automatic deduction, with its time, amount and how to cancel, and to notify price "
     "changes.",
     "据报道（2025 年 12 月），《互联网平台价格行为规则》要求平台在每次自动扣款前以显著方式告知"
     "扣款时间、金额及取消方式，价格变动也应告知。",
     "secondary"),
    ("The Ministry of Industry and Information Technology reportedly requires apps to obtain "
     "consent for automatic renewal (no pre-ticked boxes), to remind users 5 days before by "
     "text message or push notification, and to offer an easy way to cancel.",
     "据报道，工业和信息化部要求应用取得用户对自动续费的同意（不得默认勾选），提前 5 天以短信或"
     "推送提醒，并提供便捷的取消方式。",
     "weak"),
)
STRENGTH = {"secondary": ("as reported by secondary sources", "据二手资料"),
            "weak": ("reported; not confirmed", "据报道，尚未核实")}

DEMAND = {
    "charge-after-cancel": (
        "Refund of the {amount} charged after I cancelled on {cancelled}, and written "
        "confirmation that the subscription is cancelled and nothing more will be charged.",
        "退还我于 {cancelled} 取消后被扣的 {amount}，并书面确认该订阅已取消、不再扣款。"),
    "price-increase": (
        "Refund of the {amount} increase unless you can show the notice of the price change "
        "sent to me before it was charged; confirmation of the price from now on.",
        "如不能证明涨价前已通知我，请退还多扣的 {amount}，并确认今后的价格。"),
    "yearly-renewal": (
        "Refund of the {amount} yearly renewal unless you can show the reminder sent to me "
        "before it, and confirmation that automatic renewal is switched off.",
        "如不能证明续费前已提醒我，请退还按年续费的 {amount}，并确认已关闭自动续费。"),
    "default": (
        "Refund of the {amount} automatic deduction I did not expect, cancellation of the "
        "automatic-payment (password-free) agreement, written confirmation of the "
        "cancellation, and the record of the reminder you sent before the deduction, if any.",
        "退还我未预期的自动扣款 {amount}，解除自动扣款（免密支付）协议并书面确认，"
        "如曾在扣款前提醒我，请提供提醒记录。"),
}
HEAD = {"series": ("Series history", "扣款历史"), "demand": ("What I ask for", "我的请求"),
        "rules": ("Rules on automatic renewal and deduction", "关于自动续费与自动扣款的规定"),
        "rules_note": ("These rules require prominent reminders; whether the provider sent "
                       "them is for the provider to show.",
                       "上述规定要求经营者以显著方式提醒；是否已提醒，应由经营者举证说明。")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh" else pair[0]


def recurring_part(findings: list[Finding], lang: str, jurisdiction: str,
                   mask) -> dict[str, Any] | None:
    """The recurring part of the report document, or None when no finding is recurring."""
    mine = [f for f in findings if f.category == "recurring"]
    if not mine:
        return None
    items = []
    for finding in mine:
        details = finding.details
        amount = ", ".join(f"{c} {v}" for c, v in finding.amount_at_stake.items())
        template = _pick(DEMAND.get(finding.check, DEMAND["default"]), lang)
        items.append({
            "finding_id": finding.id, "check": finding.check,
            "payee": mask(details.get("payee", "")) or "",
            "cadence": details.get("cadence"),
            "history": [{"txn_id": h["txn_id"], "time": h["time"], "amount": h["amount"],
                         "currency": details.get("currency", "")}
                        for h in details.get("history", [])],
            "demand": template.format(amount=amount,
                                      cancelled=details.get("cancelled_on", "")),
        })
    rules = []
    if jurisdiction == "cn":
        rules = [{"text": _pick((en, zh), lang), "strength": strength,
                  "strength_text": _pick(STRENGTH[strength], lang)}
                 for en, zh, strength in RULES_CN]
    return {"title": {k: _pick(v, lang) for k, v in HEAD.items()}, "items": items,
            "rules": rules, "rules_note": _pick(HEAD["rules_note"], lang) if rules else None}


def markdown_lines(part: dict[str, Any] | None, md) -> list[str]:
    """The part as Markdown lines (nothing when there is no recurring finding)."""
    if not part:
        return []
    title = part["title"]
    lines: list[str] = []
    for item in part["items"]:
        lines += ["", f"**{md(item['payee'])}** ({item['check']}, {item['finding_id']})", "",
                  f"*{title['series']}*", ""]
        lines += [f"- {md(h['time'][:16].replace('T', ' '))} · {md(h['currency'])} "
                  f"{md(h['amount'])} · {md(h['txn_id'])}" for h in item["history"]]
        lines += ["", f"*{title['demand']}*: {md(item['demand'])}"]
    if part["rules"]:
        lines += ["", f"**{title['rules']}**", ""]
        lines += [f"- {md(r['text'])} ({md(r['strength_text'])})" for r in part["rules"]]
        lines += ["", f"*{md(part['rules_note'])}*"]
    return lines
