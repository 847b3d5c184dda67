#!/usr/bin/env python3
"""Generate the benchmark corpus of symbolic reasoning queries (issue #8).

Writes the query files of three groups under bench/corpus/:

  classic/    the classic hard cases of symbolic shape reasoning, each as several queries
              (the true statement, false / neither variants, bounded variants)
  families/   scaling families: one statement per problem size n (``# family:``, ``# size:``)
  scenarios/  one query per boolean question (and per ``bound``) of PyTorch's own test scenarios
              (tests/data/scenarios/*.shapes + *.torch.json)

A query is a ``.shapes`` script that uses only ``env input scalar unbacked unbacked_bool size_like
range check`` and ends with exactly one question, ``known EXPR`` or ``bound EXPR``. This generator
writes the description lines, ``# family:``, ``# size:`` and the body; ``bench/corpus_truth.py``
adds ``# domain:``, ``# truth:`` and ``# evidence:`` later.

The output is deterministic (no randomness except fixed seeds) and the generator is idempotent: it
deletes the ``.shapes`` files of its three folders first (``walker/`` is not touched).

Every file is run through ``symshape replay`` (``--symshape PATH``, default ``$SYMSHAPE`` or
``build/symshape``): a classic or family query that fails is a bug of this generator (it stops); a
scenario query that fails is dropped and reported. ``--no-check`` skips replay (then nothing is
dropped).

Usage: python3 bench/corpus_gen.py [--symshape PATH] [--no-check] [--out DIR] [--scenarios DIR]

This file is the command-line entry point; the generators are the package bench/gen/.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# The package `gen` lives next to this file: importable whatever the current directory.  No
# bytecode cache is written for it (the tool writes nothing but the corpus files).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

from gen import MAX_BOUNDED_POINTS, Query, gen_classic, gen_families, gen_scenarios, split_cmd  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ("classic", "families", "scenarios")


# ---------------------------------------------------------------------------------------------
# writing and checking
# ---------------------------------------------------------------------------------------------

def replay(binary: str, path: Path, timeout: float) -> tuple[int | None, str, dict | None]:
    """Run ``symshape replay --format json``; rc None means it timed out."""
    try:
        p = subprocess.run([binary, "replay", str(path), "--format", "json"], capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:g} s", None
    data = None
    if p.returncode == 0:
        try:
            data = json.loads(p.stdout)
        except json.JSONDecodeError:
            data = None
    msg = (p.stderr.strip() or p.stdout.strip()).splitlines()
    return p.returncode, (msg[-1] if msg else ""), data


def verify(binary: str, q: Query, path: Path, timeout: float) -> tuple[str | None, str | None]:
    """Replay one written query: (problem, note). A problem makes the query invalid.

    When the full replay times out (a hard question: the engine is slow, the script may still be
    fine), the script is replayed with its question made trivial (``known (Q) or True``,
    ``bound 0*(E)``), which still parses Q and runs every setup command; the note says so."""
    rc, msg, data = replay(binary, path, timeout)
    note = None
    if rc is None:
        note = f"{q.group}/{q.name}: full replay {msg}; verified with a trivialized question"
        body = list(q.body)
        cmd, arg = split_cmd(body[-1])
        body[-1] = f"known ({arg}) or True" if cmd == "known" else f"bound 0*({arg})"
        with tempfile.TemporaryDirectory(prefix="corpus_gen.") as td:
            tmp = Path(td) / path.name
            tmp.write_text("\n".join(body) + "\n")
            rc, msg, data = replay(binary, tmp, timeout)
        if rc is None:
            return f"replay {msg} (also with a trivialized question)", note
    if rc != 0:
        return f"replay exit {rc}: {msg}", note
    if q.bounded:
        return check_bounded(q, data), note
    return None, note


def check_bounded(q: Query, data: dict | None) -> str | None:
    if data is None:
        return "no json output"
    points = 1
    for sym, (lo, hi) in data.get("ranges", {}).items():
        if sym in data.get("replacements", {}):
            continue
        if lo in ("-inf", "inf") or hi in ("-inf", "inf"):
            return f"symbol {sym} is unbounded: [{lo}, {hi}]"
        points *= hi - lo + 1
    if points > MAX_BOUNDED_POINTS:
        return f"{points} points > {MAX_BOUNDED_POINTS}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--symshape", default=os.environ.get("SYMSHAPE", str(ROOT / "build" / "symshape")))
    ap.add_argument("--no-check", action="store_true", help="do not replay the files (nothing is dropped)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per replay (default 60)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel replays")
    ap.add_argument("--out", default=str(ROOT / "bench" / "corpus"))
    ap.add_argument("--scenarios", default=str(ROOT / "tests" / "data" / "scenarios"))
    args = ap.parse_args()

    out = Path(args.out)
    classic = gen_classic()
    families = gen_families()
    scenarios, skipped = gen_scenarios(Path(args.scenarios))

    names = set()
    for q in classic + families + scenarios:
        q.validate_format()
        key = (q.group, q.name)
        assert key not in names, key
        names.add(key)

    for g in GROUPS:
        d = out / g
        d.mkdir(parents=True, exist_ok=True)
        for f in d.glob("*.shapes"):
            f.unlink()

    check = not args.no_check
    if check and not os.access(args.symshape, os.X_OK):
        print(f"corpus_gen: {args.symshape} not found; use --symshape PATH or --no-check", file=sys.stderr)
        return 2

    allq = classic + families + scenarios
    for q in allq:
        (out / q.group / f"{q.name}.shapes").write_text(q.text())

    results: list[tuple[str | None, str | None]] = [(None, None)] * len(allq)
    if check:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futs = {pool.submit(verify, args.symshape, q, out / q.group / f"{q.name}.shapes", args.timeout): k
                    for k, q in enumerate(allq)}
            for f in concurrent.futures.as_completed(futs):
                results[futs[f]] = f.result()

    dropped: list[str] = []
    failures: list[str] = []
    notes: list[str] = []
    written = {g: 0 for g in GROUPS}
    for q, (problem, note) in zip(allq, results):
        if note:
            notes.append(note)
        if problem:
            if q.group == "scenarios":
                (out / q.group / f"{q.name}.shapes").unlink()
                dropped.append(f"{q.name}: {problem}")
                continue
            failures.append(f"{q.group}/{q.name}: {problem}")
        written[q.group] += 1

    for s in notes:
        print(f"note     {s}")
    for s in skipped:
        print(f"skipped  scenarios/{s}")
    for s in dropped:
        print(f"dropped  scenarios/{s}")
    nfam = len({q.family for q in families})
    print(f"classic:   {written['classic']} queries")
    print(f"families:  {written['families']} queries in {nfam} families")
    print(f"scenarios: {written['scenarios']} queries "
          f"({len(skipped)} questions skipped: failed in PyTorch; {len(dropped)} dropped: replay failed)")
    print(f"total:     {sum(written.values())} queries")
    if failures:
        for f in failures:
            print(f"FAILED   {f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
