#!/usr/bin/env python3
"""Compares two Google Benchmark JSON files (a committed baseline and a new run).

    bench/compare.py bench/results/baseline.json bench/results/latest.json [--threshold 0.10]

Prints one row per benchmark present in both: baseline and new time (the unit
each file reports, real time), the ratio new/baseline, and a mark when the
change exceeds the threshold (default 10%).  On this shared 2-core VM two
runs of the same binary differed by up to 1.6x on the ShapeEnv workloads
(BM_Env_Workload1k 69 ms in a full-suite run, 50 ms alone): confirm a mark
with --benchmark_repetitions=3 on the suites concerned before believing it.
With repetitions, the median is compared.  Benchmarks only in one file are listed apart.  Exit 0 always:
this is a report, not a gate (speed is never asserted in tests).
"""
import json
import sys


def load(path):
    with open(path) as f:
        doc = json.load(f)
    out = {}
    for b in doc.get("benchmarks", []):
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = b["name"].removesuffix("_median")
        out[name] = (float(b["real_time"]), b.get("time_unit", "ns"))
    return out


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    threshold = 0.10
    if "--threshold" in argv:
        threshold = float(argv[argv.index("--threshold") + 1])
        args.remove(argv[argv.index("--threshold") + 1])
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    old, new = load(args[0]), load(args[1])
    width = max((len(n) for n in old if n in new), default=10)
    print(f"{'benchmark':<{width}}  {'baseline':>12}  {'new':>12}  {'new/base':>8}")
    for name in old:
        if name not in new:
            continue
        (a, ua), (b, ub) = old[name], new[name]
        if ua != ub:
            print(f"{name:<{width}}  units differ ({ua} vs {ub})")
            continue
        ratio = b / a if a else float("inf")
        mark = "  slower" if ratio > 1 + threshold else "  faster" if ratio < 1 - threshold else ""
        print(f"{name:<{width}}  {a:>10.1f}{ua:>2}  {b:>10.1f}{ub:>2}  {ratio:>8.2f}{mark}")
    only_old = [n for n in old if n not in new]
    only_new = [n for n in new if n not in old]
    if only_old:
        print("\nonly in the baseline: " + ", ".join(only_old))
    if only_new:
        print("\nonly in the new run: " + ", ".join(only_new))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
