"""``unrecognised-activity``: transactions the account holder probably did not make.

Reads the per-transaction risk (``walletwatch.model.risk``: rule signals and the isolation
forest combined). Flagged transactions closer than ``incident_gap_hours`` form one incident and
one finding; its reason lists the objective facts that matched, with numbers, and the features
that made the top transaction stand out. Severity ``high`` when the top score reaches
``high_threshold``, ``medium`` from ``medium_threshold``, else ``low`` (flagged, weak evidence).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from walletwatch.checks.base import Context, as_rows, chains, local, make, money
from walletwatch.findings import Finding
from walletwatch.model.features import FEATURES
from walletwatch.model.risk import SIGNALS

_COLUMNS = ("risk", "payee_novel", "prior", "hour_share", "typical", "amount_major",
            "amount_payee", "count_24h", "velocity", *SIGNALS)


class Check:
    codes = ("unrecognised-activity",)

    def run(self, ctx: Context) -> Iterator[Finding]:
        risk = ctx.risk
        if risk is None or not risk["flagged"].any():
            return
        flagged = risk[risk["flagged"].to_numpy()].reset_index(drop=True)
        labels = chains(flagged["time"], ctx.config.unrecognised.incident_gap_hours * 3600)
        columns = {c: flagged[c].to_numpy() for c in _COLUMNS}
        rows = as_rows(ctx.frame.iloc[flagged["row"].to_numpy()])
        starts = np.flatnonzero(np.diff(labels, prepend=-1))
        ends = np.append(starts[1:], len(labels))
        tops = [s + int(np.argmax(columns["risk"][s:e])) for s, e in zip(starts, ends, strict=True)]
        why = explain(ctx, flagged.iloc[tops])
        for n, (s, e) in enumerate(zip(starts, ends, strict=True)):
            k = {c: v[s:e] for c, v in columns.items()}
            yield self._finding(ctx, rows[s:e], k, why[n])

    def _finding(self, ctx: Context, rows: list[dict], k: dict, why: list[dict]) -> Finding:
        facts = facts_for(rows, k)
        en = "; ".join(f["en"] for f in facts)
        zh = "；".join(f["zh"] for f in facts)
        if why:
            en += ". It stands out by: " + ", ".join(w["en"] for w in why)
            zh += "。突出之处：" + "，".join(w["zh"] for w in why)
        stake = [r for r in rows if r["status"] in ("success", "pending")]
        top = float(k["risk"].max())
        details = {
            "signals": sorted(s for s in SIGNALS if (k[s] > 0).any()),
            "max_score": round(top, 4),
            "scores": {str(r["txn_id"]): round(float(s), 4)
                       for r, s in zip(rows, k["risk"], strict=True)},
            "stands_out_by": [w["feature"] for w in why],
        }
        return make("unrecognised-activity", self._severity(top, ctx), rows,
                    {"en": en + ".", "zh": zh + "。"}, stake=stake, details=details)

    @staticmethod
    def _severity(top: float, ctx: Context) -> str:
        settings = ctx.config.unrecognised
        if top >= settings.high_threshold:
            return "high"
        return "medium" if top >= settings.medium_threshold else "low"


def explain(ctx: Context, tops) -> list[list[dict[str, str]]]:
    """Words for the top transaction of every incident, in one pass over the detector."""
    detector = ctx.cache.get("detector")
    if detector is None:
        return [[] for _ in range(len(tops))]
    return detector.explain(tops[list(FEATURES)])


def facts_for(rows: list[dict], k: dict) -> list[dict[str, str]]:
    """Objective sentences, with numbers, for one incident."""
    first, last = rows[0], rows[-1]
    n = len(rows)
    novel = int((k["payee_novel"] > 0).sum())
    day = local(first, "%Y-%m-%d")
    span = f"between {local(first, '%H:%M')} and {local(last, '%H:%M')} on {day}" if n > 1 \
        else f"at {local(first, '%H:%M')} on {day}"
    span_zh = f"{day} {local(first, '%H:%M')} 至 {local(last, '%H:%M')}" if n > 1 \
        else f"{day} {local(first, '%H:%M')}"
    to_new = f" to payees never seen before ({novel} of {n})" if novel else ""
    if n == 1 and novel:
        to_new = " to a payee never seen before"
    to_new_zh = f"，其中 {novel} 笔付给从未出现过的收款方" if novel else ""
    out = [{"en": f"{n} outgoing transaction{'s' if n > 1 else ''} of {money(rows)}{to_new}, "
                  f"{span}",
            "zh": f"{span_zh} 共 {n} 笔支出，合计 {money(rows)}{to_new_zh}"}]
    if (k["unusual-hour"] > 0).any():
        prior = float(k["prior"][0])
        near = max(round(float(k["hour_share"].min()) * (prior + 4) - 0.5), 0)
        word_en, word_zh = ("never", "从未") if near == 0 else ("rarely", "很少")
        out.append({"en": f"at a time of day you have {word_en} paid at ({near} of {prior:.0f} "
                          f"earlier payments within an hour of it)",
                    "zh": f"发生在您{word_zh}付款的时段（此前 {prior:.0f} 笔中仅 {near} 笔在该时段"
                          f"前后一小时内）"})
    return out + _pattern_facts(rows, k)


def _pattern_facts(rows: list[dict], k: dict) -> list[dict[str, str]]:
    out = []
    currency = str(rows[0]["currency"])
    typical = float(np.nanmax(k["typical"])) if not np.isnan(k["typical"]).all() else 0.0
    top = float(k["amount_major"].max())  # for ratios only; the shown amount is exact text
    top_text = max(rows, key=lambda row: int(row["amount"]))["_amount"]
    if (k["card-testing"] > 0).any():
        tiny = int((k["card-testing"] == 0.8).sum())
        big = int((k["card-testing"] == 0.9).sum())
        larger = "larger one" if big == 1 else "larger ones"
        out.append({"en": f"{tiny} tiny charges to new payees followed by {big} {larger} "
                          f"(up to {top_text} {currency})",
                    "zh": f"先向新收款方发生 {tiny} 笔小额扣款，随后 {big} 笔较大金额"
                          f"（最高 {top_text} {currency}）"})
    if (k["large-transfer-new-payee"] > 0).any() or (k["large-new-payee"] > 0).any():
        ratio = top / max(typical, 0.01)
        out.append({"en": f"{top_text} {currency} to a new payee, {ratio:.0f}× your typical "
                          f"payment of {typical:.2f}",
                    "zh": f"向新收款方支付 {top_text} {currency}，是您通常金额 {typical:.2f} 的 "
                          f"{ratio:.0f} 倍"})
    if (k["amount-spike-known-payee"] > 0).any():
        ratio = float(np.exp(k["amount_payee"].max()))
        hits = int((k["amount-spike-known-payee"] > 0).sum())
        out.append({"en": f"{hits} payment(s) at payees you know for {ratio:.1f}× your usual "
                          f"amount there",
                    "zh": f"{hits} 笔在熟悉的收款方的付款，金额为平时的 {ratio:.1f} 倍"})
    if (k["new-method"] > 0).any():
        methods = sorted({str(r["method"]) for r, hit in zip(rows, k["new-method"] > 0,
                                                             strict=True) if hit and r["method"]})
        out.append({"en": f"paid with a method never used before ({', '.join(methods)})",
                    "zh": f"使用了从未用过的付款方式（{'、'.join(methods)}）"})
    if (k["velocity-spike"] > 0).any():
        count = int(np.expm1(k["count_24h"].max())) + 1
        ratio = float(np.exp(k["velocity"].max()))
        out.append({"en": f"{count} payments within 24 h, {ratio:.1f}× your usual daily count",
                    "zh": f"24 小时内 {count} 笔付款，是您平时每日笔数的 {ratio:.1f} 倍"})
    return out
