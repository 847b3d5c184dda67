#!/usr/bin/env python3
"""Extract per-node meta-rule test cases from the PyTorch 2.6 export corpus.

Usage:
    python3 scripts/extract_rule_cases.py CORPUS_DIR OUTPUT_JSON

Reads every NAME.export.json (torch.export serializer, schema 8.2) with its
NAME.ref.json (format symshape-corpus-ref/1), for the training-IR programs
(NAME) and the core ATen programs (NAME.core), plus the torch.cond branch
subgraphs (NAME/true_graph_0 ...), and writes one JSON file of cases
(format "symshape-rule-cases/1", see tests/data/rules/README.md): for each call
node, its op, its inputs (schema argument names from export.json, tensor
metadata and symbolic scalars in sympy str() form taken from ref.json) and
the outputs PyTorch recorded (ref.json, as is).

Every expression taken from ref.json is checked against the srepr of the same
value in export.json by evaluating both with two integer assignments of the
symbols (the hints, then arbitrary values), and the backed ones against the
export.json hints.  Anything not understood is an error (exit status 1);
the only skips are the documented ones (higher_order.cond nodes themselves,
argument kinds that have no case encoding), announced on stderr.

Standard library only; deterministic output.
"""

import ast
import collections
import fractions
import glob
import json
import re
import math
import os
import sys

FORMAT = "symshape-rule-cases/1"

# torch/_export/serde/schema.py (2.6): ScalarType, MemoryFormat, Layout.
SCALAR_TYPES = {
    1: "uint8", 2: "int8", 3: "int16", 4: "int32", 5: "int64", 6: "float16",
    7: "float32", 8: "float64", 9: "complex32", 10: "complex64",
    11: "complex128", 12: "bool", 13: "bfloat16", 28: "uint16",
}
MEMORY_FORMATS = {
    1: "contiguous_format", 2: "channels_last", 3: "channels_last_3d",
    4: "preserve_format",
}
LAYOUTS = {
    1: "sparse_coo", 2: "sparse_csr", 3: "sparse_csc", 4: "sparse_bsr",
    5: "sparse_bsc", 6: "_mkldnn", 7: "strided",
}

class ExtractError(Exception):
    pass


def fail(msg):
    raise ExtractError(msg)


def warn(msg):
    print("warning: " + msg, file=sys.stderr)


# ---------------------------------------------------------------------------
# Numeric evaluation of expressions (srepr from export.json, str from ref.json)
# ---------------------------------------------------------------------------

class Unevaluable(Exception):
    """The expression cannot be evaluated under this assignment."""


def _to_int_if_exact(v):
    if isinstance(v, fractions.Fraction) and v.denominator == 1:
        return int(v)
    return v


def _floordiv(a, b):
    if b == 0:
        raise Unevaluable("division by zero")
    if isinstance(a, float) or isinstance(b, float):
        return float(math.floor(a / b))
    return _to_int_if_exact(fractions.Fraction(a) // fractions.Fraction(b))


def _mod(a, b):
    # sympy Mod and PyTorch PythonMod: result has the sign of the divisor,
    # like Python's %.
    if b == 0:
        raise Unevaluable("modulo by zero")
    r = a % b
    return r if isinstance(r, float) else _to_int_if_exact(r)


def _truediv(a, b):
    if b == 0:
        raise Unevaluable("division by zero")
    return float(a) / float(b)


def _pow(a, b):
    if isinstance(b, int) and not isinstance(b, bool) and b < 0:
        if a == 0:
            raise Unevaluable("zero to a negative power")
        return fractions.Fraction(1, a ** (-b)) if isinstance(a, int) else a ** b
    return a ** b


def _product(args):
    r = 1
    for a in args:
        r = r * a
    return _to_int_if_exact(r)


def _sum(args):
    r = 0
    for a in args:
        r = r + a
    return _to_int_if_exact(r)


def _ceil_to_int(a):
    return int(math.ceil(a))


def _floor_to_int(a):
    return int(math.floor(a))


def _trunc_to_int(a):
    return int(math.trunc(a))


def _clean_div(a, b):
    if b == 0 or a % b != 0:
        raise Unevaluable("CleanDiv not exact")
    return a // b


# Functions shared by both spellings (sympy/torch class names).
_COMMON_FUNCS = {
    "Mod": (2, _mod), "PythonMod": (2, _mod),
    "FloorDiv": (2, _floordiv), "CleanDiv": (2, _clean_div),
    "IntTrueDiv": (2, _truediv), "FloatTrueDiv": (2, _truediv),
    "ToFloat": (1, float), "CeilToInt": (1, _ceil_to_int),
    "FloorToInt": (1, _floor_to_int), "TruncToInt": (1, _trunc_to_int),
    "floor": (1, _floor_to_int), "ceiling": (1, _ceil_to_int),
    "Max": (None, max), "Min": (None, min),
    "Abs": (1, abs),
}

# srepr-only class names (str() prints these as operators).
_SREPR_FUNCS = dict(_COMMON_FUNCS)
_SREPR_FUNCS.update({
    "Add": (None, _sum), "Mul": (None, _product), "Pow": (2, _pow),
    "Equality": (2, lambda a, b: a == b), "Unequality": (2, lambda a, b: a != b),
    "GreaterThan": (2, lambda a, b: a >= b), "LessThan": (2, lambda a, b: a <= b),
    "StrictGreaterThan": (2, lambda a, b: a > b),
    "StrictLessThan": (2, lambda a, b: a < b),
    "And": (None, all), "Or": (None, any), "Not": (1, lambda a: not a),
})

# str()-only function names.
_STR_FUNCS = dict(_COMMON_FUNCS)
_STR_FUNCS.update({
    "Eq": (2, lambda a, b: a == b), "Ne": (2, lambda a, b: a != b),
})

# Identifiers of str() that are not symbols.
_STR_CONSTANTS = {"True": True, "False": False}


def _call(table, name, args, text):
    if name not in table:
        fail("unknown function %r in expression %r" % (name, text))
    arity, fn = table[name]
    if arity is not None and len(args) != arity:
        fail("function %s with %d arguments in %r" % (name, len(args), text))
    if name in ("Max", "Min") and len(args) < 2:
        fail("%s with fewer than 2 arguments in %r" % (name, text))
    return fn(*args) if arity is not None else fn(args)


def eval_srepr(text, env):
    """Evaluate a sympy srepr string (as export.json writes it) under env."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        fail("cannot parse srepr %r" % text)

    def ev(node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name == "Symbol":
                if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant):
                    fail("bad Symbol in %r" % text)
                for kw in node.keywords:
                    if kw.arg not in ("integer", "positive", "real", "nonnegative",
                                      "finite", "extended_real"):
                        fail("unexpected Symbol assumption %r in %r" % (kw.arg, text))
                sym = node.args[0].value
                if sym not in env:
                    raise Unevaluable("no value for " + sym)
                return env[sym]
            if name == "Integer":
                return int(_const(node.args[0]))
            if name == "Float":
                return float(_const(node.args[0]))
            if name == "Rational":
                return _to_int_if_exact(fractions.Fraction(int(_const(node.args[0])),
                                                           int(_const(node.args[1]))))
            if node.keywords:
                fail("unexpected keyword arguments in %r" % text)
            return _call(_SREPR_FUNCS, name, [ev(a) for a in node.args], text)
        if isinstance(node, ast.Name):
            if node.id in ("true", "BooleanTrue"):
                return True
            if node.id in ("false", "BooleanFalse"):
                return False
        fail("unsupported srepr construct %s in %r" % (ast.dump(node), text))

    def _const(node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) \
                and isinstance(node.operand, ast.Constant):
            return -node.operand.value
        fail("expected a constant in %r" % text)

    return ev(tree.body)


def _parse_str(text):
    try:
        return ast.parse(text, mode="eval")
    except SyntaxError:
        fail("cannot parse sympy str() expression %r" % text)


def str_symbols(text):
    """The symbol names of a sympy str() expression."""
    out = set()
    for node in ast.walk(_parse_str(text)):
        if isinstance(node, ast.Name) and node.id not in _STR_CONSTANTS \
                and node.id not in _STR_FUNCS:
            if not (node.id[:1].isalpha() and node.id.rstrip("0123456789") != node.id
                    and node.id.rstrip("0123456789").isalpha()
                    and node.id.rstrip("0123456789").islower()):
                fail("identifier %r in %r is neither a known function nor a symbol"
                     % (node.id, text))
            out.add(node.id)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _STR_FUNCS:
                fail("unknown function call in %r" % text)
    return out


def eval_str(text, env):
    """Evaluate a sympy str() expression (as ref.json writes it) under env."""
    tree = _parse_str(text)
    binops = {
        ast.Add: lambda a, b: _to_int_if_exact(a + b),
        ast.Sub: lambda a, b: _to_int_if_exact(a - b),
        ast.Mult: lambda a, b: _to_int_if_exact(a * b),
        ast.FloorDiv: _floordiv,
        ast.Pow: _pow,
        ast.Div: lambda a, b: _to_int_if_exact(fractions.Fraction(a) / fractions.Fraction(b))
        if not (isinstance(a, float) or isinstance(b, float)) else _truediv(a, b),
        ast.BitAnd: lambda a, b: bool(a) and bool(b),
        ast.BitOr: lambda a, b: bool(a) or bool(b),
    }
    cmps = {
        ast.GtE: lambda a, b: a >= b, ast.LtE: lambda a, b: a <= b,
        ast.Gt: lambda a, b: a > b, ast.Lt: lambda a, b: a < b,
    }

    def ev(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value  # bool included: True / False
        if isinstance(node, ast.Name):
            if node.id in _STR_CONSTANTS:
                return _STR_CONSTANTS[node.id]
            if node.id not in env:
                raise Unevaluable("no value for " + node.id)
            return env[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
            return not ev(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in binops:
            return binops[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.Compare) and len(node.ops) == 1 \
                and type(node.ops[0]) in cmps:
            return cmps[type(node.ops[0])](ev(node.left), ev(node.comparators[0]))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and not node.keywords:
            return _call(_STR_FUNCS, node.func.id, [ev(a) for a in node.args], text)
        fail("unsupported construct %s in sympy str() expression %r"
             % (ast.dump(node), text))

    return ev(tree.body)


def same_value(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def self_test():
    """Small checks of the evaluators; run on every invocation."""
    env = {"s0": 6, "s1": 5, "u0": 4}
    cases = [
        ("Mul(Integer(3), Symbol('s1', positive=True, integer=True))", "3*s1", 15),
        ("Add(FloorDiv(Add(Symbol('s0', positive=True, integer=True), Integer(-1)), Integer(2)), Integer(1))",
         "((s0 - 1)//2) + 1", 3),
        ("Max(Integer(1), Symbol('u0', integer=True))", "Max(1, u0)", 4),
        ("Mod(Symbol('s0', positive=True, integer=True), Integer(4))", "Mod(s0, 4)", 2),
        ("Pow(Symbol('s1', positive=True, integer=True), Integer(2))", "s1**2", 25),
        ("GreaterThan(Symbol('u0', integer=True), Integer(0))", "u0 >= 0", True),
        ("Equality(Mod(Symbol('s1', positive=True, integer=True), Integer(2)), Integer(0))",
         "Eq(Mod(s1, 2), 0)", False),
        ("StrictLessThan(Symbol('u0', integer=True), Symbol('s0', positive=True, integer=True))",
         "u0 < s0", True),
        ("FloatTrueDiv(ToFloat(Symbol('s1', positive=True, integer=True)), "
         "Mul(Float('2.0', precision=53), ToFloat(Symbol('s1', positive=True, integer=True))))",
         "FloatTrueDiv(ToFloat(s1), 2.0*ToFloat(s1))", 0.5),
        ("Add(Mul(Integer(-1), Symbol('s0', positive=True, integer=True)), Integer(7))", "7 - s0", 1),
        ("Integer(-1)", "-1", -1),
        ("true", "True", True),
    ]
    for srepr, text, want in cases:
        a, b = eval_srepr(srepr, env), eval_str(text, env)
        if not (same_value(a, want) and same_value(b, want)):
            fail("self-test: %r -> %r, %r -> %r, want %r" % (srepr, a, text, b, want))
    if str_symbols("Eq(Mod(s0*s1, 2*s0), 0) & (u12 >= 0)") != {"s0", "s1", "u12"}:
        fail("self-test: str_symbols")
    for bad in ("Foo(s0)", "s0 == 1"):
        try:
            eval_str(bad, env)
        except ExtractError:
            continue
        fail("self-test: %r accepted" % bad)


# ---------------------------------------------------------------------------
# Corpus reading
# ---------------------------------------------------------------------------

def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def op_name(target):
    if target.startswith("torch.ops."):
        return target[len("torch.ops."):]
    if target.startswith("_operator."):
        return "operator." + target[len("_operator."):]
    if target.startswith("torch.sym_") or target.startswith("math."):
        return target
    fail("unknown node target %r" % target)


def device_str(dev):
    if not isinstance(dev, dict) or set(dev) - {"type", "index"}:
        fail("unexpected device %r" % (dev,))
    if dev.get("index") is None:
        return dev["type"]
    return "%s:%d" % (dev["type"], dev["index"])


def float_value(v):
    """A float for the output JSON: non-finite values as strings."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        fail("expected a float, got %r" % (v,))
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


class Program:
    """One graph (top level or a cond branch) with its reference metadata."""

    def __init__(self, name, graph, ref_inputs, ref_nodes, env_table, assignments):
        self.name = name
        self.graph = graph
        self.ref_inputs = ref_inputs
        self.ref_nodes = ref_nodes
        self.env_table = env_table          # symbol -> {"hint", "range", "unbacked"}
        self.assignments = assignments      # [dict symbol -> int] for checks
        self.tensors = {}                   # name -> T (case format)
        self.scalars = {}                   # name -> (kind, expr str)
        self.checked = 0
        self.nonzero_offsets = set()        # tensors whose ref offset is not 0
        self.unevaluable = 0


def make_env(ref, export, prog_name):
    """Symbol table of a program: {sym: {"hint", "range", "unbacked", "size_like" (when true)}}."""
    table = {}
    ese = ref.get("export_shape_env")
    fallback_used = []
    if ese is not None:
        v2r = ese.get("var_to_range", {})
        syms = ese.get("symbols", {})
        for sym in sorted(set(v2r) | set(syms)):
            rng = v2r.get(sym)
            info = syms.get(sym)
            if rng is None:
                rng = info["range"]
            elif info is not None and info.get("range") is not None and info["range"] != rng:
                fail("%s: export_shape_env range of %s: symbols %r, var_to_range %r"
                     % (prog_name, sym, info["range"], rng))
            hint = info.get("hint") if info is not None else None
            table[sym] = {"hint": hint, "range": list(rng), "unbacked": sym.startswith("u")}
            if sym in ese.get("size_like", []):
                table[sym]["size_like"] = True
    # Fallback: symbols named by range_constraints but unknown to the env.
    export_hints = collect_export_symbol_hints(export)
    for key, rng in ref.get("range_constraints", {}).items():
        if key in table:
            continue
        if not is_symbol_name(key):
            continue  # derived expression such as "2*s0"
        table[key] = {"hint": export_hints.get(key), "range": list(rng),
                      "unbacked": key.startswith("u")}
        fallback_used.append(key)
    for sym, entry in table.items():
        for b in entry["range"]:
            if not (isinstance(b, int) and not isinstance(b, bool)) and b not in ("int_oo", "-int_oo"):
                fail("%s: range bound %r of %s" % (prog_name, b, sym))
        if entry["hint"] is not None and not isinstance(entry["hint"], int):
            fail("%s: hint %r of %s" % (prog_name, entry["hint"], sym))
    return table, fallback_used


def is_symbol_name(s):
    head = s.rstrip("0123456789")
    return head != s and head.isalpha() and head.islower() and head == s[:len(head)]


def collect_export_symbol_hints(export):
    """{sym: hint} from export.json SymInts that are a bare Symbol with a hint."""
    hints = {}

    def visit(o):
        if isinstance(o, dict):
            ae = o.get("as_expr")
            if isinstance(ae, dict) and "expr_str" in ae:
                s = ae["expr_str"]
                h = (ae.get("hint") or {}).get("as_int")
                if s.startswith("Symbol(") and s.count("Symbol(") == 1 and h is not None:
                    name = ast.parse(s, mode="eval").body.args[0].value
                    hints.setdefault(name, h)
            for v in o.values():
                visit(v)
        elif isinstance(o, list):
            for v in o:
                visit(v)

    visit(export.get("graph_module", {}).get("graph", {}))
    return hints


def make_assignments(env_table):
    """Two integer assignments of the symbols, used to compare expressions."""
    hints = {}
    for i, (sym, e) in enumerate(sorted(env_table.items())):
        hints[sym] = e["hint"] if e["hint"] is not None else 3 + i
    other = {}
    for i, sym in enumerate(sorted(env_table)):
        other[sym] = 7 + 3 * i
    return [hints, other]


def symint_srepr(v, where):
    """(srepr or None, int or None, hint) of a serialized SymInt/SymBool/SymFloat."""
    if "as_int" in v:
        return None, v["as_int"], v["as_int"]
    if "as_bool" in v:
        return None, v["as_bool"], v["as_bool"]
    if "as_float" in v:
        return None, v["as_float"], v["as_float"]
    if "as_expr" in v:
        ae = v["as_expr"]
        hint = ae.get("hint")
        if hint is not None:
            if len(hint) != 1:
                fail("%s: hint %r" % (where, hint))
            hint = list(hint.values())[0]
        return ae["expr_str"], None, hint
    fail("%s: unknown symbolic value %r" % (where, v))


def check_expr(prog, text, serialized, where):
    """Check ref str() `text` against the export.json value `serialized`."""
    srepr, const, hint = symint_srepr(serialized, where)
    syms = str_symbols(text)
    for s in syms:
        if s not in prog.env_table:
            fail("%s: symbol %s of %r is not in the program's symbol table" % (where, s, text))
    for i, env in enumerate(prog.assignments):
        try:
            got = eval_str(text, env)
        except Unevaluable:
            prog.unevaluable += 1
            continue
        if srepr is None:
            want = const
        else:
            try:
                want = eval_srepr(srepr, env)
            except Unevaluable:
                prog.unevaluable += 1
                continue
        if not same_value(got, want):
            fail("%s: ref.json %r and export.json %r disagree (%r vs %r under %r)"
                 % (where, text, srepr if srepr is not None else const, got, want, env))
        if i == 0 and hint is not None and not any(prog.env_table[s]["unbacked"] for s in syms):
            if not same_value(got, hint):
                fail("%s: %r evaluates to %r with the symbol hints, export.json hint is %r"
                     % (where, text, got, hint))
        prog.checked += 1


def tensor_case(prog, name, ref_meta, where):
    """Case-format tensor T from ref.json metadata, checked against export.json."""
    tv = prog.graph["tensor_values"].get(name)
    if tv is None:
        fail("%s: tensor %r has no export.json tensor_values entry" % (where, name))
    if ref_meta.get("kind") != "tensor":
        fail("%s: ref.json value of tensor %r is %r" % (where, name, ref_meta.get("kind")))
    dtype = ref_meta["dtype"]
    if not dtype.startswith("torch."):
        fail("%s: dtype %r" % (where, dtype))
    dtype = dtype[len("torch."):]
    if SCALAR_TYPES.get(tv["dtype"]) != dtype:
        fail("%s: dtype of %s: export %r, ref %r" % (where, name, tv["dtype"], dtype))
    if tv.get("layout") != 7:
        fail("%s: layout %r of %s (only strided is supported)" % (where, tv.get("layout"), name))
    dev = device_str(tv["device"])
    if dev != ref_meta["device"]:
        fail("%s: device of %s: export %r, ref %r" % (where, name, dev, ref_meta["device"]))
    for key in ("sizes", "strides"):
        if len(tv[key]) != len(ref_meta[key]):
            fail("%s: rank of %s differs (%s)" % (where, name, key))
        for i, (text, ser) in enumerate(zip(ref_meta[key], tv[key])):
            check_expr(prog, text, ser, "%s: %s.%s[%d]" % (where, name, key, i))
    # PyTorch 2.6's serialize_tensor_meta writes storage_offset=0 for every
    # tensor ("TODO needs to be fixed" in torch/_export/serde/serialize.py), so
    # export.json cannot be checked against; ref.json (meta["val"]) is used.
    if tv["storage_offset"] != {"as_int": 0}:
        fail("%s: export.json storage_offset of %s is %r, expected the 2.6 "
             "serializer's constant 0" % (where, name, tv["storage_offset"]))
    for s in str_symbols(ref_meta["storage_offset"]):
        if s not in prog.env_table:
            fail("%s: symbol %s of %s.storage_offset unknown" % (where, s, name))
    if ref_meta["storage_offset"] != "0":
        prog.nonzero_offsets.add(name)
    return {"name": name, "sizes": list(ref_meta["sizes"]), "strides": list(ref_meta["strides"]),
            "storage_offset": ref_meta["storage_offset"], "dtype": dtype, "device": ref_meta["device"]}


def scalar_from_ref(out, where):
    """(kind, str) of a scalar ref.json output."""
    k = out["kind"]
    if k in ("symint", "symbool", "symfloat"):
        return k, out["expr"]
    if k == "int":
        return "symint", str(out["value"])
    if k == "bool":
        return "symbool", "True" if out["value"] else "False"
    if k == "float":
        return "symfloat", repr(float(out["value"]))
    fail("%s: scalar output of kind %r" % (where, k))


SYM_VALUE_TABLE = {"as_sym_int": "sym_int_values", "as_sym_bool": "sym_bool_values",
                   "as_sym_float": "sym_float_values"}
SYM_KIND = {"as_sym_int": "symint", "as_sym_bool": "symbool", "as_sym_float": "symfloat"}


def register_value(prog, ser, ref_out, where):
    """Record the str() metadata of one export.json output Argument."""
    (key, val), = ser.items()
    if key == "as_tensor":
        prog.tensors[val["name"]] = tensor_case(prog, val["name"], ref_out, where)
    elif key in SYM_VALUE_TABLE:
        if set(val) != {"as_name"}:
            fail("%s: output %r" % (where, ser))
        name = val["as_name"]
        kind, text = scalar_from_ref(ref_out, where)
        if kind != SYM_KIND[key]:
            fail("%s: %s output %s is a %s in ref.json" % (where, key, name, kind))
        serialized = prog.graph[SYM_VALUE_TABLE[key]].get(name)
        if serialized is None:
            fail("%s: %s has no %s entry" % (where, name, SYM_VALUE_TABLE[key]))
        check_expr(prog, text, serialized, "%s: %s" % (where, name))
        prog.scalars[name] = (kind, text)
    else:
        fail("%s: unsupported output Argument %r" % (where, key))


def flatten_outputs(node_outputs):
    flat = []
    for o in node_outputs:
        (key, val), = o.items()
        if key == "as_tensors":
            flat.extend({"as_tensor": t} for t in val)
        elif key in ("as_tensor", "as_sym_int", "as_sym_bool", "as_sym_float"):
            flat.append(o)
        else:
            fail("unsupported node output Argument %r" % key)
    return flat


def lookup_scalar(prog, ref_arg, kind, where):
    (key, val), = ref_arg.items()
    if key == "as_name":
        if val not in prog.scalars:
            fail("%s: symbolic value %r is not known" % (where, val))
        k, text = prog.scalars[val]
        if k != kind:
            fail("%s: %r is a %s, expected %s" % (where, val, k, kind))
        return text
    if key == "as_int" and kind == "symint":
        return str(val)
    if key == "as_bool" and kind == "symbool":
        return "True" if val else "False"
    if key == "as_float" and kind == "symfloat":
        return repr(float(val))
    fail("%s: unsupported %s reference %r" % (where, kind, ref_arg))


def tensor_ref(prog, t, where):
    if set(t) != {"name"}:
        fail("%s: tensor argument %r" % (where, t))
    if t["name"] not in prog.tensors:
        fail("%s: metadata of tensor %r is missing" % (where, t["name"]))
    return prog.tensors[t["name"]]


class SkipCase(Exception):
    pass


def convert_arg(prog, arg, where):
    if len(arg) != 1:
        fail("%s: Argument %r" % (where, arg))
    (key, val), = arg.items()
    if key == "as_tensor":
        return {"tensor": tensor_ref(prog, val, where)}
    if key == "as_tensors":
        return {"tensors": [tensor_ref(prog, t, where) for t in val]}
    if key == "as_optional_tensors":
        out = []
        for t in val:
            (k, v), = t.items()
            if k == "as_tensor":
                out.append(tensor_ref(prog, v, where))
            elif k == "as_none":
                out.append(None)
            else:
                fail("%s: optional tensor %r" % (where, t))
        return {"optional_tensors": out}
    if key == "as_int":
        return {"int": val}
    if key == "as_ints":
        return {"ints": list(val)}
    if key == "as_float":
        return {"float": float_value(val)}
    if key == "as_floats":
        return {"floats": [float_value(v) for v in val]}
    if key == "as_bool":
        return {"bool": val}
    if key == "as_bools":
        return {"bools": list(val)}
    if key == "as_string":
        return {"str": val}
    if key == "as_none":
        return {"none": True}
    if key == "as_sym_int":
        return {"symint": lookup_scalar(prog, val, "symint", where)}
    if key == "as_sym_ints":
        return {"symints": [lookup_scalar(prog, v, "symint", where) for v in val]}
    if key == "as_sym_bool":
        return {"symbool": lookup_scalar(prog, val, "symbool", where)}
    if key == "as_sym_float":
        return {"symfloat": lookup_scalar(prog, val, "symfloat", where)}
    if key == "as_scalar_type":
        if val not in SCALAR_TYPES:
            fail("%s: ScalarType %r" % (where, val))
        return {"dtype": SCALAR_TYPES[val]}
    if key == "as_memory_format":
        if val not in MEMORY_FORMATS:
            fail("%s: MemoryFormat %r" % (where, val))
        return {"memory_format": MEMORY_FORMATS[val]}
    if key == "as_layout":
        if val not in LAYOUTS:
            fail("%s: Layout %r" % (where, val))
        return {"layout": LAYOUTS[val]}
    if key == "as_device":
        return {"device": device_str(val)}
    raise SkipCase(key)


def case_symbols(case):
    syms = set()

    def expr(text):
        syms.update(str_symbols(text))

    def tensor(t):
        if t is None:
            return
        for e in t["sizes"] + t["strides"] + [t["storage_offset"]]:
            expr(e)

    for inp in case["inputs"]:
        (k, v), = inp["value"].items()
        if k == "tensor":
            tensor(v)
        elif k in ("tensors", "optional_tensors"):
            for t in v:
                tensor(t)
        elif k in ("symint", "symbool", "symfloat"):
            expr(v)
        elif k == "symints":
            for e in v:
                expr(e)
    for o in case["outputs"]:
        kind = o["kind"]
        if kind == "tensor":
            tensor(o)
        elif kind in ("symint", "symbool", "symfloat"):
            expr(o["expr"])
        elif kind == "list":
            fail("%s/%s: list output" % (case["program"], case["node"]))
    for e in case.get("unbacked_bindings_resolved", {}).values():
        expr(e)
    return syms


class Extractor:
    def __init__(self):
        self.cases = []
        self.programs = {}          # name -> Program
        self.skipped = []           # (program, node, op, reason)
        self.notes = []
        self.torch_versions = set()

    def run_program(self, prog, export_nodes, ref_nodes):
        ref_calls = [n for n in ref_nodes if n["op"] not in ("operator.getitem", "get_attr")]
        ref_getitems = {n["name"]: n for n in ref_nodes if n["op"] == "operator.getitem"}
        if len(ref_calls) != len(export_nodes):
            fail("%s: %d export nodes, %d ref call nodes" % (prog.name, len(export_nodes), len(ref_calls)))
        subgraphs = []
        for en, rn in zip(export_nodes, ref_calls):
            op = op_name(en["target"])
            where = "%s/%s" % (prog.name, rn["name"])
            if op != rn["op"]:
                fail("%s: export op %s, ref op %s" % (where, op, rn["op"]))
            flat = flatten_outputs(en["outputs"])
            ref_outs = rn["outputs"]
            if op == "higher_order.cond":
                for inp in en["inputs"]:
                    if "as_graph" in inp["arg"]:
                        subgraphs.append(inp["arg"]["as_graph"])
                self.skipped.append((prog.name, rn["name"], op, "higher_order.cond node (its branches are separate programs)"))
                # cond outputs: register so later nodes can use them.
                if len(flat) != len(ref_outs):
                    fail("%s: %d outputs vs %d in ref" % (where, len(flat), len(ref_outs)))
                for ser, ro in zip(flat, ref_outs):
                    register_value(prog, ser, ro, where)
                continue
            # Inputs first (they refer to earlier values only).
            inputs = []
            skip = None
            for inp in en["inputs"]:
                try:
                    inputs.append({"name": inp["name"], "value": convert_arg(prog, inp["arg"], where + "." + inp["name"])})
                except SkipCase as e:
                    skip = str(e)
            if not flat:
                if ref_outs not in ([], [{"kind": "none"}]):
                    fail("%s: export has no outputs, ref has %r" % (where, ref_outs))
            else:
                if len(flat) != len(ref_outs):
                    fail("%s: %d outputs vs %d in ref" % (where, len(flat), len(ref_outs)))
                for ser, ro in zip(flat, ref_outs):
                    register_value(prog, ser, ro, where)
                    # ref's getitem nodes of the same name must agree.
                    if "as_tensor" in ser and ser["as_tensor"]["name"] in ref_getitems:
                        gi = ref_getitems[ser["as_tensor"]["name"]]
                        if gi["outputs"] != [ro]:
                            fail("%s: getitem %s disagrees with the node's output" % (where, gi["name"]))
            if skip is not None:
                warn("%s (%s): argument kind %s has no case encoding; case skipped" % (where, op, skip))
                self.skipped.append((prog.name, rn["name"], op, "argument kind " + skip))
                continue
            case = collections.OrderedDict()
            case["program"] = prog.name
            case["node"] = rn["name"]
            case["op"] = op
            case["inputs"] = inputs
            case["outputs"] = ref_outs
            if "unbacked_bindings" in rn:
                case["unbacked_bindings"] = rn["unbacked_bindings"]
            if "unbacked_bindings_resolved" in rn:
                case["unbacked_bindings_resolved"] = rn["unbacked_bindings_resolved"]
            extra = set(rn) - {"name", "op", "args", "kwargs", "outputs",
                               "unbacked_bindings", "unbacked_bindings_resolved"}
            if extra:
                fail("%s: unknown ref node keys %r" % (where, sorted(extra)))
            self.cases.append(case)
        return subgraphs

    def register_inputs(self, prog, graph_inputs, ref_inputs):
        by_name = {}
        for ri in ref_inputs:
            if ri["name"] in by_name:
                fail("%s: duplicate ref input %r" % (prog.name, ri["name"]))
            by_name[ri["name"]] = ri
        names = []
        for gi in graph_inputs:
            (key, val), = gi.items()
            if key == "as_tensor":
                name = val["name"]
                if name not in by_name:
                    fail("%s: placeholder %r missing from ref.json inputs" % (prog.name, name))
                ref = dict(by_name[name])
                ref.setdefault("kind", "tensor")
                prog.tensors[name] = tensor_case(prog, name, ref, prog.name + " inputs")
                names.append(name)
            elif key in SYM_VALUE_TABLE:
                name = val["as_name"]
                if name not in by_name:
                    fail("%s: placeholder %r missing from ref.json inputs" % (prog.name, name))
                register_value(prog, gi, by_name[name], prog.name + " inputs")
                names.append(name)
            else:
                fail("%s: unsupported graph input %r" % (prog.name, key))
        if sorted(names) != sorted(by_name):
            fail("%s: ref inputs %r vs export placeholders %r" % (prog.name, sorted(by_name), sorted(names)))

    def run_pair(self, base, export_path, ref_path):
        export = load_json(export_path)
        ref = load_json(ref_path)
        if export.get("schema_version") != {"major": 8, "minor": 2}:
            fail("%s: schema_version %r" % (export_path, export.get("schema_version")))
        if ref.get("format") != "symshape-corpus-ref/1":
            fail("%s: format %r" % (ref_path, ref.get("format")))
        self.torch_versions.add(export.get("torch_version"))
        self.torch_versions.add(ref.get("torch_version"))
        env_table, fallback = make_env(ref, export, base)
        if fallback:
            self.notes.append("%s: symbols %s taken from range_constraints (not in export_shape_env)"
                              % (base, ", ".join(sorted(fallback))))
        assignments = make_assignments(env_table)
        graph = export["graph_module"]["graph"]
        prog = Program(base, graph, ref["inputs"], ref["nodes"], env_table, assignments)
        # The program's runtime asserts (torch._check facts the tests
        # apply before running a node), without the range-constraint calls.
        prog.runtime_asserts = [a for a in ref.get("runtime_asserts", [])
                                if not a.startswith("sym_constrain_range")]
        self.programs[base] = prog
        self.register_inputs(prog, graph["inputs"], ref["inputs"])
        pending = self.run_program(prog, graph["nodes"], ref["nodes"])
        ref_subs = ref.get("subgraphs") or {}
        done = set()
        while pending:
            g = pending.pop(0)
            sub_name = g["name"]
            full = "%s/%s" % (base, sub_name)
            if sub_name in done:
                continue
            done.add(sub_name)
            rs = ref_subs.get(sub_name)
            if rs is None:
                warn("%s: no ref.json metadata for subgraph %s; its nodes are skipped" % (base, sub_name))
                for n in g["graph"]["nodes"]:
                    self.skipped.append((full, "?", op_name(n["target"]), "subgraph metadata missing"))
                continue
            sub = Program(full, g["graph"], rs["inputs"], rs["nodes"], env_table, assignments)
            self.programs[full] = sub
            self.register_inputs(sub, g["graph"]["inputs"], rs["inputs"])
            pending.extend(self.run_program(sub, g["graph"]["nodes"], rs["nodes"]))
        unused = set(ref_subs) - done
        if unused:
            fail("%s: ref.json subgraphs %r not referenced by export.json" % (base, sorted(unused)))


def dedup(cases, programs):
    kept, seen = [], {}
    dropped = []
    for case in cases:
        syms = case_symbols(case)
        table = programs[case["program"]].env_table
        inputs = json.loads(json.dumps(case["inputs"]))
        for inp in inputs:
            (k, v), = inp["value"].items()
            if k == "tensor":
                v.pop("name")
            elif k in ("tensors", "optional_tensors"):
                for t in v:
                    if t is not None:
                        t.pop("name")
        key = json.dumps({
            "op": case["op"], "inputs": inputs, "outputs": case["outputs"],
            "bindings": sorted((path, case.get("unbacked_bindings_resolved", {}).get(sym, sym))
                               for sym, path in case.get("unbacked_bindings", {}).items()),
            "symbols": {s: table[s] for s in sorted(syms)},
        }, sort_keys=True)
        if key in seen:
            dropped.append((case, seen[key]))
            continue
        seen[key] = case
        kept.append(case)
    return kept, dropped


def dumps_line(obj):
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def write_output(path, source, programs, cases):
    lines = ["{", '"format": %s,' % dumps_line(FORMAT), '"source": %s,' % dumps_line(source),
             '"programs": {']
    names = sorted(programs, key=lambda n: n.split("/"))
    for i, name in enumerate(names):
        lines.append("  %s: %s%s" % (dumps_line(name), dumps_line(programs[name]),
                                     "," if i + 1 < len(names) else ""))
    lines.append("},")
    lines.append('"cases": [')
    for i, case in enumerate(cases):
        lines.append("  %s%s" % (dumps_line(case), "," if i + 1 < len(cases) else ""))
    lines.append("]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # must round-trip
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def main(argv):
    if len(argv) != 3:
        print("usage: python3 scripts/extract_rule_cases.py CORPUS_DIR OUTPUT_JSON", file=sys.stderr)
        return 2
    corpus, out_path = argv[1], argv[2]
    self_test()
    exports = sorted(glob.glob(os.path.join(corpus, "*.export.json")))
    if not exports:
        fail("no *.export.json in %s" % corpus)
    ex = Extractor()
    bases = []
    for p in exports:
        base = os.path.basename(p)[:-len(".export.json")]
        ref = os.path.join(corpus, base + ".ref.json")
        if not os.path.exists(ref):
            fail("%s has no matching %s" % (p, ref))
        bases.append((base, p, ref))
    refs = sorted(glob.glob(os.path.join(corpus, "*.ref.json")))
    orphan = set(os.path.basename(r)[:-len(".ref.json")] for r in refs) - set(b for b, _, _ in bases)
    if orphan:
        fail("ref.json without export.json: %s" % sorted(orphan))
    for base, p, ref in bases:
        ex.run_pair(base, p, ref)

    versions = sorted(v for v in ex.torch_versions if v is not None)
    if len(versions) != 1 or None in ex.torch_versions:
        fail("torch versions %r" % sorted(map(str, ex.torch_versions)))

    # Cases in sorted program order, graph order within a program.
    # Program order: by file base name, each top-level program followed by its
    # subgraphs ("NAME", "NAME/false_graph_0", "NAME/true_graph_0", "NAME.core", ...).
    order = {name: i for i, name in enumerate(sorted(ex.programs, key=lambda n: n.split("/")))}
    cases = sorted(ex.cases, key=lambda c: order[c["program"]])  # stable: graph order kept
    kept, dropped = dedup(cases, ex.programs)

    programs_out = {}
    used = collections.defaultdict(set)
    for case in kept:
        used[case["program"]] |= case_symbols(case)
        for sym in case.get("unbacked_bindings", {}):
            if sym in ex.programs[case["program"]].env_table:
                used[case["program"]].add(sym)
            else:
                fail("%s/%s: binding symbol %s not in the symbol table" % (case["program"], case["node"], sym))
    for name, prog in ex.programs.items():
        asserts = getattr(prog, "runtime_asserts", None)
        if asserts is None:  # a cond branch: its parent's asserts
            asserts = getattr(ex.programs.get(name.split("/")[0]), "runtime_asserts", [])
        prog.runtime_asserts = asserts
        if used[name]:
            for a in asserts:
                used[name] |= set(re.findall(r"\b[su][0-9]+\b", a))
        syms = {}
        for s in sorted(used[name], key=lambda s: (s.rstrip("0123456789"), int(s[len(s.rstrip("0123456789")):]))):
            syms[s] = prog.env_table[s]
        programs_out[name] = {"symbols": syms, "runtime_asserts": prog.runtime_asserts if used[name] else []}

    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rel = os.path.relpath(os.path.abspath(corpus), repo_root)
    source = "generated by scripts/extract_rule_cases.py from %s (PyTorch %s)" % (rel, versions[0])
    size = write_output(out_path, source, programs_out, kept)

    # Summary on stderr.
    log = lambda *a: print(*a, file=sys.stderr)
    log("programs: %d graphs read (%d files + cond branches), %d with cases after dedup"
        % (len(ex.programs), len(bases), len({c["program"] for c in kept})))
    log("cases: %d before dedup, %d after" % (len(cases), len(kept)))
    log("file: %s (%d bytes)" % (out_path, size))
    checked = sum(p.checked for p in ex.programs.values())
    unev = sum(p.unevaluable for p in ex.programs.values())
    log("expression checks ref str() vs export srepr: %d evaluations agreed, %d not evaluable"
        % (checked, unev))
    offs = ["%s:%s" % (p.name, t) for p in ex.programs.values() for t in sorted(p.nonzero_offsets)]
    log("tensors with a nonzero storage_offset in ref.json (export.json always says 0, "
        "a PyTorch 2.6 serializer TODO): %d: %s" % (len(offs), ", ".join(offs)))
    for prog_name, node, op, why in ex.skipped:
        log("skipped: %s/%s (%s): %s" % (prog_name, node, op, why))
    for n in ex.notes:
        log("note: " + n)
    no_hint = sorted({"%s:%s" % (pn, s) for pn, p in programs_out.items()
                      for s, e in p["symbols"].items() if e["hint"] is None and not e["unbacked"]})
    if no_hint:
        log("backed symbols without hint: " + ", ".join(no_hint))
    counts = collections.Counter(c["op"] for c in kept)
    before = collections.Counter(c["op"] for c in cases)
    log("ops (after dedup / before):")
    for op in sorted(before):
        log("  %-45s %4d / %4d" % (op, counts[op], before[op]))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except ExtractError as e:
        print("error: %s" % e, file=sys.stderr)
        sys.exit(1)
