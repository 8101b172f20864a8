"""Meituan 美团账单 (美团交易账单明细: 美团支付 / 美团月付) export (formats.md §5).

UTF-8 with BOM, CRLF or LF, ~19 preamble lines whose blank separators are written as ``""``,
a 【美团交易账单明细列表】 banner, then the header ``交易创建时间,交易成功时间,交易类型,订单标题,
收/支,支付方式,订单金额,实付金额,交易单号,商家单号,备注``. Ids are quoted with the tab inside
the quotes. 订单金额 is the list price; 实付金额 is what actually left (or reached) the account,
so it is the amount kept. There is no status column: a row with a 交易成功时间 succeeded; one
without it is reported as ``unknown`` rather than guessed. A statement row's ``time`` is when
the money moved: 交易成功时间, or 交易创建时间 for a row that never succeeded (unpaid, pending);
the creation time is kept as ``created_time``. Refunds are 退款 rows with the same 订单标题 as
the payment.
"""

from __future__ import annotations

import pandas as pd

from walletwatch.ingest.base import Notice, ParseOptions, Parsed, Sample
from walletwatch.ingest.convert import parse_times
from walletwatch.ingest.layout import Layout, LayoutImporter
from walletwatch.ingest.refund_links import link_refunds, normalise_title
from walletwatch.ingest.table import Table

DIRECTIONS = {"支出": "out", "收入": "in", "不计收支": "neutral", "": "neutral"}
# Tried in order on "<交易类型> | <订单标题>".
KIND_RULES = (
    (r"^[^|]*退款", "refund"),
    (r"^[^|]*充值", "topup"),
    (r"^[^|]*提现", "withdrawal"),
    (r"还款", "repayment"),  # 【美团月付】主动还款… is a 支付 row titled as a repayment
    (r"^[^|]*转账", "transfer"),
    (r"^[^|]*(?:服务费|手续费)", "fee"),
)
SUCCESS_TIME = "交易成功时间"
CREATED_TIME = "交易创建时间"
_TITLE_NOISE = r"\s*订单详情$|-\d{6,}$"  # " 订单详情" suffix, per-order coupon numbers

LAYOUT = Layout(
    name="meituan",
    title="Meituan 美团账单 (美团交易账单明细)",
    header=("交易创建时间", "交易成功时间", "订单标题", "收/支", "实付金额"),
    first_column="交易创建时间",
    markers=("美团交易账单明细", "美团用户名"),
    columns={
        "time": ("__time__",),
        "category": ("交易类型",),
        "description": ("订单标题",),
        "direction": ("收/支",),
        "method": ("支付方式",),
        "amount": ("实付金额",),
        "txn_id": ("交易单号",),
        "merchant_order_id": ("商家单号",),
    },
    known_columns=(SUCCESS_TIME, CREATED_TIME, "订单金额", "备注"),
    tz="Asia/Shanghai",
    currency="CNY",
    directions=DIRECTIONS,
    kind_from=("category", "description"),
    kind_rules=KIND_RULES,
    multiline_cells=False,  # Chinese exports never break a cell over lines
)


class MeituanImporter(LayoutImporter):
    unhashed = ("__time__",)

    def resolve(self, header: list[str]) -> dict[str, str]:
        return super().resolve([*header, "__time__"])

    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        blank = pd.Series("", index=cells.index)
        success = cells.get(SUCCESS_TIME, blank)
        return cells.assign(__time__=success.where(success != "", cells.get(CREATED_TIME, blank)))

    def normalise(self, table: Table, sample: Sample, options: ParseOptions) -> Parsed:
        parsed = super().normalise(table, sample, options)
        unsettled = parsed.frame["status"].eq("unknown")
        if unsettled.any():
            parsed.notices.append(Notice(
                "unknown-status",
                f"{int(unsettled.sum())} rows have no {SUCCESS_TIME}; status mapped to 'unknown'",
                value="",
            ))
        return parsed

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        # The bill has no payee column; the order title names the shop ("满记甜品（…店） 订单详情",
        # "美团商家代金券-2898…"), which is what "a payee never seen before" must compare.
        out["counterparty"] = out["description"].astype(str).str.replace(
            _TITLE_NOISE, "", regex=True).str.strip()
        if SUCCESS_TIME in cells.columns:
            out.loc[(cells[SUCCESS_TIME] == "").to_numpy(), "status"] = "unknown"
        created = cells.get(CREATED_TIME, pd.Series("", index=cells.index))
        times, ok = parse_times(created, self.layout.time_formats, str(out["tz"].iat[0]) if len(out)
                                else self.layout.tz)
        out["created_time"] = times.where(ok).to_numpy()
        is_refund = (out["kind"].eq("refund") & out["direction"].ne("out")).to_numpy()
        titles = out["description"].astype(str).map(normalise_title)
        return link_refunds(out, is_refund, titles=titles)


IMPORTERS = (MeituanImporter(LAYOUT),)
