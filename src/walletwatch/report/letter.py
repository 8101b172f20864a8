"""The complaint letter draft, in the account holder's own voice.

Calm and factual, following the founding document: what happened, what the holder did not
authorise, what they already did, the evidence that is really attached, one demand and a reply
date. The letter goes from the holder to their own provider, so the holder's own name, phone
and account are written in full; third parties stay masked. It is a list of blocks
(``{"type": "p", "text"}`` or ``{"type": "ul", "items"}``) that every renderer lays out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from walletwatch.cases.deadlines import LETTER_REPLY
from walletwatch.cases.file import Case
from walletwatch.report.case_words import translate
from walletwatch.report.sections import ReportContext
from walletwatch.report.summary import amounts_text
from walletwatch.report.text import count, label, row_refs
from walletwatch.report.times import span_text, without_seconds

def reply_by(case: Case, ctx: ReportContext) -> date:
    """The case file's reply-by date, else the holder's own request (``LETTER_REPLY``): never
    called a legal deadline, since none is verified for Chinese payment institutions."""
    return case.reply_by or LETTER_REPLY.due(ctx.now.date())


def draft_letter(doc: dict[str, Any], case: Case, ctx: ReportContext, jurisdiction: str) -> dict:
    zh = ctx.lang == "zh"
    blank = label("blank", ctx.lang)
    parties = doc["parties"]
    own = parties["complainant"]  # the holder's own details, unmasked
    to = parties["respondent"]["name"] or f"{ctx.provider_name} {blank}"
    rows = doc["transactions"]
    due = reply_by(case, ctx).isoformat()
    account = own["account"] or blank
    signer = own["name"] or blank
    contact = own["contact"] or blank
    evidence = [(f"{e['ref']}：{e['description']}" + (f"（{e['file']}）" if e["file"] else ""))
                if zh else
                (f"{e['ref']}: {e['description']}" + (f" ({e['file']})" if e["file"] else ""))
                for e in doc["exhibits"]]
    demand = [item["text"] for item in doc["demand"]["items"]] or [blank]
    if not rows:
        return {"blocks": [{"type": "p", "text": label("nothing_disputed", ctx.lang)}],
                "reply_by": due, "advice": label("letter_advice", ctx.lang), "empty": True}
    totals = amounts_text(doc["totals"])
    ticket = case.first_notice.ticket
    what = _what_happened(doc, case, zh)
    facts = [_fact(row, zh) for row in rows]
    gap = doc["demand"].get("gap")
    if zh:
        blocks = [
            {"type": "p", "text": f"致：{to}"},
            {"type": "p", "text": f"事由：账户 {account} 的 {len(rows)} 笔有争议交易，"
                                  f"涉及金额 {totals}" + (f"（跟进工单 {ticket}）" if ticket else "")},
            {"type": "p", "text": f"您好：我是账户 {account} 的持有人{own['name'] or ''}。"
                                  "我对以下交易有异议，交易信息摘自我本人导出的账单，"
                                  "明细见随附的证据摘要。"},
            *[{"type": "p", "text": t} for t in what],
            {"type": "ul", "items": facts},
            _notice_block(case, ctx, blank),
            {"type": "p", "text": "我的诉求："},
            {"type": "ul", "items": demand},
            *([{"type": "p", "text": gap}] if gap else []),
            {"type": "p", "text": "随附材料："},
            {"type": "ul", "items": evidence},
            {"type": "p", "text": f"请于 {due} 前书面答复。如需补充材料，请告知。谢谢。"},
            {"type": "p", "text": f"{signer}\n{contact}\n{ctx.now.date().isoformat()}"},
        ]
    else:
        opening = "I am writing about the " + ("transaction" if len(rows) == 1 else
                                                "transactions") + " below"
        if jurisdiction == "us":
            opening += ("; please treat this letter as a notice of error for "
                        + ("this electronic fund transfer" if len(rows) == 1 else
                           "these electronic fund transfers"))
        blocks = [
            {"type": "p", "text": f"To: {to}"},
            {"type": "p", "text": f"Subject: {count(len(rows), 'en')} disputed on account "
                                  f"{account}, {totals} at stake"
                                  + (f" (follow-up to ticket {ticket})" if ticket else "")},
            {"type": "p", "text": f"Dear Sir or Madam, I hold account {account}. {opening}. The "
                                  "details are copied from my own statement export and set out "
                                  "in the attached evidence summary."},
            *[{"type": "p", "text": t} for t in what],
            {"type": "ul", "items": facts},
            _notice_block(case, ctx, blank),
            {"type": "p", "text": "I ask you to provide:"},
            {"type": "ul", "items": demand},
            *([{"type": "p", "text": gap}] if gap else []),
            {"type": "p", "text": "I attach:"},
            {"type": "ul", "items": evidence},
            {"type": "p", "text": f"Please reply in writing by {due}. If you need further "
                                  "information, please let me know. Thank you."},
            {"type": "p", "text": f"Yours faithfully,\n{signer}\n{contact}\n"
                                  f"{ctx.now.date().isoformat()}"},
        ]
    return {"blocks": blocks, "reply_by": due, "advice": label("letter_advice", ctx.lang),
            "empty": False}


def _group(rows: list[dict], key: str) -> list[dict]:
    return [r for r in rows if r["problem_key"] == key]


def _money(rows: list[dict]) -> str:
    """``CNY 5636.00`` summed per currency over rows, from the subtotal-free row amounts."""
    from decimal import Decimal

    from walletwatch.report.sections import money

    sums: dict[str, Decimal] = {}
    for r in rows:
        sums[r["currency"]] = sums.get(r["currency"], Decimal(0)) + Decimal(r["amount"])
    return "; ".join(f"{c} {money(v, c)}" for c, v in sorted(sums.items()))


def _what_happened(doc: dict[str, Any], case: Case, zh: bool) -> list[str]:
    """One plain paragraph per kind of problem, in the holder's voice."""
    lang = "zh" if zh else "en"
    rows, out = doc["transactions"], []
    subtotal = {s["category"]: f"{s['currency']} {s['amount']}" for s in doc["subtotals"]}
    group = _group(rows, "unrecognised")
    if group:
        refs = row_refs([r["n"] for r in group], lang)
        when = span_text(group[0]["time"], group[-1]["time"], lang)
        out.append(_unauthorised(refs, when, _money(group), len(group), case, zh))
    group = _group(rows, "failed")
    if group:
        refs = row_refs([r["n"] for r in group], lang)
        out.append(f"{refs}交易显示失败，但款项（{_money(group)}）已被扣除，至今未见退回。" if zh
                   else f"{refs} {'shows' if len(group) == 1 else 'show'} as failed, but the "
                        f"money ({_money(group)}) was taken and has not been returned.")
    group = _group(rows, "stuck")
    if group:
        refs = row_refs([r["n"] for r in group], lang)
        out.append(f"{refs}的款项（{_money(group)}）至今未到账，账单中找不到对应的入账记录。" if zh
                   else f"The money in {refs} ({_money(group)}) has not arrived: my statement "
                        "shows no matching credit.")
    group = _group(rows, "duplicate")
    if group:
        refs = row_refs([r["n"] for r in group], lang)
        extra = subtotal.get("duplicate", _money(group))
        out.append(f"{refs}是向同一收款方的同额扣款，我只消费了一次，多扣的 {extra} 应当退回。" if zh
                   else f"{refs} are the same amount to the same payee; I paid once, and the "
                        f"extra {extra} should be returned.")
    for key in sorted({r["problem_key"] for r in rows} -
                      {"unrecognised", "failed", "stuck", "duplicate"}):
        group = _group(rows, key)
        refs = row_refs([r["n"] for r in group], lang)
        out.append(f"{refs}：{group[0]['problem']}。" if zh else f"{refs}: {group[0]['problem']}.")
    return out


def _unauthorised(refs: str, when: str, amount: str, n: int, case: Case, zh: bool) -> str:
    """Say plainly that the holder did not make or authorise them when the case file records
    the security facts; otherwise only that they do not recognise them."""
    sec = case.security
    recorded = any(v is not None for v in (sec.phone_in_possession, sec.card_in_possession,
                                           sec.code_or_password_shared))
    facts, actions = [], []
    if sec.phone_in_possession:
        facts.append("当时手机一直在我本人手中" if zh else "my phone was with me throughout")
    if sec.card_in_possession:
        facts.append("绑定的银行卡也在我本人手中" if zh else "my linked card was with me")
    if sec.code_or_password_shared is False:
        facts.append("我没有向任何人透露过验证码或密码" if zh else
                     "I had not shared any verification code or password with anyone")
    if sec.account_frozen:
        actions.append("已通过客服冻结账户" if zh else "had the account frozen through customer "
                                                   "service")
    if sec.password_changed:
        actions.append("已修改密码" if zh else "changed my password")
    if sec.police_report_number:
        actions.append(f"已向公安机关报案（回执编号 {sec.police_report_number}）" if zh else
                       f"reported it to the police (receipt number {sec.police_report_number})")
    if zh:
        what = f"{refs}（{when}，{'共 ' if n > 1 else ''}{amount}）"
        text = (f"{what}不是我本人操作的，我也没有授权任何人操作。" if recorded
                else f"我不认可{what}。")
        if facts:
            text += "，".join(facts) + "。"
        if actions:
            text += "发现后我" + "，".join(actions) + "。"
        return text
    what = f"{refs} ({when}, {amount}{' in total' if n > 1 else ''})"
    text = (f"I did not make or authorise {what}." if recorded
            else f"I do not recognise {what}.")
    if facts:
        text += " " + _sentence(facts) + "."
    if actions:
        text += " Since noticing, I have " + _join(actions) + "."
    return text


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _sentence(parts: list[str]) -> str:
    text = _join(parts)
    return text[0].upper() + text[1:]


def _fact(row: dict[str, Any], zh: bool) -> str:
    order = f" / {row['merchant_order_id']}" if row.get("merchant_order_id") else ""
    when = without_seconds(row["when"])
    if zh:
        payee = f"{row['counterparty']}，" if row["counterparty"] else ""
        return (f"#{row['n']} {when}，交易号 {row['txn_id']}{order}，{payee}"
                f"{row['currency']} {row['amount']}，{row['problem']}")
    payee = f"{row['counterparty']}, " if row["counterparty"] else ""
    return (f"#{row['n']} {when}, transaction {row['txn_id']}{order}, "
            f"{payee}{row['currency']} {row['amount']}: {row['problem']}")


def _notice_block(case: Case, ctx: ReportContext, blank: str) -> dict[str, str]:
    notice, zh = case.first_notice, ctx.lang == "zh"
    when = notice.date.isoformat() if notice.date else blank
    how = translate(notice.channel, ctx.lang) or blank
    unknown = notice.date is None
    if zh:
        text = f"我已于 {when} 通过{how}首次告知贵方" + (
            f"（工单号 {notice.ticket}）" if notice.ticket else "") + "，本函是对该投诉的跟进。"
        return {"type": "p", "text": text + ("[如本函即为首次告知，请删除此句]" if unknown else "")}
    text = f"I first told you about this on {when} via {how}" + (
        f" (ticket {notice.ticket})" if notice.ticket else "") + "; this letter follows up on it."
    return {"type": "p", "text": text + (" [delete this sentence if this letter is your first "
                                         "notice]" if unknown else "")}
