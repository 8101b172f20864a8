"""A seeded simulator of wallet owners: months of ordinary life with distinct habits.

Each owner (``simulate_owner(seed, owner)``) has habits drawn from wide ranges: a payment rate
from 0.4 to 6 a day, usual hours (8 % work nights) and their spread, 5–40 habitual merchants
with Zipf-like popularity and amounts from 2 to 150 with their own spread, friends to transfer
to, subscriptions (some charged in the small hours), salary, top-ups and withdrawals, orders
created and never paid, benign failures (half retried at once) and refunds (Alipay style: the closed order keeps 支出 and a
``<id>_<n>`` refund row follows). Hard negatives and labelled incidents are added by
``walletwatch.synth.incidents``. The same ``(seed, owner)`` always gives the same records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from walletwatch.synth.records import SynthTxn

MERCHANTS = [f"{a}{b}" for a in ("美团", "饿了么", "瑞幸", "全家", "罗森", "盒马", "京东",
                                  "拼多多", "永辉", "华润万家", "屈臣氏", "肯德基", "麦当劳",
                                  "喜茶", "滴滴", "中石化", "哈啰", "优衣库", "沃尔玛", "7-Eleven")
             for b in ("", "（朝阳店）", "（海淀店）", "（浦东店）", "便利", "外卖", "旗舰店")]
FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
METHODS = ("余额", "花呗", "招商银行储蓄卡(4321)", "余额宝", "交通银行信用卡(7449)")


@dataclass
class Owner:
    """The habits of one simulated owner."""

    index: int
    rng: np.random.Generator
    start: dt.datetime
    days: int
    rate: float
    hour_mean: float
    hour_sd: float
    merchants: list[str]
    popularity: np.ndarray
    medians: np.ndarray
    spreads: np.ndarray
    friends: list[str]
    methods: list[str]
    records: list[SynthTxn] = field(default_factory=list)
    counter: int = 0

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(days=self.days)

    def new_id(self, when: dt.datetime) -> str:
        self.counter += 1
        return f"{when:%Y%m%d}{self.index:04d}{self.counter:07d}"

    def add(self, when: dt.datetime, amount: float, counterparty: str, *, kind: str = "payment",
            direction: str = "out", status: str = "success", method: str | None = None,
            account: str = "", **extra) -> SynthTxn:
        record = SynthTxn(
            time=when.replace(microsecond=0), amount=Decimal(f"{max(amount, 0.01):.2f}"),
            direction=direction, kind=kind, status=status, counterparty=counterparty,
            txn_id=self.new_id(when), counterparty_account=account,
            method=method if method is not None else self.methods[0], **extra)
        self.records.append(record)
        return record

    def hour(self) -> float:
        return float(self.rng.normal(self.hour_mean, self.hour_sd)) % 24

    def at(self, day: int, hour: float | None = None) -> dt.datetime:
        hour = self.hour() if hour is None else hour % 24
        return self.start + dt.timedelta(days=day, seconds=int(hour * 3600))

    def merchant_amount(self, k: int, factor: float = 1.0) -> float:
        return float(self.medians[k] * np.exp(self.rng.normal(0, self.spreads[k])) * factor)

    def pick_merchant(self) -> int:
        return int(self.rng.choice(len(self.merchants), p=self.popularity))


def make_owner(seed: int, index: int, *, days: int = 180,
               start: dt.datetime = dt.datetime(2025, 1, 1)) -> Owner:
    """Habits drawn from wide ranges, so that no rule can lean on one owner's shape."""
    rng = np.random.default_rng([seed, index])
    night = rng.random() < 0.08
    n = int(rng.integers(5, 41))
    names = list(rng.choice(MERCHANTS, size=n, replace=False))
    weights = 1.0 / np.arange(1, n + 1) ** float(rng.uniform(0.7, 1.6))
    return Owner(
        index=index, rng=rng, start=start, days=days,
        rate=float(np.exp(rng.uniform(np.log(0.4), np.log(6.0)))),
        hour_mean=float(rng.uniform(21, 27) if night else rng.uniform(8, 20)) % 24,
        hour_sd=float(rng.uniform(1.0, 3.5)),
        merchants=names, popularity=weights / weights.sum(),
        medians=np.exp(rng.uniform(np.log(2), np.log(150), size=n)),
        spreads=rng.uniform(0.1, 0.8, size=n),
        friends=[f"{FAMILY[int(rng.integers(len(FAMILY)))]}*{k}" for k in range(int(rng.integers(2, 10)))],
        methods=list(rng.choice(METHODS, size=int(rng.integers(1, 4)), replace=False)),
    )


def daily_life(owner: Owner) -> None:
    """Ordinary payments, transfers, income, top-ups, failures and refunds."""
    rng = owner.rng
    for day in range(owner.days):
        for _ in range(int(rng.poisson(owner.rate))):
            k = owner.pick_merchant()
            when = owner.at(day)
            if when >= owner.end:
                continue
            amount = owner.merchant_amount(k)
            method = str(rng.choice(owner.methods))
            roll = rng.random()
            if roll < 0.015:  # a benign failure, retried at once half of the time
                owner.add(when, amount, owner.merchants[k], status="failed", method=method)
                if rng.random() < 0.5:
                    owner.add(when + dt.timedelta(minutes=float(rng.uniform(1, 5))), amount,
                              owner.merchants[k], method=method)
            elif roll < 0.03:  # an order created and never paid: closed, no money moved
                owner.add(when, amount, owner.merchants[k], status="closed",
                          direction="neutral", method="")
            elif roll < 0.045:  # refunded: closed order keeps 支出, a refund row follows
                paid = owner.add(when, amount, owner.merchants[k], status="closed", method=method)
                back = when + dt.timedelta(days=float(rng.uniform(0.2, 4)))
                owner.counter += 1
                owner.records.append(SynthTxn(
                    time=back.replace(microsecond=0), amount=paid.amount, direction="neutral",
                    kind="refund", status="success", counterparty=paid.counterparty,
                    txn_id=f"{paid.txn_id}_{owner.counter}", refund_of=paid.txn_id,
                    method=method))
            else:
                owner.add(when, amount, owner.merchants[k], method=method)
        if rng.random() < 0.08:
            friend = owner.friends[int(rng.integers(len(owner.friends)))]
            owner.add(owner.at(day), float(rng.uniform(5, 40)) * owner.medians[0] ** 0.5, friend,
                      kind="transfer",
                      direction=str(rng.choice(["out", "in"])), account=f"{friend}@qq.com")
        if day % 30 == 9:
            owner.add(owner.at(day, 10), float(rng.uniform(5000, 15000)), "公司工资代发",
                      kind="transfer", direction="in", method="余额")
        if rng.random() < 0.05:
            owner.add(owner.at(day), float(rng.uniform(100, 1000)), "余额充值", kind="topup",
                      direction="neutral", method=owner.methods[-1])
        if rng.random() < 0.02:
            owner.add(owner.at(day), float(rng.uniform(100, 2000)), "提现", kind="withdrawal",
                      direction="neutral", method="招商银行储蓄卡(4321)")


def subscriptions(owner: Owner) -> None:
    """Monthly fixed charges, some in the small hours (a hard negative for "unusual hour")."""
    rng = owner.rng
    for k in range(int(rng.integers(2, 5))):
        night = rng.random() < 0.4
        hour = float(rng.uniform(1, 4)) if night else owner.hour()
        amount = float(rng.choice([15, 25, 30, 68, 128]))
        name = ("网易云音乐", "腾讯视频VIP", "爱奇艺会员", "中国移动话费", "百度网盘")[k]
        for day in range(int(rng.integers(0, 28)), owner.days, 30):
            owner.add(owner.at(day, hour), amount, name, category="文化休闲")


def simulate_owner(seed: int, index: int, *, days: int = 180, incidents: bool = True,
                   recurring: bool = True, facts: dict | None = None
                   ) -> tuple[list[SynthTxn], dict]:
    """One owner's records (chronological) and the export meta to render them with.

    The export ends at the last simulated second (``period_end``); stuck items are judged
    against it. With ``incidents`` and ``recurring``, recurring-charge incidents are added
    (``walletwatch.synth.recurring``, from their own random stream); ``facts`` (a dict, if
    given) receives what the owner did outside the export, e.g. ``cancelled``: [(payee,
    YYYY-MM-DD)] for ``walletwatch recurring cancel``.
    """
    from walletwatch.synth.incidents import add_incidents, hard_negatives
    from walletwatch.synth.recurring import add_recurring

    owner = make_owner(seed, index, days=days)
    daily_life(owner)
    subscriptions(owner)
    facts = facts if facts is not None else {}
    facts.update(hard_negatives(owner))
    if incidents:
        add_incidents(owner, facts)
        if recurring:
            add_recurring(owner, np.random.default_rng([seed, index, 13]), facts)
    records = sorted(owner.records, key=lambda r: (r.time, r.txn_id))
    end = owner.end - dt.timedelta(seconds=1)
    meta = {"period_start": owner.start, "period_end": end,
            "exported_at": end + dt.timedelta(hours=9)}
    return records, meta


def simulate(seed: int, owners: int, *, days: int = 180) -> list[tuple[list[SynthTxn], dict]]:
    """``owners`` owners from ``seed`` (owner ``i`` is the same whatever ``owners`` is)."""
    return [simulate_owner(seed, i, days=days) for i in range(owners)]
