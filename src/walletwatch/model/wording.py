"""Feature values in words (English and Chinese), undoing each feature's transform."""

from __future__ import annotations

import math


def _duration(seconds: float) -> tuple[str, str]:
    if seconds < 120:
        return f"{seconds:.0f} s", f"{seconds:.0f} 秒"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min", f"{seconds / 60:.0f} 分钟"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h", f"{seconds / 3600:.1f} 小时"
    return f"{seconds / 86400:.1f} days", f"{seconds / 86400:.1f} 天"


def describe(feature: str, value: float) -> dict[str, str]:
    """``{"en": ..., "zh": ...}`` for one feature value."""
    count = max(math.expm1(value), 0.0)
    if feature == "amount_z":
        return {"en": "an amount far above what you usually pay",
                "zh": "金额远高于您平时的付款"}
    if feature == "amount_payee":
        ratio = math.exp(value)
        return {"en": f"{ratio:.1f}× what you usually pay this payee",
                "zh": f"是您平时付给该收款方金额的 {ratio:.1f} 倍"}
    if feature == "payee_novel":
        return {"en": "a payee you have never paid before", "zh": "从未付款过的收款方"}
    if feature == "payee_count":
        if round(count) == 0:
            return {"en": "a payee you have never paid before", "zh": "从未付款过的收款方"}
        times = "once" if round(count) == 1 else f"{count:.0f} times"
        return {"en": f"a payee you have paid only {times} before",
                "zh": f"此前仅向该收款方付款 {count:.0f} 次"}
    if feature == "hour_share":
        return {"en": f"a time of day that holds only {value:.0%} of your earlier payments",
                "zh": f"您此前只有 {value:.0%} 的付款发生在这个时段"}
    if feature == "hour_distance":
        return {"en": f"{value:.1f} h away from your usual time of day",
                "zh": f"距离您通常的付款时段 {value:.1f} 小时"}
    if feature == "gap":
        en, zh = _duration(count)
        return {"en": f"only {en} after the previous payment", "zh": f"距上一笔付款仅 {zh}"}
    if feature.startswith("count_"):
        window = {"count_10m": ("10 minutes", "10 分钟"), "count_1h": ("hour", "1 小时"),
                  "count_24h": ("24 hours", "24 小时")}[feature]
        noun = "payment" if round(count) == 1 else "payments"
        return {"en": f"{count:.0f} other {noun} in the previous {window[0]}",
                "zh": f"此前 {window[1]}内另有 {count:.0f} 笔付款"}
    if feature == "velocity":
        return {"en": f"{math.exp(value):.1f} times your usual number of payments per day",
                "zh": f"付款频率是您平时的 {math.exp(value):.1f} 倍"}
    if feature.startswith("new_payees_"):
        window = ("an hour", "1 小时") if feature.endswith("1h") else ("24 hours", "24 小时")
        plural = "payee" if round(value) == 1 else "payees"
        return {"en": f"{value:.0f} new {plural} within {window[0]}",
                "zh": f"{window[1]}内出现 {value:.0f} 个新收款方"}
    if feature == "method_novel":
        return {"en": "a payment method never used before", "zh": "从未使用过的付款方式"}
    if feature == "is_transfer":
        return {"en": "a transfer to a person", "zh": "向个人转账"}
    if feature == "is_withdrawal":
        return {"en": "a withdrawal", "zh": "提现"}
    return {"en": "money leaving the account", "zh": "资金流出"}
