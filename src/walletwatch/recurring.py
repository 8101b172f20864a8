"""Recurring series: the same payee charging a steady amount at a regular cadence.

``find_series(frame, payees)`` turns the successful outgoing charges of a normalised frame into
named series (payee, cadence, amount history, next expected date). How a series is found, per
payee (and currency):

* Starting from each charge not yet in a series, a chain grows by picking the charge nearest
  to ``last + period`` (within the cadence's jitter, which allows each charge to move a day
  or two; one skipped period allowed), preferring the same amount, accepting another amount
  only within half to twice the last one once the last two charges were equal (so a price
  increase stays in its series). A series starts at an amount the payee charges again.
  Cadences: weekly (7 ± 2.5 days), fortnightly (14 ± 3), monthly (30.4 ± 5, so Jan 31 →
  Feb 28 fits), quarterly (91.3 ± 10) and yearly (365.25 ± 15).
* A chain is a series when it has at least ``min_charges`` charges, a trial counted (two for
  a yearly one, or when the payee's rows say it is an automatic deduction), at most one skipped period per
  four charges, and a steady amount (consecutive charges equal to the cent at least half of
  the time: a subscription, not a habit of varying purchases; bills that vary every month
  are not series here).
* A merely frequent habit is not a series: when the payee is paid a similar amount (within
  35 %) in between at least twice, and at least half as often as the chain itself, the chain
  is the visible part of a habit (daily coffee also shows a charge every 30 days); four such
  charges within the first period end the chain at once.
* A small first charge shortly before the series (at most ``trial_share`` of its amount, at
  most one period and a bit earlier) is its trial and part of its history.

Everything here reads charges only; findings are made by ``walletwatch.checks.recurring``
and ``walletwatch recurring`` lists the series with ``walletwatch.recurring_overview``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from walletwatch.columns import distinct_joined, texts

DAY = 86_400.0


@dataclass(frozen=True)
class Cadence:
    name: str
    zh: str
    days: float
    jitter: float  # days either side of the expected date
    per_year: float


CADENCES = (
    Cadence("weekly", "每周", 7.0, 2.5, 52.0),
    Cadence("fortnightly", "每两周", 14.0, 3.0, 26.0),
    Cadence("monthly", "每月", 30.44, 5.0, 12.0),
    Cadence("quarterly", "每季度", 91.3, 10.0, 4.0),
    Cadence("yearly", "每年", 365.25, 15.0, 1.0),
)
BY_NAME = {c.name: c for c in CADENCES}

# Words exports use for an automatic / password-free deduction (method or description).
AUTO_WORDS = re.compile(
    r"自动扣款|免密支付|免密|自动续费|连续包月|连续包年|连续包季|代扣|auto[- ]?renew|"
    r"subscription|direct debit|recurring payment|standing order", re.IGNORECASE)

SIMILAR = 0.35  # "a similar amount" for the habit test


@dataclass
class Series:
    """One recurring series: positions (rows of the frame) in time order, trial included."""

    payee: str  # normalised key
    name: str  # as the export writes it (the latest charge's)
    currency: str
    cadence: Cadence
    rows: list[int]  # frame positions, chronological
    amounts: list[int]  # minor units, same order
    times: list[pd.Timestamp]
    trial: bool = False  # rows[0] is a small first charge before the series
    skips: int = 0
    auto: bool = False  # some row says it is an automatic deduction
    kinds: set[str] = field(default_factory=set)

    @property
    def charges(self) -> int:
        return len(self.rows)

    @property
    def regular(self) -> list[int]:
        """Amounts without the trial."""
        return self.amounts[1:] if self.trial else self.amounts

    @property
    def usual(self) -> int:
        """The amount most charges were (the latest on a tie)."""
        values = self.regular
        counts: dict[int, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        best = max(counts.values())
        return next(v for v in reversed(values) if counts[v] == best)

    @property
    def latest(self) -> int:
        return self.amounts[-1]

    @property
    def next_expected(self) -> pd.Timestamp:
        """The last charge plus one period (calendar months for monthly and longer)."""
        last = self.times[-1]
        months = {"monthly": 1, "quarterly": 3, "yearly": 12}.get(self.cadence.name)
        if months is None:
            return last + pd.Timedelta(days=self.cadence.days)
        return last + pd.DateOffset(months=months)

    @property
    def yearly_cost(self) -> int:
        """The latest amount times the charges a year holds at this cadence (minor units)."""
        return round(self.latest * self.cadence.per_year)

    @property
    def key(self) -> str:
        """Stable id of the series: payee, currency, cadence and the first charge's time."""
        import hashlib

        text = f"{self.payee}|{self.currency}|{self.cadence.name}|{self.times[0].isoformat()}"
        return "series-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def charges_mask(frame: pd.DataFrame) -> np.ndarray:
    """Successful money out to a payee (payments, transfers, fees; not top-ups or refunds)."""
    ok = frame["status"].eq("success") & frame["direction"].eq("out")
    ok &= ~frame["kind"].isin(["refund", "topup", "withdrawal", "red_packet"])
    return ok.to_numpy()


def auto_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose method, description or payee name says automatic / password-free deduction
    (Alipay writes 自动续费 in the item description, some merchants in their name)."""
    # Each distinct (method, description, payee) is searched once: a million rows repeat a
    # few thousand (joining and searching every row's text cost ~0.2 s).
    codes, joined = distinct_joined([texts(frame[name])
                                     for name in ("method", "description", "counterparty")], " ")
    found = np.array([AUTO_WORDS.search(text) is not None for text in joined], dtype=bool)
    return found[codes]


def find_series(frame: pd.DataFrame, payees: pd.Series, *, min_charges: int = 3,
                trial_share: float = 0.2, charged: np.ndarray | None = None,
                auto: np.ndarray | None = None) -> list[Series]:
    """Every recurring series in ``frame`` (normalised, chronological), payee by payee.

    ``charged`` and ``auto``: ``charges_mask(frame)`` and ``auto_rows(frame)`` when the caller
    has them already (the recurring check reads them again; each costs a pass over the rows).
    """
    from walletwatch.model.features import epoch_seconds

    if frame.empty:
        return []
    mask = charges_mask(frame) if charged is None else charged
    index = np.flatnonzero(mask)
    if len(index) < 2:
        return []
    groups = {key: rows for key, rows in by_payee(index, payees.array[index],
                                                  frame["currency"].array[index]).items()
              if len(rows) >= 2 and key[0]}  # a payee charged twice or more
    if not groups:
        return []
    days = epoch_seconds(frame["time"]) / DAY
    amount = frame["amount"].to_numpy()
    auto = auto_rows(frame) if auto is None else auto
    found: list[Series] = []
    for (key, cur), rows_arr in groups.items():
        found += _payee_series(frame, key, cur, rows_arr, days[rows_arr], amount[rows_arr],
                               bool(auto[rows_arr].any()), min_charges, trial_share)
    found.sort(key=lambda s: (s.times[0], s.payee, s.cadence.days))
    return found


def by_payee(positions: np.ndarray, payees, currencies) -> dict[tuple[str, str], np.ndarray]:
    """``positions`` grouped by (payee, currency): each group ascending, the groups in the
    order they first appear, rows without a currency left out (as a groupby leaves them).
    Grouped on factorize codes: a groupby on two object columns held ~100 MB of temporaries
    on a million rows. ``currencies`` is best the column's own array (``frame[c].array``):
    a categorical one is factorized from its codes, with no table of a million texts."""
    payee, payee_names = pd.factorize(payees)
    currency, currency_names = pd.factorize(currencies)
    keep = (payee >= 0) & (currency >= 0)
    n = max(len(currency_names), 1)
    pair, pairs = pd.factorize(payee[keep].astype(np.int64) * n + currency[keep])
    if not len(pairs):
        return {}
    order = np.argsort(pair, kind="stable")
    starts = np.flatnonzero(np.diff(pair[order], prepend=-1))
    positions = positions[keep]
    return {(str(payee_names[code // n]), str(currency_names[code % n])): positions[group]
            for code, group in zip(pairs.tolist(), np.split(order, starts[1:]), strict=True)}


def _payee_series(frame, key, currency, rows, days, amounts, auto, min_charges,
                  trial_share) -> list[Series]:
    """The series of one payee: grow chains from the earliest free charge on."""
    free = np.ones(len(rows), dtype=bool)
    out: list[Series] = []
    same = _ByAmount(days, amounts)
    for start, cadences in _starts(days, amounts):
        if not free[start]:
            continue
        best = None
        for cadence in cadences:
            chain, skips = _grow(start, cadence, days, amounts, free, same)
            if len(chain) < 2:
                continue
            trial = _trial(chain[0], cadence, days, amounts, free, trial_share)
            extra = trial is not None
            if not _is_series(chain, skips, cadence, amounts, auto, min_charges - extra):
                continue
            if _habit(chain, days, amounts, free):
                continue
            score = (len(chain) - skips, -cadence.days)
            if best is None or score > best[0]:
                best = (score, chain, skips, cadence, trial)
        if best is None:
            continue
        _, chain, skips, cadence, trial = best
        free[chain] = False
        if trial is not None:
            free[trial] = False
            chain = [trial, *chain]
        out.append(_series(frame, key, currency, rows, chain, cadence, skips,
                           trial is not None, auto))
    return out


class _ByAmount:
    """amount -> (its days, its positions), both ascending, made only for the amounts a chain
    asks about: a payee charged a million times has mostly amounts no chain ever reaches, and
    a Python pass over every charge cost a second per million."""

    def __init__(self, days: np.ndarray, amounts: np.ndarray):
        self.order = np.argsort(amounts, kind="stable")  # positions ascending within an amount
        self.sorted = amounts[self.order]
        self.days, self.cache = days, {}

    def __getitem__(self, amount: int) -> tuple[list[float], list[int]]:
        hit = self.cache.get(amount)
        if hit is None:
            lo = int(np.searchsorted(self.sorted, amount, side="left"))
            hi = int(np.searchsorted(self.sorted, amount, side="right"))
            positions = self.order[lo:hi]
            hit = self.cache[amount] = (self.days[positions].tolist(), positions.tolist())
        return hit


BUSY_PER_DAY = 3.0  # a payee charging more often than this on average is "busy"


def _starts(days: np.ndarray, amounts: np.ndarray) -> list[tuple[int, list[Cadence]]]:
    """Where a chain may start, and at which cadences: at a charge whose amount the payee
    charges again one (or two) periods later (a series repeats its amount) and did not charge
    one period earlier (else the chain from that earlier charge covers it); never at an amount
    charged so often that it is a habit (more than once per four days)."""
    starts: dict[int, list[Cadence]] = {}
    busy = len(days) > BUSY_PER_DAY * max(float(days[-1] - days[0]), 1.0)
    order = np.lexsort((days, amounts))
    rank = np.concatenate([[0], np.cumsum(np.diff(amounts[order]) != 0)])
    counts = np.bincount(rank)
    first = np.full(len(counts), np.inf)
    last = np.full(len(counts), -np.inf)
    np.minimum.at(first, rank, days[order])
    np.maximum.at(last, rank, days[order])
    usable = (counts >= 2) & (counts <= 2 + (last - first) / 4)
    # One sorted key for all amounts: groups lie far apart, so a window never crosses one.
    gap = float(days.max() - days.min()) + 4 * 366
    key = rank * gap + (days[order] - days.min())
    keep = usable[rank]
    # Expected similar-amount charges per day, from the payee's own rate and amounts: where a
    # period would hold eight or more, the habit test rejects every chain, so none is grown.
    ranked = np.sort(amounts)
    value = amounts[order].astype(float)
    similar = (np.searchsorted(ranked, value * (1 + SIMILAR), side="right")
               - np.searchsorted(ranked, value * (1 - SIMILAR), side="left"))
    per_day = similar / max(float(days[-1] - days[0]), 1.0)
    for cadence in CADENCES:
        # Only charges that may start a chain are looked up (all charges stay searchable):
        # at a busy payee most amounts are charged once, or too often, and never start one.
        asked = np.flatnonzero(keep & (per_day * cadence.days < 8))
        at = key[asked]
        ahead = np.zeros(len(at), dtype=bool)
        for k in (1, 2):
            ahead |= _any_within(key, at + k * cadence.days, cadence.jitter * k)
        if busy:
            # A payee paid many times a day: one equal amount a period later happens by
            # chance, so ask for a third charge as well (trials of such payees are missed).
            twice = np.zeros(len(at), dtype=bool)
            for k in (2, 3, 4):
                twice |= _any_within(key, at + k * cadence.days, cadence.jitter * k)
            ahead &= twice
        behind = _any_within(key, at - cadence.days, cadence.jitter)
        for i in order[asked[ahead & ~behind]].tolist():
            starts.setdefault(i, []).append(cadence)
    return sorted(starts.items())


def _any_within(times: np.ndarray, targets: np.ndarray, tol: float) -> np.ndarray:
    """For each target, whether a time (sorted) lies within ``tol`` of it."""
    lo = np.searchsorted(times, targets - tol, side="left")
    hi = np.searchsorted(times, targets + tol, side="right")
    return hi > lo


def _grow(start: int, cadence: Cadence, days: np.ndarray, amounts: np.ndarray,
          free: np.ndarray, same: dict) -> tuple[list[int], int]:
    """A chain from ``start``: each next charge nearest one (or two) periods later."""
    from bisect import bisect_left, bisect_right

    chain, skips = [start], 0
    while True:
        last = chain[-1]
        amount = int(amounts[last])
        same_days, same_rows = same[amount]
        nxt = None
        for k in (1, 2):
            target = days[last] + k * cadence.days
            tol = cadence.jitter * k
            lo, hi = bisect_left(same_days, target - tol), bisect_right(same_days, target + tol)
            found = [(abs(same_days[j] - target), same_rows[j]) for j in range(lo, hi)
                     if same_rows[j] > last and free[same_rows[j]]]
            if found:
                nxt = (min(found)[1], k)
                break
            if len(chain) >= 2 and amounts[chain[-2]] == amount:  # a settled price changes
                lo = int(np.searchsorted(days, target - tol, side="left"))
                hi = int(np.searchsorted(days, target + tol, side="right"))
                pick = _pick(max(lo, last + 1), hi, target, amount, days, amounts, free)
                if pick is not None:
                    nxt = (pick, k)
                    break
        if nxt is None:
            return chain, skips
        chain.append(nxt[0])
        skips += nxt[1] == 2
        if len(chain) == 2 and _others(chain, amounts, free) >= 4:
            return chain[:1], 0  # four similar charges within a period: a habit, stop early


def _pick(lo: int, hi: int, target: float, amount: int, days, amounts, free) -> int | None:
    """Another amount within ×0.5–×2 nearest ``target`` (a price change), if any."""
    if hi <= lo:
        return None
    window = slice(lo, hi)
    ok = free[window] & (amounts[window] * 2 >= amount) & (amounts[window] <= amount * 2)
    if not ok.any():
        return None
    distance = np.where(ok, np.abs(days[window] - target), np.inf)
    return lo + int(np.argmin(distance))


def _is_series(chain: list[int], skips: int, cadence: Cadence, amounts: np.ndarray,
               auto: bool, min_charges: int) -> bool:
    needed = 2 if (cadence.name == "yearly" or auto) else min_charges
    if len(chain) < max(needed, 2) or skips > max(0, (len(chain) - 1) // 4):
        return False
    same = np.diff(amounts[chain]) == 0
    return bool(same.sum() * 2 >= len(same)) if len(same) > 1 else bool(same.all())


def _habit(chain: list[int], days: np.ndarray, amounts: np.ndarray, free: np.ndarray) -> bool:
    """Similar-amount charges between the chain's ends: at least two, and at least half as
    many as the chain has."""
    return _others(chain, amounts, free) >= max(2, len(chain) // 2)


def _others(chain: list[int], amounts: np.ndarray, free: np.ndarray) -> int:
    """Free charges of a similar amount between the chain's ends, not in the chain."""
    first, last = chain[0], chain[-1]
    typical = float(np.median(amounts[chain]))
    span = slice(first, last + 1)
    similar = free[span] & (np.abs(amounts[span] - typical) <= SIMILAR * typical)
    similar[np.asarray(chain) - first] = False
    return int(similar.sum())


def _trial(first: int, cadence: Cadence, days, amounts, free, share: float) -> int | None:
    """A small charge at the payee before the series' first, within a period and a bit."""
    lo = int(np.searchsorted(days, days[first] - cadence.days - cadence.jitter - 3))
    small = free[lo:first] & (amounts[lo:first] <= share * amounts[first])
    hits = np.flatnonzero(small)
    return lo + int(hits[-1]) if len(hits) else None


def _series(frame, key, currency, rows, chain, cadence, skips, trial, auto) -> Series:
    positions = [int(rows[i]) for i in chain]
    picked = frame.iloc[positions]
    names = texts(picked["counterparty"])
    name = next((n for n in reversed(names.tolist()) if n.strip()), key)
    return Series(payee=key, name=name, currency=currency, cadence=cadence, rows=positions,
                  amounts=[int(a) for a in picked["amount"]], times=list(picked["time"]),
                  trial=trial, skips=skips, auto=auto, kinds=set(picked["kind"].astype(str)))
