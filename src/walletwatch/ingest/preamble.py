"""What the lines around an export's table say: its period, export time and record count.

Chinese exports print these in a preamble (or, for older Alipay files, a footer); the values
are wall-clock text in the provider's zone. A record count that differs from the rows present
is reported by ``walletwatch.ingest`` (trust the rows).
"""

from __future__ import annotations

import re
from typing import Any

_DATE = r"(\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?)"
_PERIOD = re.compile(
    rf"起始(?:时间|日期)[:：]\s*\[?{_DATE}\]?\s*终止(?:时间|日期)[:：]\s*\[?{_DATE}\]?"
)
_RANGE = re.compile(r"日期区间[:：]\s*([\d\-]+)\s*至\s*([\d\-]+)")
_EXPORTED = re.compile(r"(?:导出时间|申请时间)[:：]\s*\[?([\d\-: ]+\d)\]?")
_COUNT = re.compile(r"共[:：]?\s*(\d+)\s*笔记录")


def preamble_meta(lines: list[str]) -> dict[str, Any]:
    """Period, export time and declared record count printed around the table (wall-clock)."""
    meta: dict[str, Any] = {}
    for line in lines:
        if "period_start" not in meta and (match := _PERIOD.search(line) or _RANGE.search(line)):
            meta["period_start"], meta["period_end"] = match.group(1).strip(), match.group(2).strip()
        if "exported_at" not in meta and (match := _EXPORTED.search(line)):
            meta["exported_at"] = match.group(1).strip()
        if "declared_rows" not in meta and (match := _COUNT.search(line)):
            meta["declared_rows"] = int(match.group(1))
    return meta
