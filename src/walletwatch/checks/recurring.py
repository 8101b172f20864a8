"""Recurring charges the owner may not expect (series from ``walletwatch.recurring``).

Codes (category ``recurring``; settings in ``[recurring]``):

* ``new-recurring`` (medium): a series of payments to a merchant that became regular recently:
  its confirming charge (the third; the second when the rows say it is an automatic
  deduction, or for a yearly series; the third counting a trial) lies within ``new_days`` of the as-of time, the
  statement shows at least one period before it without a similar charge from that payee,
  and no earlier similar charge from the payee exists. Rent and other standing transfers the
  holder makes to a person are their own acts, not recurring charges: not reported.
* ``price-increase`` (medium): a charge above the series' settled amount (its previous three
  charges, all alike) by more than ``price_tolerance`` (5 %); only the first charge at the new
  price is reported. The money at stake is the difference.
* ``charge-after-cancel`` (high): a charge from a payee the owner marked cancelled
  (``walletwatch recurring cancel PAYEE --date D``) after ``D``; when the payee has a series,
  only charges of that series' size (half to twice its amount) count.
* ``auto-deduction-unrecognised`` (high): a row whose method, description or payee says automatic /
  password-free deduction (自动扣款, 免密支付, 自动续费, auto-renew, subscription, direct
  debit, ...) to a payee never paid before in the statement and not on the allowlist, after
  ``warmup_days`` of history.
* ``yearly-renewal`` (low, a heads-up): a yearly charge noticeably larger (``renewal_factor``
  times) than anything else from that payee: the second charge of a yearly series, or a
  single charge of 8–13 times a monthly series' amount (an annual plan bought instead).
* ``renewal-due`` (info): a series the owner marked unwanted is expected to charge again
  within ``remind_days`` of the as-of time (the scheduled check's reminder).

The owner's marks come from ``ctx.owner_marks`` (the runner, ``walletwatch.pipeline.find``,
reads them from the state store: the scheduled check's, ``--state``'s or the default one).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from walletwatch.checks.base import Context, as_rows, make
from walletwatch.findings import Finding
from walletwatch.recurring import BY_NAME, Series, auto_rows, by_payee, charges_mask, find_series
from walletwatch.schema import format_amount

ORDINAL_EN = {2: "second", 3: "third"}
ORDINAL_ZH = {2: "第二次", 3: "第三次"}
BY_ZH = {"weekly": "按周", "fortnightly": "按两周", "monthly": "按月", "quarterly": "按季度",
         "yearly": "按年"}


def series_of(ctx: Context) -> list[Series]:
    """The frame's recurring series, computed once per context."""
    if "series" not in ctx.cache:
        r = ctx.config.recurring
        ctx.cache["series"] = find_series(ctx.frame, pd.Series(ctx.payee_labels()),
                                          min_charges=r.min_charges,
                                          trial_share=r.trial_share, charged=_charged(ctx),
                                          auto=_auto(ctx))
    return ctx.cache["series"]


def _charged(ctx: Context) -> np.ndarray:
    """``charges_mask`` of the frame, once per context (series, renewals and automatic
    deductions all read it)."""
    if "recurring_charged" not in ctx.cache:
        ctx.cache["recurring_charged"] = charges_mask(ctx.frame)
    return ctx.cache["recurring_charged"]


def _auto(ctx: Context) -> np.ndarray:
    """``auto_rows`` of the frame, once per context (a regex over three text columns)."""
    if "recurring_auto" not in ctx.cache:
        ctx.cache["recurring_auto"] = auto_rows(ctx.frame)
    return ctx.cache["recurring_auto"]


def marks_of(ctx: Context) -> list:
    if "marks" not in ctx.cache:
        ctx.cache["marks"] = list(ctx.owner_marks())
    return ctx.cache["marks"]


def _cash(minor: int, currency: str) -> str:
    return f"{format_amount(int(minor), currency)} {currency}"


@dataclass
class RecurringSettings:
    """Recurring charges: new series, price increases, charges after cancelling, renewals."""

    enabled: bool = True
    min_charges: int = 3  # a series needs this many charges (2 when yearly or automatic)
    new_days: float = 45.0  # "new": its confirming charge is at most this old at the as-of time
    price_tolerance: float = 0.05  # a charge this much above the usual amount is an increase
    trial_share: float = 0.2  # a first charge at most this share of the amount is a trial
    renewal_factor: float = 3.0  # a yearly renewal this many times anything else from the payee
    warmup_days: float = 30.0  # auto-deduction to a new payee: judged after this much history ...
    warmup_charges: int = 15  # ... and this many earlier charges (else every payee is "new")
    remind_days: float = 5.0  # remind this many days before an unwanted series charges again


class Check:
    category, section, settings = "recurring", "recurring", RecurringSettings
    needs_risk = False
    codes = (("new-recurring", "New recurring charge", "新出现的周期性扣款"),
              ("price-increase", "Recurring charge went up", "周期性扣款涨价"),
              ("charge-after-cancel", "Charged after you cancelled", "取消后仍被扣款"),
              ("auto-deduction-unrecognised", "Automatic deduction to a payee you never paid",
               "向从未付款的收款方自动扣款"),
              ("yearly-renewal", "Yearly renewal", "按年自动续费"),
              ("renewal-due", "Recurring charge due soon", "即将再次自动扣款"))

    def run(self, ctx: Context) -> Iterator[Finding]:
        series = series_of(ctx)
        rows = _Rows(ctx.frame)
        allowed = set(ctx.allowlist)
        for s in series:
            if s.payee not in allowed:
                yield from _new(ctx, s, rows)
            yield from _increase(ctx, s, rows)
            yield from _renewal(ctx, s, rows)
        yield from _after_cancel(ctx, series, rows)
        yield from _auto_unrecognised(ctx, rows, allowed)
        yield from _due(ctx, series, rows)


class _Rows:
    """Rows as dicts for findings, converted on demand (few rows ever become findings)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame, self.cache = frame, {}

    def __call__(self, positions: list[int]) -> list[dict]:
        missing = [p for p in positions if p not in self.cache]
        if missing:
            for p, row in zip(missing, as_rows(self.frame.iloc[missing]), strict=True):
                self.cache[p] = row
        return [self.cache[p] for p in positions]


def _history(s: Series, upto: int, rows: _Rows) -> dict:
    """Details every recurring finding carries: the series and its charges so far (with ids,
    for the evidence pack's series history)."""
    charges = [{"txn_id": str(r["txn_id"]), "time": r["_iso"], "amount": r["_amount"]}
               for r in rows(s.rows[:upto])]
    return {"series": s.key, "payee": s.name, "cadence": s.cadence.name, "history": charges,
            "usual_amount": format_amount(s.usual, s.currency), "currency": s.currency,
            "charges": upto, "trial": s.trial,
            "next_expected": s.next_expected.tz_convert("UTC").date().isoformat()
            if upto == s.charges else None}


def _new(ctx: Context, s: Series, rows: _Rows) -> Iterator[Finding]:
    r = ctx.config.recurring
    if s.kinds <= {"transfer"} and not s.auto:
        return  # standing transfers to a person: the holder's own act each time
    # The charge that makes it a series: two paid charges after a trial or when the rows say
    # automatic deduction (or yearly), else three.
    confirm = 2 if (s.auto or s.cadence.name == "yearly" or s.trial) else 3
    confirm += s.trial
    if s.charges < confirm:
        return
    at = s.times[confirm - 1]
    frame_start = ctx.frame["time"].iloc[0]
    if (ctx.as_of - at).total_seconds() > r.new_days * 86400 or at > ctx.as_of:
        return
    if (s.times[0] - frame_start).days < min(s.cadence.days, 31):
        return  # the statement does not show a period before it: it may be older
    if _earlier_similar(ctx, s):
        return
    cited = rows(s.rows[:confirm])
    first, this = cited[0], cited[-1]
    cadence = s.cadence
    amount = _cash(s.amounts[confirm - 1], s.currency)
    new_payee = not _paid_before(ctx, s)
    en = (f"{ORDINAL_EN[confirm]} {cadence.name} charge of {amount} from {s.name} "
          f"on {this['_when'][:10]}; the first was {_cash(s.amounts[0], s.currency)} on "
          f"{first['_when'][:10]}")
    zh = (f"{s.name} {this['_when'][:10]} {ORDINAL_ZH[confirm]}{BY_ZH[cadence.name]}扣款 {amount}；"
          f"第一次是 {first['_when'][:10]} 的 {_cash(s.amounts[0], s.currency)}")
    notes_en, notes_zh = [], []
    if s.trial:
        notes_en.append("it started with a small trial charge")
        notes_zh.append("以小额试用扣款开始")
    if new_payee:
        notes_en.append("you had never paid this payee before")
        notes_zh.append("此前从未向该收款方付款")
    if s.auto:
        notes_en.append("the statement marks it as an automatic deduction")
        notes_zh.append("账单标明为自动扣款")
    reason = {"en": en + (" (" + "; ".join(notes_en) + ")" if notes_en else "") + ".",
              "zh": zh + ("（" + "，".join(notes_zh) + "）" if notes_zh else "") + "。"}
    details = {**_history(s, confirm, rows), "new_payee": new_payee, "auto": s.auto,
               "yearly_cost": format_amount(s.yearly_cost, s.currency)}
    yield make("new-recurring", "medium", cited, reason, stake=cited, details=details)


def _charges_before(ctx: Context, s: Series) -> np.ndarray:
    """Positions of the payee's charges (any currency) before the series' first charge."""
    positions = [p for (payee, _), p in _charges_by_payee(ctx).items() if payee == s.payee]
    every = np.sort(np.concatenate(positions)) if positions else np.zeros(0, dtype=np.int64)
    return every[every < s.rows[0]]


def _earlier_similar(ctx: Context, s: Series) -> bool:
    """A charge from the payee before the series at a similar amount: an older series."""
    amounts = ctx.frame["amount"].to_numpy()[_charges_before(ctx, s)]
    usual = s.usual
    return bool((np.abs(amounts - usual) <= 0.35 * usual).any())


def _paid_before(ctx: Context, s: Series) -> bool:
    return bool(len(_charges_before(ctx, s)))


def _increase(ctx: Context, s: Series, rows: _Rows) -> Iterator[Finding]:
    tolerance = ctx.config.recurring.price_tolerance
    regular = s.regular
    offset = 1 if s.trial else 0
    for i in range(3, len(regular)):
        before = regular[i - 3:i]
        usual = before[-1]
        if before.count(usual) < 3:
            continue  # no settled price (three charges alike) to compare with
        if regular[i] <= usual * (1 + tolerance) or regular[i - 1] > usual * (1 + tolerance):
            continue
        cited = rows(s.rows[offset + max(0, i - 3):offset + i + 1])
        this = cited[-1]
        share = (regular[i] - usual) / usual
        extra = regular[i] - usual
        reason = {
            "en": f"{s.name} charged {_cash(regular[i], s.currency)} on {this['_when'][:10]}, "
                  f"{share:.0%} more than its usual {s.cadence.name} {_cash(usual, s.currency)}.",
            "zh": f"{s.name} 于 {this['_when'][:10]} 扣款 {_cash(regular[i], s.currency)}，"
                  f"比以往{s.cadence.zh}的 {_cash(usual, s.currency)} 高 {share:.0%}。",
        }
        details = {**_history(s, offset + i + 1, rows), "previous_amount":
                   format_amount(usual, s.currency), "new_amount":
                   format_amount(regular[i], s.currency), "increase": round(share, 4)}
        yield make("price-increase", "medium", cited, reason,
                   stake=[{"amount": extra, "currency": s.currency}], details=details)


def _charges_by_payee(ctx: Context) -> dict[tuple[str, str], np.ndarray]:
    """Positions of the charges (``charges_mask``) per (payee, currency), computed once per
    scan: a per-series scan of the whole frame cost seconds on a million rows."""
    if "recurring_charges" not in ctx.cache:
        positions = np.flatnonzero(_charged(ctx))
        ctx.cache["recurring_charges"] = by_payee(
            positions, ctx.payee_labels()[positions],
            ctx.frame["currency"].array[positions])
    return ctx.cache["recurring_charges"]


def _renewal(ctx: Context, s: Series, rows: _Rows) -> Iterator[Finding]:
    """A yearly charge far above anything else from the payee."""
    factor = ctx.config.recurring.renewal_factor
    positions = _charges_by_payee(ctx).get((s.payee, s.currency), np.zeros(0, dtype=np.int64))
    amounts = ctx.frame["amount"].to_numpy()
    if s.cadence.name == "yearly":
        picks = [s.rows[-1]]
    elif s.cadence.name == "monthly":
        usual = s.usual
        picks = [int(p) for p in positions if p not in s.rows
                 and 8 * usual <= amounts[p] <= 13 * usual]
    else:
        return
    for pick in picks:
        others = amounts[[p for p in positions if p != pick and
                          not (s.cadence.name == "yearly" and p in s.rows)]]
        if len(others) and amounts[pick] < factor * others.max():
            continue
        row = rows([pick])[0]
        cited = rows(sorted({*s.rows, pick}))
        money_text = _cash(amounts[pick], s.currency)
        if s.cadence.name == "yearly":
            before = rows([s.rows[-2]])[0]
            why_en = f"a year after {_cash(s.amounts[-2], s.currency)} on {before['_when'][:10]}"
            why_zh = f"距 {before['_when'][:10]} 的 {_cash(s.amounts[-2], s.currency)} 一年"
        else:
            why_en = f"instead of the usual {_cash(s.usual, s.currency)} a month"
            why_zh = f"而平时每月为 {_cash(s.usual, s.currency)}"
        if len(others):
            most = _cash(int(others.max()), s.currency)
            why_en += f"; nothing else you paid them was above {most}"
            why_zh += f"；你向其支付的其他款项都不超过 {most}"
        reason = {
            "en": f"{s.name} charged {money_text} on {row['_when'][:10]}, a yearly renewal "
                  f"({why_en}).",
            "zh": f"{s.name} 于 {row['_when'][:10]} 按年扣款 {money_text}（{why_zh}）。",
        }
        yield make("yearly-renewal", "low", cited, reason, stake=[row],
                   details={**_history(s, s.charges, rows), "renewal_amount":
                            format_amount(int(amounts[pick]), s.currency)})


def _after_cancel(ctx: Context, series: list[Series], rows: _Rows) -> Iterator[Finding]:
    marks = [m for m in marks_of(ctx) if m.kind == "cancelled"]
    if not marks:
        return
    frame = ctx.frame
    payees = ctx.payees().to_numpy()
    charged = charges_mask(frame)
    local_day = _local_days(ctx)
    amounts = frame["amount"].to_numpy()
    for mark in marks:
        mine = [s for s in series if s.payee == mark.payee_key and
                s.times[0].tz_convert("UTC").date().isoformat() <= mark.on_date]
        hit = np.flatnonzero(charged & (payees == mark.payee_key) & (local_day > mark.on_date))
        if mine:
            ref = mine[-1].usual
            hit = [int(p) for p in hit if ref / 2 <= amounts[p] <= ref * 2]
        if len(hit) == 0:
            continue
        cited = rows([int(p) for p in hit])
        name = cited[0]["counterparty"] or mark.payee
        total = ", ".join(f"{v} {c}" for c, v in _sum(cited).items())
        count = len(cited)
        times_en = "once" if count == 1 else f"{count} times"
        reason = {
            "en": f"{name} charged {total} {times_en} after you cancelled on {mark.on_date} "
                  f"(first {cited[0]['_when'][:10]}, last {cited[-1]['_when'][:10]}).",
            "zh": f"你已于 {mark.on_date} 取消，{name} 此后仍扣款 {count} 次，共 {total}"
                  f"（首次 {cited[0]['_when'][:10]}，最近 {cited[-1]['_when'][:10]}）。",
        }
        details = {"payee": name, "cancelled_on": mark.on_date, "series": None}
        if mine:
            details.update(_history(mine[-1], mine[-1].charges, rows))
        details["after_cancel"] = count
        yield make("charge-after-cancel", "high", cited, reason, stake=cited, details=details)


def _sum(rows: list[dict]) -> dict[str, str]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["currency"]] = totals.get(row["currency"], 0) + int(row["amount"])
    return {c: format_amount(v, c) for c, v in sorted(totals.items())}


def _local_days(ctx: Context) -> np.ndarray:
    """Each row's local calendar date as ``YYYY-MM-DD`` text (computed once)."""
    if "local_day" not in ctx.cache:
        frame = ctx.frame
        days = np.empty(len(frame), dtype=object)
        for zone, group in frame.groupby("tz", sort=False):
            days[group.index.to_numpy()] = group["time"].dt.tz_convert(zone).dt.strftime(
                "%Y-%m-%d").to_numpy()
        ctx.cache["local_day"] = days.astype(str)
    return ctx.cache["local_day"]


def _auto_unrecognised(ctx: Context, rows: _Rows, allowed: set[str]) -> Iterator[Finding]:
    frame = ctx.frame
    charged = _charged(ctx)
    auto = _auto(ctx) & charged
    if not auto.any():
        return
    warm = frame["time"].iloc[0] + pd.Timedelta(days=ctx.config.recurring.warmup_days)
    earlier_charges = np.cumsum(charged) - charged
    payees = ctx.payees().to_numpy()
    seen: set[str] = set()
    # Each payee's first charge, found on the payee codes (no table of a million texts).
    labels = ctx.payee_labels()
    charged_at = np.flatnonzero(charged)
    codes, first = np.unique(labels.codes[charged_at], return_index=True)
    first_pos = dict(zip(labels.categories[codes], charged_at[first].tolist(), strict=True))
    for pos in np.flatnonzero(auto).tolist():
        payee = payees[pos]
        if payee in seen or payee in allowed or not payee:
            continue
        seen.add(payee)
        if first_pos.get(payee) != pos or frame["time"].iloc[pos] < warm \
                or earlier_charges[pos] < ctx.config.recurring.warmup_charges:
            continue  # without a history of charges, every payee is one "never paid before"
        row = rows([pos])[0]
        said = _auto_words(row)
        reason = {
            "en": f"{_cash(row['amount'], row['currency'])} taken by automatic deduction "
                  f"(\"{said}\") by {row['counterparty'] or payee} on {row['_when']}; you "
                  f"had never paid this payee before.",
            "zh": f"{row['_when']} {row['counterparty'] or payee} 以自动扣款（“{said}”）扣走 "
                  f"{_cash(row['amount'], row['currency'])}；此前你从未向该收款方付款。",
        }
        yield make("auto-deduction-unrecognised", "high", [row], reason, stake=[row],
                   details={"payee": row["counterparty"] or payee, "evidence": said})


def _auto_words(row: dict) -> str:
    from walletwatch.recurring import AUTO_WORDS

    for column in ("method", "description", "counterparty"):
        text = str(row.get(column) or "")
        found = AUTO_WORDS.search(text)
        if found:
            return found.group(0)
    return ""


def _due(ctx: Context, series: list[Series], rows: _Rows) -> Iterator[Finding]:
    """Reminders before the next charge of a series the owner marked unwanted."""
    unwanted = {m.payee_key: m for m in marks_of(ctx) if m.kind == "unwanted"}
    if not unwanted:
        return
    days = ctx.config.recurring.remind_days
    for s in series:
        mark = unwanted.get(s.payee)
        if mark is None:
            continue
        due = s.next_expected
        left = (due - ctx.as_of).total_seconds() / 86400
        if not 0 <= left <= days:
            continue
        cited = rows(s.rows)
        day = due.tz_convert(cited[-1]["tz"]).date().isoformat()
        amount = _cash(s.latest, s.currency)
        reason = {
            "en": f"{s.name} is expected to charge {amount} again around {day} "
                  f"({s.cadence.name}); you marked it unwanted on {mark.on_date}: cancel it "
                  f"before then.",
            "zh": f"{s.name} 预计在 {day} 前后再次{s.cadence.zh}扣款 {amount}；你已于 "
                  f"{mark.on_date} 标记为不需要，请在此之前取消。",
        }
        yield make("renewal-due", "info", cited, reason,
                   details={**_history(s, s.charges, rows), "due": day})


__all__ = ["BY_NAME", "Check", "series_of"]
