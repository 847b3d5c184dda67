#!/usr/bin/env python3
"""Ground-truth labeller of the benchmark corpus (bench/corpus/**/*.shapes).

    bench/corpus_truth.py [--check] [--jobs N] [--timeout S] PATH...

PATH is a .shapes query or a directory (searched recursively). For every query the tool computes
the domain and the truth INDEPENDENTLY of symshape (it reads the script itself and asks brute force,
z3 and cvc5) and rewrites the query's `# domain:`, `# truth:` and `# evidence:` header lines (old
ones are removed wherever they are; the three new ones go at the end of the leading comment block;
every other line is kept byte-identical). With --check nothing is written: every query whose
computed domain or truth differs from its file is printed and the exit status is 1.

Method (see the corpus format in bench/corpus/README or the issue #8 brief):
  * the script is turned into symbols (backed s*, unbacked u*, each with a range), facts and one
    question (`known Q` or `bound E`), following the static semantics of the commands (duck
    sizing, 0/1 specialization, contiguous strides, storage offset 0);
  * domain `bounded`: every symbol of the facts and question has a finite range (input rules,
    `range` on a bare symbol, `unbacked_bool`, simple facts `sym OP const`) and the box has at most
    2,000,000 points; otherwise `unbounded`;
  * bounded: exhaustive enumeration, confirmed by z3 (same answer, or `open`);
  * unbounded `known`: sat?(F and not Q) and sat?(F and Q), each asked to z3 and to cvc5; sat
    answers are only accepted with a model that the Python evaluator confirms; the truth is set only
    when both solvers give the same label. Unbounded `bound`: `open`.
  * a floor division or modulo whose divisor may be 0 in the domain, or a boolean used as an
    integer, makes the query `open`.

Exit status: 0 fine, 1 (--check) some labels differ, 2 some query is malformed (reported as
`file:line:column: message`; the other queries are still processed).
Standard library only; the solvers are the binaries z3 (4.8.12) and cvc5 (1.0.3) on PATH.
This file is the command-line driver; the labelling itself is the package bench/truth/.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import shutil
import sys
import time

# The package `truth` lives next to this file: importable whatever the current directory.  No
# bytecode cache is written for it (the tool writes nothing but the query headers, none with --check).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

from truth import Labeller, QueryError, parse_script  # noqa: E402

# ----------------------------------------------------------------------------------------------
# Files


KEY_RE = re.compile(r"#\s*(domain|truth|evidence)\s*:(.*)$")


def header_labels(text: str) -> dict:
    out = {}
    for ln in text.splitlines():
        m = KEY_RE.match(ln.strip())
        if m and ln.lstrip().startswith("#"):
            out[m.group(1)] = m.group(2).strip()
    return out


def rewrite(text: str, dom: str, truth: str, evidence: str) -> str:
    lines = text.splitlines(keepends=True)
    kept = [ln for ln in lines if not (ln.lstrip().startswith("#") and KEY_RE.match(ln.strip()))]
    i = 0
    while i < len(kept) and kept[i].startswith("#"):
        i += 1
    nl = "\n"
    if i > 0:
        m = re.search(r"(\r\n|\n|\r)$", kept[i - 1])
        if m:
            nl = m.group(1)
        else:  # a header line without a newline (only at the end of a file)
            kept[i - 1] = kept[i - 1] + nl
    new = [f"# domain: {dom}{nl}", f"# truth: {truth}{nl}", f"# evidence: {evidence}{nl}"]
    return "".join(kept[:i] + new + kept[i:])


TIME_RE = re.compile(r"\d+(\.\d+)? s\b")


def same_modulo_times(a: str, b: str) -> bool:
    return TIME_RE.sub("# s", a) == TIME_RE.sub("# s", b)


def process(job):
    path, name, timeout = job
    t0 = time.monotonic()
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        sc = parse_script(text)
        dom, truth, evidence = Labeller(sc, timeout).run()
        return {"path": path, "name": name, "domain": dom, "truth": truth, "evidence": evidence,
                "seconds": time.monotonic() - t0}
    except QueryError as e:
        return {"path": path, "name": name, "error": f"{path}:{e.line}:{e.col}: {e.msg}",
                "seconds": time.monotonic() - t0}
    except Exception as e:  # a bug in this tool: report it as an error of this query, go on
        return {"path": path, "name": name, "error": f"{path}:1:1: internal error: {type(e).__name__}: {e}",
                "seconds": time.monotonic() - t0}


def collect(paths):
    jobs = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in files:
                    if f.endswith(".shapes"):
                        full = os.path.join(root, f)
                        found.append((full, os.path.relpath(full, p)[: -len(".shapes")]))
            jobs.extend(sorted(found))
        elif os.path.isfile(p):
            jobs.append((p, os.path.basename(p)[: -len(".shapes")] if p.endswith(".shapes") else p))
        else:
            print(f"{p}: no such file or directory", file=sys.stderr)
            jobs.append((p, p))
    return jobs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", metavar="PATH", help=".shapes query or directory (recursive)")
    ap.add_argument("--check", action="store_true", help="write nothing; report queries whose labels differ")
    ap.add_argument("--jobs", type=int, default=2, help="parallel workers (default 2)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per solver call (default 10)")
    args = ap.parse_args(argv)
    for tool in ("z3", "cvc5"):
        if shutil.which(tool) is None:
            print(f"corpus_truth: '{tool}' not found on PATH", file=sys.stderr)
            return 2
    t0 = time.monotonic()
    jobs = [(p, n, args.timeout) for p, n in collect(args.paths)]
    by_truth, by_domain = {}, {}
    errors = differ = 0
    if args.jobs > 1 and len(jobs) > 1:
        pool = multiprocessing.Pool(args.jobs)
        results = pool.imap(process, jobs, chunksize=1)
    else:
        pool = None
        results = map(process, jobs)
    try:
        for r in results:
            if "error" in r:
                errors += 1
                print(r["error"], flush=True)
                continue
            dom, truth, ev = r["domain"], r["truth"], r["evidence"]
            print(f"{r['name']}: {truth} ({ev})", flush=True)
            key = "bound" if truth.startswith("[") else truth
            by_truth[key] = by_truth.get(key, 0) + 1
            by_domain[dom] = by_domain.get(dom, 0) + 1
            with open(r["path"], encoding="utf-8", newline="") as fh:
                text = fh.read()
            old = header_labels(text)
            if args.check:
                if old.get("domain") != dom or old.get("truth") != truth:
                    differ += 1
                    print(f"{r['name']}: DIFFERS: file says domain {old.get('domain', '(none)')}, truth "
                          f"{old.get('truth', '(none)')}; computed domain {dom}, truth {truth}", flush=True)
                continue
            if old.get("domain") == dom and old.get("truth") == truth and "evidence" in old \
                    and same_modulo_times(old["evidence"], ev):
                ev = old["evidence"]  # only the timings changed: keep the file as it is
            new = rewrite(text, dom, truth, ev)
            if new != text:
                with open(r["path"], "w", encoding="utf-8", newline="") as fh:
                    fh.write(new)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    total = time.monotonic() - t0
    n_ok = sum(by_truth.values())
    order = ["true", "false", "neither", "bound", "open"]
    tstr = ", ".join(f"{k} {by_truth[k]}" for k in order if k in by_truth)
    dstr = ", ".join(f"{k} {v}" for k, v in sorted(by_domain.items()))
    print(f"summary: {n_ok} queries labelled ({tstr or 'none'}); domains: {dstr or 'none'}; "
          f"{errors} malformed; {'%d differ; ' % differ if args.check else ''}{total:.1f} s total")
    if errors:
        return 2
    if args.check and differ:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
