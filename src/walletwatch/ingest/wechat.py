"""WeChat Pay 微信支付 bill 微信支付账单明细: the CSV and the XLSX exports (formats.md §2).

* CSV (until mid-2025): UTF-8 (BOM optional), 16 preamble lines padded with commas, header
  ``交易时间,交易类型,…,备注``; amounts ``¥28.16`` (also ``￥``, one decimal, thousands
  separators); unquoted cells may hold bare double quotes; ids end with a tab or spaces.
* XLSX 2025: the same rows in a worksheet. XLSX 2026: one more note line (header on row 18),
  numeric amounts with float noise, times as text or as Excel date serials.

Refunds: WeChat rewrites the original's 当前状态 to ``已全额退款`` / ``已退款(¥X)`` and lists
the refund as its own 收入 row whose 交易类型 ends in ``退款``; the two share an order id.
Order ids repeat across rows, so rows are never deduplicated by id.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from walletwatch.ingest.convert import excel_serial_times, map_statuses, parse_amounts
from walletwatch.ingest.layout import Layout, LayoutImporter
from walletwatch.ingest.refund_links import link_refunds
from walletwatch.ingest.sheets import SheetLayoutImporter

STATUSES = {
    "支付成功": "success",
    "已转账": "success",
    "对方已收钱": "success",
    "朋友已收钱": "success",
    "已收钱": "success",
    "已存入零钱": "success",
    "已到账": "success",
    "充值完成": "success",
    "充值成功": "success",
    "提现已到账": "success",
    "已全额退款": "refunded",
    "对方已退还": "closed",
    "已退还": "closed",
}
REFUNDED_PREFIX = "已退款"  # 已退款(¥12.00), 已退款￥0.11: X is the cumulative refund
DIRECTIONS = {"收入": "in", "支出": "out", "/": "neutral", "": "neutral"}
# Tried in order on "<交易类型> | <商品>".
KIND_RULES = (
    (r"^[^|]*退款", "refund"),
    (r"^[^|]*充值", "topup"),
    (r"^[^|]*提现", "withdrawal"),
    (r"^[^|]*还款", "repayment"),
    (r"^[^|]*红包", "red_packet"),
    (r"^[^|]*(?:转账|群收款|二维码收款|赞赏码)", "transfer"),
    (r"^[^|]*(?:服务费|手续费)", "fee"),
    (r"^[^|]*(?:零钱通|理财通)", "other"),
)
FEE = r"(?:服务费|手续费)\s*[¥￥]?\s*(\d[\d,]*(?:\.\d+)?)"

CSV = Layout(
    name="wechat-csv",
    title="WeChat Pay 微信支付账单明细 CSV",
    header=("交易时间", "交易类型", "收/支", "金额(元)", "当前状态"),
    first_column="交易时间",
    markers=("微信支付账单明细", "微信昵称"),
    columns={
        "time": ("交易时间",),
        "category": ("交易类型",),
        "counterparty": ("交易对方",),
        "description": ("商品",),
        "direction": ("收/支",),
        "amount": ("金额(元)",),
        "method": ("支付方式",),
        "status": ("当前状态",),
        "txn_id": ("交易单号",),
        "merchant_order_id": ("商户单号",),
    },
    helpers={"fee_note": ("备注",)},  # a withdrawal's 服务费 is written in the note
    known_columns=("备注",),
    tz="Asia/Shanghai",
    currency="CNY",
    statuses=STATUSES,
    directions=DIRECTIONS,
    kind_from=("category", "description"),
    kind_rules=KIND_RULES,
    multiline_cells=False,  # Chinese exports never break a cell over lines
)
XLSX = replace(
    CSV,
    name="wechat-xlsx",
    title="WeChat Pay 微信支付账单明细 XLSX (2025 text amounts, 2026 numeric)",
    recognised_by="worksheet row with 交易时间, 交易类型, 收/支, 金额(元), 当前状态; "
    "rows above with 微信支付账单明细 / 微信昵称",
)


class WechatImporter(LayoutImporter):
    def statuses(self, values: pd.Series) -> tuple[pd.Series, list[str]]:
        table = dict(self.layout.statuses)
        table.update({v: "refunded" for v in pd.unique(values)
                      if str(v).startswith(REFUNDED_PREFIX)})
        return map_statuses(values, table)

    def derive(self, out: pd.DataFrame, cells: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
        out = self._fees(out, cells)
        kind = cells[columns["category"]] if "category" in columns else None
        is_refund = np.zeros(len(out), dtype=bool)
        if kind is not None:
            is_refund = (kind.str.endswith("退款").to_numpy()
                         & out["direction"].ne("out").to_numpy())
        return link_refunds(out, is_refund, keys=("txn_id", "merchant_order_id"))

    def _fees(self, out: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
        note = self.helper(cells, "fee_note")
        if note is None:
            return out
        found = cells[note].str.extract(FEE)[0]
        has_fee = found.notna().to_numpy()
        if not has_fee.any():
            return out
        minor, _negative, ok, _rounded = parse_amounts(found.fillna("0"))
        fee = pd.Series(pd.NA, index=out.index, dtype="Int64")
        fee[has_fee & ok] = minor[has_fee & ok]
        out["fee"] = fee
        return out


class WechatXlsxImporter(SheetLayoutImporter, WechatImporter):
    """The worksheet variant: times may be Excel date serials (days since 1899-12-30)."""

    title_cell = "微信支付账单明细"

    def times(self, values: pd.Series, tz: str) -> tuple[pd.Series, np.ndarray]:
        times, ok = super().times(values, tz)
        numbers = pd.to_numeric(values.where(~ok), errors="coerce")
        # Excel serials of years 1900-9999 only: anything else stays a bad-time rejection.
        serial = (~ok & numbers.between(1, 2958465)).to_numpy()
        if serial.any():
            converted, serial_ok = excel_serial_times(values[serial], tz)
            times = times.copy()
            times[serial] = converted
            ok = ok.copy()
            ok[serial] = serial_ok
        return times, ok


IMPORTERS = (WechatImporter(CSV), WechatXlsxImporter(XLSX))
