"""Ingest speed and memory on a large Alipay-layout GBK export, next to plain pandas.

    python benchmarks/ingest.py [--rows 1000000] [--keep]

Generates an Alipay app export (GBK, 24-line preamble, space-padded cells, tab-suffixed ids)
with ``--rows`` records under benchmarks/out/, then, each in a fresh subprocess so peak memory
is measured separately, times:

* ``pandas.read_csv`` of the same file (header row found, every column as text), and
* ``walletwatch.load`` (detection, hashing, full normalisation and row accounting).

Targets (issue 2): load time <= 1.5x the pandas read, peak memory <= 4x the file size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

PREAMBLE = """------------------------------------------------------------------------------------
导出信息：
姓名：张*
支付宝账户：138******88
起始时间：[2020-01-01 00:00:00]    终止时间：[2026-10-31 23:59:59]
导出交易类型：[全部]
导出时间：[2026-11-01 09:12:52]
共{rows}笔记录
收入：0笔 0.00元
支出：0笔 0.00元
不计收支：0笔 0.00元

特别提示：
1.本回单内容可表明支付宝受理了相应支付交易申请；
2.请勿将本回单作为收款方发货的凭证使用；
3.请勿使用本回单进行重复记账；
4.本回单如经任何涂改、编造，均立即失去效力；
5.部分账单记为不计收支类；
6.请以实际交易金额为准；
7.禁止将本回单用于非法用途；
8.本明细仅展示当前账单中的交易，不包括已删除的记录；
9.本明细仅供个人对账使用。

------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------
交易时间            ,交易分类                ,交易对方                ,对方账号                ,商品说明                ,收/支                 ,金额                  ,收/付款方式              ,交易状态                ,交易订单号     ,商家订单号           ,备注                  ,
"""
MERCHANTS = ["瑞幸咖啡", "沙县小吃(徐汇店)", "盒马鲜生", "上海地铁", "滴滴出行", "淘宝网", "美团外卖",
             "全家便利店", "中国移动", "星巴克(徐家汇店)"]
CATEGORIES = ["餐饮美食", "餐饮美食", "日用百货", "交通出行", "交通出行", "日用百货", "餐饮美食",
              "日用百货", "充值缴费", "餐饮美食"]
STATUS = ["交易成功"] * 18 + ["交易关闭", "等待确认收货"]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write ``rows`` records in chunks (vectorised, a few seconds per million rows)."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2020-01-01T00:00:00")
    with path.open("wb") as handle:
        handle.write(PREAMBLE.format(rows=rows).encode("gb18030"))
        done = 0
        chunk = 200_000
        while done < rows:
            n = min(chunk, rows - done)
            seconds = np.sort(rng.integers(0, 6 * 365 * 86400, n))[::-1]
            times = (start + seconds.astype("timedelta64[s]")).astype(str)
            which = rng.integers(0, len(MERCHANTS), n)
            cents = rng.lognormal(3.2, 0.8, n) * 100
            status = rng.integers(0, len(STATUS), n)
            lines = []
            for i in range(n):
                m = which[i]
                lines.append(
                    f"{times[i].replace('T', ' ')} ,{CATEGORIES[m]:<20},{MERCHANTS[m]:<20},"
                    f"/                   ,商品                ,支出                  ,"
                    f"{cents[i] / 100:.2f}               ,余额                  ,"
                    f"{STATUS[status[i]]:<16},2026{done + i:020d}\t,T{done + i:015d}\t,"
                    f"                    ,\n"
                )
            handle.write("".join(lines).encode("gb18030"))
            done += n


BASELINE = """
import sys, time, resource
import pandas as pd
path = sys.argv[1]
begin = time.perf_counter()
with open(path, encoding="gb18030") as handle:   # find the header row, as any reader must
    header = next(i for i, line in enumerate(handle) if line.startswith("交易时间"))
frame = pd.read_csv(path, encoding="gb18030", skiprows=header, dtype=str,
                    keep_default_na=False)
elapsed = time.perf_counter() - begin
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, len(frame))
"""
WALLETWATCH = """
import sys, time, resource
import pandas as pd, walletwatch.ingest
path = sys.argv[1]
begin = time.perf_counter()
result = walletwatch.ingest.load([path])
elapsed = time.perf_counter() - begin
report = result.files[0]
assert report.rows_total == report.rows_ok + report.rows_rejected
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, report.rows_ok)
"""
IMPORTS = """
import resource, sys
import pandas as pd
if sys.argv[2] == "walletwatch":
    import walletwatch.ingest
print(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, 0)
"""


def measure(code: str, path: Path, *extra: str) -> tuple[float, int, int]:
    done = subprocess.run([sys.executable, "-c", code, str(path), *extra], check=True,
                          capture_output=True, text=True)
    seconds, peak, rows = done.stdout.split()
    return float(seconds), int(peak), int(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"alipay_{args.rows}.csv"
    if not path.exists():
        began = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {path} in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    size = path.stat().st_size
    _, pandas_rss, _ = measure(IMPORTS, path, "pandas")
    _, base_rss, _ = measure(IMPORTS, path, "walletwatch")
    pandas = min((measure(BASELINE, path) for _ in range(args.repeat)), key=lambda m: m[0])
    ours = min((measure(WALLETWATCH, path) for _ in range(args.repeat)), key=lambda m: m[0])
    figures = {
        "rows": args.rows,
        "file_mb": round(size / 1e6, 1),
        "pandas_read_csv_s": round(pandas[0], 2),
        "walletwatch_load_s": round(ours[0], 2),
        "time_ratio": round(ours[0] / pandas[0], 2),
        "pandas_peak_mb_above_imports": round((pandas[1] - pandas_rss) / 1e6, 1),
        "walletwatch_peak_mb_above_imports": round((ours[1] - base_rss) / 1e6, 1),
        "memory_x_file_size": round((ours[1] - base_rss) / size, 2),
        "rows_ok": ours[2],
    }
    print(json.dumps(figures, indent=2))
    print(f"time {figures['time_ratio']}x pandas (target <= 1.5x); "
          f"memory {figures['memory_x_file_size']}x file size (target <= 4x)")


if __name__ == "__main__":
    main()
