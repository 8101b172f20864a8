"""Hard negatives and labelled incidents added to a simulated owner's ordinary life.

Unrecognised activity (``label=True``): ``takeover-burst``, ``card-testing``,
``large-transfer``, ``slow-takeover``. Other incidents (``label=False``, scenario and
incident id set): ``duplicate``, ``failed-but-debited``, ``failure-cluster``, ``stuck-topup``,
``stuck-withdrawal``, ``stuck-refund``. Hard negatives carry ``scenario="hard-<name>"`` and no
incident id: travel weeks with many new merchants, a legitimate repeat purchase an hour later,
a shopping day, a new card, an annual renewal, a big purchase at a new shop, a young pending
top-up.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from walletwatch.synth.simulate import Owner

UNRECOGNISED = ("takeover-burst", "card-testing", "large-transfer", "slow-takeover")
RULES = ("duplicate", "failed-but-debited", "failure-cluster", "stuck-topup",
         "stuck-withdrawal", "stuck-refund")
# scenario -> probability an owner has it
RATES = {"takeover-burst": 0.3, "card-testing": 0.25, "large-transfer": 0.25,
         "slow-takeover": 0.15, "duplicate": 0.3, "failed-but-debited": 0.25,
         "failure-cluster": 0.2, "stuck-topup": 0.15, "stuck-withdrawal": 0.12,
         "stuck-refund": 0.12}


def typical(owner: Owner) -> float:
    return float(np.average(owner.medians, weights=owner.popularity))


def _mark(records, scenario: str, incident: str, label: bool) -> None:
    for record in records:
        record.scenario, record.incident_id, record.label = scenario, incident, label


def hard_negatives(owner: Owner) -> None:
    rng, days, base = owner.rng, owner.days, typical(owner)
    if rng.random() < 0.3:  # a travel week: many new merchants, higher amounts
        first = int(rng.integers(40, days - 20))
        for day in range(first, first + int(rng.integers(5, 10))):
            for _ in range(int(rng.integers(3, 8))):
                owner.add(owner.at(day), base * float(rng.uniform(1, 3)),
                          f"旅行商户{day}-{int(rng.integers(1000))}", scenario="hard-travel")
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
    if rng.random() < 0.3:  # an annual renewal: a large amount once a year
        owner.add(owner.at(int(rng.integers(30, days - 2))), float(rng.choice([198, 398, 698])),
                  "年度会员续费", scenario="hard-renewal")
    if rng.random() < 0.15:  # a big purchase at a new shop
        owner.add(owner.at(int(rng.integers(30, days - 2))), float(rng.uniform(1500, 5000)),
                  "宜家家居", scenario="hard-big-purchase")
    if rng.random() < 0.3:  # a young pending top-up: not stuck yet
        owner.add(owner.end - dt.timedelta(hours=float(rng.uniform(2, 20))),
                  float(rng.uniform(100, 500)), "余额充值", kind="topup", direction="neutral",
                  status="pending", scenario="hard-young-pending")


def add_incidents(owner: Owner) -> None:
    for n, (scenario, rate) in enumerate(RATES.items()):
        if owner.rng.random() < rate:
            incident = f"o{owner.index}-{n}"
            before = len(owner.records)
            INJECT[scenario](owner)
            _mark(owner.records[before:], scenario, incident, scenario in UNRECOGNISED)


def _day(owner: Owner) -> int:
    return int(owner.rng.integers(45, owner.days - 3))


def _takeover(owner: Owner) -> None:
    rng, base = owner.rng, typical(owner)
    hour = owner.hour_mean + 12 + float(rng.uniform(-2, 2)) if rng.random() < 0.6 else None
    when = owner.at(_day(owner), hour)
    method = "中信银行信用卡(0077)" if rng.random() < 0.3 else None
    for k in range(int(rng.integers(3, 11))):
        when += dt.timedelta(minutes=float(rng.uniform(2, 25)))
        person = rng.random() < 0.4
        name = f"陈*新{owner.index}{k}" if person else f"数码专营店{owner.index}-{k}"
        owner.add(when, base * float(rng.uniform(3, 10)), name, method=method,
                  kind="transfer" if person else "payment",
                  account=f"62220{k}{owner.index:05d}" if person else "")


def _card_testing(owner: Owner) -> None:
    rng, base = owner.rng, typical(owner)
    when = owner.at(_day(owner))
    for k in range(int(rng.integers(3, 9))):
        when += dt.timedelta(minutes=float(rng.uniform(1, 10)))
        status = "failed" if rng.random() < 0.45 else "success"
        owner.add(when, float(rng.uniform(0.5, 3.0)), f"online-shop-{owner.index}-{k}",
                  status=status)
    for k in range(int(rng.integers(1, 4))):
        when += dt.timedelta(hours=float(rng.uniform(0.5, 8)))
        owner.add(when, base * float(rng.uniform(5, 15)), f"电子卡券商城{owner.index}-{k}")


def _large_transfer(owner: Owner) -> None:
    amount = max(typical(owner) * float(owner.rng.uniform(15, 40)), 2000.0)
    owner.add(owner.at(_day(owner)), amount, f"赵*明{owner.index}", kind="transfer",
              account=f"6217{owner.index:08d}")


def _slow_takeover(owner: Owner) -> None:
    rng, day = owner.rng, _day(owner)
    for _ in range(int(rng.integers(3, 7))):
        k = int(rng.integers(0, min(5, len(owner.merchants))))
        owner.add(owner.at(min(day + int(rng.integers(0, 6)), owner.days - 1)),
                  owner.medians[k] * float(rng.uniform(3, 6)), owner.merchants[k])


def _duplicate(owner: Owner) -> None:
    k = owner.pick_merchant()
    when, amount = owner.at(_day(owner)), owner.merchant_amount(k)
    owner.add(when, amount, owner.merchants[k])
    owner.add(when + dt.timedelta(seconds=float(owner.rng.uniform(10, 480))), amount,
              owner.merchants[k])


def _failed_debited(owner: Owner) -> None:
    k = owner.pick_merchant()
    owner.add(owner.at(_day(owner)), owner.merchant_amount(k), owner.merchants[k],
              status="closed")


def _failure_cluster(owner: Owner) -> None:
    rng, when = owner.rng, owner.at(_day(owner))
    same = rng.random() < 0.5
    k = owner.pick_merchant()
    for _ in range(int(rng.integers(3, 6))):
        when += dt.timedelta(hours=float(rng.uniform(0.3, 5)))
        m = k if same else owner.pick_merchant()
        owner.add(when, owner.merchant_amount(m), owner.merchants[m], status="failed")


def _stuck(kind: str, hours: float):
    def inject(owner: Owner) -> None:
        age = dt.timedelta(hours=hours * float(owner.rng.uniform(1.5, 4)))
        when = owner.end - dt.timedelta(seconds=1) - age
        if kind == "refund":
            k = owner.pick_merchant()
            paid = owner.add(when - dt.timedelta(days=2), owner.merchant_amount(k),
                             owner.merchants[k])
            refund = owner.add(when, float(paid.amount), paid.counterparty, kind="refund",
                               direction="neutral", status="pending", refund_of=paid.txn_id)
            refund.txn_id = f"{paid.txn_id}_{owner.counter}"
            return
        owner.add(when, float(owner.rng.uniform(100, 2000)),
                  "余额充值" if kind == "topup" else "提现", kind=kind, direction="neutral",
                  status="pending", method="招商银行储蓄卡(4321)")
    return inject


INJECT = {
    "takeover-burst": _takeover, "card-testing": _card_testing,
    "large-transfer": _large_transfer, "slow-takeover": _slow_takeover,
    "duplicate": _duplicate, "failed-but-debited": _failed_debited,
    "failure-cluster": _failure_cluster, "stuck-topup": _stuck("topup", 24),
    "stuck-withdrawal": _stuck("withdrawal", 72), "stuck-refund": _stuck("refund", 24 * 7),
}
