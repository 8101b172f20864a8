"""Fixed report wording in English and Chinese: headings, labels, problem types.

Provider names live in ``walletwatch.providers``.

Kept as data so tests assert codes and structure, and so the wording is reviewed in one place.
The wording follows the project rule: "not recognised by the account holder", "no matching
credit found" -- never a legal conclusion, never a promised outcome.
"""

from __future__ import annotations

from walletwatch import providers

DISCLAIMER = {
    "en": "This summary organises your own transaction data. It is not legal advice and does "
          "not guarantee any outcome.",
    "zh": "本摘要整理的是您本人的交易数据，不构成法律意见，也不保证任何处理结果。",
}

SECTIONS = (  # (id, en, zh): page 1 is the complaint itself; how it was made goes last
    ("overview", "The complaint", "投诉概要"),
    ("transactions", "Disputed transactions", "有争议的交易"),
    ("reasons", "Why each item is disputed", "各笔交易的争议理由"),
    ("information", "For information: no money taken", "仅供参考：未扣款的记录"),
    ("timeline", "Timeline", "时间线"),
    ("security", "Account security", "账户安全"),
    ("communications", "Communication log", "沟通记录"),
    ("channels", "Where to complain, in order", "投诉渠道（按先后顺序）"),
    ("letter", "Complaint letter (draft)", "投诉信（草稿）"),
    ("exhibits", "Exhibits", "附件"),
    ("provenance", "Appendix: how this summary was made", "附录：本摘要的生成信息"),
)
PROBLEMS = {  # problem key (see sections.problem_key) -> problem type
    "unrecognised": ("Not recognised by the account holder", "账户持有人不认可的交易"),
    "failed": ("Failed but debited", "交易失败但已扣款"),
    "failed-attempt": ("Payment failed (no money taken)", "支付失败（未扣款）"),
    "stuck": ("Not credited (no matching credit found)", "未到账（未找到对应入账）"),
    "duplicate": ("Duplicate debit", "重复扣款"),
    "recurring": ("Recurring charge not expected", "非预期的周期性扣款"),
    "other": ("Other problem", "其他问题"),
}

DEMANDS = {
    "refund": ("Refund of {amount}", "退还 {amount}"),
    "reverse-duplicate": ("Reversal of the duplicate debit(s) ({amount})", "撤销重复扣款（{amount}）"),
    "credit-topup": ("Credit of the top-up that did not arrive ({amount})",
                     "补入未到账的充值（{amount}）"),
    "explanation": ("A written explanation of each transaction listed",
                    "就所列每笔交易作出书面说明"),
    "records": ("Copies of the transaction records and the documents you relied on",
                "提供相关交易记录及处理所依据的材料"),
}

LABELS = {
    "generated_at": ("Generated at", "生成时间"),
    "tool": ("Tool", "工具"),
    "sources": ("Source files", "源文件"),
    "period": ("Period", "期间"),
    "settings": ("Settings", "设置"),
    "jurisdiction": ("Jurisdiction", "适用地区"),
    "rules_checked": ("Rules last checked", "规则核对日期"),
    "complainant": ("Complainant", "投诉人"),
    "contact": ("Contact", "联系方式"),
    "address": ("Address", "地址"),
    "account": ("Account", "账户"),
    "respondent": ("Respondent", "被投诉方"),
    "reference": ("Complaint reference", "投诉编号"),
    "n": ("#", "序号"),
    "time": ("Time", "时间"),
    "txn_id": ("Transaction id / order no.", "交易号 / 订单号"),
    "counterparty": ("Counterparty", "交易对方"),
    "amount": ("Amount", "金额"),
    "currency": ("Currency", "币种"),
    "method": ("Funding method", "支付方式"),
    "status": ("Status", "状态"),
    "problem": ("Problem type", "问题类型"),
    "check": ("Check", "检查项"),
    "subtotal": ("Subtotal", "小计"),
    "total": ("Total at stake", "争议总额"),
    "transactions_n": ("Transactions", "笔数"),
    "date": ("Date", "日期"),
    "event": ("Event", "事件"),
    "channel": ("Channel", "渠道"),
    "agent": ("Agent", "客服"),
    "ticket": ("Ticket", "工单号"),
    "summary": ("Summary", "内容摘要"),
    "attachment": ("Attachment", "附件"),
    "fact": ("Fact", "事项"),
    "answer": ("Answer", "回答"),
    "advice": ("Advice", "安全建议"),
    "when": ("When to use it", "适用情形"),
    "facts": ("Process and deadlines", "流程与期限"),
    "source": ("Source", "来源"),
    "deadlines": ("Dates computed from your dates", "根据您提供的日期计算的期限"),
    "exhibit": ("Exhibit", "附件"),
    "description": ("Description", "说明"),
    "file": ("File", "文件"),
    "sha256": ("SHA-256", "SHA-256"),
    "blank": ("[to fill in]", "[待填写]"),
    "attach": ("[attach]", "[请附上]"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "chart": ("Spending on the disputed days against a usual day",
              "有争议交易当天的支出与平常一天的对比"),
    "letter_advice": ("Send this once and keep a copy. If there is no answer, follow up on the "
                      "same ticket instead of filing the same complaint again.",
                      "请只提交一次并保留副本。如未收到答复，请就同一工单跟进，不要重复提交相同的投诉。"),
    "user_supplied": ("Facts marked (case file) were supplied by the account holder.",
                      "标注（案件文件）的内容由账户持有人提供。"),
    "from_export": ("Transaction facts are copied from the account holder's own export.",
                    "交易信息摘自账户持有人本人导出的账单。"),
    "verify": ("Rules and contact details change: verify them before relying on them.",
               "规则和联系方式可能变化，使用前请核实。"),
    "none": ("none recorded", "暂无记录"),
    "case_mark": ("(case file)", "（案件文件）"),
    "chart_other": ("other spending that day", "当天其他支出"),
    "chart_disputed": ("disputed", "有争议的金额"),
    "chart_usual": ("usual day (median {amount})", "平常一天（中位数 {amount}）"),
    "chart_day": ("Day", "日期"),
    "chart_caption": ("Red: the disputed money on each day with a disputed transaction; grey: "
                      "the holder's other spending that day; dashed line: a usual day's spending "
                      "(the median of the days with any spending).",
                      "红色：每个有争议交易日的争议金额；灰色：账户持有人当天的其他支出；"
                      "虚线：平常一天的支出（有支出的日子的中位数）。"),
    "money_at_stake": ("Money at stake", "争议金额"),
    "demand": ("Demand", "诉求"),
    "summary_label": ("What happened", "事由"),
    "times_note": ("All times are {zone}, as in the export.", "所有时间均为 {zone}（与账单导出一致）。"),
    "times_note_many": ("Times are as in the export; each names its UTC offset (summer and "
                        "winter time differ).",
                        "时间与账单导出一致，并各自注明 UTC 偏移（夏令时与冬令时不同）。"),
    "ref": ("Ref.", "编号"),
    "no_money_note": ("These payments did not take any money, so they are not part of the "
                      "complaint; they are listed because they happened around the same time.",
                      "以下支付未扣款，因此不在投诉范围内；列出它们只是因为发生在相近时间。"),
    "duplicate_note": ("For a duplicate debit only the extra debit is at stake: {extra} of the "
                       "{count} debits listed.",
                       "重复扣款只计多扣的部分：所列 {count} 笔扣款中有 {extra} 笔为重复扣款。"),
    "attached": ("Attached", "随附材料"),
    "to_obtain": ("Worth obtaining before you send the complaint (not attached yet)",
                  "寄出投诉前建议补充的材料（尚未附上）"),
    "generated_by": ("Generated by", "生成工具"),
    "identifiers": ("Identifiers", "身份信息"),
    "identifiers_masked": ("third parties' phone numbers, e-mails and account numbers masked",
                           "第三方的电话、邮箱和账号已隐去部分内容"),
    "identifiers_shown": ("shown in full", "完整显示"),
    "rows_read": ("{ok} of {total} rows read", "共 {total} 行，读取 {ok} 行"),
    "nothing_disputed": ("Nothing to dispute: no transaction in the selected findings took money "
                         "from the account.",
                         "没有需要投诉的交易：所选记录中没有从账户扣款的交易。"),
    "font_not_embedded": ("The Chinese font is not embedded in this PDF; the viewer supplies it.",
                          "本 PDF 未嵌入中文字体，由阅读软件提供字体。"),
}

JURISDICTIONS = {
    "cn": ("Mainland China", "中国内地"),
    "us": ("United States", "美国"),
    "uk": ("United Kingdom", "英国"),
    "eu": ("European Union", "欧盟"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The English or Chinese member of an ``(en, zh)`` pair."""
    return pair[1] if lang == "zh" else pair[0]


def count(n: int, lang: str, noun: str = "transaction") -> str:
    """``3 transactions`` / ``1 transaction`` / ``3 笔``."""
    if lang == "zh":
        return f"{n} 笔"
    return f"{n} {noun}" + ("" if n == 1 else "s")


def row_refs(numbers: list[int], lang: str, mark: str = "#") -> str:
    """Row numbers as people write them: ``#7–#9``, ``#1 and #3`` / ``第 7–9 笔``, ``第 1、3 笔``.

    ``mark="A"`` numbers the for-information list (``A1–A3`` in both languages).
    """
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    if lang == "zh" and mark == "#":
        parts = [f"{r[0]}–{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs]
        return f"第 {'、'.join(parts)} 笔"
    parts = []
    for r in runs:
        parts += [f"{mark}{r[0]}–{mark}{r[-1]}"] if len(r) > 2 else [f"{mark}{n}" for n in r]
    if lang == "zh":
        return "、".join(parts)
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def label(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)


def provider_name(provider: str, lang: str) -> str:
    return providers.get(provider).name(lang) if provider else "the provider"
