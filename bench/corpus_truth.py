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
"""

from __future__ import annotations

import argparse
import ast
import itertools
import math
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time

INF = float("inf")
MAX_POINTS = 2_000_000

# ----------------------------------------------------------------------------------------------
# Errors


class QueryError(Exception):
    """A malformed query (or a script that would not run): reported as file:line:col: message."""

    def __init__(self, line: int, col: int, msg: str):
        super().__init__(msg)
        self.line, self.col, self.msg = line, col, msg


# ----------------------------------------------------------------------------------------------
# Expression IR.  Integer nodes:
#   ('c', v)  ('s', name)  ('+', a, b)  ('-', a, b)  ('*', a, b)  ('neg', a)  ('//', a, b)
#   ('%', a, b)  ('max', [a..])  ('min', [a..])  ('**', a, k)  ('b2i', boolnode)
# Boolean nodes:
#   ('B', v)  ('cmp', op, a, b)  ('and', [..])  ('or', [..])  ('not', a)  ('iff', a, b)  ('xor', a, b)

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
# Code generation: Python and SMT-LIB2


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


# ----------------------------------------------------------------------------------------------
# Script parsing


class Sym:
    __slots__ = ("name", "kind", "lo", "hi", "hint", "order")

    def __init__(self, name, kind, lo, hi, hint, order):
        self.name, self.kind, self.lo, self.hi, self.hint, self.order = name, kind, lo, hi, hint, order


NAME_RE = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
SYMNAME_RE = re.compile(r"[su][0-9]+")
QUESTIONS = ("known", "bound")
SETUP = ("env", "input", "scalar", "unbacked", "unbacked_bool", "size_like", "range", "check")


def parse_bound_value(tok: str):
    t = tok.strip()
    if t in ("inf", "+inf", "oo", "int_oo"):
        return INF
    if t in ("-inf", "-oo", "-int_oo"):
        return -INF
    return int(t)


class Script:
    """A parsed query: symbols, facts, the question."""

    def __init__(self):
        self.env = {"specialize_zero_one": True, "duck_shape": True,
                    "prefer_deferred_runtime_asserts_over_guards": False}
        self.syms: dict[str, Sym] = {}
        self.names: dict[str, tuple] = {}       # script name -> ('int'|'bool', IR) | ('tensor', name)
        self.tensors: dict[str, list] = {}      # tensor name -> list of size IR
        self.offsets: dict[str, tuple] = {}     # tensor name -> storage offset IR
        self.facts: list = []                   # (line, IR bool)
        self.question = None                    # ('known'|'bound', IR, line)
        self.bound_is_bool = False
        self.issues: list[str] = []             # reasons for `open` found while building expressions
        self.nbacked = 0
        self.nunbacked = 0
        self.duck: dict[int, tuple] = {}

    # -- symbols
    def new_sym(self, kind, lo, hi, hint=None) -> tuple:
        if kind == "backed":
            name = f"s{self.nbacked}"
            self.nbacked += 1
        else:
            name = f"u{self.nunbacked}"
            self.nunbacked += 1
        self.syms[name] = Sym(name, kind, lo, hi, hint, len(self.syms))
        return ("s", name)

    def define(self, name, value, line, col):
        if name in self.names:
            raise QueryError(line, col, f"name '{name}' is already defined")
        self.names[name] = value

    # -- expressions
    def expr(self, text: str, line: int, col: int):
        """Parse EXPR (text starting at 1-based column col) to IR."""
        src = text.strip()
        lead = len(text) - len(text.lstrip())
        col0 = col + lead
        if not src:
            raise QueryError(line, col0, "missing expression")
        try:
            tree = ast.parse(src, mode="eval")
        except SyntaxError as e:
            raise QueryError(line, col0 + max((e.offset or 1) - 1, 0), f"syntax error: {e.msg}") from None
        return self._conv(tree.body, line, col0)

    def _err(self, node, line, col0, msg):
        return QueryError(line, col0 + getattr(node, "col_offset", 0), msg)

    def _as_int(self, n):
        if is_bool(n):
            self.issues.append("boolean-valued expression used as an integer")
            return ("b2i", n)
        return n

    @staticmethod
    def _as_bool(n):
        if is_bool(n):
            return n
        return ("cmp", "!=", n, ("c", 0))  # Python truthiness of an int

    def _source(self, node, line, col0):
        """x.size()[i], x.shape[i], x.stride()[i], x.size(i), x.stride(i), x.storage_offset()."""
        def tensor_of(v):
            if isinstance(v, ast.Name) and v.id in self.tensors:
                return v.id
            if isinstance(v, ast.Name):
                raise self._err(v, line, col0, f"unknown tensor '{v.id}'")
            return None

        def index(sl, nd):
            if isinstance(sl, ast.UnaryOp) and isinstance(sl.op, ast.USub) and isinstance(sl.operand, ast.Constant):
                i = -sl.operand.value
            elif isinstance(sl, ast.Constant) and isinstance(sl.value, int) and not isinstance(sl.value, bool):
                i = sl.value
            else:
                raise self._err(sl, line, col0, "a dimension index must be an integer literal")
            if not -nd <= i < nd:
                raise self._err(sl, line, col0, f"dimension {i} out of range for a {nd}-d tensor")
            return i % nd

        if isinstance(node, ast.Subscript):
            v = node.value
            kind = None
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and not v.args and not v.keywords \
                    and v.func.attr in ("size", "stride"):
                t = tensor_of(v.func.value)
                kind = v.func.attr
            elif isinstance(v, ast.Attribute) and v.attr == "shape":
                t = tensor_of(v.value)
                kind = "size"
            if kind is None or t is None:
                return None
            return self._dim(t, kind, index(node.slice, len(self.tensors[t])))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.keywords:
            attr = node.func.attr
            if attr not in ("size", "stride", "storage_offset"):
                return None
            t = tensor_of(node.func.value)
            if t is None:
                return None
            if attr == "storage_offset":
                if node.args:
                    raise self._err(node, line, col0, "storage_offset() takes no argument")
                return self.offsets.get(t, ("c", 0))
            if len(node.args) != 1:
                raise self._err(node, line, col0, f"{attr}() without an index is a tuple, not an integer")
            return self._dim(t, attr, index(node.args[0], len(self.tensors[t])))
        return None

    def _dim(self, t, kind, i):
        sizes = self.tensors[t]
        if kind == "size":
            return sizes[i]
        acc = ("c", 1)
        for s in sizes[i + 1:]:
            acc = fold(("*", acc, s)) if acc != ("c", 1) else s
        return acc

    def _conv(self, node, line, col0):
        conv = lambda x: self._conv(x, line, col0)  # noqa: E731
        src = self._source(node, line, col0)
        if src is not None:
            return src
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return ("B", node.value)
            if isinstance(node.value, int):
                return ("c", node.value)
            raise self._err(node, line, col0, f"unsupported constant {node.value!r}")
        if isinstance(node, ast.Name):
            if node.id in self.names:
                kind, val = self.names[node.id]
                if kind == "tensor":
                    raise self._err(node, line, col0, f"'{node.id}' is a tensor, not an integer")
                return val
            if SYMNAME_RE.fullmatch(node.id) and node.id in self.syms:
                return ("s", node.id)
            raise self._err(node, line, col0, f"unknown name '{node.id}'")
        if isinstance(node, ast.UnaryOp):
            a = conv(node.operand)
            if isinstance(node.op, ast.USub):
                return fold(("neg", self._as_int(a)))
            if isinstance(node.op, ast.UAdd):
                return self._as_int(a)
            if isinstance(node.op, ast.Not):
                return ("not", self._as_bool(a))
            raise self._err(node, line, col0, "unsupported unary operator")
        if isinstance(node, ast.BinOp):
            a, b = conv(node.left), conv(node.right)
            op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%",
                  ast.Pow: "**"}.get(type(node.op))
            if op is None:
                raise self._err(node, line, col0, "unsupported operator (only + - * // % and ** by a constant)")
            if op == "**":
                if b[0] != "c" or b[1] < 0:
                    raise self._err(node, line, col0, "** needs a nonnegative integer literal exponent")
                return fold(("**", self._as_int(a), b[1]))
            return fold((op, self._as_int(a), self._as_int(b)))
        if isinstance(node, ast.BoolOp):
            k = "and" if isinstance(node.op, ast.And) else "or"
            return (k, [self._as_bool(conv(v)) for v in node.values])
        if isinstance(node, ast.Compare):
            parts = []
            left = conv(node.left)
            for op, rnode in zip(node.ops, node.comparators):
                right = conv(rnode)
                o = CMP_OPS.get(type(op))
                if o is None:
                    raise self._err(node, line, col0, "unsupported comparison")
                parts.append(self._cmp(o, left, right))
                left = right
            return parts[0] if len(parts) == 1 else ("and", parts)
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.keywords:
                raise self._err(node, line, col0, "unsupported call")
            f = node.func.id
            args = [conv(a) for a in node.args]
            if f in CMP_FUNCS:
                if len(args) != 2:
                    raise self._err(node, line, col0, f"{f} takes 2 arguments")
                return self._cmp(CMP_FUNCS[f], args[0], args[1])
            if f in ("Mod", "FloorDiv"):
                if len(args) != 2:
                    raise self._err(node, line, col0, f"{f} takes 2 arguments")
                return fold(("%" if f == "Mod" else "//", self._as_int(args[0]), self._as_int(args[1])))
            if f in ("Max", "Min", "max", "min"):
                if not args:
                    raise self._err(node, line, col0, f"{f} needs arguments")
                return fold((f.lower(), [self._as_int(a) for a in args]))
            if f in ("And", "Or"):
                return (f.lower(), [self._as_bool(a) for a in args])
            if f == "Not":
                if len(args) != 1:
                    raise self._err(node, line, col0, "Not takes 1 argument")
                return ("not", self._as_bool(args[0]))
            raise self._err(node, line, col0, f"unknown function '{f}'")
        raise self._err(node, line, col0, f"unsupported expression ({type(node).__name__})")

    def _cmp(self, op, a, b):
        if is_bool(a) and is_bool(b) and op in ("==", "!="):
            return ("iff" if op == "==" else "xor", a, b)
        return ("cmp", op, self._as_int(a), self._as_int(b))


def parse_script(text: str) -> Script:
    sc = Script()
    seen_other = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw
        h = line.find("#")
        if h >= 0:
            line = line[:h]
        if not line.strip():
            continue
        m = re.match(r"\s*(\S+)", line)
        cmd, ccol = m.group(1), m.start(1) + 1
        rest, rcol = line[m.end(1):], m.end(1) + 1
        if sc.question is not None:
            raise QueryError(lineno, ccol, "the question (known/bound) must be the last command")
        if cmd == "env":
            if seen_other:
                raise QueryError(lineno, ccol, "env must come before any other command")
            for tm in re.finditer(r"\S+", rest):
                tok = tm.group(0)
                k, eq, v = tok.partition("=")
                if not eq or k not in sc.env:
                    raise QueryError(lineno, rcol + tm.start(), f"unknown env setting '{tok}'")
                if v.lower() in ("true", "1"):
                    sc.env[k] = True
                elif v.lower() in ("false", "0"):
                    sc.env[k] = False
                else:
                    raise QueryError(lineno, rcol + tm.start() + len(k) + 1, f"bad boolean '{v}'")
            continue
        seen_other = True
        if cmd == "input":
            parse_input(sc, rest, lineno, rcol)
        elif cmd == "scalar":
            mm = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*=\s*([-+]?\d+)\s*", rest)
            if not mm:
                raise QueryError(lineno, rcol, "expected: scalar NAME = INT")
            v = int(mm.group(2))
            sc.define(mm.group(1), ("int", sc.new_sym("backed", -INF, INF, v)), lineno, rcol + mm.start(1))
        elif cmd in ("unbacked", "unbacked_bool"):
            mm = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*", rest)
            if not mm:
                raise QueryError(lineno, rcol, f"expected: {cmd} NAME")
            if cmd == "unbacked":
                val = ("int", sc.new_sym("unbacked", -INF, INF))
            else:
                s = sc.new_sym("unbacked", 0, 1)
                val = ("bool", ("cmp", "==", s, ("c", 1)))
            sc.define(mm.group(1), val, lineno, rcol + mm.start(1))
        elif cmd == "size_like":
            e = sc.expr(rest, lineno, rcol)
            if is_bool(e):
                raise QueryError(lineno, rcol, "size_like needs an integer")
            sc.facts.append((lineno, ("cmp", ">=", e, ("c", 0))))
        elif cmd == "range":
            mm = re.fullmatch(r"(.*\S)\s+(\S+)\.\.(\S+)\s*", rest)
            if not mm:
                raise QueryError(lineno, rcol, "expected: range EXPR LO..HI")
            try:
                lo, hi = parse_bound_value(mm.group(2)), parse_bound_value(mm.group(3))
            except ValueError:
                raise QueryError(lineno, rcol + mm.start(2), "bad range bound") from None
            e = sc.expr(mm.group(1), lineno, rcol)
            if e[0] not in ("s", "c"):
                raise QueryError(lineno, rcol, "range needs a symbol or a constant")
            if lo > hi:
                raise QueryError(lineno, rcol + mm.start(2), f"empty range {mm.group(2)}..{mm.group(3)}")
            parts = []
            if lo != -INF:
                parts.append(("cmp", ">=", e, ("c", int(lo))))
            if hi != INF:
                parts.append(("cmp", "<=", e, ("c", int(hi))))
            if parts:
                sc.facts.append((lineno, parts[0] if len(parts) == 1 else ("and", parts)))
        elif cmd == "check":
            e = sc.expr(rest, lineno, rcol)
            sc.facts.append((lineno, Script._as_bool(e)))
        elif cmd == "known":
            e = sc.expr(rest, lineno, rcol)
            sc.question = ("known", Script._as_bool(e), lineno)
        elif cmd == "bound":
            e = sc.expr(rest, lineno, rcol)
            if is_bool(e):
                sc.bound_is_bool = True
                e = ("b2i", e)
            sc.question = ("bound", e, lineno)
        else:
            allowed = ", ".join(SETUP + QUESTIONS)
            raise QueryError(lineno, ccol, f"command '{cmd}' is not allowed in a corpus query ({allowed})")
    if sc.question is None:
        raise QueryError(max(1, len(text.splitlines())), 1, "no question: a query ends with `known EXPR` or `bound EXPR`")
    check_hints(sc)
    return sc


def parse_input(sc: Script, rest: str, lineno: int, rcol: int):
    mm = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*=\s*\[([^\]]*)\]\s*(.*?)\s*", rest)
    if not mm:
        raise QueryError(lineno, rcol, "expected: input NAME = [h0, h1, ...] [OPTIONS]")
    name = mm.group(1)
    hints = []
    body = mm.group(2).strip()
    if body:
        for tok in body.split(","):
            tok = tok.strip()
            if not re.fullmatch(r"\d+", tok):
                raise QueryError(lineno, rcol + mm.start(2), f"bad size '{tok}' (a nonnegative integer)")
            hints.append(int(tok))
    nd = len(hints)
    policy = ["duck"] * nd
    opts = mm.group(3)
    ooff = rcol + mm.start(3)
    for om in re.finditer(r"\S+", opts):
        tok, tcol = om.group(0), ooff + om.start()
        k, eq, v = tok.partition("=")
        if not eq:
            raise QueryError(lineno, tcol, f"bad option '{tok}'")

        def dim(s):
            if not re.fullmatch(r"\d+", s) or int(s) >= nd:
                raise QueryError(lineno, tcol, f"bad dimension '{s}' for a {nd}-d input")
            return int(s)
        if k in ("dynamic", "static"):
            for d in v.split(","):
                policy[dim(d.strip())] = k
        elif k == "range":
            for item in v.split(","):
                r = re.fullmatch(r"(\d+):(-?\w+)\.\.(-?\w+)", item.strip())
                if not r:
                    raise QueryError(lineno, tcol, f"bad range '{item}' (i:LO..HI)")
                try:
                    lo, hi = parse_bound_value(r.group(2)), parse_bound_value(r.group(3))
                except ValueError:
                    raise QueryError(lineno, tcol, f"bad range '{item}'") from None
                policy[dim(r.group(1))] = ("range", lo, hi)
        else:
            raise QueryError(lineno, tcol, f"unknown option '{k}'")
    spec01 = sc.env["specialize_zero_one"]
    base_lo = 2 if spec01 else 0
    sizes = []
    for i, (h, pol) in enumerate(zip(hints, policy)):
        lo, hi = base_lo, INF
        if isinstance(pol, tuple):
            _, rlo, rhi = pol
            if not rlo <= h <= rhi:
                raise QueryError(lineno, rcol, f"constraint violation: size {h} of dim {i} not in range [{rlo}, {rhi}]")
            if rlo == rhi:
                pol = "static"
            else:
                lo, hi = max(lo, rlo), min(hi, rhi)
        if pol == "static" or (spec01 and h in (0, 1)):
            sizes.append(("c", h))
            continue
        if pol == "duck" and sc.env["duck_shape"]:
            if h in sc.duck:
                sizes.append(sc.duck[h])
                continue
            s = sc.new_sym("backed", lo, hi, h)
            sc.duck[h] = s
            sizes.append(s)
            continue
        sizes.append(sc.new_sym("backed", lo, hi, h))
    # The storage offset (example 0) is created after the sizes with the DUCK
    # policy (PyTorch's create_symbolic_sizes_strides_storage_offset): a
    # constant under 0/1 specialization, else a symbol >= 0 shared by every
    # duck-sized value 0.
    offset = ("c", 0)
    if not spec01:
        if sc.env["duck_shape"] and 0 in sc.duck:
            offset = sc.duck[0]
        else:
            offset = sc.new_sym("backed", 0, INF, 0)
            if sc.env["duck_shape"]:
                sc.duck[0] = offset
    sc.define(name, ("tensor", name), lineno, rcol + mm.start(1))
    sc.tensors[name] = sizes
    sc.offsets[name] = offset


def check_hints(sc: Script):
    """Every fact over backed symbols only must hold at the example values (else the script fails)."""
    hints = {n: s.hint for n, s in sc.syms.items() if s.kind == "backed"}
    for line, f in sc.facts:
        syms = symbols_of(f, set())
        if any(sc.syms[s].kind != "backed" for s in syms):
            continue
        try:
            ok = eval(py(f), {"__builtins__": {"max": max, "min": min}}, dict(hints))
        except ZeroDivisionError:
            raise QueryError(line, 1, "division by zero at the example values") from None
        if not ok:
            raise QueryError(line, 1, "fact is false at the example values (the script would fail)")


# ----------------------------------------------------------------------------------------------
# Domain


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


# ----------------------------------------------------------------------------------------------
# Solvers


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


# ----------------------------------------------------------------------------------------------
# Labelling


def fmt_bound(v, is_bool=False):
    if is_bool:
        return "true" if v else "false"
    if v == INF:
        return "inf"
    if v == -INF:
        return "-inf"
    return str(v)


class Labeller:
    def __init__(self, sc: Script, timeout: float):
        self.sc = sc
        self.timeout = timeout
        self.ranges = tightened_ranges(sc)
        kind, q, _ = sc.question
        self.kind, self.q = kind, q
        occ = set()
        for _, f in sc.facts:
            symbols_of(f, occ)
        self.fact_syms = set(occ)
        symbols_of(q, occ)
        self.occ = sorted(occ, key=lambda n: sc.syms[n].order)
        self.fact_expr = ("and", [f for _, f in sc.facts])
        self.builtins = {"__builtins__": {"max": max, "min": min}}
        self._fact_fn = None
        self._q_fn = None

    # -- domain
    def domain(self):
        points = 1
        finite = True
        for n in self.occ:
            lo, hi = self.ranges[n]
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

    # -- python evaluation of a point (model validation)
    def _compile(self):
        if self._fact_fn is None:
            args = ", ".join(self.occ)
            self._fact_fn = eval(f"lambda {args}: {py(self.fact_expr)}", self.builtins)
            self._q_fn = eval(f"lambda {args}: {py(self.q)}", self.builtins)

    def check_model(self, model, want):
        """True if the model is a point of the domain where Q has the value `want`
        (for bound: want is a predicate on E's value)."""
        if model is None:
            return False
        self._compile()
        try:
            vals = [model[n] for n in self.occ]
        except KeyError:
            return False
        for n, v in zip(self.occ, vals):
            lo, hi = self.ranges[n]
            if not lo <= v <= hi:
                return False
        try:
            if not self._fact_fn(*vals):
                return False
            qv = self._q_fn(*vals)
        except ArithmeticError:
            return False
        return want(qv) if callable(want) else bool(qv) == want

    # -- SMT
    def problem(self, extra: str) -> str:
        out = ["(set-option :produce-models true)", "(set-logic ALL)", SMT_PRELUDE.rstrip()]
        for n in self.occ:
            out.append(f"(declare-const {n} Int)")
            lo, hi = self.ranges[n]
            if not math.isinf(lo):
                out.append(f"(assert (>= {n} {smt_int(int(lo))}))")
            if not math.isinf(hi):
                out.append(f"(assert (<= {n} {smt_int(int(hi))}))")
        for _, f in self.sc.facts:
            out.append(f"(assert {smt(f)})")
        out.append(f"(assert {extra})")
        out.append("(check-sat)")
        if self.occ:
            out.append(f"(get-value ({' '.join(self.occ)}))")
        return "\n".join(out) + "\n"

    def ask(self, solver, extra, want) -> SolverResult:
        r = run_solver(solver, self.problem(extra), self.timeout)
        if r.status == "sat" and not self.check_model(r.model, want):
            r.status, r.note = "unknown", "model failed validation"
        elif r.status == "sat":
            r.note = "model checked"
        return r

    def facts_hold_at_hints(self):
        return all(self.sc.syms[n].kind == "backed" for n in self.fact_syms)

    # -- known by a solver: returns (label or None, resA, resB)
    def solver_known(self, solver):
        qs = smt(self.q)
        ra = self.ask(solver, f"(not {qs})", False)
        rb = self.ask(solver, qs, True)
        return ra, rb

    @staticmethod
    def label_of(ra, rb, facts_sat):
        if ra.status == "unsat" and rb.status == "unsat":
            return "unsat"
        if ra.status == "unsat" and (rb.status == "sat" or facts_sat):
            return "true"
        if rb.status == "unsat" and (ra.status == "sat" or facts_sat):
            return "false"
        if ra.status == "sat" and rb.status == "sat":
            return "neither"
        return None

    # -- the whole job
    def run(self):
        dom, points = self.domain()
        issues = list(dict.fromkeys(self.sc.issues + division_issues(self.q, self.ranges, [])
                                    + [i for _, f in self.sc.facts for i in division_issues(f, self.ranges, [])]))
        if issues:
            return dom, "open", "; ".join(issues)
        if dom == "bounded":
            return (dom,) + self.bounded(points)
        if self.kind == "bound":
            return dom, "open", "bound needs a bounded domain"
        return (dom,) + self.unbounded()

    def brute_force(self):
        """Enumerate the box; facts are tested at the shallowest loop where their symbols are bound."""
        pos = {n: i for i, n in enumerate(self.occ)}
        levels = [[] for _ in range(len(self.occ) + 1)]
        for _, f in self.sc.facts:
            for c in conjuncts(f, []):
                syms = symbols_of(c, set())
                lvl = 1 + max((pos[s] for s in syms), default=-1)
                levels[lvl].append(c)
        ind = "    "
        code = ["def _bf():", ind + "n = 0; nq = 0; lo = None; hi = None"]
        depth = 1
        if levels[0]:
            code.append(ind + f"if not ({' and '.join(py(c) for c in levels[0])}): return n, nq, lo, hi")
        for i, name in enumerate(self.occ):
            lo, hi = self.ranges[name]
            code.append(ind * depth + f"for {name} in range({int(lo)}, {int(hi) + 1}):")
            depth += 1
            if levels[i + 1]:
                code.append(ind * depth + f"if not ({' and '.join(py(c) for c in levels[i + 1])}): continue")
        code.append(ind * depth + "n += 1")
        code.append(ind * depth + f"v = {py(self.q)}")
        if self.kind == "known":
            code.append(ind * depth + "if v: nq += 1")
        else:
            code.append(ind * depth + "if lo is None or v < lo: lo = v")
            code.append(ind * depth + "if hi is None or v > hi: hi = v")
        code.append(ind + "return n, nq, lo, hi")
        g = dict(self.builtins)
        g["__builtins__"] = {"max": max, "min": min, "range": range}
        exec("\n".join(code), g)
        return g["_bf"]()

    def bounded(self, points):
        n, nq, lo, hi = self.brute_force()
        bf = f"brute force: {points} point{'s' if points != 1 else ''}, {n} satisf{'y' if n != 1 else 'ies'} the facts"
        if n == 0:
            return "open", f"facts unsatisfiable ({bf})"
        if self.kind == "known":
            label = "true" if nq == n else "false" if nq == 0 else "neither"
            ra, rb = self.solver_known("z3")
            zl = self.label_of(ra, rb, True)
            if zl == label:
                return label, f"{bf}; z3 agrees"
            return "open", (f"open: {bf}: {label}; z3 says {zl or 'undecided'} "
                            f"(F and not Q: {ra.short()}, F and Q: {rb.short()})")
        # bound
        e = smt(self.q)
        lo_s, hi_s = smt_int(lo), smt_int(hi)
        r_out = self.ask("z3", f"(or (< {e} {lo_s}) (> {e} {hi_s}))", lambda v: v < lo or v > hi)
        r_lo = self.ask("z3", f"(= {e} {lo_s})", lambda v: v == lo)
        r_hi = self.ask("z3", f"(= {e} {hi_s})", lambda v: v == hi)
        truth = f"[{fmt_bound(lo, self.sc.bound_is_bool)}, {fmt_bound(hi, self.sc.bound_is_bool)}]"
        if r_out.status == "unsat" and r_lo.status == "sat" and r_hi.status == "sat":
            return truth, f"{bf}; z3 agrees"
        return "open", (f"open: {bf}: {truth}; z3: outside {r_out.short()}, "
                        f"= lo {r_lo.short()}, = hi {r_hi.short()}")

    def unbounded(self):
        res = {}
        for solver in ("z3", "cvc5"):
            res[solver] = self.solver_known(solver)
        # the facts are satisfiable if the hints are a point of them, or some checked model exists
        facts_sat = self.facts_hold_at_hints() or any(r.status == "sat" for pair in res.values() for r in pair)
        labels = {s: self.label_of(ra, rb, facts_sat) for s, (ra, rb) in res.items()}
        zl, cl = labels["z3"], labels["cvc5"]
        (za, zb), (ca, cb) = res["z3"], res["cvc5"]
        if zl == cl and zl is not None:
            if zl == "unsat":
                return "open", "facts unsatisfiable: z3 and cvc5 both unsat for F and not Q and for F and Q"
            if zl == "true":
                return "true", f"F and not Q: z3 unsat ({za.seconds:.2f} s), cvc5 unsat ({ca.seconds:.2f} s)"
            if zl == "false":
                return "false", f"F and Q: z3 unsat ({zb.seconds:.2f} s), cvc5 unsat ({cb.seconds:.2f} s)"
            return "neither", "z3 sat (model checked), cvc5 sat (model checked)"

        def desc(lbl, ra, rb):
            said = {None: "undecided", "unsat": "facts unsatisfiable"}.get(lbl, f"says {lbl}")
            return f"{said} (F and not Q: {ra.short()}; F and Q: {rb.short()})"
        return "open", f"open: z3 {desc(zl, za, zb)}, cvc5 {desc(cl, ca, cb)}"


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
