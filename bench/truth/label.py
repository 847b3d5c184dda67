"""Labelling one parsed query: its domain, its truth and the evidence line.

`Labeller(script, timeout).run()` returns (domain, truth, evidence): brute force confirmed by z3
on a bounded domain; z3 and cvc5 (sat answers only with a model the Python evaluator confirms)
for `known` on an unbounded domain; `open` on disagreement, timeout, possible division by zero or
a boolean used as an integer.
"""

from __future__ import annotations

from .brute import brute_force, division_issues, domain_of, tightened_ranges
from .ir import INF, py, symbols_of
from .script import Script
from .smt import SolverResult, encode_problem, run_solver, smt, smt_int


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
        return domain_of(self.occ, self.ranges)

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
        return encode_problem(self.occ, self.ranges, [f for _, f in self.sc.facts], extra)

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
        """Enumerate the box (see brute.brute_force)."""
        return brute_force(self.occ, self.ranges, [f for _, f in self.sc.facts], self.q, self.kind)

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
