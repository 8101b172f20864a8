"""JD 京东交易流水 (京东支付 / 白条 / 钱包) export (formats.md §5).

UTF-8 with BOM, ~21 preamble lines (导出信息：, 京东账号名：, 申请时间：, 日期区间：… 至 …, counts,
特别提示 and eight notes), header ``交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,
交易分类,交易订单号,商家订单号,备注``; the time cell itself ends in a tab; rows end in an extra
empty cell. A payment later refunded carries the refund inside its amount:
``131.77(已退款89.84)`` or ``468.32(已全额退款)``; the amount kept is the gross one (what left
the account), the status becomes ``refunded`` (the raw 交易状态 stays verbatim). The refunds
themselves are 退款成功 rows titled ``退款-<item>``. 0.00 rows (先享后付) are real records.
The minimal layout of ezbookkeeping's tests (8 or 7 columns, 4-line preamble) is the same
importer.
"""

from __future__ import annotations

import pandas as pd

from walletwatch.ingest.layout import Layout, LayoutImporter
from walletwatch.ingest.refund_links import link_refunds, normalise_title

STATUSES = {
    "交易成功": "success",
    "支付成功": "success",
    "还款成功": "success",
    "充值成功": "success",
    "提现成功": "success",
    "退款成功": "refunded",
    "交易关闭": "closed",
    "已关闭": "closed",
    "已取消": "closed",
}
DIRECTIONS = {"支出": "out", "收入": "in", "不计收支": "neutral", "": "neutral"}
# Tried in order on "<交易说明> | <交易分类>".
KIND_RULES = (
    (r"^退款-", "refund"),
    (r"充值", "topup"),
    (r"提现", "withdrawal"),
    (r"还款", "repayment"),
    (r"红包", "red_packet"),
    (r"转账", "transfer"),
    (r"服务费|手续费", "fee"),
    (r"小金库|理财|基金", "other"),
)
# 131.77(已退款89.84) / 468.32(已全额退款), ASCII or full-width parentheses.
ANNOTATED = r"^(?P<gross>[^(（]+?)\s*[(（](?P<note>已全额退款|已退款\s*[¥￥]?[\d.,]+)[)）]$"
NOTE_COLUMN = "__refund_note__"

LAYOUT = Layout(
    name="jd",
    title="JD 京东交易流水 (京东支付 transaction export)",
    header=("交易时间", "商户名称", "交易说明", "金额", "收/付款方式", "交易状态", "收/支"),
    first_column="交易时间",
    markers=("京东账号名", "京东"),
    columns={
        "time": ("交易时间",),
        "counterparty": ("商户名称",),
        "description": ("交易说明",),
        "amount": ("金额",),
        "method": ("收/付款方式",),
        "status": ("交易状态",),
        "direction": ("收/支",),
        "category": ("交易分类",),
        "txn_id": ("交易订单号",),
        "merchant_order_id": ("商家订单号",),
    },
    known_columns=("备注",),
    tz="Asia/Shanghai",
    currency="CNY",
    statuses=STATUSES,
    directions=DIRECTIONS,
    kind_from=("description", "category"),
    kind_rules=KIND_RULES,
    multiline_cells=False,  # Chinese exports never break a cell over lines
)


class JdImporter(LayoutImporter):
    def prepare(self, cells: pd.DataFrame) -> pd.DataFrame:
        """Split ``131.77(已退款89.84)`` into the gross amount and the refund note."""
        amount = next((c for c in self.layout.columns["amount"] if c in cells.columns), None)
        if amount is None:
            return cells
        parts = cells[amount].astype(str).str.extract(ANNOTATED)
        annotated = parts["gross"].notna()
        cells = cells.copy()
        cells[NOTE_COLUMN] = parts["note"].fillna("")
        cells.loc[annotated, amount] = parts.loc[annotated, "gross"]
        return cells

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        noted = (cells[NOTE_COLUMN] != "").to_numpy() if NOTE_COLUMN in cells else None
        if noted is not None and noted.any():
            # Refunded later, in full or in part: say so, keep the raw 交易状态 verbatim.
            settled = noted & out["status"].eq("success").to_numpy()
            out.loc[settled, "status"] = "refunded"
        description = out["description"].astype(str)
        is_refund = (out["raw_status"].eq("退款成功") | description.str.startswith("退款-"))
        is_refund &= out["direction"].ne("out")
        titles = description.map(lambda text: normalise_title(text, "退款-"))
        # Without an order-id column (the minimal layout) the title alone pairs them.
        keys = tuple(k for k in ("txn_id", "merchant_order_id") if k in columns)
        return link_refunds(out, is_refund.to_numpy(), keys=keys, titles=titles)


IMPORTERS = (JdImporter(LAYOUT),)
