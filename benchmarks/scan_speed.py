"""Scan time for a large Alipay-layout export, next to pandas + a bare isolation forest.

    python benchmarks/scan_speed.py [--rows 1000000]

Uses the export generator of benchmarks/ingest.py (GBK, real preamble, padded cells; the file
is reused from benchmarks/out/ when present) and measures, in the same process and run:

* baseline: ``pandas.read_csv`` of the file (header row found, every column as text), then
  ``IsolationForest(random_state=0)`` fit and ``score_samples`` on the amounts of the same rows;
* ``walletwatch.scan``: detection, full normalisation, features relative to the owner's history,
  isolation forest fit and one scoring pass, every check, findings.

Target (issue 3): scan within 2x the baseline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ingest import OUT, generate  # noqa: E402  (the lead's generator, shared)


def baseline(path: Path) -> tuple[float, int]:
    import pandas as pd
    from sklearn.ensemble import IsolationForest

    begin = time.perf_counter()
    with open(path, encoding="gb18030") as handle:
        header = next(i for i, line in enumerate(handle) if line.startswith("交易时间"))
    frame = pd.read_csv(path, encoding="gb18030", skiprows=header, dtype=str,
                        keep_default_na=False)
    amount = pd.to_numeric(frame.iloc[:, 6].str.strip(), errors="coerce").fillna(0)
    X = amount.to_numpy("float32").reshape(-1, 1)
    IsolationForest(random_state=0).fit(X).score_samples(X)
    return time.perf_counter() - begin, len(frame)


def walletwatch_scan(path: Path) -> tuple[float, int, int, dict[str, float]]:
    from walletwatch.config import Config
    from walletwatch.ingest import load
    from walletwatch.pipeline import scan_frame

    begin = time.perf_counter()
    loaded = load([path])
    read = time.perf_counter()
    result = scan_frame(loaded.frame, config=Config(), ingest=loaded,
                        allowlist_path=OUT / "no-allowlist.json")
    done = time.perf_counter()
    return done - begin, len(result.frame), len(result.findings), {
        "read": read - begin, "detect": done - read}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    path = OUT / f"alipay_{args.rows}.csv"
    if not path.exists():
        generate(path, args.rows)
    import sklearn  # noqa: F401  (import cost is not part of either measurement)

    import walletwatch.model  # noqa: F401

    base, rows = baseline(path)
    ours, scanned, findings, parts = walletwatch_scan(path)
    size = path.stat().st_size / 1e6
    print(f"{rows} rows, {size:.0f} MB ({path.name})")
    print(f"baseline  pandas.read_csv + IsolationForest fit+score: {base:6.1f} s")
    print(f"walletwatch scan (load {parts['read']:.1f} s + detect {parts['detect']:.1f} s): "
          f"{ours:6.1f} s  -> {ours / base:.2f}x the baseline (target <= 2x); "
          f"{scanned} transactions, {findings} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
