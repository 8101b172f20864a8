"""Report sections built from the findings: the disputed-transactions table, reasons, demand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from walletwatch.cases.file import Case
from walletwatch.findings import Finding, TxnRef
from walletwatch.report.text import DEMANDS, LABELS, PROBLEMS, pick, provider_name, row_refs
from walletwatch.report.times import clock_text
from walletwatch.schema import exponent


@dataclass
class ReportContext:
    lang: str
    provider: str
    case: Case
    now: datetime
    mask: Callable[[str | None], str | None]
    show_identifiers: bool

    @property
    def provider_name(self) -> str:
        return provider_name(self.provider, self.lang)


def money(value: Decimal, currency: str) -> str:
    """Exact decimal text with the currency's minor-unit places."""
    places = exponent(currency)
    return f"{value:.{places}f}"


def problem_key(finding: Finding) -> str:
    """The finding's category, except that a failed payment that took no money is not
    "failed but debited"."""
    if finding.category == "failed" and finding.check != "failed-but-debited":
        return "failed-attempt"
    return finding.category


def problem_label(key: str, lang: str) -> str:
    return pick(PROBLEMS.get(key, PROBLEMS["other"]), lang)


def _key(txn: TxnRef) -> tuple[str, str, str, str]:
    return (txn.source_format, txn.txn_id, txn.time, txn.amount)


def takes_money(finding: Finding) -> bool:
    """What is disputed is money: a finding with nothing at stake (a failed attempt that took
    nothing) is listed for information only, never counted as disputed."""
    return any(Decimal(v) > 0 for v in finding.amount_at_stake.values())


def split_findings(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(findings about money taken, findings listed for information only)."""
    return ([f for f in findings if takes_money(f)], [f for f in findings if not takes_money(f)])


def information_rows(findings: list[Finding], disputed_rows: list[dict],
                     ctx: ReportContext) -> list[dict[str, Any]]:
    """The no-money items, numbered A1, A2, … (a row already disputed is not repeated)."""
    taken = {(r["txn_id"], r["time"], r["amount"]) for r in disputed_rows}
    rows, _, _ = transaction_table(findings, ctx)
    out = [r for r in rows if (r["txn_id"], r["time"], r["amount"]) not in taken]
    for i, row in enumerate(out, start=1):
        row["n"], row["ref"] = i, f"A{i}"
    return out


def transaction_table(findings: list[Finding], ctx: ReportContext):
    """One row per transaction (duplicates are never merged), plus subtotals and totals.

    Subtotals use each finding's ``amount_at_stake``: for a duplicate only the extra debit is
    at stake, although both debits are listed.
    """
    rows: dict[tuple, dict[str, Any]] = {}
    for finding in findings:
        for txn in finding.transactions:
            row = rows.get(_key(txn))
            if row is not None:
                row["checks"].append(finding.check)
                row["finding_ids"].append(finding.id)
                continue
            rows[_key(txn)] = {
                "time": txn.time, "when": clock_text(txn.time), "txn_id": txn.txn_id,
                # an order number equal to the transaction id (JD) is not printed twice
                "merchant_order_id": (txn.merchant_order_id
                                      if txn.merchant_order_id not in ("", txn.txn_id) else None),
                "counterparty": ctx.mask(txn.counterparty) or "",
                "amount": txn.amount, "currency": txn.currency, "direction": txn.direction,
                "method": ctx.mask(txn.method) or "", "status": txn.raw_status or txn.status,
                "category": finding.category, "problem_key": problem_key(finding),
                "problem": problem_label(problem_key(finding), ctx.lang),
                "checks": [finding.check], "finding_ids": [finding.id],
                "source_file": txn.source_file, "source_line": txn.source_line,
            }
    ordered = sorted(rows.values(), key=lambda r: (r["time"], r["txn_id"]))
    for n, row in enumerate(ordered, start=1):
        row["n"], row["ref"] = n, f"#{n}"
    return ordered, _subtotals(findings, ordered, ctx), _totals(findings)


def _subtotals(findings: list[Finding], rows: list[dict], ctx: ReportContext) -> list[dict[str, Any]]:
    sums: dict[tuple[str, str], Decimal] = {}
    for finding in findings:
        for currency, amount in finding.amount_at_stake.items():
            key = (problem_key(finding), currency)
            sums[key] = sums.get(key, Decimal(0)) + Decimal(amount)
    order = list(PROBLEMS)
    out = []
    for (category, currency), value in sorted(sums.items(),
                                              key=lambda kv: (order.index(kv[0][0])
                                                              if kv[0][0] in order else 99,
                                                              kv[0][1])):
        count = sum(1 for r in rows if r["problem_key"] == category and r["currency"] == currency)
        numbers = [r["n"] for r in rows
                   if r["problem_key"] == category and r["currency"] == currency]
        out.append({"category": category, "problem": problem_label(category, ctx.lang),
                    "currency": currency, "amount": money(value, currency), "count": count,
                    "rows": numbers, "row_refs": row_refs(numbers, ctx.lang)})
    return out


def _totals(findings: list[Finding]) -> list[dict[str, Any]]:
    sums: dict[str, Decimal] = {}
    for finding in findings:
        for currency, amount in finding.amount_at_stake.items():
            sums[currency] = sums.get(currency, Decimal(0)) + Decimal(amount)
    return [{"currency": c, "amount": money(v, c)} for c, v in sorted(sums.items())]


def reasons(findings: list[Finding], rows: list[dict], ctx: ReportContext,
            mark: str = "#") -> list[dict[str, Any]]:
    """Per finding: its title, the objective facts from its reason, and the rows it covers."""
    out = []
    for finding in findings:
        numbers = sorted({row["n"] for row in rows if finding.id in row["finding_ids"]})
        out.append({
            "finding_id": finding.id, "check": finding.check, "category": finding.category,
            "problem": problem_label(problem_key(finding), ctx.lang),
            "title": ctx.mask(finding.title.get(ctx.lang) or finding.title.get("en", "")),
            "reason": ctx.mask(finding.reason.get(ctx.lang) or finding.reason.get("en", "")),
            "rows": numbers,
            "row_refs": row_refs(numbers, ctx.lang, mark) if numbers else "",
            "txn_ids": [t.txn_id for t in finding.transactions],
            "amount_at_stake": dict(finding.amount_at_stake),
        })
    return out


_DEMAND_CATEGORY = {"reverse-duplicate": "duplicate", "credit-topup": "stuck"}


def demand(case: Case, subtotals: list[dict], totals: list[dict], ctx: ReportContext) -> dict:
    """The user's chosen demand items; an amount left out is taken from the export's figures.

    A money item whose amount matches a subtotal (or the total) names the rows it covers, and
    ``gap`` says in words when the money asked back differs from the money at stake.
    """
    items = []
    for item in case.demand:
        amount, currency, derived = item.amount, item.currency, False
        if amount is None and item.kind in ("refund", *_DEMAND_CATEGORY):
            category = _DEMAND_CATEGORY.get(item.kind)
            pool = [s for s in subtotals if s["category"] == category] if category else totals
            pool = [p for p in pool if currency in (None, p["currency"])]
            if pool:
                amount = pool[0]["amount"]
                currency = pool[0]["currency"]
                derived = True
        shown = f"{currency or ''} {amount}".strip() if amount else pick(LABELS["blank"], ctx.lang)
        text = pick(DEMANDS[item.kind], ctx.lang).format(amount=shown)
        if item.note:
            text = _bracket(text, item.note, ctx.lang)
        rows = _rows_for(amount, currency, item.kind, subtotals, totals)
        items.append({"kind": item.kind, "amount": amount, "currency": currency,
                      "amount_from_export": derived, "rows": rows, "short": text,
                      "text": _bracket(text, row_refs(rows, ctx.lang), ctx.lang) if rows
                      else text})
    menu = [pick(DEMANDS[k], ctx.lang).format(amount="…") for k in DEMANDS]
    return {"items": items, "menu": menu, "blank": not items,
            "gap": _gap(items, totals, subtotals, ctx.lang)}


MONEY_DEMANDS = ("refund", "reverse-duplicate", "credit-topup")


def _bracket(text: str, extra: str, lang: str) -> str:
    """``退还 X`` + ``第 1 笔`` -> ``退还 X（第 1 笔）``; an existing bracket is extended."""
    close, sep, opening = ("）", "，", "（") if lang == "zh" else (")", ", ", " (")
    if text.endswith(close):
        return f"{text[:-1]}{sep}{extra}{close}"
    return f"{text}{opening}{extra}{close}"


def _rows_for(amount: str | None, currency: str | None, kind: str, subtotals: list[dict],
              totals: list[dict]) -> list[int]:
    """The disputed rows a demanded amount covers: those of the subtotals that add up to it."""
    from itertools import combinations

    if amount is None or kind not in MONEY_DEMANDS:
        return []
    try:
        wanted = Decimal(amount)
    except ArithmeticError:
        return []
    pool = [s for s in subtotals if currency in (None, s["currency"])]
    for size in range(1, len(pool) + 1):  # few problem types: trying every subset is cheap
        for subset in combinations(pool, size):
            if len({s["currency"] for s in subset}) == 1 and \
                    sum(Decimal(s["amount"]) for s in subset) == wanted:
                return sorted(n for s in subset for n in s["rows"])
    return []


def _gap(items: list[dict], totals: list[dict], subtotals: list[dict], lang: str) -> str | None:
    """A plain sentence when the money asked back is not the money at stake (else None)."""
    asked: dict[str, Decimal] = {}
    covered: set[int] = set()
    for item in items:
        if item["kind"] in MONEY_DEMANDS and item["amount"] and item["currency"]:
            asked[item["currency"]] = asked.get(item["currency"], Decimal(0)) + Decimal(
                item["amount"])
            covered.update(item["rows"])
    if not asked:
        return None
    parts = []
    for total in totals:
        currency, at_stake = total["currency"], Decimal(total["amount"])
        wanted = asked.get(currency, Decimal(0))
        if wanted == at_stake:
            continue
        rest = sorted(n for s in subtotals if s["currency"] == currency for n in s["rows"]
                      if n not in covered)
        stake, ask = f"{currency} {total['amount']}", f"{currency} {money(wanted, currency)}"
        if lang == "zh":
            text = f"本函请求的金额（{ask}）与争议金额（{stake}）不同"
            if covered and rest:
                text += f"：{row_refs(rest, 'zh')}本函暂未要求退款"
            parts.append(text + "。")
        else:
            text = f"The amount I ask for ({ask}) is not the amount at stake ({stake})"
            if covered and rest:
                text += f": this letter does not yet ask for {row_refs(rest, 'en')} to be refunded"
            parts.append(text + ".")
    return ("" if lang == "zh" else " ").join(parts) or None


def anchors(case: Case, rows: list[dict]) -> dict[str, date | None]:
    """The dates deadline rules start from: the user's dates and the earliest disputed debit."""
    debits = [r["time"][:10] for r in rows if r["direction"] in ("out", "")]
    return {
        "noticed": case.noticed_on,
        "first_notice": case.first_notice.date,
        "statement": case.statement_date,
        "debit": date.fromisoformat(min(debits)) if debits else None,
    }


def flatten_settings(settings: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"stuck": {"topup_hours": 24}}`` -> ``{"stuck.topup_hours": 24}``, sorted.

    Lists (such as the allowlisted payees, which are private) are shown as a count only.
    """
    out: dict[str, Any] = {}
    for key in sorted(settings):
        value, name = settings[key], f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten_settings(value, f"{name}."))
        elif isinstance(value, (list, tuple)):
            out[name] = f"[{len(value)}]"
        else:
            out[name] = value
    return out
