"""Parsing a `.shapes` query script into symbols, facts and one question.

`parse_script` follows the static semantics of the commands (duck sizing, 0/1 specialization,
contiguous strides, storage offset 0): backed symbols s*, unbacked symbols u*, each with a range;
facts as IR booleans (see `ir`); the question `known Q` or `bound E`.  A malformed query (or a
script that would not run at its example values) raises `QueryError`.
"""

from __future__ import annotations

import ast
import re

from .ir import INF, CMP_FUNCS, CMP_OPS, fold, is_bool, py, symbols_of


class QueryError(Exception):
    """A malformed query (or a script that would not run): reported as file:line:col: message."""

    def __init__(self, line: int, col: int, msg: str):
        super().__init__(msg)
        self.line, self.col, self.msg = line, col, msg


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
