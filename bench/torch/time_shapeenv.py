#!/usr/bin/env python3
"""Times real PyTorch 2.6's ShapeEnv on a bench workload (.shapes script).

    sudo ../shared/torch/torchpy bench/torch/time_shapeenv.py \
        ../shared/torch/replay_torch.py bench/workloads/guards_1k.shapes

Runs the script command by command through the reference runner
(replay_torch.py's Runner, the same code that produced every
../shared/scenarios/*.torch.json) and reports, as JSON:
  - `guard` commands that recorded a new guard (PyTorch's evaluate_expr on a
    new condition: simplification, static checks, hint evaluation, learning);
  - `guard` commands decided statically (no new guard);
  - `known` commands (statically_known_true);
  - produce_guards over all inputs.
Each group reports count, mean and median in microseconds.  The numbers are
what bench/README.md compares with symshape's BM_Env_* benchmarks on the
same workload.
"""
import importlib.util
import json
import os
import statistics
import sys
import time

if os.environ.get("PYTHONHASHSEED") != "0":  # reproducible set order, as replay_torch.py
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)


def load_runner(path):
    spec = importlib.util.spec_from_file_location("replay_torch", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.Runner


def summary(samples_s):
    us = [s * 1e6 for s in samples_s]
    if not us:
        return {"count": 0}
    return {"count": len(us), "mean_us": round(statistics.mean(us), 1), "median_us": round(statistics.median(us), 1)}


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    Runner = load_runner(argv[1])
    runner = Runner()
    new_guard, static_guard, known, other = [], [], [], []
    with open(argv[2]) as f:
        lines = f.read().splitlines()
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        cmd, _, rest = line.partition(" ")
        fn = getattr(runner, f"cmd_{cmd}")
        if cmd != "env":
            runner.started = True
        before = len(runner.se.guards) if runner.se is not None else 0
        t0 = time.perf_counter()
        fn(rest)
        dt = time.perf_counter() - t0
        if cmd == "guard":
            (new_guard if len(runner.se.guards) > before else static_guard).append(dt)
        elif cmd == "known":
            known.append(dt)
        else:
            other.append(dt)
    se = runner.env()
    phs = [p for p, _, _ in runner.placeholders]
    srcs = [s for _, s, _ in runner.placeholders]
    t0 = time.perf_counter()
    guards = se.produce_guards(phs, srcs)
    produce_s = time.perf_counter() - t0
    import torch  # noqa: E402  (already imported by the runner)

    out = {
        "workload": os.path.basename(argv[2]),
        "torch": torch.__version__,
        "guard_new": summary(new_guard),
        "guard_static": summary(static_guard),
        "known": summary(known),
        "inputs_and_other": summary(other),
        "recorded_guards": len(se.guards),
        "produce_guards": {"guards": len(guards), "ms": round(produce_s * 1e3, 1)},
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
