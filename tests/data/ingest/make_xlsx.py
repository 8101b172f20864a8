"""Build the hand-made WeChat Pay XLSX test files (run from anywhere; output next to this file).

    python tests/data/ingest/make_xlsx.py

* ``wechat/wechat_2025.xlsx``: the 2025 layout, one sheet, 16 preamble rows, header on row 17,
  amounts as text ``¥12.30``, times as text.
* ``wechat/wechat_2026.xlsx``: the 2026 layout on the *second* sheet ("Sheet1"): 17 preamble
  rows (4th note line), header on row 18, numeric amounts with binary-float noise, times as
  Excel date serials, as real datetimes and as text. The first sheet is a Power Query copy
  that Excel adds when the bill is re-opened (``Column1 …`` first row, a stale single row),
  so detection must pick the sheet that looks like the original export.

The document properties are pinned; the zip entries still carry the build time, so the
bytes differ between runs while the cell contents do not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from walletwatch.synth.render import save_workbook

HERE = Path(__file__).parent / "wechat"
HEADER = ("交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态",
          "交易单号", "商户单号", "备注")
PINNED = dt.datetime(2026, 3, 1, 12, 0, 0)


def preamble(start: str, end: str, count: int, notes_2026: bool) -> list[tuple]:
    note2 = ("2. 若交易记录明细无有效内容，则代表该时间段内此微信号无交易。" if notes_2026
             else "2. 本明细仅展示当前账单中的交易，不包括已删除的记录")
    rows = [
        ("微信支付账单明细",), ("微信昵称：[小林]",), (f"起始时间：[{start}] 终止时间：[{end}]",),
        ("导出类型：[全部]",), ("导出时间：[2026-04-01 08:00:00]",), (None,), (f"共{count}笔记录",),
        ("收入：1笔 66.00元",), ("支出：3笔 560.88元",), ("中性交易：1笔 100.10元",), ("注：",),
        ("1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",), (note2,),
        ("3. 本明细仅供个人对账使用",),
    ]
    if notes_2026:
        rows.append(("4. 本账单中所有时间均为UTC+08:00时间",))
    rows += [(None,), ("----------------------微信支付账单明细列表--------------------",)]
    return rows


def serial(text: str) -> float:
    """Excel's date serial (days since 1899-12-30) of a wall-clock time."""
    moment = dt.datetime.fromisoformat(text)
    return (moment - dt.datetime(1899, 12, 30)).total_seconds() / 86400


def save(book: openpyxl.Workbook, path: Path) -> None:
    book.properties.created = PINNED
    save_workbook(book, path, PINNED)  # fixed zip times: the same content, the same bytes


def make_2025() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in preamble("2025-08-01 00:00:00", "2025-08-31 23:59:59", 5, notes_2026=False):
        sheet.append(row)
    sheet.append(HEADER)
    sheet.append(("2025-08-30 20:01:02", "商户消费", "盒马鲜生", "水果", "支出", "¥48.30",
                  "零钱", "已退款(¥8.30)", "4200002501202508302001020001\t", "HM2508300001\t", "/"))
    sheet.append(("2025-08-31 09:00:00", "退款", "盒马鲜生", "/", "收入", "￥8.30", "零钱",
                  "已退款(¥8.30)", "50300201202508310900000001\t", "HM2508300001\t", "/"))
    sheet.append(("2025-08-20 18:00:00", "转账", "阿杰", "转账备注:饭钱", "收入", "¥66.00", "/",
                  "已收钱", "1000050001202508201800000001 ", "/", "/"))
    sheet.append(("2025-08-12 10:10:10", "零钱提现", "建设银行(8888)", "/", "/", "¥100.10",
                  "建设银行(8888)", "提现已到账", "207250812100077140000000001\t", "/\t",
                  "服务费¥0.10"))
    sheet.append(("2025-08-05 12:30:00", "商户消费", "肯德基", "\"疯狂星期四\"套餐", "支出",
                  "¥1,204.50", "招商银行(4321)", "支付成功", "4200002501202508051230000001\t",
                  "KFC0001\t", "/"))
    save(book, HERE / "wechat_2025.xlsx")


def make_2026() -> None:
    book = openpyxl.Workbook()
    query = book.active
    query.title = "微信支付账单"
    query.append([f"Column{i}" for i in range(1, 12)])
    for row in preamble("2026-03-01 00:00:00", "2026-03-31 23:59:59", 1, notes_2026=True):
        query.append(row)
    query.append(HEADER)
    query.append(("2026-03-31 23:00:00", "商户消费", "旧数据", "/", "支出", "¥1.00", "零钱",
                  "支付成功", "1\t", "1\t", "/"))
    bill = book.create_sheet("Sheet1")
    for row in preamble("2026-03-01 00:00:00", "2026-03-31 23:59:59", 6, notes_2026=True):
        bill.append(row)
    bill.append(HEADER)
    rows = [
        (serial("2026-03-28 23:09:56"), "商户消费", "美团", "外卖订单", "支出", 548.58000000000004,
         "零钱通", "支付成功", "4200002601202603282309560001\t", "MT2603280001\t", "/"),
        (serial("2026-03-20 08:15:00"), "扫二维码付款", "早餐铺", "/", "支出", 0.1 + 0.2,
         "零钱", "已转账", "1000050001202603200815000001\t", "/", "/"),
        (dt.datetime(2026, 3, 18, 19, 45, 30), "微信红包", "老同学", "/", "收入", 0.1 + 0.7,
         "/", "已存入零钱", "1000039901202603181945300001\t", "/", "/"),
        ("2026-03-15 14:00:00", "零钱提现", "工商银行(1111)", "/", "/", 100.1,
         "工商银行(1111)", "提现失败，已退回零钱", "207260315100077140000000001\t", "/\t", "/"),
        (serial("2026-03-10 10:00:00"), "转账", "房东", "转账备注:三月房租", "支出", 3200,
         "零钱通", "对方已退还", "1000050001202603101000000001\t", "/", "/"),
        (serial("2026-03-02 07:07:07"), "亲属卡交易", "妈妈", "亲属卡", "支出", 12,
         "零钱", "已全额退款", "4200002601202603020707070001\t", "XSFF-2603020001\t", "/"),
        (serial("2026-03-03 07:07:07"), "亲属卡交易-退款", "妈妈", "/", "收入", 12,
         "零钱", "已全额退款", "4200002601202603020707070001\t", "XSFF-2603020001\t", "/"),
    ]
    for row in rows:
        bill.append(row)
    for cell in bill["F"][18:]:
        cell.number_format = "\\¥#,##0.00"
    save(book, HERE / "wechat_2026.xlsx")


if __name__ == "__main__":
    make_2025()
    make_2026()
