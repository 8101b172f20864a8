"""Hard negatives and labelled incidents added to a simulated owner's ordinary life.

Every family draws its parameters from wide ranges (probe sizes, declined share, burst length,
hours, amounts, how long after a travel week), so the benchmark cannot reward a detector for
fitting one shape. The ranges are wider than the detector's own settings on purpose.

Unrecognised activity (``label=True``): ``takeover-burst`` (some at night, some in daytime,
some right after a travel week, some followed a week later by a second takeover that pays the
first one's payees), ``card-testing`` (tiny probes, some declined, usually then a larger
charge), ``large-transfer`` (to a new person, sometimes one a takeover introduced days
before), ``slow-takeover`` (a few charges several times the usual amount at familiar merchants
over days). Other incidents (``label=False``, scenario and incident id set): ``duplicate``,
``failed-but-debited``, ``failure-cluster``, ``stuck-topup`` (sometimes retried the next day
with a top-up of the same amount, which does not complete it), ``stuck-withdrawal``,
``stuck-refund``.

Hard negatives carry ``scenario="hard-<name>"`` and no incident id: a travel week, rent to a
new landlord paid every month, an annual renewal at a monthly subscription, a big purchase
at a familiar large merchant, a big purchase at a new shop, the same purchase again an hour
later, a shopping day, a new card, a young pending top-up.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # annotations only: simulate imports this module to add its records
    from walletwatch.synth.simulate import Owner

UNRECOGNISED = ("takeover-burst", "card-testing", "large-transfer", "slow-takeover")
RULES = ("duplicate", "failed-but-debited", "failure-cluster", "stuck-topup",
         "stuck-withdrawal", "stuck-refund")
# scenario -> probability an owner has it
RATES = {"takeover-burst": 0.35, "card-testing": 0.3, "large-transfer": 0.3,
         "slow-takeover": 0.25, "duplicate": 0.3, "failed-but-debited": 0.25,
         "failure-cluster": 0.2, "stuck-topup": 0.2, "stuck-withdrawal": 0.12,
         "stuck-refund": 0.12}
SHOPS = ("数码专营店", "游戏充值", "电子卡券商城", "online-shop", "礼品卡中心", "虚拟商品店")


def typical(owner: Owner) -> float:
    return float(np.average(owner.medians, weights=owner.popularity))


def _mark(records, scenario: str, incident: str, label: bool) -> None:
    for record in records:
        record.scenario, record.incident_id, record.label = scenario, incident, label


def _day(owner: Owner, low: int = 45) -> int:
    return int(owner.rng.integers(low, owner.days - 3))


def _ordinary_hour(owner: Owner) -> float:
    return owner.hour()


def _night_hour(owner: Owner) -> float:
    """A small-hours time far from the owner's habits."""
    return (owner.hour_mean + 12 + float(owner.rng.uniform(-2.5, 2.5))) % 24


def hard_negatives(owner: Owner) -> dict:
    """Add the benign look-alikes; return facts the incidents may build on (travel days)."""
    rng, days, base = owner.rng, owner.days, typical(owner)
    facts: dict = {}
    if rng.random() < 0.35:  # a travel week: many new merchants, higher amounts
        first = int(rng.integers(40, days - 20))
        length = int(rng.integers(4, 11))
        facts["travel_end"] = first + length
        for day in range(first, first + length):
            for _ in range(int(rng.integers(2, 9))):
                owner.add(owner.at(day), base * float(rng.uniform(0.5, 3)),
                          f"旅行商户{day}-{int(rng.integers(1000))}", scenario="hard-travel")
    if rng.random() < 0.5:  # rent: a new landlord, then the same amount every month
        amount = float(rng.uniform(1500, 6000))
        landlord = f"房东{'王李张刘陈'[int(rng.integers(5))]}*{owner.index}"
        for day in range(int(rng.integers(25, 90)), days, 30):
            when = owner.at(min(day + int(rng.integers(-2, 3)), days - 1), float(rng.uniform(9, 21)))
            owner.add(when, amount, landlord, kind="transfer", account=f"6228{owner.index:08d}",
                      scenario="hard-rent")
    if rng.random() < 0.35:  # a monthly subscription renewed once as an annual plan
        monthly = float(rng.choice([9.9, 15, 25, 30, 45]))
        name = str(rng.choice(["优酷会员", "QQ音乐", "Keep会员", "WPS会员", "芒果TV"]))
        switch = int(rng.integers(60, days - 5))
        hour = owner.hour()
        for day in range(int(rng.integers(0, 28)), switch, 30):
            owner.add(owner.at(day, hour), monthly, name, scenario="hard-subscription")
        owner.add(owner.at(switch, hour), monthly * float(rng.uniform(9, 12)), name,
                  scenario="hard-renewal")
    if rng.random() < 0.3:  # a big purchase at a familiar large merchant
        k = int(rng.integers(0, min(3, len(owner.merchants))))
        owner.add(owner.at(int(rng.integers(30, days - 2))),
                  owner.medians[k] * float(rng.uniform(4, 15)), owner.merchants[k],
                  scenario="hard-big-familiar")
    for _ in range(int(rng.integers(0, 3))):  # the same purchase again an hour later
        k, day = owner.pick_merchant(), int(rng.integers(30, days - 2))
        when, amount = owner.at(day), owner.merchant_amount(k)
        for delay in (0.0, float(rng.uniform(40, 120))):
            owner.add(when + dt.timedelta(minutes=delay), amount, owner.merchants[k],
                      scenario="hard-repeat")
    if rng.random() < 0.2:  # a shopping day at known shops
        day = int(rng.integers(30, days - 2))
        for _ in range(int(rng.integers(8, 13))):
            k = owner.pick_merchant()
            owner.add(owner.at(day), owner.merchant_amount(k), owner.merchants[k],
                      scenario="hard-shopping")
    if rng.random() < 0.2:  # a new card, used from some day on
        since = owner.start + dt.timedelta(days=int(rng.integers(40, days - 10)))
        for record in owner.records:
            if record.time >= since and record.direction == "out" and rng.random() < 0.4:
                record.method, record.scenario = "建设银行信用卡(8888)", "hard-new-card"
    if rng.random() < 0.15:  # a big purchase at a new shop
        owner.add(owner.at(int(rng.integers(30, days - 2))), float(rng.uniform(1500, 5000)),
                  "宜家家居", scenario="hard-big-purchase")
    if rng.random() < 0.3:  # a young pending top-up: not stuck yet
        owner.add(owner.end - dt.timedelta(hours=float(rng.uniform(2, 14))),
                  float(rng.uniform(100, 500)), "余额充值", kind="topup", direction="neutral",
                  status="pending", scenario="hard-young-pending")
    return facts


def add_incidents(owner: Owner, facts: dict | None = None) -> None:
    facts = facts or {}
    for n, (scenario, rate) in enumerate(RATES.items()):
        if owner.rng.random() < rate:
            incident = f"o{owner.index}-{n}"
            before = len(owner.records)
            INJECT[scenario](owner, facts)
            _mark(owner.records[before:], scenario, incident, scenario in UNRECOGNISED)


def _burst(owner: Owner, day: int, hour: float, payees: list[str], persons: set[str],
           method: str | None) -> None:
    rng, base = owner.rng, typical(owner)
    when = owner.at(day, hour)
    for name in payees:
        when += dt.timedelta(minutes=float(rng.uniform(1, 18)))
        person = name in persons
        owner.add(when, base * float(rng.uniform(1.5, 10)), name, method=method,
                  kind="transfer" if person else "payment",
                  account=f"6222{zlib.crc32(name.encode()) % 10**8:08d}" if person else "")


def _takeover(owner: Owner, facts: dict) -> None:
    rng = owner.rng
    after_travel = "travel_end" in facts and rng.random() < 0.5
    day = min(facts["travel_end"] + int(rng.integers(0, 4)), owner.days - 3) if after_travel \
        else _day(owner)
    hour = _night_hour(owner) if rng.random() < 0.65 else _ordinary_hour(owner)
    method = "中信银行信用卡(0077)" if rng.random() < 0.3 else None
    payees, persons = [], set()
    for k in range(int(rng.integers(3, 8))):
        if rng.random() < 0.4:
            name = f"{'陈林吴郑'[int(rng.integers(4))]}*{owner.index}{k}"
            persons.add(name)
        else:
            name = f"{SHOPS[int(rng.integers(len(SHOPS)))]}{owner.index}-{k}"
        payees.append(name)
    _burst(owner, day, hour, payees, persons, method)
    facts["takeover"] = {"day": day, "payees": payees, "persons": sorted(persons)}
    if rng.random() < 0.35 and day + 10 < owner.days:  # a second takeover a week later
        again = list(rng.choice(payees, size=min(len(payees), int(rng.integers(2, 4))),
                                replace=False))
        again += [f"{SHOPS[0]}{owner.index}-x{k}" for k in range(int(rng.integers(0, 3)))]
        _burst(owner, day + int(rng.integers(5, 10)), _night_hour(owner), again, persons, method)


def _card_testing(owner: Owner, facts: dict) -> None:
    rng, base = owner.rng, typical(owner)
    when = owner.at(_day(owner))
    declined_share = float(rng.uniform(0, 0.8))
    whole = rng.random() < 0.5
    for k in range(int(rng.integers(3, 7))):
        when += dt.timedelta(minutes=float(rng.uniform(0.5, 6)))
        amount = float(rng.integers(1, 8)) if whole else float(rng.uniform(0.5, 7))
        status = "failed" if rng.random() < declined_share else "success"
        owner.add(when, amount, f"{SHOPS[3]}-{owner.index}-{k}", status=status,
                  direction="neutral" if status == "failed" else "out")
    if rng.random() < 0.85:
        for k in range(int(rng.integers(1, 3))):
            when += dt.timedelta(minutes=float(rng.uniform(2, 600)))
            amount = max(float(rng.uniform(150, 600)), base * float(rng.uniform(4, 12)))
            owner.add(when, amount, f"{SHOPS[2]}{owner.index}-{k}")


def _large_transfer(owner: Owner, facts: dict) -> None:
    rng = owner.rng
    amount = max(typical(owner) * float(rng.uniform(12, 40)), float(rng.uniform(800, 5000)))
    takeover = facts.get("takeover")
    if takeover and takeover["persons"] and rng.random() < 0.6 \
            and takeover["day"] + 8 < owner.days:
        name = takeover["persons"][0]  # a person a takeover introduced days before
        day = takeover["day"] + int(rng.integers(1, 8))
    else:
        name, day = f"赵*明{owner.index}", _day(owner)
    owner.add(owner.at(day), amount, name, kind="transfer", account=f"6217{owner.index:08d}")


def _slow_takeover(owner: Owner, facts: dict) -> None:
    rng, day = owner.rng, _day(owner, 60)
    span = int(rng.integers(3, 13))
    for _ in range(int(rng.integers(2, 6))):
        k = int(rng.integers(0, min(5, len(owner.merchants))))
        owner.add(owner.at(min(day + int(rng.integers(0, span)), owner.days - 1)),
                  owner.medians[k] * float(rng.uniform(3, 6)), owner.merchants[k])


def _duplicate(owner: Owner, facts: dict) -> None:
    k = owner.pick_merchant()
    when, amount = owner.at(_day(owner)), owner.merchant_amount(k)
    owner.add(when, amount, owner.merchants[k])
    owner.add(when + dt.timedelta(seconds=float(owner.rng.uniform(5, 480))), amount,
              owner.merchants[k])


def _failed_debited(owner: Owner, facts: dict) -> None:
    k = owner.pick_merchant()
    owner.add(owner.at(_day(owner)), owner.merchant_amount(k), owner.merchants[k],
              status="closed")


def _failure_cluster(owner: Owner, facts: dict) -> None:
    rng, when = owner.rng, owner.at(_day(owner))
    same = rng.random() < 0.5
    k = owner.pick_merchant()
    for _ in range(int(rng.integers(3, 6))):
        when += dt.timedelta(hours=float(rng.uniform(0.1, 5)))
        m = k if same else owner.pick_merchant()
        owner.add(when, owner.merchant_amount(m), owner.merchants[m], status="failed",
                  direction="neutral")


def _stuck(kind: str, hours: float):
    def inject(owner: Owner, facts: dict) -> None:
        rng = owner.rng
        age = dt.timedelta(hours=hours * float(rng.uniform(1.5, 10)))
        when = owner.end - dt.timedelta(seconds=1) - age
        if kind == "refund":
            k = owner.pick_merchant()
            paid = owner.add(when - dt.timedelta(days=2), owner.merchant_amount(k),
                             owner.merchants[k])
            refund = owner.add(when, float(paid.amount), paid.counterparty, kind="refund",
                               direction="neutral", status="pending", refund_of=paid.txn_id)
            refund.txn_id = f"{paid.txn_id}_{owner.counter}"
            return
        amount = float(rng.uniform(100, 2000))
        name = "余额充值" if kind == "topup" else "提现"
        owner.add(when, amount, name, kind=kind, direction="neutral", status="pending",
                  method="招商银行储蓄卡(4321)")
        if kind == "topup" and rng.random() < 0.5 and age > dt.timedelta(days=2):
            # The owner tried again the next day: a new top-up, which does not complete the first.
            owner.add(when + dt.timedelta(days=1), amount, name, kind=kind,
                      direction="neutral", method="招商银行储蓄卡(4321)")
    return inject


INJECT = {
    "takeover-burst": _takeover, "card-testing": _card_testing,
    "large-transfer": _large_transfer, "slow-takeover": _slow_takeover,
    "duplicate": _duplicate, "failed-but-debited": _failed_debited,
    "failure-cluster": _failure_cluster, "stuck-topup": _stuck("topup", 24),
    "stuck-withdrawal": _stuck("withdrawal", 72), "stuck-refund": _stuck("refund", 24 * 7),
}
