"""Alipay 支付宝: the three export layouts (formats.md §1).

All are GBK/GB18030 without BOM; amounts are unsigned and the sign comes from 收/支; refunds
are separate rows whose id is ``<original>_<suffix>``; a web or app export may end in a
footer block that starts with a line of dashes.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from walletwatch.ingest.layout import Layout, LayoutImporter, link_refunds_by_prefix

STATUSES = {
    "交易成功": "success",
    "支付成功": "success",
    "还款成功": "success",
    "解冻成功": "success",
    "充值成功": "success",
    "提现成功": "success",
    "交易关闭": "closed",
    "退款成功": "refunded",
    "退税成功": "refunded",
}
DIRECTIONS = {"支出": "out", "收入": "in", "不计收支": "neutral", "其他": "neutral", "": "neutral"}
# Tried in order on "<交易分类> | <商品说明>" (app) or "<类型> | <商品名称>" (web).
KIND_RULES = (
    (r"退款|退税", "refund"),
    (r"(?:^|\| )充值-|余额充值", "topup"),
    (r"提现", "withdrawal"),
    (r"还款|信用借还", "repayment"),
    (r"\|[^|]*红包", "red_packet"),
    (r"转账|亲友代付|收钱码", "transfer"),
    (r"服务费|手续费", "fee"),
    (r"余额宝|理财|基金|买入|卖出|收益发放|投资", "other"),
)
TZ = "Asia/Shanghai"


def _dashes(line: str) -> bool:
    return line.strip().strip(",").startswith("-----")


class AlipayImporter(LayoutImporter):
    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        return link_refunds_by_prefix(out)


APP = Layout(
    name="alipay-app",
    title="Alipay 支付宝 app export 交易明细 (2023+)",
    header=("交易时间", "收/支", "金额", "交易状态"),
    first_column="交易时间",
    markers=("支付宝", "电子客户回单"),
    columns={
        "time": ("交易时间",),
        "category": ("交易分类",),
        "counterparty": ("交易对方",),
        "counterparty_account": ("对方账号",),
        "description": ("商品说明",),
        "direction": ("收/支",),
        "amount": ("金额",),
        "method": ("收/付款方式",),
        "status": ("交易状态",),
        "txn_id": ("交易订单号",),
        "merchant_order_id": ("商家订单号",),
    },
    known_columns=("备注",),
    tz=TZ,
    currency="CNY",
    statuses=STATUSES,
    directions=DIRECTIONS,
    kind_from=("category", "description"),
    kind_rules=KIND_RULES,
    footer=_dashes,
    multiline_cells=False,  # Chinese exports never break a cell over lines
)

# The older layouts share APP's vocabularies; only their names and columns differ.
APP_2021 = replace(
    APP,
    name="alipay-app-2021",
    title="Alipay 支付宝 app export 电子客户回单 (2021–2022, footer block)",
    header=("收/支", "金额", "交易状态", "交易时间"),
    first_column="收/支",
)

WEB = replace(
    APP,
    name="alipay-web",
    title="Alipay 支付宝 PC web export 交易记录明细查询 (old, 16 columns)",
    header=("交易创建时间", "金额（元）", "交易状态"),
    first_column=None,
    markers=("支付宝交易记录明细查询",),
    columns={
        "txn_id": ("交易号",),
        "merchant_order_id": ("商家订单号",),
        "time": ("交易创建时间",),
        "category": ("类型",),
        "counterparty": ("交易对方",),
        "description": ("商品名称",),
        "amount": ("金额（元）",),
        "direction": ("收/支",),
        "status": ("交易状态",),
        "fee": ("服务费（元）",),
    },
    helpers={"funds": ("资金状态",)},
    known_columns=("付款时间", "最近修改时间", "交易来源地", "成功退款（元）", "备注", "资金状态"),
)


class AlipayWebImporter(AlipayImporter):
    """In the web export 资金状态 says whether money moved (formats.md §1a).

    收/支 is blank on refund rows: 资金状态 gives their direction. A closed or failed order
    keeps 收/支 ``支出`` even when it was never paid; an empty 资金状态 there means no money
    moved, so the row is neutral (only ``已支出`` proves a debit).
    """

    def derive(self, out, cells, columns):
        column = self.helper(cells, "funds")
        if column is not None:
            funds = cells[column].astype(str).str.strip()
            side = columns.get("direction")
            blank = out["direction"].eq("neutral") & (cells[side] == "" if side else True)
            out.loc[blank & funds.eq("已收入"), "direction"] = "in"
            out.loc[blank & funds.eq("已支出"), "direction"] = "out"
            unpaid = out["status"].isin(["closed", "failed"]) & funds.eq("")
            out.loc[unpaid & out["direction"].eq("out"), "direction"] = "neutral"
        return link_refunds_by_prefix(out)


IMPORTERS = (AlipayImporter(APP), AlipayImporter(APP_2021), AlipayWebImporter(WEB))
