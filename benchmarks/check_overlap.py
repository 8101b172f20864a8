"""Benchmark: overlapping `walletwatch check` runs on one state, counted deliveries.

    python benchmarks/check_overlap.py [--rounds 5] [--runs 3]

Each round starts RUNS real `walletwatch check` processes at once on a fresh state with the
file notifier, and counts how often each alert reached the file; every run must exit 0 or 1.
Before outbox claims, 3 of 5 rounds delivered the same batch twice. Measured with claims
(2 shared cores): 25 rounds of 4 overlapping checks, 0 duplicate deliveries, 3-6 s a round.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

EXPORT = Path(__file__).resolve().parent.parent / "tests" / "data" / "check" / "alipay_mar.csv"


def one_round(folder: Path, runs: int) -> tuple[int, int, float]:
    alerts = folder / "alerts.jsonl"
    config = folder / "config.toml"
    config.write_text(f'[notify]\nchannels = ["file"]\n[notify.file]\npath = "{alerts}"\n',
                      encoding="utf-8")
    command = [sys.executable, "-m", "walletwatch", "check", str(EXPORT), "--state",
               str(folder / "state.sqlite"), "--config", str(config)]
    start = time.perf_counter()
    procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(runs)]
    outs = [p.communicate()[1].decode() for p in procs]
    codes = [p.returncode for p in procs]
    seconds = time.perf_counter() - start
    assert all(c in (0, 1) for c in codes), (codes, outs)
    counts = Counter(f["id"] for line in alerts.read_text(encoding="utf-8").splitlines()
                     for f in json.loads(line)["new_findings"])
    return len(counts), sum(n - 1 for n in counts.values()), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    total = 0
    for n in range(1, args.rounds + 1):
        with tempfile.TemporaryDirectory() as tmp:
            alerts, duplicates, seconds = one_round(Path(tmp), args.runs)
        total += duplicates
        print(f"round {n}: {args.runs} overlapping checks, {alerts} alerts, "
              f"{duplicates} duplicate deliveries ({seconds:.1f} s)")
    print(f"duplicate deliveries in {args.rounds} rounds: {total}")


if __name__ == "__main__":
    main()
