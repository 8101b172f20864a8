"""``unrecognised-activity``: transactions the account holder probably did not make.

Reads the per-transaction risk table (``walletwatch.model.risk``). A transaction is flagged
when an evidence tier of ``walletwatch.model.tiers`` matched it; flagged transactions closer
than ``incident_gap_hours`` form one incident and one finding. The incident's severity is the
strongest tier among its transactions, and ``details`` name that tier and the evidence that
reached it (``details.tier``, ``details.evidence``), so a reader can check it against the rows.
The isolation forest only ranks, and says in words what else made the top transaction stand
out.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from walletwatch.checks.base import Context, as_rows, chains, duration_text, local, make, money
from walletwatch.findings import SEVERITY_RANK, Finding
from walletwatch.model.features import FEATURES
from walletwatch.model.risk import SIGNALS
from walletwatch.model.settings import UnrecognisedSettings
from walletwatch.model.tiers import TIERS

_COLUMNS = ("risk", "payee_novel", "prior", "near_hour", "typical", "amount_major", "amount_payee",
            "tier", "severity", "rare", "probe", "declined", "follow", "spike", "tainted",
            "earlier_max_transfer", "usual_transfer", "time", *SIGNALS)


class Check:
    # its settings live with the model, which reads them too (walletwatch.model.settings)
    category, section, settings = "unrecognised", "unrecognised", UnrecognisedSettings
    needs_risk = True  # the risk table and the detector (ctx.risk, ctx.detector)
    codes = (("unrecognised-activity", "Activity not recognised by the account holder",
               "疑似非本人操作的交易"),)

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
            yield self._finding(rows[s:e], k, why[n])

    @staticmethod
    def _finding(rows: list[dict], k: dict, why: list[dict]) -> Finding:
        tier = strongest_tier(k["tier"])
        severity, title_en, title_zh = TIERS[tier]
        facts = incident_facts(rows, k, tier)
        en = "; ".join(f["en"] for f in facts)
        zh = "；".join(f["zh"] for f in facts)
        if why:
            en += ". It also stands out by: " + ", ".join(w["en"] for w in why)
            zh += "。另外突出之处：" + "，".join(w["zh"] for w in why)
        en += f". Severity {severity}, from the evidence tier “{title_en}”."
        zh += f"。严重程度“{SEVERITY_ZH[severity]}”，依据的证据等级为“{title_zh}”。"
        stake = [r for r in rows if r["status"] in ("success", "pending")]
        details = {
            "tier": tier,
            "tier_title": {"en": title_en, "zh": title_zh},
            "evidence": evidence(rows, k, tier),
            "tiers": sorted({str(t) for t in k["tier"]}),
            "signals": sorted(s for s in SIGNALS if (k[s] > 0).any()),
            "max_score": round(float(k["risk"].max()), 4),
            "scores": {str(r["txn_id"]): round(float(s), 4)
                       for r, s in zip(rows, k["risk"], strict=True)},
            "stands_out_by": [w["feature"] for w in why],
        }
        return make("unrecognised-activity", severity, rows, {"en": en, "zh": zh},
                    stake=stake, details=details)


SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低", "info": "提示"}


def strongest_tier(tiers) -> str:
    """The tier of the most severe row (ties: the one listed first in ``TIERS``)."""
    order = list(TIERS)
    return min({str(t) for t in tiers if t},
               key=lambda t: (-SEVERITY_RANK[TIERS[t][0]], order.index(t)))


def explain(ctx: Context, tops) -> list[list[dict[str, str]]]:
    """Words for the top transaction of every incident, in one pass over the detector."""
    detector = ctx.detector
    if detector is None:
        return [[] for _ in range(len(tops))]
    return detector.explain(tops[list(FEATURES)])


def times_text(ratio: float, lang: str = "en") -> str:
    """``141×`` / ``141 倍``, ``6.5×`` / ``6.5 倍``: a ratio as people write it."""
    number = f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}".removesuffix(".0")
    return f"{number} 倍" if lang == "zh" else f"{number}×"


def _typical(k: dict) -> float:
    values = k["typical"][np.isfinite(k["typical"])]
    return float(values.max()) if len(values) else 0.0


def evidence(rows: list[dict], k: dict, tier: str) -> dict:
    """The numbers behind the tier, for ``details.evidence`` (JSON-able)."""
    typical = _typical(k)
    near, prior = hour_habit(k)
    out = {
        "transactions": len(rows),
        "new_payees": len({str(r["counterparty"]) for r, novel in
                           zip(rows, (k["payee_novel"] > 0) | k["tainted"], strict=True)
                           if novel}),
        "payees_first_seen_in_earlier_incident": int(k["tainted"].sum()),
        "minutes": round(_seconds(k) / 60, 1),
        "typical_payment": round(typical, 2),
        "largest_to_typical": round(float(k["amount_major"].max()) / max(typical, 0.01), 1),
    }
    if k["rare"].any():
        out["earlier_payments_within_an_hour_of_this_time"] = near
        out["earlier_payments"] = prior
    if tier in ("card-testing", "card-probes"):
        out["tiny_attempts"] = int(k["probe"].sum())
        out["declined_attempts"] = int(k["declined"].sum())
        out["larger_charges_after"] = int(k["follow"].sum())
    if tier == "large-transfer-new-person":
        out["largest_earlier_transfer"] = round(float(k["earlier_max_transfer"].max()), 2)
        out["usual_transfer"] = round(float(k["usual_transfer"].max()), 2)
    if tier == "known-payee-spikes":
        out["spikes"] = int(k["spike"].sum())
        out["largest_to_usual_at_payee"] = round(float(np.exp(k["amount_payee"].max())), 1)
    return out


def _seconds(k: dict) -> float:
    return float((k["time"][-1] - k["time"][0]) / np.timedelta64(1, "s"))


def hour_habit(k: dict) -> tuple[int, int]:
    """Earlier payments within an hour of the rarest time of day here, and all earlier ones."""
    rare = k["rare"].astype(bool)
    near = k["near_hour"][rare] if rare.any() else k["near_hour"]
    return int(near.min()), int(k["prior"][0])


def incident_facts(rows: list[dict], k: dict, tier: str) -> list[dict[str, str]]:
    """Objective sentences, with numbers, for one incident (English and Chinese)."""
    out = [_summary(rows, k)]
    if k["rare"].any():
        out.append(_hour_fact(k))
    builder = _TIER_FACTS.get(tier)
    if builder is not None:
        out.append(builder(rows, k))
    return out


def _summary(rows: list[dict], k: dict) -> dict[str, str]:
    first, last, n = rows[0], rows[-1], len(rows)
    day = local(first, "%Y-%m-%d")
    if n > 1 and local(first, "%Y-%m-%d") == local(last, "%Y-%m-%d"):
        span_en = f"between {local(first, '%H:%M')} and {local(last, '%H:%M')} on {day}"
        span_zh = f"{day} {local(first, '%H:%M')} 至 {local(last, '%H:%M')}"
    elif n > 1:
        span_en = f"between {local(first)} and {local(last)}"
        span_zh = f"{local(first)} 至 {local(last)}"
    else:
        span_en, span_zh = f"at {local(first, '%H:%M')} on {day}", local(first)
    novel = int(((k["payee_novel"] > 0) | k["tainted"]).sum())
    noun = "payment" if n == 1 else "payments"
    to_new_en = to_new_zh = ""
    if novel and n == 1:
        to_new_en = " to a payee never paid before"
        to_new_zh = "，付给从未付款过的收款方"
    elif novel:
        to_new_en = f", {novel} of them to payees never paid before"
        to_new_zh = f"，其中 {novel} 笔付给从未付款过的收款方"
    if k["tainted"].any():
        to_new_en += " (or first seen in earlier suspicious activity)"
        to_new_zh += "（或首次出现于此前的可疑交易中）"
    return {"en": f"{n} outgoing {noun} of {money(rows)} {span_en}{to_new_en}",
            "zh": f"{span_zh} 共 {n} 笔支出，合计 {money(rows)}{to_new_zh}"}


def _hour_fact(k: dict) -> dict[str, str]:
    near, prior = hour_habit(k)
    if near == 0:
        return {"en": f"at a time of day you have never paid at: none of your {prior} earlier "
                      f"payments was within an hour of it",
                "zh": f"发生在您从未付款的时段：此前 {prior} 笔付款中没有一笔在该时段前后一小时内"}
    were = "was" if near == 1 else "were"
    return {"en": f"at a time of day you rarely pay at: only {near} of your {prior} earlier "
                  f"payments {were} within an hour of it",
            "zh": f"发生在您很少付款的时段：此前 {prior} 笔付款中只有 {near} 笔在该时段前后一小时内"}


def _largest(rows: list[dict]) -> dict:
    return max(rows, key=lambda row: int(row["amount"]))


def _card_facts(rows: list[dict], k: dict) -> dict[str, str]:
    probes = [r for r, hit in zip(rows, k["probe"], strict=True) if hit]
    declined = int(k["declined"].sum())
    top = max(probes, key=lambda row: int(row["amount"])) if probes else _largest(rows)
    currency = str(top["currency"])
    span = (probes[-1]["time"] - probes[0]["time"]).total_seconds() / 3600 if probes else 0.0
    span_en, span_zh = duration_text(span)
    attempts = "attempt" if len(probes) == 1 else "attempts"
    en = (f"{len(probes)} tiny {attempts} of at most {top['_amount']} {currency} at new payees "
          f"within {span_en}")
    zh = f"{span_zh}内向新收款方发起 {len(probes)} 笔小额扣款（每笔不超过 {top['_amount']} {currency}）"
    if declined:
        en += f", {declined} of them declined"
        zh += f"，其中 {declined} 笔被拒绝"
    follows = [r for r, hit in zip(rows, k["follow"], strict=True) if hit]
    if follows and probes:
        big = follows[0]
        gap_en, gap_zh = duration_text((big["time"] - probes[-1]["time"]).total_seconds() / 3600)
        en += f"; then {big['_amount']} {currency} at another new payee {gap_en} later"
        zh += f"；{gap_zh}后又在另一个新收款方消费 {big['_amount']} {currency}"
    return {"en": en, "zh": zh}


def _ratio_fact(rows: list[dict], k: dict) -> dict[str, str]:
    top, typical = _largest(rows), _typical(k)
    currency, ratio = str(top["currency"]), float(k["amount_major"].max()) / max(typical, 0.01)
    return {"en": f"the largest, {top['_amount']} {currency}, is {times_text(ratio)} your typical "
                  f"payment of {typical:.2f} {currency}",
            "zh": f"其中最大一笔 {top['_amount']} {currency}，是您通常付款金额 {typical:.2f} "
                  f"{currency} 的 {times_text(ratio, 'zh')}"}


def _transfer_facts(rows: list[dict], k: dict) -> dict[str, str]:
    fact = _ratio_fact(rows, k)
    usual = float(k["usual_transfer"].max())
    if usual > 0:
        currency = str(rows[0]["currency"])
        ratio = float(k["amount_major"].max()) / usual
        fact["en"] += f", and {times_text(ratio)} your usual transfer of {usual:.2f} {currency}"
        fact["zh"] += f"，是您通常转账金额 {usual:.2f} {currency} 的 {times_text(ratio, 'zh')}"
    else:
        fact["en"] += ", and the first transfer in the statement"
        fact["zh"] += "，且是账单中的第一笔转账"
    return fact


def _spike_facts(rows: list[dict], k: dict) -> dict[str, str]:
    hits = [r for r, s in zip(rows, k["spike"], strict=True) if s]
    ratios = np.exp(k["amount_payee"][k["spike"].astype(bool)])
    low, high = float(ratios.min()), float(ratios.max())
    spread = times_text(low) if times_text(low) == times_text(high) else \
        f"{times_text(low)} to {times_text(high)}"
    spread_zh = times_text(low, "zh") if spread == times_text(low) else \
        f"{times_text(low, 'zh').removesuffix(' 倍')} 至 {times_text(high, 'zh')}"
    days = (hits[-1]["time"] - hits[0]["time"]).total_seconds() / 86400 if hits else 0.0
    span_en, span_zh = duration_text(days * 24)
    return {"en": f"{len(hits)} payments at payees you have paid before, each {spread} your usual "
                  f"amount there, within {span_en}",
            "zh": f"{span_zh}内在您付过款的收款方有 {len(hits)} 笔付款，金额为平时的 {spread_zh}"}


_TIER_FACTS = {
    "takeover-burst": _ratio_fact,
    "large-burst-new-payees": _ratio_fact,
    "card-testing": _card_facts,
    "card-probes": _card_facts,
    "large-transfer-new-person": _transfer_facts,
    "known-payee-spikes": _spike_facts,
    "new-payee-rare-hour-large": _ratio_fact,
    "large-new-payee": _ratio_fact,
}
