"""Generate the fictional sample exports in sample_data/ (seeded: the same files every run).

    python sample_data/generate.py          # rewrites the files next to this script

Three fictional account holders with six months of habits each, rendered through the real
export layouts (walletwatch.synth.render), with a few planted problems so that
``walletwatch scan`` has something to find. ``planted.json`` lists every planted item with its
file and transaction id; README.md says what each file shows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np

from walletwatch.synth.records import SynthTxn
from walletwatch.synth.render import render

HERE = Path(__file__).resolve().parent
SEED = 20261125
START = dt.date(2026, 5, 1)
END = dt.date(2026, 10, 31)


@dataclass(frozen=True)
class Habit:
    """Something the owner does regularly: where, how much, when, how often."""

    counterparty: str
    median: float  # typical amount
    spread: float  # lognormal sigma
    hours: tuple[int, int]  # usual local hours [from, to)
    per_day: float  # expected count per day (weekdays)
    weekend: float = 1.0  # multiplier on weekends
    kind: str = "payment"
    direction: str = "out"
    method: str = ""
    category: str = ""
    description: str = ""
    account: str = ""


@dataclass(frozen=True)
class Monthly:
    """A fixed monthly movement (rent, salary, subscription, top-up)."""

    counterparty: str
    amount: str
    day: int
    hour: int
    kind: str = "payment"
    direction: str = "out"
    method: str = ""
    category: str = ""
    description: str = ""


class Owner:
    """Generates one owner's history; ids are sequential so files are stable."""

    def __init__(self, name: str, seed: int, currency: str, id_prefix: str):
        self.rng = np.random.default_rng(seed)
        self.currency = currency
        self.prefix = id_prefix
        self.counter = 0
        self.records: list[SynthTxn] = []
        self.planted: list[dict] = []
        self.name = name

    def next_id(self, when: dt.datetime) -> str:
        self.counter += 1
        if self.counter > 10**12:  # Venmo style: a plain 19-digit number
            return str(self.counter)
        return f"{self.prefix}{when:%Y%m%d}{self.counter:08d}"

    def add(self, when: dt.datetime, amount: str | Decimal, counterparty: str, **fields) -> SynthTxn:
        fields.setdefault("direction", "out")
        fields.setdefault("kind", "payment")
        fields.setdefault("status", "success")
        record = SynthTxn(time=when, amount=Decimal(str(amount)), counterparty=counterparty,
                          txn_id=fields.pop("txn_id", None) or self.next_id(when),
                          currency=self.currency, **fields)
        self.records.append(record)
        return record

    def plant(self, scenario: str, records: list[SynthTxn], note: str) -> None:
        for record in records:
            record.scenario = scenario
            record.incident_id = f"{scenario}-{len(self.planted) + 1}"
            record.label = scenario in ("takeover-burst", "card-testing", "new-payee-transfer")
        # time and amount too: some layouts (Revolut, Monzo) print no transaction id
        self.planted.append({"scenario": scenario, "note": note,
                             "txn_ids": [r.txn_id for r in records],
                             "times": [r.time.isoformat(sep=" ") for r in records],
                             "amounts": [str(r.amount) for r in records]})

    def live(self, habits: list[Habit], monthly: list[Monthly], retry_rate: float = 0.02) -> None:
        day = START
        while day <= END:
            weekend = day.weekday() >= 5
            for habit in habits:
                rate = habit.per_day * (habit.weekend if weekend else 1.0)
                for _ in range(self.rng.poisson(rate)):
                    self._habit_event(day, habit, retry_rate)
            for item in monthly:
                if day.day == item.day:
                    when = dt.datetime.combine(day, dt.time(item.hour, int(self.rng.integers(0, 50)),
                                                            int(self.rng.integers(0, 60))))
                    self.add(when, item.amount, item.counterparty, kind=item.kind,
                             direction=item.direction, method=item.method,
                             category=item.category, description=item.description)
            day += dt.timedelta(days=1)

    def _habit_event(self, day: dt.date, habit: Habit, retry_rate: float) -> None:
        hour = int(self.rng.integers(*habit.hours))
        when = dt.datetime.combine(day, dt.time(hour, int(self.rng.integers(0, 60)),
                                                int(self.rng.integers(0, 60))))
        value = habit.median * float(np.exp(self.rng.normal(0, habit.spread)))
        amount = Decimal(f"{max(value, 1.0):.2f}")
        fields = {"kind": habit.kind, "direction": habit.direction, "method": habit.method,
                  "category": habit.category, "description": habit.description,
                  "counterparty_account": habit.account}
        if habit.direction == "out" and self.rng.random() < retry_rate:
            # A benign failure: the payment fails, the owner retries a minute later.
            self.add(when, amount, habit.counterparty, status="failed", **fields)
            when += dt.timedelta(seconds=int(self.rng.integers(30, 120)))
        self.add(when, amount, habit.counterparty, **fields)


def at(day: str, clock: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day} {clock}")


# --- 林晓 (fictional), Shanghai: Alipay, WeChat Pay, JD, Meituan ------------------------------
def alipay_owner() -> Owner:
    owner = Owner("林晓", SEED, "CNY", "22001")
    card = "招商银行储蓄卡(8705)"
    owner.live(
        [
            Habit("瑞幸咖啡", 16, 0.25, (8, 10), 0.7, weekend=0.3, method="余额", category="餐饮美食"),
            Habit("沙县小吃(徐汇店)", 22, 0.3, (11, 13), 0.6, weekend=0.4, method="余额宝",
                  category="餐饮美食"),
            Habit("盒马鲜生", 110, 0.5, (17, 21), 0.25, weekend=3.0, method=card, category="日用百货"),
            Habit("上海地铁", 4, 0.3, (7, 20), 1.2, weekend=0.5, method="余额", category="交通出行"),
            Habit("滴滴出行", 28, 0.4, (18, 23), 0.15, weekend=2.0, method="花呗", category="交通出行"),
            Habit("淘宝网", 89, 0.8, (20, 24), 0.2, weekend=1.5, method="花呗", category="日用百货"),
        ],
        [
            Monthly("房东王先生", "4500.00", 1, 10, kind="transfer", method=card, category="转账红包",
                    description="房租"),
            Monthly("上海某某科技有限公司", "15000.00", 10, 11, kind="transfer", direction="in",
                    category="收入", description="工资"),
            Monthly("中国移动", "58.00", 5, 9, category="充值缴费", description="话费充值"),
            Monthly("腾讯视频", "25.00", 18, 23, category="文化休闲", description="VIP会员自动续费",
                    method="余额"),
            Monthly("花呗", "1200.00", 9, 20, kind="repayment", direction="neutral", method=card,
                    category="信用借还", description="花呗主动还款"),
            Monthly("", "500.00", 20, 9, kind="topup", direction="neutral", method=card,
                    category="充值缴费", description="充值-普通充值"),
        ],
    )
    # A refunded order: closed original (money left, then came back) + its refund row.
    order = owner.add(at("2026-07-03", "21:14:09"), "259.00", "优衣库官方旗舰店", method="花呗",
                      category="服饰装扮", description="男式T恤", status="closed")
    owner.add(at("2026-07-05", "10:02:45"), "259.00", "优衣库官方旗舰店", kind="refund",
              direction="neutral", status="refunded", category="退款", description="退款-男式T恤",
              txn_id=order.txn_id + "_" + "20260705", refund_of=order.txn_id)

    debited = owner.add(at("2026-09-14", "19:20:33"), "1299.00", "某某数码专营店", method=card,
                        category="数码电器", description="蓝牙耳机", status="closed")
    owner.plant("failed-but-debited", [debited],
                "order closed (交易关闭) but 1,299.00 left the card and no refund row follows")

    stuck = owner.add(at("2026-10-29", "10:05:12"), "2000.00", "", kind="topup",
                      direction="neutral", status="pending", method=card, category="充值缴费",
                      description="充值-普通充值")
    owner.plant("stuck-topup", [stuck], "top-up still 处理中 more than 24 h before the export ends")
    owner.add(at("2026-10-31", "21:40:00"), "300.00", "", kind="topup", direction="neutral",
              status="pending", method=card, category="充值缴费", description="充值-普通充值")

    first = owner.add(at("2026-08-08", "20:15:02"), "38.00", "星巴克(徐家汇店)", method="余额",
                      category="餐饮美食", description="拿铁")
    second = owner.add(at("2026-08-08", "20:17:40"), "38.00", "星巴克(徐家汇店)", method="余额",
                       category="餐饮美食", description="拿铁")
    owner.plant("duplicate", [first, second], "the same 38.00 charged twice within 3 minutes")

    burst = [
        owner.add(at("2026-10-12", "02:10:44"), "648.00", "某游戏点卡商城", method="余额宝",
                  category="数码电器", description="游戏充值卡"),
        owner.add(at("2026-10-12", "02:18:05"), "1988.00", "某虚拟商品平台", method="余额宝",
                  category="商业服务", description="虚拟商品"),
        owner.add(at("2026-10-12", "02:31:27"), "3000.00", "李**", method="余额宝",
                  category="转账红包", kind="transfer", description="转账",
                  counterparty_account="155******21"),
    ]
    owner.plant("takeover-burst", burst,
                "three payments to payees never seen before between 02:10 and 02:31")

    cluster = [owner.add(at("2026-09-02", f"12:{m:02d}:10"), "89.00", "中国电信", status="failed",
                         category="充值缴费", description="宽带续费", method=card)
               for m in (5, 12, 31)]
    owner.plant("failure-cluster", cluster, "three failed payments to one payee within 30 minutes")
    return owner


def wechat_owner() -> Owner:
    owner = Owner("林晓", SEED + 1, "CNY", "4200")
    owner.live(
        [
            Habit("全家便利店", 18, 0.4, (7, 23), 0.5, method="零钱"),
            Habit("美宜佳", 12, 0.4, (9, 22), 0.3, method="零钱"),
            Habit("菜市场摊位(扫码)", 35, 0.5, (7, 11), 0.2, weekend=2.5, method="零钱"),
            Habit("朋友A", 66, 0.6, (12, 23), 0.08, kind="red_packet", direction="in"),
            Habit("朋友B", 50, 0.6, (12, 23), 0.05, kind="transfer", method="零钱"),
        ],
        [
            Monthly("中国银行(1234)", "800.00", 2, 9, kind="topup", direction="neutral",
                    method="中国银行(1234)"),
            Monthly("自如", "120.00", 15, 10, description="物业费", method="零钱"),
        ],
    )
    stuck = owner.add(at("2026-10-25", "16:40:00"), "1500.00", "中国银行(1234)",
                      kind="withdrawal", direction="neutral", status="pending", method="零钱",
                      fee=Decimal("1.50"))
    owner.plant("stuck-withdrawal", [stuck], "withdrawal to the bank card still 处理中 after 72 h")
    testing = [owner.add(at("2026-10-20", f"03:{m:02d}:{s:02d}"), amount, name, method="零钱")
               for m, s, amount, name in ((2, 11, "0.10", "某充值小店A"), (4, 40, "0.50", "某充值小店B"),
                                          (6, 3, "1.00", "某充值小店C"))]
    testing.append(owner.add(at("2026-10-20", "03:19:48"), "2600.00", "某数码回收",
                             method="零钱"))
    owner.plant("card-testing", testing,
                "three tiny charges to new payees at 03:02-03:06, then 2,600.00 to another new payee")
    return owner


def jd_owner() -> Owner:
    owner = Owner("林晓", SEED + 2, "CNY", "3100")
    owner.live(
        [Habit("京东自营", 150, 0.7, (20, 24), 0.12, weekend=2.0, method="招商银行信用卡(6621)",
               description="京东商城订单"),
         Habit("京东到家", 60, 0.4, (17, 21), 0.06, method="钱包余额", description="京东到家订单")],
        [],
    )
    return owner


def meituan_owner() -> Owner:
    owner = Owner("林晓", SEED + 3, "CNY", "2510")
    owner.live(
        [Habit("美团外卖", 32, 0.35, (11, 13), 0.5, weekend=1.2, method="美团月付"),
         Habit("美团外卖", 38, 0.35, (18, 21), 0.3, method="美团月付"),
         Habit("美团单车", 1.5, 0.2, (8, 19), 0.3, method="美团月付")],
        [],
        retry_rate=0.0,  # the Meituan bill lists completed orders only
    )
    return owner


# --- Alex Rivera (fictional), California: PayPal, Venmo, Cash App ------------------------
def paypal_owner() -> Owner:
    owner = Owner("Alex Rivera", SEED + 10, "USD", "PP")
    owner.live(
        [Habit("eBay Marketplace", 42, 0.7, (18, 23), 0.08, weekend=2.0, description="Used books"),
         Habit("Etsy", 28, 0.5, (19, 23), 0.05, description="Handmade goods")],
        [Monthly("Netflix", "15.49", 3, 6, description="Monthly subscription"),
         Monthly("Spotify", "11.99", 12, 6, description="Premium"),
         Monthly("Bank of America", "300.00", 1, 9, kind="topup", direction="in")],
    )
    first = owner.add(at("2026-09-21", "14:02:10"), "129.99", "Best Buy", description="Headphones")
    second = owner.add(at("2026-09-21", "14:05:55"), "129.99", "Best Buy", description="Headphones")
    owner.plant("duplicate", [first, second], "129.99 charged twice within 4 minutes")
    burst = [owner.add(at("2026-10-07", clock), amount, name, description="Gift card")
             for clock, amount, name in (("03:12:40", "200.00", "GiftCardZone"),
                                         ("03:20:02", "350.00", "QuickCodes Ltd"),
                                         ("03:26:51", "500.00", "DigitalVault"))]
    owner.plant("takeover-burst", burst, "three gift-card payments to new payees at 03:12-03:26")
    return owner


def venmo_owner() -> Owner:
    owner = Owner("Alex Rivera", SEED + 11, "USD", "")
    owner.counter = 3_900_000_000_000_000_000  # Venmo ids are 19 digits
    owner.live(
        [Habit("Jordan Lee", 24, 0.5, (12, 23), 0.1, kind="transfer", description="🍕 pizza"),
         Habit("Sam Patel", 35, 0.5, (12, 23), 0.06, kind="transfer", description="rent utilities"),
         Habit("Maria Gomez", 20, 0.5, (12, 23), 0.05, kind="transfer", direction="in",
               description="brunch")],
        [],
    )
    owner.records = [r for r in owner.records if r.status != "failed"]
    big = owner.add(at("2026-10-09", "01:47:30"), "1850.00", "Unknown Recipient 77",
                    kind="transfer", description="payment")
    owner.plant("new-payee-transfer", [big], "1,850.00 sent at 01:47 to a person never paid before")
    return owner


def cashapp_owner() -> Owner:
    owner = Owner("Alex Rivera", SEED + 12, "USD", "r")
    owner.live(
        [Habit("MTA*NYCT PAYGO", 2.9, 0.05, (7, 20), 0.4, description="MTA*NYCT PAYGO"),
         Habit("Trader Joe's", 46, 0.5, (17, 21), 0.15, weekend=2.0, description="Groceries")],
        [],
    )
    declined = [owner.add(at("2026-08-30", clock), "64.20", "Shell Oil", status="failed",
                          description="Fuel") for clock in ("18:01:05", "18:03:40", "18:06:12")]
    owner.plant("failure-cluster", declined, "the card was declined three times at one payee")
    return owner


# --- Sam Taylor (fictional), London: Revolut, Monzo, Wise ---------------------------------
def revolut_owner() -> Owner:
    owner = Owner("Sam Taylor", SEED + 20, "GBP", "RV")
    owner.live(
        [Habit("Pret A Manger", 6.5, 0.25, (8, 14), 0.6, weekend=0.3),
         Habit("Tesco", 38, 0.5, (17, 21), 0.3, weekend=2.0),
         Habit("TfL Travel", 8, 0.2, (7, 20), 0.8, weekend=0.4)],
        [Monthly("Payment from S TAYLOR", "500.00", 2, 8, kind="topup", direction="in")],
    )
    stuck = owner.add(at("2026-10-28", "09:30:00"), "250.00", "Top-up by *4421", kind="topup",
                      direction="in", status="pending")
    owner.plant("stuck-topup", [stuck], "card top-up still PENDING three days later")
    return owner


def monzo_owner() -> Owner:
    owner = Owner("Sam Taylor", SEED + 21, "GBP", "tx_0000")
    owner.live(
        [Habit("Sainsbury's", 24, 0.5, (17, 21), 0.3, weekend=1.8, category="Groceries"),
         Habit("Costa Coffee", 3.4, 0.2, (8, 11), 0.5, weekend=0.2, category="Eating out")],
        [Monthly("Octopus Energy", "82.00", 6, 7, category="Bills")],
    )
    return owner


def wise_owner() -> Owner:
    owner = Owner("Sam Taylor", SEED + 22, "EUR", "TRANSFER-")
    owner.live(
        [Habit("Lucia Romano", 120, 0.5, (10, 20), 0.03, kind="transfer", description="dinner split")],
        [Monthly("Sam Taylor (own account)", "400.00", 25, 10, kind="withdrawal",
                 direction="out", description="to my bank")],
    )
    stuck = owner.add(at("2026-10-26", "11:00:00"), "900.00", "Sam Taylor (own account)",
                      kind="withdrawal", status="pending", description="to my bank")
    owner.plant("stuck-withdrawal", [stuck], "withdrawal to own bank still PROCESSING after 5 days")
    # Wise prints no export period: the latest transaction is the "as of" time.
    owner.add(at("2026-10-31", "18:05:00"), "45.00", "Lucia Romano", kind="transfer",
              description="cinema")
    return owner


FILES = (
    # (file name, layout, owner factory, account shown in the preamble)
    ("alipay_2026.csv", "alipay-app", alipay_owner),
    ("wechat_2026.csv", "wechat-csv", wechat_owner),
    ("wechat_2026.xlsx", "wechat-xlsx", wechat_owner),
    ("jd_2026.csv", "jd", jd_owner),
    ("meituan_2026.csv", "meituan", meituan_owner),
    ("paypal_2026.csv", "paypal", paypal_owner),
    ("venmo_2026.csv", "venmo", venmo_owner),
    ("cashapp_2026.csv", "cashapp", cashapp_owner),
    ("revolut_2026.csv", "revolut", revolut_owner),
    ("monzo_2026.csv", "monzo", monzo_owner),
    ("wise_2026.csv", "wise", wise_owner),
)


def main() -> None:
    planted = []
    meta = {"period_start": dt.datetime.combine(START, dt.time()),
            "period_end": dt.datetime.combine(END, dt.time(23, 59, 59)),
            "exported_at": dt.datetime(2026, 11, 1, 9, 12, 52)}
    for name, layout, factory in FILES:
        owner = factory()
        render(owner.records, layout, HERE / name, owner=owner.name, **meta)
        for item in owner.planted:
            planted.append({"file": name, "format": layout, **item})
        print(f"{name}: {len(owner.records)} transactions, {len(owner.planted)} planted")
    (HERE / "planted.json").write_text(
        json.dumps(planted, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
