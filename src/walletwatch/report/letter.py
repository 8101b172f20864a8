"""The complaint letter draft: calm and factual, the facts, the evidence, one demand, a date.

Following the founding document: no emotional wording, keep records, state one clear demand,
and follow up on the open complaint instead of filing it again. The letter is a list of blocks
(``{"type": "p", "text"}`` or ``{"type": "ul", "items"}``) that every renderer lays out.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from walletwatch.casefile import Case
from walletwatch.report.sections import Context
from walletwatch.report.text import count, label, provider_name

REPLY_DAYS = 14  # the reply-by date the letter asks for unless the case file sets one


def reply_by(case: Case, ctx: Context) -> date:
    return case.reply_by or (ctx.now.date() + timedelta(days=REPLY_DAYS))


def draft_letter(doc: dict[str, Any], case: Case, ctx: Context, jurisdiction: str) -> dict:
    zh = ctx.lang == "zh"
    blank = label("blank", ctx.lang)
    parties = doc["parties"]
    name = provider_name(ctx.provider, ctx.lang)
    to = parties["respondent"]["name"] or f"{name} {blank}"
    facts = [_fact(row, zh) for row in doc["transactions"]]
    evidence = [f"{e['ref']}: {e['description']}" + (f" ({e['file']})" if e["file"] else "")
                for e in doc["exhibits"]]
    demand = [item["text"] for item in doc["demand"]["items"]] or [blank]
    due = reply_by(case, ctx).isoformat()
    notice = case.first_notice
    ticket = notice.ticket
    account = parties["complainant"]["account"] or blank
    signer = parties["complainant"]["name"] or blank
    contact = parties["complainant"]["contact"] or blank
    totals = "; ".join(f"{t['currency']} {t['amount']}" for t in doc["totals"]) or blank
    if zh:
        blocks = [
            {"type": "p", "text": f"致：{to}"},
            {"type": "p", "text": f"事由：关于账户 {account} 中 {len(facts)} 笔交易的投诉"
                                  + (f"（跟进工单 {ticket}）" if ticket else "")},
            {"type": "p", "text": "您好：我就以下交易提出投诉。交易信息摘自我本人导出的账单，"
                                  f"详见随附的证据摘要。涉及金额合计：{totals}。"},
            {"type": "ul", "items": facts},
            _notice_block(notice, zh, blank),
            {"type": "p", "text": "随附材料："},
            {"type": "ul", "items": evidence},
            {"type": "p", "text": "我的诉求："},
            {"type": "ul", "items": demand},
            {"type": "p", "text": f"请于 {due} 前书面答复。如需补充材料，请告知。谢谢。"},
            {"type": "p", "text": f"{signer}\n{contact}\n{ctx.now.date().isoformat()}"},
        ]
    else:
        opening = "I am writing about the transactions below"
        if jurisdiction == "us":
            opening += ("; please treat this letter as a notice of error for these electronic "
                        "fund transfers")
        blocks = [
            {"type": "p", "text": f"To: {to}"},
            {"type": "p", "text": f"Subject: complaint about {count(len(facts), 'en')} on account "
                                  f"{account}" + (f" (follow-up to ticket {ticket})" if ticket
                                                  else "")},
            {"type": "p", "text": f"Dear Sir or Madam, {opening}. The details are copied from "
                                  "my own statement export and set out in the attached evidence "
                                  f"summary. Total at stake: {totals}."},
            {"type": "ul", "items": facts},
            _notice_block(notice, zh, blank),
            {"type": "p", "text": "I attach:"},
            {"type": "ul", "items": evidence},
            {"type": "p", "text": "I ask you to provide:"},
            {"type": "ul", "items": demand},
            {"type": "p", "text": f"Please reply in writing by {due}. If you need further "
                                  "information, please let me know. Thank you."},
            {"type": "p", "text": f"Yours faithfully,\n{signer}\n{contact}\n"
                                  f"{ctx.now.date().isoformat()}"},
        ]
    return {"blocks": blocks, "reply_by": due, "advice": label("letter_advice", ctx.lang)}


def _fact(row: dict[str, Any], zh: bool) -> str:
    order = f" / {row['merchant_order_id']}" if row.get("merchant_order_id") else ""
    if zh:
        payee = f"{row['counterparty']}，" if row["counterparty"] else ""
        return (f"#{row['n']} {row['time']}，交易号 {row['txn_id']}{order}，{payee}"
                f"{row['currency']} {row['amount']}，{row['problem']}")
    payee = f"{row['counterparty']}, " if row["counterparty"] else ""
    return (f"#{row['n']} {row['time']}, transaction {row['txn_id']}{order}, "
            f"{payee}{row['currency']} {row['amount']}: {row['problem']}")


def _notice_block(notice, zh: bool, blank: str) -> dict[str, str]:
    when = notice.date.isoformat() if notice.date else blank
    how = notice.channel or blank
    unknown = notice.date is None
    if zh:
        text = f"我已于 {when} 通过{how}首次告知贵方" + (
            f"（工单号 {notice.ticket}）" if notice.ticket else "") + "，本函为对该投诉的跟进。"
        return {"type": "p", "text": text + ("[如本函即为首次告知，请删除此句]" if unknown else "")}
    text = f"I first told you about this on {when} via {how}" + (
        f" (ticket {notice.ticket})" if notice.ticket else "") + "; this letter follows up on it."
    return {"type": "p", "text": text + (" [delete this sentence if this letter is your first "
                                         "notice]" if unknown else "")}
