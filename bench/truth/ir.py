"""Expression IR of a query and its rendering as Python source.

An expression is a nested tuple.  Integer nodes:
    ('c', v)  ('s', name)  ('+', a, b)  ('-', a, b)  ('*', a, b)  ('neg', a)  ('//', a, b)
    ('%', a, b)  ('max', [a..])  ('min', [a..])  ('**', a, k)  ('b2i', boolnode)
Boolean nodes:
    ('B', v)  ('cmp', op, a, b)  ('and', [..])  ('or', [..])  ('not', a)  ('iff', a, b)  ('xor', a, b)

This module holds the node helpers (kind test, free symbols, constant folding, conjunct
splitting) and `py`, which renders a node as a Python expression (used to check facts at the
example values, to validate solver models and to generate the brute-force enumerator).
"""

from __future__ import annotations

import ast

INF = float("inf")

CMP_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
CMP_FUNCS = {"Eq": "==", "Ne": "!=", "Lt": "<", "Le": "<=", "Gt": ">", "Ge": ">="}
BOOL_KINDS = {"B", "cmp", "and", "or", "not", "iff", "xor"}


def is_bool(n) -> bool:
    return n[0] in BOOL_KINDS


def symbols_of(n, out: set) -> set:
    k = n[0]
    if k == "s":
        out.add(n[1])
    elif k in ("c", "B"):
        pass
    elif k in ("max", "min", "and", "or"):
        for a in n[1]:
            symbols_of(a, out)
    elif k == "cmp":
        symbols_of(n[2], out)
        symbols_of(n[3], out)
    elif k in ("neg", "not", "b2i"):
        symbols_of(n[1], out)
    elif k == "**":
        symbols_of(n[1], out)
    else:  # binary
        symbols_of(n[1], out)
        symbols_of(n[2], out)
    return out


def fold(n):
    """Constant folding of integer arithmetic (no division by a zero constant)."""
    k = n[0]
    if k in ("+", "-", "*") and n[1][0] == "c" and n[2][0] == "c":
        a, b = n[1][1], n[2][1]
        return ("c", a + b if k == "+" else a - b if k == "-" else a * b)
    if k in ("//", "%") and n[1][0] == "c" and n[2][0] == "c" and n[2][1] != 0:
        a, b = n[1][1], n[2][1]
        return ("c", a // b if k == "//" else a % b)
    if k == "neg" and n[1][0] == "c":
        return ("c", -n[1][1])
    if k in ("max", "min") and all(a[0] == "c" for a in n[1]):
        vals = [a[1] for a in n[1]]
        return ("c", max(vals) if k == "max" else min(vals))
    if k == "**" and n[1][0] == "c":
        return ("c", n[1][1] ** n[2])
    return n


def conjuncts(n, out: list) -> list:
    if n[0] == "and":
        for a in n[1]:
            conjuncts(a, out)
    else:
        out.append(n)
    return out

def py(n) -> str:
    k = n[0]
    if k == "c":
        return f"({n[1]})"
    if k == "s":
        return n[1]
    if k == "B":
        return "True" if n[1] else "False"
    if k in ("+", "-", "*", "//", "%"):
        return f"({py(n[1])} {k} {py(n[2])})"
    if k == "neg":
        return f"(-{py(n[1])})"
    if k == "**":
        return f"({py(n[1])} ** {n[2]})"
    if k in ("max", "min"):
        if len(n[1]) == 1:
            return py(n[1][0])
        return f"{k}({', '.join(py(a) for a in n[1])})"
    if k == "b2i":
        return f"(1 if {py(n[1])} else 0)"
    if k == "cmp":
        return f"({py(n[2])} {n[1]} {py(n[3])})"
    if k in ("and", "or"):
        if not n[1]:
            return "True" if k == "and" else "False"
        return "(" + f" {k} ".join(py(a) for a in n[1]) + ")"
    if k == "not":
        return f"(not {py(n[1])})"
    if k == "iff":
        return f"({py(n[1])} == {py(n[2])})"
    if k == "xor":
        return f"({py(n[1])} != {py(n[2])})"
    raise AssertionError(k)
