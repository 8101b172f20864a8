"""Write simulated transactions in the real export layouts (formats.md), byte for byte in the
style the wallets use: encodings, preambles, padded cells, tab-suffixed ids, newest first.

``render(records, fmt, path)`` is the one entry point; ``RENDERERS`` lists the layouts.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from walletwatch.synth.records import SynthTxn
from walletwatch.synth.renderers import RENDERERS, _csv_text, _money, _ts, renderer


def render(records: Sequence[SynthTxn], fmt: str, path: str | Path, **meta) -> Path:
    """Write ``records`` to ``path`` in layout ``fmt``; ``meta`` may give owner, account,
    period_start, period_end, exported_at (datetimes) to print in the preamble."""
    path = Path(path)
    if fmt not in RENDERERS:
        raise KeyError(f"no renderer for {fmt!r}; known: {', '.join(sorted(RENDERERS))}")
    ordered = sorted(records, key=lambda r: (r.time, r.txn_id), reverse=True)
    meta = _default_meta(ordered, meta)
    RENDERERS[fmt](ordered, path, meta)
    return path


def _default_meta(records: Sequence[SynthTxn], meta: dict) -> dict:
    times = [r.time for r in records] or [dt.datetime(2026, 1, 1)]
    start = min(times).replace(hour=0, minute=0, second=0)
    end = max(times).replace(hour=23, minute=59, second=59)
    out = {"owner": "张*", "account": "138******88", "nickname": "wallet-owner",
           "period_start": start, "period_end": end, "exported_at": end + dt.timedelta(hours=9)}
    out.update({k: v for k, v in meta.items() if v is not None})
    return out


# --- Alipay ------------------------------------------------------------------------------
_ALIPAY_DIRECTION = {"out": "支出", "in": "收入", "neutral": "不计收支"}
_ALIPAY_NOTES = [
    "1.本回单内容可表明支付宝受理了相应支付交易申请，因系统原因或通讯故障等偶发因素导致本回单与实际交易结果不符时，以实际交易情况为准；",
    "2.请勿将本回单作为收款方发货的凭证使用，请查证账户实际到账情况后再进行发货操作；",
    "3.支付宝快捷支付等非余额支付方式可能既产生支付宝交易也同步产生银行交易，因此请勿使用本回单进行重复记账；",
    "4.本回单如经任何涂改、编造，均立即失去效力；",
    "5.部分账单如：充值提现、账户转存或者个人设置收支等不计入为收入或者支出，记为不计收支类；",
    "6.因统计逻辑不同，明细金额直接累加后，可能会和下方统计金额不一致，请以实际交易金额为准；",
    "7.禁止将本回单用于非法用途；",
    "8.本明细仅展示当前账单中的交易，不包括已删除的记录；",
    "9.本明细仅供个人对账使用。",
]


def _alipay_status(r: SynthTxn) -> str:
    if r.kind == "refund":
        return "退款成功" if r.status in ("success", "refunded") else "退款中"
    if r.status == "success":
        return "还款成功" if r.kind == "repayment" else "交易成功"
    if r.status == "pending":
        return "处理中" if r.kind in ("topup", "withdrawal") else "等待确认收货"
    if r.status in ("closed", "failed"):
        return "交易关闭"  # Alipay shows failures as closed orders
    return "交易成功"


def _alipay_direction(r: SynthTxn) -> str:
    if r.status == "failed":
        return "不计收支"  # never paid
    return _ALIPAY_DIRECTION[r.direction]


def _alipay_description(r: SynthTxn) -> str:
    if r.description:
        return r.description
    return {"topup": "充值-普通充值", "withdrawal": "提现-实时提现", "transfer": "转账",
            "red_packet": "收到红包" if r.direction == "in" else "发红包",
            "repayment": "花呗主动还款"}.get(r.kind, "商品")


def _alipay_category(r: SynthTxn) -> str:
    if r.category:
        return r.category
    return {"refund": "退款", "topup": "充值缴费", "withdrawal": "其他", "transfer": "转账红包",
            "red_packet": "转账红包", "repayment": "信用借还"}.get(r.kind, "日用百货")


def _pad(text: str, width: int) -> str:
    # Real files pad cells with spaces to a fixed-width look (display width: CJK counts 2).
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(1, width - shown)


@renderer("alipay-app")
def _alipay_app(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    income = [r for r in records if r.direction == "in"]
    spend = [r for r in records if r.direction == "out"]
    other = [r for r in records if r.direction == "neutral"]
    total = lambda rs: _money(sum((r.amount for r in rs), Decimal(0)))  # noqa: E731
    lines = [
        "-" * 84,
        "导出信息：",
        f"姓名：{meta['owner']}",
        f"支付宝账户：{meta['account']}",
        f"起始时间：[{_ts(meta['period_start'])}]    终止时间：[{_ts(meta['period_end'])}]",
        "导出交易类型：[全部]",
        f"导出时间：[{_ts(meta['exported_at'])}]",
        f"共{len(records)}笔记录",
        f"收入：{len(income)}笔 {total(income)}元",
        f"支出：{len(spend)}笔 {total(spend)}元",
        f"不计收支：{len(other)}笔 {total(other)}元",
        "",
        "特别提示：",
        *_ALIPAY_NOTES,
        "",
        "-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24,
    ]
    header = ["交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额",
              "收/付款方式", "交易状态", "交易订单号", "商家订单号", "备注"]
    widths = [20, 24, 24, 24, 24, 22, 20, 26, 24, 15, 22, 22]
    out = [*lines, ",".join(_pad(h, w) for h, w in zip(header, widths, strict=True)) + ","]
    for r in records:
        cells = [
            _ts(r.time), _alipay_category(r), r.counterparty, r.counterparty_account or "/",
            _alipay_description(r), _alipay_direction(r), _money(r.amount),
            "" if r.status in ("closed", "failed") else (r.method or "余额"),
            _alipay_status(r), r.txn_id + "\t", (r.merchant_order_id or "") + "\t", "",
        ]
        out.append(",".join(_pad(_csv_cell(c), w) for c, w in zip(cells, widths, strict=True)) + ",")
    path.write_bytes(("\n".join(out) + "\n").encode("gb18030"))


def _csv_cell(text: str) -> str:
    if any(ch in text for ch in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


# --- WeChat Pay --------------------------------------------------------------------------
_WECHAT_TYPE = {"payment": "商户消费", "transfer": "转账", "red_packet": "微信红包",
                "topup": "零钱充值", "withdrawal": "零钱提现", "repayment": "信用卡还款",
                "fee": "其他", "other": "其他"}
_WECHAT_DIRECTION = {"out": "支出", "in": "收入", "neutral": "/"}


def _wechat_status(r: SynthTxn) -> str:
    if r.kind == "refund":
        return "退款中" if r.status == "pending" else "已全额退款"
    if r.status == "refunded":
        return "已全额退款"
    if r.status == "pending":
        return "处理中"
    if r.status == "failed":
        return "提现失败，已退回零钱" if r.kind == "withdrawal" else "支付失败"
    if r.status == "closed":
        return "对方已退还"
    return {"transfer": "对方已收钱" if r.direction == "out" else "已收钱",
            "red_packet": "已存入零钱" if r.direction == "in" else "支付成功",
            "topup": "充值完成", "withdrawal": "提现已到账"}.get(r.kind, "支付成功")


def _wechat_rows(records: Sequence[SynthTxn], numeric: bool) -> list[list]:
    rows = []
    for r in records:
        kind = _WECHAT_TYPE.get(r.kind, "商户消费")
        if r.kind == "refund":
            kind = "商户消费-退款" if not r.category else f"{r.category}-退款"
        amount = float(r.amount) if numeric else f"¥{_money(r.amount)}"
        note = f"服务费¥{_money(r.fee)}" if r.fee else "/"
        method = r.method or ("零钱" if r.direction != "in" else "/")
        rows.append([_ts(r.time), kind, r.counterparty or "/", r.description or "/",
                     _WECHAT_DIRECTION[r.direction if r.kind != "refund" else "in"], amount,
                     method, _wechat_status(r), r.txn_id + "\t",
                     (r.merchant_order_id or "/") + "\t", note])
    return rows


def _wechat_preamble(records: Sequence[SynthTxn], meta: dict, xlsx2026: bool) -> list[str]:
    income = [r for r in records if r.direction == "in"]
    spend = [r for r in records if r.direction == "out"]
    neutral = [r for r in records if r.direction == "neutral"]
    total = lambda rs: _money(sum((r.amount for r in rs), Decimal(0)))  # noqa: E731
    notes = ["1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
             "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
             "3. 本明细仅供个人对账使用"]
    if xlsx2026:
        notes = ["1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
                 "2. 若交易记录明细无有效内容，则代表该时间段内此微信号无交易。",
                 "3. 本明细仅供个人对账使用",
                 "4. 本账单中所有时间均为UTC+08:00时间"]
    return [
        "微信支付账单明细",
        f"微信昵称：[{meta['nickname']}]",
        f"起始时间：[{_ts(meta['period_start'])}] 终止时间：[{_ts(meta['period_end'])}]",
        "导出类型：[全部]",
        f"导出时间：[{_ts(meta['exported_at'])}]",
        "",
        f"共{len(records)}笔记录",
        f"收入：{len(income)}笔 {total(income)}元",
        f"支出：{len(spend)}笔 {total(spend)}元",
        f"中性交易：{len(neutral)}笔 {total(neutral)}元",
        "注：",
        *notes,
        "",
        "----------------------微信支付账单明细列表--------------------",
    ]


_WECHAT_HEADER = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式",
                  "当前状态", "交易单号", "商户单号", "备注"]


@renderer("wechat-csv")
def _wechat_csv(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    pad = "," * (len(_WECHAT_HEADER) - 1)
    pre = [line + pad for line in _wechat_preamble(records, meta, False)]
    body = _csv_text([_WECHAT_HEADER, *_wechat_rows(records, numeric=False)])
    path.write_text("\n".join(pre) + "\n" + body, encoding="utf-8")


def _wechat_xlsx(records: Sequence[SynthTxn], path: Path, meta: dict, layout2026: bool) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "微信支付账单明细"
    for line in _wechat_preamble(records, meta, layout2026):
        sheet.append([line or None])
    sheet.append(_WECHAT_HEADER)
    for row in _wechat_rows(records, numeric=layout2026):
        if layout2026:
            moment = dt.datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S")
            row[0] = (moment - dt.datetime(1899, 12, 30)).total_seconds() / 86400
        sheet.append(row)
    book.properties.creator = "walletwatch-synth"
    book.properties.created = meta["exported_at"]
    book.properties.modified = meta["exported_at"]
    save_workbook(book, path, meta["exported_at"])


def save_workbook(book, path: Path, when: dt.datetime) -> None:
    """Save an openpyxl workbook with fixed zip entry times and document dates, so the same
    content gives the same bytes (openpyxl stamps both with the current time)."""
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with now
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*",
                                 rb"\g<1>" + when.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                                 content)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)


@renderer("wechat-xlsx")
def _wechat_xlsx_2026(records, path, meta):
    _wechat_xlsx(records, path, meta, layout2026=True)


@renderer("wechat-xlsx-2025")
def _wechat_xlsx_2025(records, path, meta):
    _wechat_xlsx(records, path, meta, layout2026=False)


@renderer("alipay-app-2021")
def _alipay_app_2021(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    header = ["收/支", "交易对方", "对方账号", "商品说明", "收/付款方式", "金额", "交易状态",
              "交易分类", "交易订单号", "商家订单号", "交易时间"]
    widths = [22, 24, 24, 24, 26, 22, 24, 24, 15, 22, 20]
    direction = {"支出": "支出", "收入": "收入", "不计收支": "其他"}
    out = ["-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24,
           ",".join(_pad(h, w) for h, w in zip(header, widths, strict=True)) + ","]
    for r in records:
        cells = [direction[_alipay_direction(r)], r.counterparty, r.counterparty_account or "/",
                 _alipay_description(r),
                 "" if r.status in ("closed", "failed") else (r.method or "余额"),
                 _money(r.amount), _alipay_status(r), _alipay_category(r), r.txn_id + "\t",
                 (r.merchant_order_id or "") + "\t", _ts(r.time)]
        out.append(",".join(_pad(_csv_cell(c), w) for c, w in zip(cells, widths, strict=True)) + ",")
    out += ["-" * 84, "导出信息：", f"姓名：{meta['owner']}", f"支付宝账户：{meta['account']}",
            f"起始时间：[{_ts(meta['period_start'])}]    终止时间：[{_ts(meta['period_end'])}]",
            f"导出时间：[{_ts(meta['exported_at'])}]", f"共{len(records)}笔记录", "",
            "特别提示：", *_ALIPAY_NOTES]
    path.write_bytes(("\n".join(out) + "\n").encode("gb18030"))


def _web_funds(r: SynthTxn) -> str:
    """资金状态: whether money moved. An unpaid or failed order moved none."""
    if r.kind == "refund":
        return "已收入" if r.status in ("success", "refunded") else ""
    if r.status == "failed" or r.direction == "neutral":
        return ""
    return "已收入" if r.direction == "in" else "已支出"


def _web_direction(r: SynthTxn) -> str:
    """收/支 in the web export: the order's intended direction, even when it was never paid."""
    unpaid = r.status == "failed" or (r.status == "closed" and r.direction == "neutral")
    if unpaid and r.kind in ("payment", "transfer"):
        return "支出"
    return _alipay_direction(r).replace("不计收支", "")


@renderer("alipay-web")
def _alipay_web(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    header = ["交易号", "商家订单号", "交易创建时间", "付款时间", "最近修改时间", "交易来源地",
              "类型", "交易对方", "商品名称", "金额（元）", "收/支", "交易状态", "服务费（元）",
              "成功退款（元）", "备注", "资金状态"]
    widths = [24, 25, 26, 24, 26, 15, 18, 20, 24, 13, 10, 12, 15, 16, 22, 13]
    out = ["支付宝交易记录明细查询", f"账号:[{meta['account']}]",
           f"起始日期:[{_ts(meta['period_start'])}]    终止日期:[{_ts(meta['period_end'])}]",
           "-" * 33 + "交易记录明细列表" + "-" * 36,
           ",".join(_pad(h, w) for h, w in zip(header, widths, strict=True)) + ","]
    for r in records:
        refund = r.kind == "refund"
        paid = "" if refund or r.status in ("closed", "failed") else _ts(r.time)
        funds = _web_funds(r)
        cells = [r.txn_id + "\t", (r.merchant_order_id or "") + "\t", _ts(r.time) + " ",
                 paid, _ts(r.time), "支付宝网站", "即时到账交易", r.counterparty,
                 _alipay_description(r), _money(r.amount),
                 "" if refund else _web_direction(r),
                 _alipay_status(r), "0.00", "0.00", "", funds]
        out.append(",".join(_pad(_csv_cell(c), w) for c, w in zip(cells, widths, strict=True)) + ",")
    spend = [r for r in records if r.direction == "out"]
    income = [r for r in records if r.direction == "in"]
    out += ["-" * 84, f"共{len(records)}笔记录",
            f"已收入:{len(income)}笔,{_money(sum((r.amount for r in income), Decimal(0)))}元",
            "待收入:0笔,0.00元",
            f"已支出:{len(spend)}笔,{_money(sum((r.amount for r in spend), Decimal(0)))}元",
            "待支出:0笔,0.00元",
            f"导出时间:[{_ts(meta['exported_at'])}]    用户:{meta['owner']}"]
    path.write_bytes(("\n".join(out) + "\n").encode("gb18030"))


from walletwatch.synth import render_more  # noqa: E402,F401  (registers the other layouts)
