"""Domain computation and brute-force enumeration.

  * `tightened_ranges`: each symbol's range, narrowed by the simple facts `sym OP const`;
  * `interval` / `division_issues`: interval arithmetic, to tell whether a floor division or
    modulo may have a zero divisor in the domain;
  * `domain_of`: `bounded` (finite box of at most MAX_POINTS points) or `unbounded`;
  * `brute_force`: exhaustive enumeration of a bounded box (generated Python loops).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .ir import BOOL_KINDS, INF, conjuncts, py, symbols_of

if TYPE_CHECKING:
    from .script import Script

MAX_POINTS = 2_000_000


# ----------------------------------------------------------------------------------------------
# Interval arithmetic (for "is this divisor provably nonzero")


def _imul(a, b):
    if a == 0 or b == 0:
        return 0
    return a * b


def _ifloordiv(a, b):
    """Floor division extended to +-inf; None when undefined (inf/inf)."""
    if math.isinf(b):
        if math.isinf(a):
            return None
        return 0 if (a >= 0) == (b > 0) or a == 0 else -1
    if math.isinf(a):
        return a if b > 0 else -a
    return a // b


TOP = (-INF, INF)


def interval(n, ranges):
    k = n[0]
    if k == "c":
        return (n[1], n[1])
    if k == "s":
        return ranges[n[1]]
    if k == "B" or k in BOOL_KINDS:
        return (0, 1)
    if k == "b2i":
        return (0, 1)
    if k == "neg":
        lo, hi = interval(n[1], ranges)
        return (-hi, -lo)
    if k in ("max", "min"):
        ivs = [interval(a, ranges) for a in n[1]]
        f = max if k == "max" else min
        return (f(i[0] for i in ivs), f(i[1] for i in ivs))
    if k == "**":
        lo, hi = interval(n[1], ranges)
        e = n[2]
        if e == 0:
            return (1, 1)
        if lo >= 0:
            return (lo ** e if not math.isinf(lo) else INF, hi ** e if not math.isinf(hi) else INF)
        return TOP
    a = interval(n[1], ranges)
    b = interval(n[2], ranges)
    if a[0] > a[1] or b[0] > b[1]:
        return TOP  # empty operand range: the domain is empty anyway
    if k == "+":
        return (a[0] + b[0], a[1] + b[1])
    if k == "-":
        return (a[0] - b[1], a[1] - b[0])
    if k == "*":
        c = [_imul(x, y) for x in a for y in b]
        return (min(c), max(c))
    if b[0] <= 0 <= b[1]:
        return TOP
    if k == "//":
        c = [_ifloordiv(x, y) for x in a for y in b]
        if any(v is None for v in c):
            return TOP
        return (min(c), max(c))
    if k == "%":
        if b[0] > 0:
            hi = b[1] - 1
            if a[0] >= 0:
                hi = min(hi, a[1])
            return (0, hi)
        return (b[0] + 1, 0)
    return TOP


# ----------------------------------------------------------------------------------------------
# Domain: symbol ranges, division checks, box size


def tightened_ranges(sc: Script):
    ranges = {n: (s.lo, s.hi) for n, s in sc.syms.items()}
    for _ in range(2):
        for _, f in sc.facts:
            for c in conjuncts(f, []):
                if c[0] != "cmp":
                    continue
                op, a, b = c[1], c[2], c[3]
                if a[0] == "c" and b[0] == "s":
                    op = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}[op]
                    a, b = b, a
                if a[0] != "s" or b[0] != "c":
                    continue
                lo, hi = ranges[a[1]]
                v = b[1]
                if op == "==":
                    lo, hi = max(lo, v), min(hi, v)
                elif op == ">=":
                    lo = max(lo, v)
                elif op == ">":
                    lo = max(lo, v + 1)
                elif op == "<=":
                    hi = min(hi, v)
                elif op == "<":
                    hi = min(hi, v - 1)
                elif op == "!=":
                    if lo == v:
                        lo = v + 1
                    if hi == v:
                        hi = v - 1
                ranges[a[1]] = (lo, hi)
    return ranges


def division_issues(n, ranges, out: list):
    k = n[0]
    if k in ("//", "%"):
        lo, hi = interval(n[2], ranges)
        if lo <= 0 <= hi:
            out.append("division by zero possible")
    if k in ("max", "min", "and", "or"):
        for a in n[1]:
            division_issues(a, ranges, out)
    elif k == "cmp":
        division_issues(n[2], ranges, out)
        division_issues(n[3], ranges, out)
    elif k in ("neg", "not", "b2i", "**"):
        division_issues(n[1], ranges, out)
    elif k not in ("c", "s", "B"):
        division_issues(n[1], ranges, out)
        division_issues(n[2], ranges, out)
    return out


def domain_of(occ, ranges):
    """('bounded', number of points) or ('unbounded', None) for the box of the symbols `occ`."""
    points = 1
    finite = True
    for n in occ:
        lo, hi = ranges[n]
        if lo > hi:
            points = 0
            continue
        if math.isinf(lo) or math.isinf(hi):
            finite = False
            continue
        points *= hi - lo + 1
    if not finite:
        return "unbounded", None
    return ("bounded", points) if points <= MAX_POINTS else ("unbounded", None)


# ----------------------------------------------------------------------------------------------
# Brute force


def brute_force(occ, ranges, facts, q, kind):
    """Enumerate the box; facts are tested at the shallowest loop where their symbols are bound.

    Returns (points satisfying the facts, of which Q holds (known), min of E, max of E (bound))."""
    pos = {n: i for i, n in enumerate(occ)}
    levels = [[] for _ in range(len(occ) + 1)]
    for f in facts:
        for c in conjuncts(f, []):
            syms = symbols_of(c, set())
            lvl = 1 + max((pos[s] for s in syms), default=-1)
            levels[lvl].append(c)
    ind = "    "
    code = ["def _bf():", ind + "n = 0; nq = 0; lo = None; hi = None"]
    depth = 1
    if levels[0]:
        code.append(ind + f"if not ({' and '.join(py(c) for c in levels[0])}): return n, nq, lo, hi")
    for i, name in enumerate(occ):
        lo, hi = ranges[name]
        code.append(ind * depth + f"for {name} in range({int(lo)}, {int(hi) + 1}):")
        depth += 1
        if levels[i + 1]:
            code.append(ind * depth + f"if not ({' and '.join(py(c) for c in levels[i + 1])}): continue")
    code.append(ind * depth + "n += 1")
    code.append(ind * depth + f"v = {py(q)}")
    if kind == "known":
        code.append(ind * depth + "if v: nq += 1")
    else:
        code.append(ind * depth + "if lo is None or v < lo: lo = v")
        code.append(ind * depth + "if hi is None or v > hi: hi = v")
    code.append(ind + "return n, nq, lo, hi")
    g = {"__builtins__": {"max": max, "min": min, "range": range}}
    exec("\n".join(code), g)
    return g["_bf"]()
