#!/usr/bin/env python3
"""symshape vs PyTorch 2.6 vs plain Z3 on the benchmark corpus, side by side.

    bench/side_by_side.py [CORPUS] [--symshape BIN] [--torch-chroot DIR]
                          [--out-md FILE] [--out-json FILE]

1. Runs `BIN bench run CORPUS --engine cascade,z3 --format json` (default BIN
   build/symshape, CORPUS bench/corpus; relative paths are tried from the current
   directory, then from the repository root) and reads its JSON.
2. If PyTorch 2.6 is available (torchpy: $TORCHPY, else ../shared/torch/torchpy
   next to the repository, else /work/shared/torch/torchpy; its chroot:
   --torch-chroot, else $TORCH_CHROOT, else /opt/torch-trixie), runs every query
   through PyTorch's ShapeEnv with bench/torch/bench_queries.py (one process, a
   fresh reference Runner per query, only the question timed). torchpy needs
   root; when not root it is run through `sudo -n`. Without PyTorch its column is
   skipped.
3. Scores PyTorch's answers against each query's truth (from the runner's JSON)
   with the runner's rules: `known` (statically_known_true, so "false" means "not
   known true"): "true" where the truth is true -> proved, "true" anywhere else ->
   wrong, "false" -> unknown (PyTorch never refutes); `bound`: the truth interval
   -> proved, an interval containing it -> unknown (sound, loose), anything else
   -> wrong. A question PyTorch could not run (setup or question raised) is an
   error (undecided). Queries whose truth is `open` are not scored.
4. Prints Markdown (also written to --out-md; everything as JSON to --out-json):
   one row per engine (symshape cascade, plain Z3 = symshape's z3 engine, PyTorch
   2.6) with the scored queries (truth not open), decided % (proved + refuted, of
   them), proved, refuted, unknown, wrong, errors, open (not scored), p50 / p99 µs
   and total ms of the timed questions (all queries); decided % per query group (the first path component); the first 20
   queries where PyTorch and the cascade disagree in outcome; every query where
   some engine is wrong.

Reusing earlier runs: --symshape-json FILE reads the runner's JSON instead of
running it; --torch-json FILE reads bench_queries.py's output; --no-torch skips
PyTorch; --filter TEXT keeps the queries whose name contains TEXT (both sides);
--torch-timeout SEC bounds each PyTorch query (default 120). Standard library only.
"""
import argparse
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BENCH_QUERIES = os.path.join(HERE, "torch", "bench_queries.py")
GROUP_ORDER = ("classic", "families", "scenarios", "walker")
LABELS = {"cascade": "symshape cascade", "z3": "plain Z3", "pytorch": "PyTorch 2.6"}
OUTCOMES = ("proved", "refuted", "unknown", "wrong", "error", "open")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def resolve(path):
    """A relative path as given if it exists from the cwd, else from the repository root."""
    if os.path.isabs(path) or os.path.exists(path):
        return os.path.abspath(path)
    alt = os.path.join(REPO, path)
    return alt if os.path.exists(alt) else os.path.abspath(path)


# --------------------------------------------------------------------------- symshape
def run_symshape(binary, corpus, filt):
    cmd = [binary, "bench", "run", corpus, "--engine", "cascade,z3", "--format", "json"]
    if filt:
        cmd += ["--filter", filt]
    log("side_by_side: " + " ".join(cmd))
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        raise SystemExit(f"side_by_side: cannot run {binary}: {e.strerror}")
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        sys.stderr.write(p.stderr)
        raise SystemExit(f"side_by_side: `{' '.join(cmd)}` exited {p.returncode} without JSON")
    if p.returncode != 0:
        log(f"side_by_side: note: symshape exited {p.returncode} (its JSON is used)")
    return doc


# --------------------------------------------------------------------------- PyTorch
def find_torch(chroot_opt):
    """-> (torchpy, chroot, None) or (None, None, reason)."""
    cands = []
    if os.environ.get("TORCHPY"):
        cands.append(os.environ["TORCHPY"])
    cands += [os.path.join(os.path.dirname(REPO), "shared", "torch", "torchpy"),
              "/work/shared/torch/torchpy"]
    torchpy = next((c for c in cands if os.path.isfile(c)), None)
    chroot = os.path.abspath(chroot_opt or os.environ.get("TORCH_CHROOT") or "/opt/torch-trixie")
    if torchpy is None:
        return None, None, "no torchpy at " + ", ".join(cands)
    if not os.path.isdir(chroot):
        return None, None, f"no chroot at {chroot}"
    replay = os.path.join(os.path.dirname(os.path.realpath(torchpy)), "replay_torch.py")
    if not os.path.isfile(replay):
        return None, None, f"no {replay}"
    return os.path.realpath(torchpy), chroot, None


def run_torch(torchpy, chroot, corpus, timeout, filt):
    """Runs bench_queries.py under torchpy -> its JSON (read from its stdout), or None.
    The repository root is the working directory (torchpy binds it); a corpus
    outside it is bound through TORCHPY_BIND."""
    replay = os.path.join(os.path.dirname(torchpy), "replay_torch.py")
    corpus = os.path.realpath(corpus)
    cwd = os.path.realpath(REPO)
    env = dict(os.environ, TORCH_CHROOT=chroot)
    prefix = []
    if not (corpus + os.sep).startswith(cwd + os.sep):
        env["TORCHPY_BIND"] = ":".join(x for x in (os.environ.get("TORCHPY_BIND"), corpus) if x)
    if os.geteuid() != 0:  # torchpy needs root; sudo drops the environment, pass it on
        prefix = ["sudo", "-n", "env", f"TORCH_CHROOT={chroot}"]
        if env.get("TORCHPY_BIND"):
            prefix.append(f"TORCHPY_BIND={env['TORCHPY_BIND']}")
    cmd = prefix + [torchpy, os.path.realpath(BENCH_QUERIES), replay, corpus,
                    "--root", corpus, "--timeout", str(timeout)]
    if filt:
        cmd += ["--filter", filt]
    log("side_by_side: running PyTorch 2.6: " + " ".join(cmd))
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, text=True)
    lines = p.stdout.splitlines(keepends=True)
    start = next((k for k, ln in enumerate(lines) if ln.startswith('{"engine"')), None)
    doc = None
    if start is not None:
        try:
            doc = json.loads("".join(lines[start:]))
        except ValueError:
            doc = None
    if p.returncode != 0 or doc is None:
        log(f"side_by_side: PyTorch run failed (exit {p.returncode}): its column is skipped")
    return doc


# --------------------------------------------------------------------------- scoring
def parse_interval(s):
    """'[lo, hi]' -> (lo, hi) with ints/floats/±inf, or None."""
    if not isinstance(s, str):
        return None
    s = s.strip()
    if not (s.startswith("[") and s.endswith("]")):
        return None
    parts = [p.strip() for p in s[1:-1].split(",")]
    if len(parts) != 2:
        return None
    vals = []
    for p in parts:
        low = p.lower()
        if low in ("inf", "+inf", "oo", "int_oo", "infinity"):
            vals.append(math.inf)
        elif low in ("-inf", "-oo", "-int_oo", "-infinity"):
            vals.append(-math.inf)
        elif low in ("true", "false"):
            vals.append(1 if low == "true" else 0)
        else:
            try:
                vals.append(int(p))
            except ValueError:
                try:
                    vals.append(float(p))
                except ValueError:
                    return None
    return tuple(vals)


def is_open(q):
    t = q.get("truth")
    return t is None or t == "open"


def score_torch(q, answer):
    """Outcome of PyTorch's answer for query q (the runner's rules)."""
    if is_open(q):
        return "open"
    if answer is None:
        return "error"
    truth = q["truth"]
    if q.get("question") == "bound":
        t, a = parse_interval(truth), parse_interval(answer)
        if t is None:
            return "open"  # no interval to score against
        if a is None:
            return "error"
        if a == t:
            return "proved"
        if a[0] <= t[0] and a[1] >= t[1]:
            return "unknown"
        return "wrong"
    if answer == "true":
        return "proved" if truth == "true" else "wrong"
    if answer == "false":
        return "unknown"  # statically_known_true: "not known true", never a refutation
    return "error"


def percentile(xs, p):
    """Nearest-rank percentile of a non-empty list."""
    s = sorted(xs)
    k = max(0, math.ceil(p / 100.0 * len(s)) - 1)
    return s[k]


def stats(rows, engine):
    """Counts and timings of one engine over the merged rows."""
    c = {k: 0 for k in OUTCOMES}
    times = []
    n = 0
    for r in rows:
        res = r["results"].get(engine)
        if res is None:
            continue
        n += 1
        out = res.get("outcome")
        c[out if out in c else "error"] += 1
        if isinstance(res.get("us"), (int, float)):
            times.append(float(res["us"]))
    scored = n - c["open"]
    return {  # as the runner's summary: "queries" are the scored ones, "open" apart
        "queries": scored,
        "decided_pct": (100.0 * (c["proved"] + c["refuted"]) / scored) if scored else None,
        "proved": c["proved"], "refuted": c["refuted"], "unknown": c["unknown"],
        "wrong": c["wrong"], "errors": c["error"], "open": c["open"],
        "timed": len(times),
        "p50_us": percentile(times, 50) if times else None,
        "p99_us": percentile(times, 99) if times else None,
        "total_ms": sum(times) / 1000.0 if times else None,
    }


# --------------------------------------------------------------------------- formatting
def f_us(v):
    if v is None:
        return "–"
    return f"{v:.1f}" if v < 100 else f"{v:,.0f}"


def f_ms(v):
    if v is None:
        return "–"
    return f"{v:.1f}" if v < 1000 else f"{v:,.0f}"


def f_pct(v):
    return "–" if v is None else f"{v:.1f}%"


def cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def table(header, rows, align):
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    out += ["| " + " | ".join(cell(x) for x in row) + " |" for row in rows]
    return out


def brief(res):
    if res is None:
        return "–"
    ans = res.get("answer")
    ans = "null" if ans is None else ans
    return f"{ans} ({res.get('outcome')})"


def group_key(g):
    return (GROUP_ORDER.index(g) if g in GROUP_ORDER else len(GROUP_ORDER), g)


def render(doc):
    engines, rows, summ = doc["engines"], doc["queries"], doc["summary"]
    md = []
    n_open = sum(1 for r in rows if is_open(r))
    md.append(f"# symshape vs PyTorch 2.6 vs plain Z3 — `{doc['corpus']}`")
    md.append("")
    n_neither = sum(1 for r in rows if r.get("truth") == "neither")
    n_scored = len(rows) - n_open
    ceiling = 100.0 * (n_scored - n_neither) / n_scored if n_scored else 0.0
    md.append(f"{len(rows)} queries, {n_scored} scored ({n_open} with truth `open`, not scored). "
              "Decided = proved + refuted, of the scored queries; times (all queries, open ones "
              "included) are of the question alone, setup excluded. "
              f"{n_neither} scored queries are `neither` (unknown is the right answer there), so no "
              f"engine can decide more than {ceiling:.1f}%.")
    t = doc.get("pytorch", {})
    if t.get("available"):
        md.append(f"PyTorch: {t.get('torch')} (sympy {t.get('sympy')}), statically_known_true / bound_sympy, "
                  f"one fresh ShapeEnv per query; {t.get('ran')} queries in {t.get('wall_s')} s wall, setup "
                  f"included ({t.get('queries_per_s')} queries/s)"
                  + (f", of which {t['timeouts']} timeouts of {t['timeout_s']:g} s each (not in its times)"
                     if t.get("timeouts") else "")
                  + ". It never refutes a `known` (\"false\" = not known true).")
    else:
        md.append(f"PyTorch 2.6: not run ({t.get('reason')}).")
    md.append("")
    hdr = ["engine", "scored", "decided", "proved", "refuted", "unknown", "wrong", "errors", "open",
           "p50 µs", "p99 µs", "total ms"]
    trs = []
    for e in engines:
        s = summ[e]
        trs.append([LABELS.get(e, "symshape " + e), s["queries"], f_pct(s["decided_pct"]), s["proved"],
                    s["refuted"], s["unknown"], s["wrong"], s["errors"], s["open"], f_us(s["p50_us"]),
                    f_us(s["p99_us"]), f_ms(s["total_ms"])])
    md += table(hdr, trs, ["l"] + ["r"] * (len(hdr) - 1))
    md.append("")

    md.append("## Decided % per group")
    md.append("")
    groups = sorted({r["group"] for r in rows}, key=group_key)
    hdr = ["group", "scored", "open"] + [LABELS.get(e, "symshape " + e) for e in engines]
    grs = []
    for g in groups:
        sub = [r for r in rows if r["group"] == g]
        sc = [r for r in sub if not is_open(r)]
        line = [g, len(sc), len(sub) - len(sc)]
        for e in engines:
            line.append(f_pct(doc["groups"][g].get(e)))
        grs.append(line)
    md += table(hdr, grs, ["l"] + ["r"] * (len(hdr) - 1))
    md.append("")

    if "pytorch" in engines and "cascade" in engines:
        dis = doc["disagreements"]
        md.append(f"## PyTorch vs the cascade: {len(dis)} queries with different outcomes"
                  + (" (first 20)" if len(dis) > 20 else ""))
        md.append("")
        if dis:
            cnt = {}
            for d in dis:
                k = (d["results"]["cascade"]["outcome"], d["results"]["pytorch"]["outcome"])
                cnt[k] = cnt.get(k, 0) + 1
            md.append("By outcome (cascade → PyTorch): " + ", ".join(
                f"{a} / {b}: {n}" for (a, b), n in sorted(cnt.items(), key=lambda kv: -kv[1])) + ".")
            md.append("")
            drs = [[d["name"], f"{d['question']} {d['expr']}", d["truth"],
                    brief(d["results"]["cascade"]), brief(d["results"]["pytorch"])] for d in dis[:20]]
            md += table(["query", "question", "truth", "cascade", "PyTorch"], drs, ["l"] * 5)
        else:
            md.append("(none)")
        md.append("")

    wrong = doc["wrong"]
    md.append(f"## Wrong answers: {len(wrong)} queries")
    md.append("")
    if wrong:
        wrs = [[w["name"], f"{w['question']} {w['expr']}", w["truth"]]
               + [brief(w["results"].get(e)) for e in engines] for w in wrong]
        md += table(["query", "question", "truth"] + [LABELS.get(e, e) for e in engines], wrs,
                    ["l"] * (3 + len(engines)))
    else:
        md.append("(none)")
    md.append("")

    if "pytorch" in engines:
        errs = [r for r in rows if r["results"].get("pytorch", {}).get("error")]
        if errs:
            md.append(f"PyTorch could not answer {len(errs)} queries" + (" (first 10)" if len(errs) > 10 else "")
                      + " (timeouts and errors; scored as errors unless the truth is open):")
            md.append("")
            for r in errs[:10]:
                md.append(f"- `{r['name']}` (truth {r['truth']}): {cell(r['results']['pytorch'].get('error'))}")
            md.append("")
    return "\n".join(md)


# --------------------------------------------------------------------------- merge
def merge(sym, torch_doc, torch_info):
    engines = [e for e in sym.get("engines", []) if e != "pytorch"]
    if not engines:  # fall back to whatever the queries carry
        seen = []
        for q in sym.get("queries", []):
            for e in q.get("results", {}):
                if e not in seen:
                    seen.append(e)
        engines = seen
    tq = {}
    if torch_doc is not None:
        tq = {q["name"]: q for q in torch_doc.get("queries", [])}
        engines = engines + ["pytorch"]
    rows = []
    matched = 0
    for q in sym.get("queries", []):
        name = q["name"]
        row = {
            "name": name,
            "group": name.split("/", 1)[0] if "/" in name else (q.get("group") or name),
            "family": q.get("family"),
            "size": q.get("size"),
            "question": q.get("question"),
            "expr": q.get("expr", ""),
            "truth": q.get("truth"),
            "domain": q.get("domain"),
            "results": {},
        }
        for e in engines:
            if e == "pytorch":
                continue
            r = q.get("results", {}).get(e)
            if r is not None:
                row["results"][e] = {"answer": r.get("answer"), "outcome": r.get("outcome"),
                                     "tier": r.get("tier"), "us": r.get("us")}
        if torch_doc is not None:
            t = tq.get(name)
            if t is None:
                row["results"]["pytorch"] = {"answer": None, "outcome": "open" if is_open(q) else "error",
                                             "us": None, "error": "not run by PyTorch (not in its output)"}
            else:
                matched += 1
                row["results"]["pytorch"] = {"answer": t.get("answer"), "outcome": score_torch(q, t.get("answer")),
                                             "us": t.get("us"), "error": t.get("error")}
        rows.append(row)
    if torch_doc is not None:
        extra = len(set(tq) - {r["name"] for r in rows})
        if extra or matched < len(rows):
            log(f"side_by_side: note: {len(rows) - matched} corpus queries missing from PyTorch's output, "
                f"{extra} PyTorch queries not in symshape's")

    summary = {e: stats(rows, e) for e in engines}
    groups = {}
    for g in sorted({r["group"] for r in rows}, key=group_key):
        sub = [r for r in rows if r["group"] == g]
        groups[g] = {e: stats(sub, e)["decided_pct"] for e in engines}

    dis = []
    if "pytorch" in engines and "cascade" in engines:
        for r in rows:
            c, t = r["results"].get("cascade"), r["results"].get("pytorch")
            if c is None or t is None or is_open(r):
                continue
            if c.get("outcome") != t.get("outcome"):
                dis.append(r)
    wrong = [r for r in rows if any(res.get("outcome") == "wrong" for res in r["results"].values())]
    return {
        "schema_version": 1,
        "corpus": sym.get("corpus"),
        "engines": engines,
        "labels": {e: LABELS.get(e, "symshape " + e) for e in engines},
        "pytorch": torch_info,
        "summary": summary,
        "groups": groups,
        "disagreements": dis,
        "wrong": wrong,
        "queries": rows,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("corpus", nargs="?", default="bench/corpus")
    ap.add_argument("--symshape", default="build/symshape", help="the symshape binary")
    ap.add_argument("--torch-chroot", help="PyTorch chroot (default $TORCH_CHROOT or /opt/torch-trixie)")
    ap.add_argument("--out-md", help="write the Markdown here too")
    ap.add_argument("--out-json", help="write the merged results as JSON here")
    ap.add_argument("--symshape-json", help="read this runner JSON instead of running symshape")
    ap.add_argument("--torch-json", help="read this bench_queries.py output instead of running PyTorch")
    ap.add_argument("--no-torch", action="store_true", help="skip PyTorch")
    ap.add_argument("--filter", help="only queries whose name contains this text (both sides)")
    ap.add_argument("--torch-timeout", type=float, default=120.0, help="PyTorch seconds per query (default 120)")
    args = ap.parse_args(argv)

    corpus = resolve(args.corpus)
    if args.symshape_json:
        with open(args.symshape_json) as f:
            sym = json.load(f)
    else:
        sym = run_symshape(resolve(args.symshape), corpus, args.filter)
        sym["corpus"] = args.corpus  # as the user wrote it
    sym.setdefault("corpus", args.corpus)

    torch_doc, info = None, {"available": False}
    if args.torch_json:
        with open(args.torch_json) as f:
            torch_doc = json.load(f)
    elif args.no_torch:
        info["reason"] = "--no-torch"
    else:
        torchpy, chroot, reason = find_torch(args.torch_chroot)
        if torchpy is None:
            print(f"PyTorch 2.6 not found ({reason}): its column is skipped")
            info["reason"] = reason
        else:
            torch_doc = run_torch(torchpy, chroot, corpus, args.torch_timeout, args.filter)
            if torch_doc is None:
                info["reason"] = "the PyTorch run failed"
    if torch_doc is not None:
        ran = len(torch_doc.get("queries", []))
        wall = torch_doc.get("wall_s")
        info = {"available": True, "engine": torch_doc.get("engine"), "torch": torch_doc.get("torch"),
                "sympy": torch_doc.get("sympy"), "ran": ran, "wall_s": wall,
                "queries_per_s": round(ran / wall, 1) if wall else None,
                "timeouts": sum(1 for q in torch_doc.get("queries", [])
                                if str(q.get("error") or "").startswith("timeout")),
                "timeout_s": torch_doc.get("timeout_s", args.torch_timeout)}

    doc = merge(sym, torch_doc, info)
    md = render(doc)
    print(md)
    if args.out_md:
        with open(args.out_md, "w") as f:
            f.write(md + "\n")
    if args.out_json:
        with open(args.out_json, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
