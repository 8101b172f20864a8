"""Renderers for JD, Meituan and the non-Chinese wallets (see render.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from walletwatch.synth.records import SynthTxn
from walletwatch.synth.renderers import _csv_text, _money, _ts, renderer

_EN_STATUS = {"success": "Completed", "pending": "Pending", "failed": "Denied",
              "refunded": "Refunded", "closed": "Canceled"}


@renderer("jd")
def _jd(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    direction = {"out": "支出", "in": "收入", "neutral": "不计收支"}
    status = {"success": "交易成功", "pending": "处理中", "failed": "交易失败",
              "refunded": "退款成功", "closed": "交易关闭"}
    out = _jd_preamble(records, meta)
    rows = [["交易时间", "商户名称", "交易说明", "金额", "收/付款方式", "交易状态", "收/支",
             "交易分类", "交易订单号", "商家订单号", "备注"]]
    for r in records:
        rows.append([_ts(r.time) + "\t", r.counterparty, r.description or r.counterparty,
                     _money(r.amount), r.method or "钱包余额", status[r.status],
                     direction[r.direction], r.category or "网购", r.txn_id + "\t",
                     (r.merchant_order_id or r.txn_id) + "\t", ""])
    text = "\n".join(out) + "\n" + _csv_text(rows)
    path.write_text(text, encoding="utf-8-sig")


def _jd_preamble(records: Sequence[SynthTxn], meta: dict) -> list[str]:
    spend = [r for r in records if r.direction == "out"]
    return ["导出信息：", "京东账号名：jd_walletowner",
            f"申请时间：{_ts(meta['exported_at'])}",
            f"日期区间：{meta['period_start']:%Y-%m-%d} 至 {meta['period_end']:%Y-%m-%d}",
            "导出交易类型：全部", "导出交易场景：全部", f"共：{len(records)}笔记录",
            f"支出：{len(spend)}笔，{_money(sum((r.amount for r in spend), Decimal(0)))}元",
            "", "特别提示", "1.本明细为每笔订单支付的明细，不包括已删除的记录；", ""]


@renderer("meituan")
def _meituan(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    direction = {"out": "支出", "in": "收入", "neutral": "不计收支"}
    kind = {"refund": "退款", "payment": "支付"}
    out = ["美团交易账单明细", "美团用户名：[walletowner]",
           f"起始时间：[{meta['period_start']:%Y-%m-%d}] 终止时间：[{meta['period_end']:%Y-%m-%d}]",
           "导出交易类型：[全部]", f"导出时间：[{_ts(meta['exported_at'])}]", '""',
           f"共：{len(records)}笔记录", '""', "特别提示：", "1. 本明细仅供个人对账使用", '""',
           "【美团交易账单明细列表】"]
    rows = [["交易创建时间", "交易成功时间", "交易类型", "订单标题", "收/支", "支付方式",
             "订单金额", "实付金额", "交易单号", "商家单号", "备注"]]
    for r in records:
        done = _ts(r.time + dt.timedelta(seconds=6)) if r.status == "success" else ""
        rows.append([_ts(r.time), done, kind.get(r.kind, "支付"), r.counterparty,
                     direction[r.direction], r.method or "美团月付", f"¥{_money(r.amount)}",
                     f"¥{_money(r.amount)}", r.txn_id + "\t", (r.merchant_order_id or "") + "\t",
                     ""])
    text = "\r\n".join(out) + "\r\n" + _csv_text(rows, lineterminator="\r\n")
    path.write_text(text, encoding="utf-8-sig", newline="")


def _signed(r: SynthTxn, places: int = 2) -> str:
    sign = "-" if r.direction == "out" else ""
    return f"{sign}{_money(r.amount, places)}"


@renderer("paypal")
def _paypal(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    rows = [["Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee",
             "Net", "From Email Address", "To Email Address", "Transaction ID",
             "Reference Txn ID", "Item Title", "Balance Impact"]]
    types = {"payment": "Express Checkout Payment", "refund": "Payment Refund",
             "topup": "Bank Deposit to PP Account ", "withdrawal": "General Withdrawal",
             "transfer": "General Payment"}
    for r in records:
        fee = -r.fee if r.fee else Decimal(0)
        gross = Decimal(_signed(r))
        rows.append([f"{r.time.month}/{r.time.day}/{r.time.year}", r.time.strftime("%H:%M:%S"),
                     "PST" if r.time.month in (1, 2, 11, 12) else "PDT", r.counterparty,
                     types.get(r.kind, "General Payment"), _EN_STATUS[r.status], r.currency,
                     f"{gross:,.2f}", f"{fee:,.2f}", f"{gross + fee:,.2f}", "owner@example.com",
                     r.counterparty_account, r.txn_id, r.refund_of, r.description,
                     "Debit" if r.direction == "out" else "Credit"])
    import csv

    path.write_text(_csv_text(rows, quoting=csv.QUOTE_ALL), encoding="utf-8-sig")


@renderer("revolut")
def _revolut(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    types = {"payment": "Card Payment", "refund": "Card Refund", "topup": "Topup",
             "withdrawal": "Atm", "transfer": "Transfer", "fee": "Fee"}
    state = {"success": "COMPLETED", "pending": "PENDING", "failed": "DECLINED",
             "refunded": "COMPLETED", "closed": "REVERTED"}
    rows = [["Type", "Product", "Started Date", "Completed Date", "Description", "Amount", "Fee",
             "Currency", "State", "Balance"]]
    for r in sorted(records, key=lambda r: (r.time, r.txn_id)):
        done = r.status in ("success", "refunded")
        rows.append([types.get(r.kind, "Card Payment"), "Current", _ts(r.time),
                     _ts(r.time + dt.timedelta(minutes=1)) if done else "", r.counterparty,
                     _signed(r), _money(r.fee), r.currency, state[r.status], ""])
    path.write_text(_csv_text(rows), encoding="utf-8")


@renderer("wise")
def _wise(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    rows = [["ID", "Status", "Direction", "Created on", "Finished on", "Source fee amount",
             "Source fee currency", "Target fee amount", "Target fee currency", "Source name",
             "Source amount (after fees)", "Source currency", "Target name",
             "Target amount (after fees)", "Target currency", "Exchange rate", "Reference",
             "Batch", "Created by", "Category", "Note"]]
    status = {"success": "COMPLETED", "pending": "PROCESSING", "failed": "FAILED",
              "refunded": "REFUNDED", "closed": "CANCELLED"}
    for r in records:
        amount = _money(r.amount)
        rows.append([r.txn_id, status[r.status], r.direction.upper(), _ts(r.time),
                     _ts(r.time) if r.status == "success" else "", _money(r.fee), r.currency,
                     "", "", "Wallet Owner", amount, r.currency, r.counterparty, amount,
                     r.currency, "1", r.description, "", "Wallet Owner", r.category, ""])
    path.write_text(_csv_text(rows), encoding="utf-8")


@renderer("monzo")
def _monzo(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    rows = [["Transaction ID", "Date", "Time", "Type", "Name", "Emoji", "Category", "Amount",
             "Currency", "Local amount", "Local currency", "Notes and #tags", "Address",
             "Receipt", "Description", "Category split", "Money Out", "Money In"]]
    for r in sorted(records, key=lambda r: (r.time, r.txn_id)):
        if r.status not in ("success", "refunded"):
            continue  # Monzo exports only settled movements
        signed = _signed(r)
        rows.append([r.txn_id, r.time.strftime("%d/%m/%Y"), r.time.strftime("%H:%M:%S"),
                     "Card payment", r.counterparty, "", r.category or "Shopping", signed,
                     r.currency, signed, r.currency, "", "", "", r.description, "",
                     signed if r.direction == "out" else "",
                     signed if r.direction != "out" else ""])
    path.write_text(_csv_text(rows), encoding="utf-8")


@renderer("venmo")
def _venmo(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    width = 22
    blank = [""] * width
    rows = [["Account Statement - (@wallet-owner) ", *blank[1:]], ["Account Activity", *blank[1:]],
            ["", "ID", "Datetime", "Type", "Status", "Note", "From", "To", "Amount (total)",
             "Amount (tip)", "Amount (tax)", "Amount (fee)", "Tax Rate", "Tax Exempt",
             "Funding Source", "Destination", "Beginning Balance", "Ending Balance",
             "Statement Period Venmo Fees", "Terminal Location", "Year to Date Venmo Fees",
             "Disclaimer"],
            [*blank[:16], "$0.00", *blank[17:]]]
    status = {"success": "Complete", "pending": "Pending", "failed": "Failed",
              "refunded": "Complete", "closed": "Canceled"}
    for r in sorted(records, key=lambda r: (r.time, r.txn_id)):
        sign = "-" if r.direction == "out" else "+"
        mine, theirs = "Wallet Owner", r.counterparty
        rows.append(["", r.txn_id, r.time.strftime("%Y-%m-%dT%H:%M:%S"),
                     "Payment" if r.kind != "refund" else "Refund", status[r.status],
                     r.description, mine if sign == "-" else theirs,
                     theirs if sign == "-" else mine, f"{sign} ${r.amount:,.2f}", "", "0", "",
                     "0", "", r.method or "Venmo balance", "", "", "", "", "Venmo", "", ""])
    rows.append([*blank[:17], "$0.00", "$0.00", "", "$0.00",
                 "In case of errors or questions about your electronic transfers:\n"
                 "This is a multi-line disclaimer."])
    path.write_text(_csv_text(rows), encoding="utf-8")


@renderer("cashapp")
def _cashapp(records: Sequence[SynthTxn], path: Path, meta: dict) -> None:
    rows = [["Transaction ID", "Date", "Transaction Type", "Currency", "Amount", "Fee",
             "Net Amount", "Asset Type", "Asset Price", "Asset Amount", "Status", "Notes",
             "Name of sender/receiver", "Account"]]
    status = {"success": "CARD CHARGED", "pending": "PENDING", "failed": "CARD DECLINED",
              "refunded": "CARD REFUNDED", "closed": "PAYMENT CANCELED"}
    for r in records:
        sign = "-" if r.direction == "out" else ""
        zone = "EST" if r.time.month in (1, 2, 3, 11, 12) else "EDT"
        rows.append([r.txn_id, f"{_ts(r.time)} {zone}", "Cash Card Debit", r.currency,
                     f"{sign}${_money(r.amount)}", "$0", f"{sign}${_money(r.amount)}", "", "",
                     "", status[r.status], r.description, r.counterparty, "Visa Debit 0987"])
    import csv

    path.write_text(_csv_text(rows, quoting=csv.QUOTE_ALL), encoding="utf-8")
