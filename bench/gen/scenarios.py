"""The scenarios group (bench/corpus/scenarios/): queries from PyTorch's own test scenarios.

``gen_scenarios(DIR)`` reads DIR/*.shapes with their *.torch.json results and builds one query per
boolean question (and per ``bound``): the setup lines before it (guards turned into checks with
PyTorch's answer), then the question as ``known`` or ``bound``.  It returns the queries and the
questions skipped because they failed in PyTorch.
"""

from __future__ import annotations

import json
from pathlib import Path

from .common import Query, split_cmd

SCENARIO_QUESTIONS = {"known", "guard", "guard_or_false", "guard_or_true", "oblivious"}
KEEP = {"env", "input", "scalar", "unbacked", "unbacked_bool", "size_like", "range", "check"}


def gen_scenarios(sdir: Path) -> tuple[list[Query], list[str]]:
    out: list[Query] = []
    skipped: list[str] = []
    for path in sorted(sdir.glob("*.shapes")):
        name = path.stem
        tj = path.with_name(name + ".torch.json")
        torch = json.loads(tj.read_text())
        results = {r["line"]: r for r in torch.get("results", [])}
        errors = {e["line"]: e for e in torch.get("errors", []) if e.get("line") is not None}
        lines = path.read_text().splitlines()

        header: list[str] = []
        for ln in lines:
            if ln.startswith("#"):
                header.append(ln[1:].strip() if ln.startswith("# ") or ln == "#" else ln[1:])
            elif not ln.strip():
                continue
            else:
                break

        prefix: list[str] = []  # converted setup lines so far
        after_expect = False
        for lineno, raw in enumerate(lines, start=1):
            s = raw.strip()
            if not s or s.startswith("#"):
                continue
            cmd, arg = split_cmd(s)
            if cmd == "expect_error":
                after_expect = True
                continue
            dropped = after_expect
            after_expect = False

            # this line as a question
            if cmd in SCENARIO_QUESTIONS or cmd == "bound":
                err = errors.get(lineno)
                if err is not None and err["kind"] != "data_dependent":
                    skipped.append(f"{name}.L{lineno}: the line failed in PyTorch ({err['kind']})")
                else:
                    if err is not None:
                        answer = "data_dependent error"
                    elif lineno in results:
                        answer = results[lineno]["value"]
                    else:
                        answer = "(no result)"
                    q = "bound" if cmd == "bound" else "known"
                    desc = header + [f"From scenario {name}.shapes line {lineno}",
                                     f"Original question: {cmd} {arg}  (PyTorch 2.6: {answer})"]
                    asked = arg if q == "bound" else as_bool(arg)
                    out.append(Query("scenarios", f"{name}.L{lineno}", desc, prefix + [f"{q} {asked}"], "scenario"))

            # this line as part of the prefix of later questions
            if dropped or lineno in errors:
                continue
            if cmd in KEEP:
                prefix.append(s)
            elif cmd == "guard":
                v = results.get(lineno, {}).get("value")
                if v == "true":
                    prefix.append(f"check {arg}")
                elif v == "false":
                    prefix.append(f"check not ({arg})")
                else:
                    raise SystemExit(f"{name}:{lineno}: guard without a boolean result: {v!r}")
            elif cmd == "guard_int":
                v = results[lineno]["value"]
                prefix.append(f"check Eq({arg}, {v})")
            # known, hint, simplify, bound, oblivious, guard_or_*: no facts
    return out, skipped


BOOL_CALLS = {"Eq", "Ne", "Lt", "Le", "Gt", "Ge", "And", "Or", "Not"}


def as_bool(text: str) -> str:
    """`guard EXPR` on an integer is bool(EXPR), i.e. EXPR != 0; `known` asks a boolean, so an
    integer expression is written out as `(EXPR) != 0` (PyTorch's statically_known_true needs a
    SymBool).  Names are left alone: they may be unbacked bools."""
    import ast
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return text
    if isinstance(node, (ast.Compare, ast.BoolOp, ast.Name)) or (
            isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)) or (
            isinstance(node, ast.Constant) and isinstance(node.value, bool)) or (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BOOL_CALLS):
        return text
    return f"({text}) != 0"
