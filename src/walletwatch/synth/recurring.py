"""Recurring-charge incidents added to a simulated owner (labelled, ``label=False``).

Families (scenario names, each with an incident id so the benchmark can score it):

* ``new-subscription``: a subscription that started in the last two to three months at a
  merchant never paid before: monthly (some on month ends, Jan 31 → Feb 28), weekly or
  fortnightly, every charge moved by up to two days;
* ``trial-conversion``: a small or free first charge (0.01–1.00), then the same merchant
  charging monthly, the last charge shortly before the statement ends;
* ``price-increase``: a long-running subscription whose price goes up by 8–60 % (then stays);
* ``charge-after-cancel``: a long-running subscription the owner cancelled (``facts`` holds
  the payee and date, for ``walletwatch recurring cancel``), charging once or twice more;
* ``auto-deduction``: one automatic / password-free deduction (described 自动续费 / 免密支付 /
  自动扣款) to a payee never paid before;
* ``annual-plan``: a monthly subscription renewed once as a yearly plan (8–13 months' price).

Names, amounts, cadences and timing are drawn per owner from wide ranges (subscriptions
charge at an hour the owner pays at, as they were signed up then; automatic deductions at any
hour), with their own random stream (``rng``), so adding them does not change the owner's other records.
The label is ``False``: these are not "unrecognised activity"; the scenario and incident id
say which finding should point at them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # annotations only: simulate imports this module to add its records
    from walletwatch.synth.simulate import Owner

RECURRING = ("new-subscription", "trial-conversion", "price-increase", "charge-after-cancel",
             "auto-deduction", "annual-plan")
RATES = {"new-subscription": 0.3, "trial-conversion": 0.25, "price-increase": 0.3,
         "charge-after-cancel": 0.25, "auto-deduction": 0.25, "annual-plan": 0.2}
SERVICES = ("哔哩哔哩大会员", "喜马拉雅VIP", "得到APP", "Spotify", "Netflix", "ChatGPT Plus",
            "滴滴会员", "美团会员", "饿了么超级吃货卡", "夸克网盘", "迅雷会员", "知乎盐选",
            "Apple iCloud", "Google One", "微信读书", "钉钉专业版", "超级健身房", "云服务器")
WORDS = ("自动续费", "免密支付", "自动扣款", "连续包月")


def _habit_hour(owner: Owner, rng: np.random.Generator) -> float:
    """An hour the owner pays at (a subscription charges at the hour it was signed up)."""
    return float(rng.normal(owner.hour_mean, owner.hour_sd)) % 24


def _name(rng: np.random.Generator, owner: Owner, tag: str) -> str:
    return f"{SERVICES[int(rng.integers(len(SERVICES)))]}-{tag}{owner.index}"


def _when(owner: Owner, day: float, hour: float) -> dt.datetime:
    return owner.start + dt.timedelta(days=float(day), hours=float(hour))


def _charges(owner: Owner, rng, name: str, amount: float, first_day: int, every: str,
             until: int, hour: float, **extra) -> list:
    """Charges from ``first_day`` to ``until`` (days from the start) at cadence ``every``."""
    out = []
    if every == "monthly":
        first = owner.start + dt.timedelta(days=first_day)
        anchor = first.day if rng.random() < 0.7 else 31  # some bill on the month's last day
        k = 0
        while True:
            year, month = first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
            day = dt.datetime(year, month, min(anchor, last)) + dt.timedelta(hours=hour)
            day += dt.timedelta(days=int(rng.integers(-1, 2)) if rng.random() < 0.4 else 0)
            if (day - owner.start).days >= until:
                return out
            if day >= owner.start:
                out.append(owner.add(day, amount, name, **extra))
            k += 1
    step = {"weekly": 7, "fortnightly": 14}[every]
    for day in range(first_day, until, step):
        jitter = int(rng.integers(-1, 2)) if rng.random() < 0.4 else 0
        out.append(owner.add(_when(owner, max(day + jitter, 0), hour), amount, name, **extra))
    return out


def _new_subscription(owner, rng, facts):
    every = str(rng.choice(["monthly", "monthly", "weekly", "fortnightly"]))
    span = {"monthly": (62, 85), "weekly": (15, 40), "fortnightly": (29, 55)}[every]
    first = owner.days - int(rng.integers(*span))
    amount = float(rng.choice([6, 9.9, 12, 15, 19.9, 25, 30, 39, 45, 68, 88, 99, 128]))
    return _charges(owner, rng, _name(rng, owner, "n"), amount, first, every, owner.days,
                    _habit_hour(owner, rng))


def _trial(owner, rng, facts):
    name = _name(rng, owner, "t")
    amount = float(rng.choice([15, 19.9, 25, 30, 45, 68]))
    first = owner.days - int(rng.integers(62, 80))
    hour = _habit_hour(owner, rng)
    trial = owner.add(_when(owner, first, hour), float(rng.choice([0.01, 0.1, 1.0])), name)
    charges = _charges(owner, rng, name, amount, first + int(rng.integers(7, 31)), "monthly",
                       owner.days, hour)
    return [trial, *charges]


def _long_running(owner, rng, tag):
    name = _name(rng, owner, tag)
    amount = float(rng.choice([9.9, 15, 19, 25, 30, 45, 68, 98]))
    return name, amount, int(rng.integers(0, 25)), _habit_hour(owner, rng)


def _price_increase(owner, rng, facts):
    name, amount, first, hour = _long_running(owner, rng, "p")
    switch = int(rng.integers(100, owner.days - 20))
    before = _charges(owner, rng, name, amount, first, "monthly", switch, hour)
    higher = round(amount * float(rng.uniform(1.08, 1.6)), 1)
    resume = (before[-1].time - owner.start).days + 30 if before else switch
    after = _charges(owner, rng, name, higher, resume, "monthly", owner.days, hour)
    _label(before, "", "")  # the charges before the rise are ordinary
    return after[:1]


def _after_cancel(owner, rng, facts):
    name, amount, first, hour = _long_running(owner, rng, "c")
    charges = _charges(owner, rng, name, amount, first, "monthly", owner.days, hour)
    extra = int(rng.integers(1, 3))
    if len(charges) < extra + 3:
        return []
    last_ok = charges[-extra - 1]
    cancel = (last_ok.time + dt.timedelta(days=float(rng.uniform(2, 20)))).date()
    facts.setdefault("cancelled", []).append((name, cancel.isoformat()))
    _label(charges[:-extra], "", "")
    return charges[-extra:]


def _auto_deduction(owner, rng, facts):
    name = f"{SERVICES[int(rng.integers(len(SERVICES)))]}-a{owner.index}"
    day = int(rng.integers(45, owner.days - 2))
    amount = float(rng.choice([6, 9.9, 15, 25, 30, 58, 88, 168]))
    return [owner.add(_when(owner, day, float(rng.uniform(0, 24))), amount, name,
                      description=str(rng.choice(WORDS)))]


def _annual_plan(owner, rng, facts):
    name, amount, first, hour = _long_running(owner, rng, "y")
    switch = int(rng.integers(90, owner.days - 3))
    before = _charges(owner, rng, name, amount, first, "monthly", switch, hour)
    _label(before, "", "")
    return [owner.add(_when(owner, switch, hour), round(amount * float(rng.uniform(8, 12.5)), 1),
                      name, description="连续包年")]


def _label(records, scenario: str, incident: str) -> None:
    for record in records:
        record.scenario, record.incident_id, record.label = scenario, incident, False


INJECT = {"new-subscription": _new_subscription, "trial-conversion": _trial,
          "price-increase": _price_increase, "charge-after-cancel": _after_cancel,
          "auto-deduction": _auto_deduction, "annual-plan": _annual_plan}


def add_recurring(owner: Owner, rng: np.random.Generator, facts: dict) -> None:
    """Add each family with its probability; label what the finding should cite."""
    for n, (scenario, rate) in enumerate(RATES.items()):
        if rng.random() < rate:
            before = len(owner.records)
            cited = INJECT[scenario](owner, rng, facts)
            _label(owner.records[before:], f"recurring-{scenario}-context", "")
            _label(cited, scenario, f"o{owner.index}-r{n}")
