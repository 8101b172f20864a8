"""The page's own words, in English and Chinese (export text and findings bring their own)."""

from __future__ import annotations

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {  # key: (en, zh)
    "app": ("walletwatch", "walletwatch 钱包账单检查"),
    "nav_scan": ("Scan", "检查账单"),
    "nav_report": ("Evidence pack", "证据材料"),
    "nav_cases": ("Cases", "投诉记录"),
    "nav_checks": ("Checks", "定期检查"),
    "private": ("Runs on your computer only: nothing you upload leaves it.",
                "只在您的电脑上运行：上传的文件不会离开本机。"),
    "upload_title": ("Check a wallet statement", "检查钱包账单"),
    "upload_help": ("Export the statement from your wallet app (Alipay, WeChat Pay, PayPal, "
                    "Revolut, Wise, Monzo, ...) and choose the file here. You can choose "
                    "several files of the same account.",
                    "从钱包应用（支付宝、微信支付、PayPal、Revolut、Wise、Monzo 等）导出账单，"
                    "在这里选择文件。同一账户的多个文件可以一起选择。"),
    "choose": ("Choose export files", "选择账单文件"),
    "drop": ("or drop them here", "或拖放到这里"),
    "scan_button": ("Check these files", "开始检查"),
    "uploading": ("Uploading and checking…", "正在上传并检查…"),
    "limit": ("Up to {mb} MB in total.", "总大小不超过 {mb} MB。"),
    "no_files": ("Choose at least one export file.", "请至少选择一个账单文件。"),
    "recent": ("Checked in this session", "本次已检查"),
    "results_title": ("What needs your attention", "需要您留意的交易"),
    "files_read": ("Files read", "读取的文件"),
    "rows": ("Rows: {total} ({ok} read, {rejected} rejected)", "共 {total} 行：读取 {ok} 行，拒绝 {rejected} 行"),
    "file_error": ("This file could not be read", "无法读取此文件"),
    "rejected_rows": ("Rejected rows (line and reason)", "被拒绝的行（行号与原因）"),
    "line": ("line", "行"),
    "reason": ("reason", "原因"),
    "severity_high": ("High", "高"),
    "severity_medium": ("Medium", "中"),
    "severity_low": ("Low", "低"),
    "severity_info": ("For information", "仅供参考"),
    "no_findings": ("Nothing that needs your attention was found.", "未发现需要您留意的问题。"),
    "at_stake": ("Money at stake", "涉及金额"),
    "no_money": ("no money taken", "未扣款"),
    "rows_behind": ("The {n} transactions behind this", "相关的 {n} 笔交易"),
    "rows_behind_one": ("The transaction behind this", "相关的交易"),
    "when": ("When", "时间"),
    "payee": ("Payee", "收款方"),
    "amount": ("Amount", "金额"),
    "status": ("Status", "状态"),
    "txn_id": ("Transaction id", "交易号"),
    "source": ("File, line", "文件与行号"),
    "was_me": ("This was me: {payee}", "这是我本人：{payee}"),
    "was_me_help": ("If you made these payments, tell walletwatch: the payee is remembered as "
                    "yours (like “walletwatch allow”) and the statement is checked again.",
                    "如果这些付款是您本人所为，请告诉 walletwatch：该收款方会被记为您认识的"
                    "（与 “walletwatch allow” 相同），并重新检查账单。"),
    "allowed": ("{payee} is now on your list of known payees; the statement was checked again.",
                "已将 {payee} 记为您认识的收款方，并已重新检查账单。"),
    "next_steps": ("Next", "下一步"),
    "make_pack": ("Build the evidence pack", "生成证据材料"),
    "track": ("Keep these findings in my follow-up log", "把这些发现保存到跟进记录"),
    "track_help": ("Stores the statement in your local state (as “walletwatch check” does) so you "
                   "can open a complaint case and follow it up.",
                   "把账单存入本机记录（与 “walletwatch check” 相同），以便建立投诉记录并跟进。"),
    "tracked": ("Saved. New transactions: {new}; open findings: {open}. Open a case below.",
                "已保存：新增交易 {new} 笔，未结发现 {open} 个。可在下方建立投诉记录。"),
    "info_count": ("{n} findings for information only", "{n} 条仅供参考的发现"),
    "info_count_one": ("1 finding for information only", "1 条仅供参考的发现"),
    "report_title": ("Evidence pack", "证据材料"),
    "report_help": ("Fill in what only you know. Anything left blank is shown in the pack as a "
                    "blank to fill in; nothing is guessed.",
                    "填写只有您知道的情况。留空的项目会在材料中显示为待填写，不会被猜测。"),
    "no_upload": ("First check a statement on the Scan page.", "请先在“检查账单”页面检查账单。"),
    "lang": ("Language of the pack", "材料语言"),
    "jurisdiction": ("Where you complain", "投诉所在地"),
    "default": ("(from the wallet)", "（按钱包默认）"),
    "you": ("You", "您本人"),
    "name": ("Full name", "姓名"),
    "contact": ("Phone or e-mail", "电话或邮箱"),
    "address": ("Postal address", "通信地址"),
    "account_id": ("Wallet account", "钱包账号"),
    "respondent": ("The provider you complain to", "被投诉方"),
    "legal_name": ("Legal name", "公司全称"),
    "noticed": ("When you noticed it", "发现问题"),
    "noticed_on": ("Date you noticed", "发现日期"),
    "noticed_how": ("How you noticed (SMS, statement, app)", "发现方式（短信、账单、应用通知）"),
    "statement_date": ("Date of the first statement showing it", "首次显示该交易的账单日期"),
    "first_notice": ("When you first told the provider", "首次告知服务商"),
    "date": ("Date", "日期"),
    "channel": ("Channel", "渠道"),
    "ticket": ("Ticket or reference", "工单号或编号"),
    "security": ("Your phone, card and password", "手机、银行卡与密码"),
    "unknown": ("not sure", "不确定"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "sec_phone_in_possession": ("Your phone was with you", "手机一直在您身边"),
    "sec_card_in_possession": ("Your card was with you", "银行卡一直在您身边"),
    "sec_code_or_password_shared": ("You shared a code or password", "您曾告知他人验证码或密码"),
    "sec_password_free_payment_on": ("Password-free payment was on", "开通了免密支付"),
    "sec_account_frozen": ("The account is now frozen", "账户已冻结"),
    "sec_password_changed": ("You changed your password", "您已修改密码"),
    "police_report_number": ("Police report number", "报警回执编号"),
    "communication": ("A contact with the provider", "与服务商的一次联系"),
    "agent": ("Who you dealt with", "对接人员"),
    "summary": ("What was said", "沟通内容"),
    "demand": ("What you ask for", "您的诉求"),
    "demand_refund": ("Refund", "退款"),
    "demand_reverse-duplicate": ("Reverse the duplicate charge", "撤销重复扣款"),
    "demand_credit-topup": ("Credit the top-up", "补记充值"),
    "demand_explanation": ("A written explanation", "书面说明"),
    "demand_records": ("The records of the transactions", "交易记录"),
    "demand_amount": ("Amount (e.g. 5636.00)", "金额（例如 5636.00）"),
    "currency": ("Currency", "币种"),
    "exhibits": ("Files you will attach (one per line)", "您将附上的文件（每行一个）"),
    "reply_by": ("Reply by", "答复期限"),
    "stored_case": ("Or use a case from your follow-up log (its dates and contacts are used "
                    "instead of the facts above)",
                    "或使用跟进记录中的投诉（将使用其中的日期和沟通记录，而不是上面填写的内容）"),
    "none": ("(none)", "（无）"),
    "preview": ("Preview", "预览"),
    "download": ("Download", "下载"),
    "case_error": ("Please check the form", "请检查表单"),
    "cases_title": ("Complaint follow-up", "投诉跟进记录"),
    "cases_none": ("No case yet.", "还没有投诉记录。"),
    "open_case": ("Open a case", "建立投诉记录"),
    "open_case_help": ("Choose the findings you complained about, where, and when.",
                       "选择您投诉的问题、渠道和日期。"),
    "no_open_findings": ("No finding is stored yet: check a statement and press “{track}”.",
                         "还没有保存的发现：请先检查账单并点击“{track}”。"),
    "reference": ("Reference the provider gave you", "服务商给您的编号"),
    "remind_days": ("Remind me after (days)", "几天后提醒我"),
    "open_button": ("Open the case", "建立"),
    "duplicate_warning": ("Already in open case(s) {cases}. Repeated complaints about the same "
                          "transactions can hurt your case; log a follow-up there instead.",
                          "这些交易已在未结投诉 {cases} 中。就同一交易重复投诉可能不利；"
                          "请在原投诉中记录跟进。"),
    "open_anyway": ("Open another case anyway", "仍然建立新的投诉"),
    "log_contact": ("Log a contact", "记录一次联系"),
    "kind": ("Kind", "类型"),
    "kind_contact": ("contact", "联系"),
    "kind_reply": ("reply", "答复"),
    "kind_escalation": ("escalation (new channel)", "升级投诉（新渠道）"),
    "kind_note": ("note", "备注"),
    "remind_on": ("Remind me on", "提醒日期"),
    "save": ("Save", "保存"),
    "close_case": ("Close the case", "结案"),
    "outcome": ("Outcome", "结果"),
    "next_follow_up": ("Next", "下一步"),
    "closed_on": ("closed {date}", "已于 {date} 结案"),
    "findings": ("Findings", "相关发现"),
    "log": ("Communication log", "沟通记录"),
    "checks_title": ("Scheduled checks", "定期检查"),
    "checks_none": ("No scheduled check has run yet.", "尚未运行过定期检查。"),
    "last_runs": ("Latest checks", "最近的检查"),
    "started": ("Run at (UTC)", "运行时间（UTC）"),
    "as_of": ("Statement up to", "账单截至"),
    "files": ("Files", "文件"),
    "new_rows": ("New transactions", "新交易"),
    "new_findings": ("New findings", "新发现"),
    "open_findings": ("Open findings", "未结发现"),
    "cases_due": ("Cases to follow up now", "现在需要跟进的投诉"),
    "schedule_help": ("To check a folder of exports every day, run this once in a terminal "
                      "(or ask someone to):",
                      "如需每天自动检查一个文件夹中的账单，请在终端运行一次以下命令（或请他人代为设置）："),
    "state_file": ("State file", "记录文件"),
    "bad_request": ("The form was not accepted", "表单未被接受"),
    "csrf": ("The form is out of date: reload the page and try again.",
             "表单已过期：请刷新页面后重试。"),
    "not_found": ("Not found", "未找到"),
    "back": ("Back", "返回"),
    "schedule": ("Check every day", "每天自动检查"),
    "status_open": ("open", "处理中"),
    "status_closed": ("closed", "已结案"),
    "more_findings": ("{n} more for information only", "另有 {n} 条仅供参考"),
    "no_findings_chosen": ("Choose at least one finding.", "请至少选择一个发现。"),
    "open_in_new": ("opens in a new tab", "在新标签页打开"),
    "switch_lang": ("中文", "English"),
}


def channel_label(code: str, english: str, lang: str) -> str:
    """A complaint channel in the page's language: the store's own (English) label, or the
    Chinese name the evidence pack uses (``walletwatch.report.case_words``)."""
    from walletwatch.report.case_words import translate

    return (translate(code, "zh") or english) if lang == "zh" else english


def pick_lang(query: str | None, cookie: str | None, accept: str | None) -> str:
    """?lang= wins, then the remembered choice, then the browser's preference."""
    for value in (query, cookie):
        if value in LANGS:
            return value
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()
        if code.startswith("zh"):
            return "zh"
        if code.startswith("en"):
            return "en"
    return "en"


def translator(lang: str):
    index = 1 if lang == "zh" else 0

    def t(key: str, **values: object) -> str:
        if values.get("n") == 1 and f"{key}_one" in TEXT:  # "the transaction", not "1 ...(s)"
            key = f"{key}_one"
        text = TEXT[key][index]
        return text.format(**values) if values else text

    return t
