"""Fuzz ingest: damaged copies of every shipped export through the API, inspect and scan.

Each case takes a shipped sample, applies 1–6 random mutations (stray and unbalanced quotes,
NULs, stray CRs, truncation, other encodings, BOMs, huge cells and huge multi-line cells,
years 0001/9999, other scripts' digits, deleted, duplicated and blank lines; see
``tests/ingest_mutations.py``) and checks that:

* there is no traceback (the API raises nothing but a per-file error; the CLI exits 0/3,
  ``scan`` 0/1/3);
* it answers within a time limit per case (a hang is a failure);
* ``rows_total`` equals the data lines the file holds (records, plus the 2nd+ lines of
  multi-line notes and statement summary rows).

Every case is replayable from its source file and seed. Usage::

    python benchmarks/fuzz_ingest.py                 # 10000 cases, 1 in 50 also through scan
    python benchmarks/fuzz_ingest.py --cases 500 --seed 7 --scan-every 10
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from ingest_mutations import run_case, shipped_samples  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0, help="first case seed")
    parser.add_argument("--scan-every", type=int, default=50,
                        help="also run `scan` on every Nth case (it is ~20x slower)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds per case")
    args = parser.parse_args()

    sources = shipped_samples()
    failures: list[str] = []
    mutations: Counter[str] = Counter()
    started = time.perf_counter()
    for number in range(args.cases):
        seed = args.seed + number
        source = sources[seed % len(sources)]
        commands = ("inspect", "scan") if args.scan_every and number % args.scan_every == 0 \
            else ("inspect",)
        try:
            mutations.update(run_case(source, seed, commands=commands, seconds=args.limit))
        except Exception as exc:  # every failure is reported with what replays it
            where = traceback.extract_tb(exc.__traceback__)[-1]
            failures.append(f"{source.relative_to(ROOT)} seed={seed}: {type(exc).__name__}: "
                            f"{str(exc)[:200]} ({Path(where.filename).name}:{where.lineno})")
        if (number + 1) % 1000 == 0:
            print(f"{number + 1} cases, {len(failures)} failures, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
    elapsed = time.perf_counter() - started
    print(f"cases: {args.cases} over {len(sources)} shipped samples "
          f"({args.cases // max(args.scan_every, 1)} also through scan)")
    print(f"failures: {len(failures)}")
    print(f"time: {elapsed:.0f} s ({1000 * elapsed / max(args.cases, 1):.0f} ms per case)")
    print("mutations applied: " + ", ".join(f"{k} {v}" for k, v in sorted(mutations.items())))
    for line in failures[:50]:
        print("  FAIL " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
