"""Benchmark: an incremental ``walletwatch check`` of 1,000 new transactions against a
1,000,000-transaction history.

    python benchmarks/check_incremental.py [--history 1000000] [--new 1000]

The history is built once (synthetic owner: ~300 payees, Zipf-distributed, log-normal amounts,
four years, a few pending top-ups) straight into a state store under ``benchmarks/out/``
(gitignored), with the detector fitted as a previous check would have left it (the few
pending top-ups near its end become stuck-topup alerts in the timed check). Each run copies that store, writes the 1,000 new transactions as a real
Alipay app export (GBK, preamble) and times ``run_check`` on it: import by content hash,
dedup, window read, features, rules, the stored detector, alert bookkeeping, outbox and
delivery. Python start-up and imports are excluded (imports are done before the clock starts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "out"
START = pd.Timestamp("2021-01-01", tz="Asia/Shanghai")
YEARS = 4


def _payees(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    names = np.array([f"商户{i:03d}" for i in range(300)])
    weights = 1.0 / np.arange(1, 301) ** 1.1
    pick = rng.choice(300, size=n, p=weights / weights.sum())
    typical = np.exp(rng.normal(3.0, 0.8, size=300))  # yuan
    amounts = typical[pick] * np.exp(rng.normal(0, 0.3, size=n))
    return names[pick], np.maximum((amounts * 100).round(), 1).astype(np.int64)


def history_frame(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` normalised transactions over four years (the ingest schema, exactly)."""
    from walletwatch.schema import COLUMNS

    rng = np.random.default_rng(seed)
    span = YEARS * 365 * 86400
    day = np.sort(rng.integers(0, span // 86400, size=n))
    hour = np.clip(rng.normal(14, 3.5, size=n), 7, 23.9)
    offsets = day * 86400 + (hour * 3600).astype(np.int64) + rng.integers(0, 60, size=n)
    times = (START + pd.to_timedelta(np.sort(offsets), unit="s")).tz_convert("UTC")
    payee, amount = _payees(rng, n)
    kind = np.where(rng.random(n) < 0.002, "topup", "payment")
    status = np.where((kind == "topup") & (rng.random(n) < 0.05), "pending", "success")
    frame = pd.DataFrame({
        "txn_id": [f"2021{i:020d}" for i in range(n)],
        "merchant_order_id": "", "time": times, "tz": "Asia/Shanghai", "amount": amount,
        "currency": "CNY", "direction": np.where(kind == "topup", "neutral", "out"),
        "kind": kind, "status": status,
        "raw_status": np.where(status == "pending", "处理中", "交易成功"),
        "counterparty": np.where(kind == "topup", "支付宝", payee), "counterparty_account": "/",
        "description": "商品", "method": "余额", "category": "日用百货",
        "fee": pd.array([pd.NA] * n, dtype="Int64"), "refund_of": "",
        "source_file": "history.csv", "source_line": np.arange(n) + 26,
        "source_format": "alipay-app",
    })
    return frame[list(COLUMNS)]


def build_history(path: Path, n: int) -> None:
    from walletwatch.config import load_config
    from walletwatch.scheduled import detector
    from walletwatch.store import open_store, txns
    from walletwatch.store.db import utc_now

    frame = history_frame(n)
    with open_store(path) as store, store.transaction() as conn:
        txns.import_frame(conn, frame, {"alipay-app": "alipay"}, {"history.csv": "0" * 64})
        conn.execute("INSERT INTO files (sha256, path, format, provider, rows_ok, rows_new,"
                     " imported_at, run_id) VALUES (?, 'history.csv', 'alipay-app', 'alipay',"
                     " ?, ?, ?, NULL)", ("0" * 64, n, n, utc_now()))
        as_of = frame["time"].max()
        conn.execute("INSERT INTO meta VALUES ('as_of', ?)", (as_of.isoformat(),))
        detector.fit(conn, load_config(None), [], utc_now())


def new_export(path: Path, n: int, after: pd.Timestamp, seed: int = 11) -> Path:
    from walletwatch.synth.records import SynthTxn
    from walletwatch.synth.render import render

    rng = np.random.default_rng(seed)
    payee, amount = _payees(rng, n)
    start = after.tz_convert("Asia/Shanghai").tz_localize(None).to_pydatetime()
    seconds = np.sort(rng.integers(60, 14 * 86400, size=n))
    records = [SynthTxn(time=start + dt.timedelta(seconds=int(s)),
                        amount=Decimal(int(a)) / 100, direction="out", kind="payment",
                        status="success", counterparty=str(p), txn_id=f"2025{i:020d}",
                        method="余额")
               for i, (s, p, a) in enumerate(zip(seconds, payee, amount, strict=True))]
    return render(records, "alipay-app", path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import importlib

    for module in ("walletwatch.checks", "walletwatch.model.features", "walletwatch.model.risk",
                   "walletwatch.pipeline", "walletwatch.notify.senders"):
        importlib.import_module(module)  # imports are not what we time
    from walletwatch.ingest import load
    from walletwatch.scheduled.check import run_check

    OUT.mkdir(exist_ok=True)
    cached = OUT / f"history_{args.history}.sqlite"
    if not cached.exists():
        began = time.perf_counter()
        build_history(cached.with_suffix(".tmp"), args.history)
        cached.with_suffix(".tmp").rename(cached)
        print(f"built the {args.history:,}-transaction history once in "
              f"{time.perf_counter() - began:.1f} s -> {cached}")
    from walletwatch.store import open_store

    open_store(cached).close()  # apply any newer migration to the cache, outside the clock
    after = history_frame(1)["time"].iloc[0] + pd.Timedelta(days=YEARS * 365)
    with tempfile.TemporaryDirectory() as tmp:
        export = new_export(Path(tmp) / "new.csv", args.new, after)
        load([export])  # warm the importer code paths (not the data: a fresh store per run)
        timings = []
        for i in range(args.repeat):
            state = Path(tmp) / f"state{i}.sqlite"
            shutil.copyfile(cached, state)
            began = time.perf_counter()
            result = run_check([export], state=state, echo=lambda text: None)
            timings.append(time.perf_counter() - began)
            print(f"run {i + 1}: {timings[-1]:.3f} s  imported {result.new} new, "
                  f"{result.duplicate} duplicate, {len(result.events)} alert events, "
                  f"refit={result.refit}")
    print(f"incremental check, {args.new:,} new vs {args.history:,} history: "
          f"median {sorted(timings)[len(timings) // 2]:.3f} s, best {min(timings):.3f} s "
          f"(target <= 1 s; Python start-up and imports excluded)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
