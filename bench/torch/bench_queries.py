#!/usr/bin/env python3
"""Runs benchmark queries (bench/corpus/**/*.shapes) through real PyTorch 2.6's ShapeEnv.

    sudo ../shared/torch/torchpy bench/torch/bench_queries.py \
        ../shared/torch/replay_torch.py bench/corpus [--out FILE] [--timeout SEC]

A query is a `.shapes` script whose last command is its question (`known EXPR`
or `bound EXPR`); every other command is setup (facts). Each query gets a fresh
reference Runner (replay_torch.py's, the code that produced every
../shared/scenarios/*.torch.json), all in this one process: the setup commands
run through Runner.run, then ONLY the question is timed (time.perf_counter_ns
around the Runner's own cmd_known / cmd_bound), and its printed value is
recorded in the runner's results exactly as Runner.run records it.

Output (stdout, or --out FILE), JSON:
  {"engine": "pytorch-2.6", "torch": "2.6.0+debian", "sympy": "1.13.3",
   "queries": [{"name": "classic/x", "answer": "true"|"false"|"[lo, hi]"|null,
                "us": float|null, "error": str|null}, ...]}
`name` is the path relative to the corpus root, without `.shapes`: for a
directory argument the root is that directory (its parent if the directory is
itself a group: classic, families, scenarios, walker); for a file argument it is
--root if given, else the parent of the nearest ancestor named like a corpus
group (classic, families, scenarios, walker), else the file's directory.
`known` answers are statically_known_true's: "false" means "not known true".
If the setup fails, the question raises, or --timeout expires, the answer is
null and `error` is the exception's first line.  Progress goes to stderr.
Under torchpy, --out must lie under the current directory or a TORCHPY_BIND
path (elsewhere, e.g. /tmp, the file lands inside the chroot).
"""
import argparse
import importlib.util
import json
import os
import signal
import sys
import time

if os.environ.get("PYTHONHASHSEED") != "0":  # reproducible set order, as replay_torch.py
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

GROUPS = ("classic", "families", "scenarios", "walker")
QUESTIONS = ("known", "bound")


def load_replay(path):
    spec = importlib.util.spec_from_file_location("replay_torch", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def file_root(path, root):
    if root:
        return root
    d = os.path.dirname(os.path.abspath(path))
    probe = d
    while True:
        if os.path.basename(probe) in GROUPS:
            return os.path.dirname(probe)
        parent = os.path.dirname(probe)
        if parent == probe:
            return d
        probe = parent


def collect(args_paths, root):
    """(name, path) for every .shapes file, sorted by name; duplicates dropped."""
    found = {}
    for p in args_paths:
        if os.path.isdir(p):
            base = root or p
            if not root and os.path.basename(os.path.abspath(p)) in GROUPS:
                base = os.path.dirname(os.path.abspath(p))  # a group directory: names keep the group
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames.sort()
                for fn in sorted(filenames):
                    if fn.endswith(".shapes"):
                        full = os.path.join(dirpath, fn)
                        found.setdefault(rel_name(full, base), full)
        elif os.path.isfile(p):
            found.setdefault(rel_name(p, file_root(p, root)), p)
        else:
            raise SystemExit(f"bench_queries.py: no such file or directory: {p}")
    return sorted(found.items())


def rel_name(path, base):
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    if rel.endswith(".shapes"):
        rel = rel[: -len(".shapes")]
    return rel.replace(os.sep, "/")


def first_line(e):
    msg = str(e).strip()
    line = msg.split("\n", 1)[0].strip() if msg else ""
    return line or type(e).__name__


class Timeout(BaseException):
    """A BaseException, so that neither Runner.run nor PyTorch swallows it."""


def _alarm(signum, frame):
    raise Timeout("timeout")


def split_query(lines):
    """(setup lines with the question blanked, question line number, cmd, rest)."""
    last = None
    for i, raw in enumerate(lines):
        if raw.split("#", 1)[0].strip():
            last = i
    if last is None:
        raise ValueError("empty query: no command")
    line = lines[last].split("#", 1)[0].strip()
    parts = line.split(None, 1)
    cmd, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    if cmd not in QUESTIONS:
        raise ValueError(f"the last command is `{cmd}`, not a question (known/bound)")
    setup = list(lines)
    setup[last] = ""  # keep line numbers of the setup commands
    return setup, last + 1, cmd, rest


def run_query(mod, path, timeout):
    """-> (answer|None, us|None, error|None)"""
    with open(path) as f:
        lines = f.read().splitlines()
    try:
        setup, lineno, cmd, rest = split_query(lines)
    except ValueError as e:
        return None, None, f"malformed query: {e}"
    runner = mod.Runner()
    try:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            status = runner.run(setup)
        except mod.ScriptError as e:
            return None, None, f"setup: {first_line(e)}"
        if status != 0:
            err = runner.errors[-1] if runner.errors else {}
            return None, None, (
                f"setup line {err.get('line')}: {err.get('kind')}: {err.get('message')}"
            )
        runner.started = True
        fn = getattr(runner, f"cmd_{cmd}")
        try:
            t0 = time.perf_counter_ns()
            value = fn(rest)
            t1 = time.perf_counter_ns()
        except Timeout:
            raise
        except Exception as e:  # noqa: BLE001  (ScriptError included)
            return None, None, f"{cmd}: {first_line(e)}"
        runner.results.append(
            {"line": lineno, "command": cmd, "expr": rest.strip(), "value": mod.value_str(value)}
        )
        return runner.results[-1]["value"], (t1 - t0) / 1000.0, None
    except Timeout:
        return None, None, f"timeout after {timeout:g} s"
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("replay_torch", help="path of replay_torch.py (the reference Runner)")
    ap.add_argument("paths", nargs="+", help="query files or directories (searched recursively)")
    ap.add_argument("--out", help="write the JSON here (default: stdout)")
    ap.add_argument("--root", help="corpus root that names are relative to")
    ap.add_argument("--filter", help="only queries whose name contains this text")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds per query, setup included (0 = none; default 120)")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)

    mod = load_replay(args.replay_torch)
    import sympy
    import torch

    if args.timeout:
        signal.signal(signal.SIGALRM, _alarm)
    queries = collect(args.paths, args.root)
    if args.filter:
        queries = [(n, p) for n, p in queries if args.filter in n]
    out = []
    wall0 = time.perf_counter()
    for i, (name, path) in enumerate(queries, 1):
        try:
            answer, us, error = run_query(mod, path, args.timeout)
        except Timeout:  # the alarm fired just as run_query was leaving
            answer, us, error = None, None, f"timeout after {args.timeout:g} s"
        out.append({"name": name, "answer": answer,
                    "us": round(us, 3) if us is not None else None, "error": error})
        if not args.quiet and (i % 50 == 0 or i == len(queries)):
            dt = time.perf_counter() - wall0
            print(f"bench_queries: {i}/{len(queries)} queries, {dt:.1f} s "
                  f"({i / dt if dt else 0:.1f} queries/s)", file=sys.stderr)
    wall = time.perf_counter() - wall0
    doc = {
        "engine": "pytorch-2.6",
        "torch": torch.__version__,
        "sympy": sympy.__version__,
        "wall_s": round(wall, 3),
        "timeout_s": args.timeout,
        "queries": out,
    }
    head = json.dumps({k: v for k, v in doc.items() if k != "queries"})[:-1]
    text = head + ', "queries": [\n' + ",\n".join(
        "  " + json.dumps(q) for q in out) + "\n]}"
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
    errors = sum(1 for q in out if q["error"])
    if not args.quiet:
        print(f"bench_queries: {len(out)} queries in {wall:.1f} s "
              f"({len(out) / wall if wall else 0:.1f} queries/s), {errors} errors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
