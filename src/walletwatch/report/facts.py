"""Report sections built from the case file: timeline, security, communications, exhibits.

User-supplied facts are marked ``"source": "case"``; facts from the export ``"export"``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from walletwatch.cases.file import Case
from walletwatch.findings import Finding
from walletwatch.report.case_words import translate
from walletwatch.report.sections import ReportContext
from walletwatch.report.text import LABELS, pick
from walletwatch.report.times import without_seconds

SECURITY_QUESTIONS = (
    ("phone_in_possession", ("Phone in the account holder's possession", "手机是否在本人手中")),
    ("card_in_possession", ("Linked card in the account holder's possession", "绑定的银行卡是否在本人手中")),
    ("code_or_password_shared", ("Verification code or password shared with anyone",
                                 "是否向他人透露过验证码或密码")),
    ("password_free_payment_on", ("Password-free (no-PIN) payments switched on",
                                  "是否开通免密支付")),
    ("account_frozen", ("Account frozen through customer service", "是否已通过客服冻结账户")),
    ("password_changed", ("Password changed since the problem was noticed", "发现问题后是否已修改密码")),
)
ADVICE = (  # the founding document's security advice
    ("Use a strong, unique password (not a birthday or a reused password).",
     "设置复杂且独立的密码，不要使用生日等易被猜测的密码。"),
    ("Turn on two-step verification.", "开启双重验证。"),
    ("Check the account's statement regularly.", "定期查看账户交易记录，及时发现异常。"),
    ("Do not make payments on public Wi-Fi.", "不要在公共 Wi-Fi 等不安全网络下进行支付。"),
    ("To freeze or close the account, contact customer service: the steps differ by provider.",
     "如需冻结或注销账户，请联系客服，各平台流程不同。"),
)


def _text(key: str, ctx: ReportContext) -> str:
    return pick(LABELS[key], ctx.lang)


def timeline(rows: list[dict], case: Case, ctx: ReportContext) -> list[dict[str, Any]]:
    """Transactions, discovery, first notice and each reply, in time order."""
    zh = ctx.lang == "zh"
    events = [{"when": r["time"], "when_text": without_seconds(r["when"]),
               "kind": "transaction", "source": "export",
               "text": f"#{r['n']} {r['counterparty'] + ' ' if r['counterparty'] else ''}"
                       f"{r['currency']} {r['amount']} — {r['problem']}"}
              for r in rows]

    def add(day, kind: str, text: str) -> None:
        events.append({"when": day.isoformat(), "when_text": day.isoformat(), "kind": kind,
                       "source": "case", "text": text})

    if case.noticed_on:
        how = translate(case.noticed_how, ctx.lang)
        add(case.noticed_on, "noticed", ("账户持有人发现问题" if zh else
                                         "Account holder noticed the problem")
            + ((f"（{how}）" if zh else f" ({how})") if how else ""))
    notice = case.first_notice
    if notice.date:
        add(notice.date, "first_notice", ("首次告知" if zh else "First notice to ")
            + ctx.provider_name + _brackets([translate(notice.channel, ctx.lang),
                                             _ticket(notice.ticket, zh)], zh))
    for comm in case.communications:
        if comm.date:
            summary = ctx.mask(translate(comm.summary, ctx.lang)) or ""
            text = ("沟通" if zh else "Contact") + _brackets(
                [translate(comm.channel, ctx.lang), _ticket(comm.ticket, zh)], zh)
            add(comm.date, "communication", text + ((("：" if zh else ": ") + summary)
                                                     if summary else ""))
    return sorted(events, key=lambda e: (e["when"][:10], e["kind"] != "transaction", e["when"]))


def _ticket(ticket: str | None, zh: bool) -> str | None:
    if not ticket:
        return None
    return f"工单号 {ticket}" if zh else f"ticket {ticket}"


def _brackets(parts: list[str | None], zh: bool) -> str:
    kept = [p for p in parts if p]
    if not kept:
        return ""
    return f"（{'，'.join(kept)}）" if zh else f" ({', '.join(kept)})"


def security(case: Case, findings: list[Finding], jurisdiction: str, ctx: ReportContext) -> dict:
    sec = case.security
    facts = []
    for key, pair in SECURITY_QUESTIONS:
        value = getattr(sec, key)
        answer = _text("blank", ctx) if value is None else _text("yes" if value else "no", ctx)
        facts.append({"key": key, "question": pick(pair, ctx.lang), "value": value,
                      "answer": answer})
    police = sec.police_report_number
    facts.append({"key": "police_report_number",
                  "question": "报案回执编号" if ctx.lang == "zh" else "Police report number",
                  "value": police, "answer": police or _text("blank", ctx)})
    advice = [pick(pair, ctx.lang) for pair in ADVICE]
    advice += _situational(case, findings, jurisdiction, ctx.lang)
    return {"facts": facts, "advice": advice}


def _situational(case: Case, findings: list[Finding], jurisdiction: str, lang: str) -> list[str]:
    """Advice that applies to the answers given (never a conclusion about who is at fault)."""
    sec, zh, out = case.security, lang == "zh", []
    if sec.code_or_password_shared:
        out.append("请立即修改密码并退出其他设备上的登录。" if zh else
                   "Change the password now and sign out of other devices.")
    if sec.password_free_payment_on:
        out.append("请检查并关闭不需要的免密支付和自动扣款协议。" if zh else
                   "Review and switch off password-free payments and auto-debit agreements you "
                   "do not need.")
    unrecognised = any(f.category == "unrecognised" for f in findings)
    if unrecognised and not sec.account_frozen:
        out.append("如有不认可的交易，可请客服冻结账户。" if zh else
                   "For transactions you do not recognise, ask customer service to freeze the "
                   "account.")
    if unrecognised and not sec.police_report_number and jurisdiction == "cn":
        out.append("如怀疑账户被盗用或遭遇诈骗，可向公安机关报案（110 或 96110），平台常会要求提供报案回执。"
                   if zh else "If you suspect account takeover or a scam, report it to the police "
                   "(110 or 96110); platforms often ask for the police receipt.")
    return out


def communications(case: Case, ctx: ReportContext) -> list[dict[str, Any]]:
    return [{"date": c.date.isoformat() if c.date else None,
             "channel": translate(c.channel, ctx.lang), "agent": c.agent, "ticket": c.ticket,
             "summary": ctx.mask(translate(c.summary, ctx.lang)),
             "attachment": c.attachment, "sha256": c.sha256 or _hash(c.attachment)}
            for c in case.communications]


def _hash(file: str | None) -> str | None:
    """SHA-256 of an attachment the user named, when the file is at hand."""
    if not file or not Path(file).is_file():
        return None
    return hashlib.sha256(Path(file).read_bytes()).hexdigest()


def exhibits(scan_doc: dict, case: Case, ctx: ReportContext) -> list[dict[str, Any]]:
    """What is attached: the exports (with hashes) and the files the case file names."""
    zh = ctx.lang == "zh"
    out: list[dict[str, Any]] = []

    def add(description: str, file: str | None = None, sha256: str | None = None) -> None:
        out.append({"ref": f"E{len(out) + 1}", "description": description, "file": file,
                    "sha256": sha256})

    for source in scan_doc.get("sources", []):
        add("账单导出文件" if zh else "Statement export", Path(source.get("path", "")).name,
            source.get("sha256") or None)
    for item in case.exhibits:
        add(item.description, item.file, item.sha256 or _hash(item.file))
    for comm in case.communications:
        if comm.attachment:
            add(f"{'沟通记录' if zh else 'Communication record'} {comm.date or ''}".strip(),
                comm.attachment, comm.sha256 or _hash(comm.attachment))
    return out


def _by_phone(channel: str | None) -> bool:
    return bool(channel) and ("phone" in channel.lower() or "电话" in channel)


def to_obtain(case: Case, rows: list[dict], findings: list[Finding], jurisdiction: str,
              ctx: ReportContext) -> list[str]:
    """What the holder should still get before sending: never listed as attached.

    ``findings`` are the disputed ones (money taken).
    """
    zh = ctx.lang == "zh"
    out = []
    if rows and not case.exhibits:
        out.append("每笔有争议交易的订单详情页截图" if zh else
                   "A screenshot of the detail page of each disputed transaction")
    if not any(c.attachment for c in case.communications):
        out.append("与客服的聊天记录截图或导出" if zh else
                   "Screenshots or an export of your chats with customer service")
    if any(_by_phone(c.channel) for c in case.communications):
        out.append("通话录音（如有），或记下每次通话的时间和客服工号" if zh else
                   "Call recordings if you have them, or a note of each call's time and agent")
    out.append("平台的书面答复（收到后保存）" if zh else
               "The provider's written replies (keep each one)")
    unrecognised = any(f.category == "unrecognised" for f in findings)
    police = case.security.police_report_number
    if police:
        out.append(f"报案回执（编号 {police}）的照片或复印件" if zh else
                   f"A photo or copy of the police receipt (number {police})")
    elif unrecognised and jurisdiction == "cn":
        out.append("报案回执：平台常会要求提供（可拨打 110 或 96110 报案）" if zh else
                   "A police receipt: platforms often ask for one (report on 110 or 96110)")
    return out
