"""SMT-LIB2 encoding of a query and running the solvers (z3, cvc5).

`smt` renders an IR node (see `ir`) as an SMT-LIB2 term (floor division/modulo, max/min through
the `SMT_PRELUDE` functions); `encode_problem` builds a whole problem (symbol ranges, facts, one
extra assertion, check-sat, get-value); `run_solver` runs z3 or cvc5 on it and returns a
`SolverResult` (status, time, model).
"""

from __future__ import annotations

import math
import re
import subprocess
import time

# ----------------------------------------------------------------------------------------------
# Encoding


def smt_int(v: int) -> str:
    return str(v) if v >= 0 else f"(- {-v})"


SMT_CMP = {"==": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def smt(n) -> str:
    k = n[0]
    if k == "c":
        return smt_int(n[1])
    if k == "s":
        return n[1]
    if k == "B":
        return "true" if n[1] else "false"
    if k in ("+", "-", "*"):
        return f"({k} {smt(n[1])} {smt(n[2])})"
    if k == "neg":
        return f"(- {smt(n[1])})"
    if k == "//":
        a, b = smt(n[1]), n[2]
        if b[0] == "c" and b[1] > 0:
            return f"(div {a} {b[1]})"
        if b[0] == "c" and b[1] < 0:
            return f"(div (- {a}) {-b[1]})"
        return f"(fdiv {a} {smt(b)})"
    if k == "%":
        a, b = smt(n[1]), n[2]
        if b[0] == "c" and b[1] > 0:
            return f"(mod {a} {b[1]})"  # Euclidean mod = Python mod for a positive divisor
        return f"(fmod {a} {smt(b)})"
    if k == "**":
        if n[2] == 0:
            return "1"
        if n[2] == 1:
            return smt(n[1])
        return "(* " + " ".join([smt(n[1])] * n[2]) + ")"
    if k in ("max", "min"):
        args = [smt(a) for a in n[1]]
        acc = args[0]
        for a in args[1:]:
            acc = f"(s{k} {acc} {a})"
        return acc
    if k == "b2i":
        return f"(ite {smt(n[1])} 1 0)"
    if k == "cmp":
        if n[1] == "!=":
            return f"(not (= {smt(n[2])} {smt(n[3])}))"
        return f"({SMT_CMP[n[1]]} {smt(n[2])} {smt(n[3])})"
    if k in ("and", "or"):
        if not n[1]:
            return "true" if k == "and" else "false"
        if len(n[1]) == 1:
            return smt(n[1][0])
        return f"({k} " + " ".join(smt(a) for a in n[1]) + ")"
    if k == "not":
        return f"(not {smt(n[1])})"
    if k == "iff":
        return f"(= {smt(n[1])} {smt(n[2])})"
    if k == "xor":
        return f"(xor {smt(n[1])} {smt(n[2])})"
    raise AssertionError(k)


SMT_PRELUDE = """\
(define-fun fdiv ((a Int) (b Int)) Int (ite (> b 0) (div a b) (div (- a) (- b))))
(define-fun fmod ((a Int) (b Int)) Int (- a (* b (fdiv a b))))
(define-fun smax ((a Int) (b Int)) Int (ite (>= a b) a b))
(define-fun smin ((a Int) (b Int)) Int (ite (<= a b) a b))
"""



def encode_problem(occ, ranges, facts, extra: str) -> str:
    """The SMT-LIB2 problem: the symbols `occ` within `ranges`, the `facts` (IR) and `extra`."""
    out = ["(set-option :produce-models true)", "(set-logic ALL)", SMT_PRELUDE.rstrip()]
    for n in occ:
        out.append(f"(declare-const {n} Int)")
        lo, hi = ranges[n]
        if not math.isinf(lo):
            out.append(f"(assert (>= {n} {smt_int(int(lo))}))")
        if not math.isinf(hi):
            out.append(f"(assert (<= {n} {smt_int(int(hi))}))")
    for f in facts:
        out.append(f"(assert {smt(f)})")
    out.append(f"(assert {extra})")
    out.append("(check-sat)")
    if occ:
        out.append(f"(get-value ({' '.join(occ)}))")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------
# Running z3 / cvc5


class SolverResult:
    def __init__(self, status, seconds, model=None, note=""):
        self.status = status      # 'sat' 'unsat' 'unknown' 'timeout' 'error'
        self.seconds = seconds
        self.model = model
        self.note = note

    def short(self):
        s = self.status
        if self.note:
            s += f" ({self.note})"
        return s


MODEL_RE = re.compile(r"\(\s*([su]\d+)\s+(\(\s*-\s*\d+\s*\)|-?\d+)\s*\)")


def run_solver(solver: str, problem: str, timeout: float) -> SolverResult:
    if solver == "z3":
        cmd = ["z3", "-smt2", "-in", f"-t:{int(timeout * 1000)}", f"-T:{math.ceil(timeout) + 1}"]
    else:
        cmd = ["cvc5", "--lang", "smt2", f"--tlimit={int(timeout * 1000)}", "--produce-models", "-"]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, input=problem, capture_output=True, text=True, timeout=timeout + 5)
    except subprocess.TimeoutExpired:
        return SolverResult("timeout", time.monotonic() - t0)
    except OSError as e:
        return SolverResult("error", time.monotonic() - t0, note=str(e))
    dt = time.monotonic() - t0
    lines = [ln.strip() for ln in p.stdout.splitlines() if ln.strip()]
    first = lines[0] if lines else ""
    if first in ("sat", "unsat"):
        model = None
        if first == "sat":
            model = {m.group(1): int(m.group(2).replace("(", "").replace(")", "").replace(" ", ""))
                     for m in MODEL_RE.finditer(p.stdout)}
        return SolverResult(first, dt, model)
    if first == "timeout" or "timeout" in p.stderr or "interrupted by timeout" in p.stdout or dt >= timeout * 0.95:
        return SolverResult("timeout", dt)
    if first == "unknown":
        return SolverResult("unknown", dt)
    msg = (p.stderr.strip() or p.stdout.strip() or f"exit {p.returncode}").splitlines()[0][:80]
    return SolverResult("error", dt, note=msg)
