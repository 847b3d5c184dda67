"""The classic group (bench/corpus/classic/): the classic hard cases of symbolic shape reasoning.

Each case is written as several queries: the true statement, false / neither variants (changed
constants, dropped premises, no 0/1 specialization, ...) and bounded variants (``NAME.bounded``,
every symbol given a finite range).  ``gen_classic()`` returns them in a fixed order.
"""

from __future__ import annotations

from .common import MAX_BOUNDED_POINTS, Query


class Classic:
    def __init__(self) -> None:
        self.queries: list[Query] = []

    def add(self, name, desc, decl, facts, question, ranges=None, expect=None):
        """One query; with ``ranges`` (symbol -> (lo, hi)) also writes NAME.bounded.

        ``ranges`` must name every symbol of the query (checked by replay afterwards)."""
        desc = [desc] if isinstance(desc, str) else list(desc)
        if expect:
            desc = desc + [f"Expected (by hand): {expect}."]
        body = list(decl) + list(facts) + [question]
        self.queries.append(Query("classic", name, desc, body, "classic"))
        if ranges:
            self.add_bounded(name + ".bounded", desc, decl, facts, question, ranges)

    def add_bounded(self, name, desc, decl, facts, question, ranges, expect=None):
        desc = [desc] if isinstance(desc, str) else list(desc)
        if expect:
            desc = desc + [f"Expected (by hand): {expect}."]
        points = 1
        for lo, hi in ranges.values():
            points *= hi - lo + 1
        assert points <= MAX_BOUNDED_POINTS, (name, points)
        rng = " ".join(f"{s} in [{lo}, {hi}]" for s, (lo, hi) in ranges.items())
        desc = desc + [f"Bounded variant: {rng} ({points} points before the facts)."]
        if any(lo == hi == 0 for lo, hi in ranges.values()):
            desc = desc + ["(Without 0/1 specialization the storage offset is a symbol too: pinned to its hint 0.)"]
        body = list(decl) + [f"range {s} {lo}..{hi}" for s, (lo, hi) in ranges.items()] + list(facts) + [question]
        self.queries.append(Query("classic", name, desc, body, "classic", bounded=True))


def gen_classic() -> list[Query]:
    C = Classic()
    add = C.add

    # --- floor division and modulo identities -------------------------------------------------
    ac = ["scalar a = 17", "scalar c = 5"]
    r_ac = {"a": (-100, 100), "c": (1, 20)}
    add("floordiv_mul_mod", "Division identity: (a // c) * c + a % c == a for a positive divisor (scalar inputs).",
        ac, ["check c > 0"], "known (a // c) * c + a % c == a", r_ac, "true")
    add("floordiv_mul_mod.nonzero_divisor",
        "Division identity with any nonzero divisor: Python's // and % keep (a // c) * c + a % c == a for c < 0 too.",
        ac, ["check c != 0"], "known (a // c) * c + a % c == a", None, "true")
    C.add_bounded("floordiv_mul_mod.nonzero_divisor.bounded",
                  "Division identity with any nonzero divisor (Python semantics).",
                  ac, ["check c != 0"], "known (a // c) * c + a % c == a", {"a": (-100, 100), "c": (-20, 20)}, "true")
    add("floordiv_mul_mod.off_by_one", "Division identity with a changed constant: (a // c) * c + a % c == a + 1.",
        ac, ["check c > 0"], "known (a // c) * c + a % c == a + 1", r_ac, "false")
    add("floordiv_mul_mod.sizes", "Division identity on two tensor sizes: (s0 // s1) * s1 + s0 % s1 == s0.",
        ["input x = [17, 5]"], [], "known x.size()[0] // x.size()[1] * x.size()[1] + x.size()[0] % x.size()[1] == x.size()[0]",
        {"s0": (2, 300), "s1": (2, 300)}, "true")
    C.add_bounded("floordiv_mul_mod.bound",
                  "The division identity as a bound: (a // c) * c + a % c - a is exactly 0.",
                  ac, ["check c > 0"], "bound (a // c) * c + a % c - a", r_ac, "[0, 0]")

    add("mod_lt_divisor", "The remainder is below a positive divisor: a % c < c.",
        ac, ["check c > 0"], "known a % c < c", r_ac, "true")
    add("mod_lt_divisor.nonneg", "The remainder by a positive divisor is nonnegative: a % c >= 0.",
        ac, ["check c > 0"], "known a % c >= 0", r_ac, "true")
    add("mod_lt_divisor.tighter", "Changed constant: a % c < c - 1 for c > 0 (fails when a % c == c - 1).",
        ac, ["check c > 0"], "known a % c < c - 1", r_ac, "neither")
    add("mod_lt_divisor.nonzero_divisor",
        "Dropped premise: with only c != 0, a negative c gives c < a % c <= 0, so a % c < c fails there.",
        ac, ["check c != 0"], "known a % c < c", None, "neither")
    C.add_bounded("mod_lt_divisor.nonzero_divisor.bounded",
                  "Dropped premise: with only c != 0, a % c < c fails for negative c.",
                  ac, ["check c != 0"], "known a % c < c", {"a": (-100, 100), "c": (-20, 20)}, "neither")
    C.add_bounded("mod_lt_divisor.bound", "The range of a % c for a in [-100, 100], c in [1, 20].",
                  ac, ["check c > 0"], "bound a % c", r_ac, "[0, 19]")

    x16 = ["input x = [16]"]
    r_x = {"s0": (2, 400)}
    add("floordiv_mul_exact", "x // 8 * 8 == x given x % 8 == 0 (a tensor size).",
        x16, ["check x.size()[0] % 8 == 0"], "known x.size()[0] // 8 * 8 == x.size()[0]", r_x, "true")
    add("floordiv_mul_exact.no_premise", "Dropped premise: x // 8 * 8 == x without x % 8 == 0.",
        x16, [], "known x.size()[0] // 8 * 8 == x.size()[0]", r_x, "neither")
    add("floordiv_mul_exact.mod4_premise", "Weakened premise: x // 8 * 8 == x given only x % 4 == 0.",
        x16, ["check x.size()[0] % 4 == 0"], "known x.size()[0] // 8 * 8 == x.size()[0]", r_x, "neither")

    add("mod8_implies_mod4", "Divisibility weakening: x % 8 == 0 implies x % 4 == 0.",
        x16, ["check x.size()[0] % 8 == 0"], "known x.size()[0] % 4 == 0", r_x, "true")
    add("mod8_implies_mod4.converse", "The converse: x % 4 == 0 does not imply x % 8 == 0.",
        x16, ["check x.size()[0] % 4 == 0"], "known x.size()[0] % 8 == 0", r_x, "neither")
    add("mod8_implies_mod4.wrong_residue", "x % 8 == 0 contradicts x % 8 == 4.",
        x16, ["check x.size()[0] % 8 == 0"], "known x.size()[0] % 8 == 4", r_x, "false")
    add("mod8_implies_mod4.mod2_of_half", "x % 8 == 0 implies (x // 2) % 4 == 0.",
        x16, ["check x.size()[0] % 8 == 0"], "known (x.size()[0] // 2) % 4 == 0", r_x, "true")

    a1 = ["scalar a = 17"]
    r_a = {"a": (-200, 200)}
    add("floordiv_nested", "Nested floor division: (a // 2) // 3 == a // 6 for every integer a.",
        a1, [], "known (a // 2) // 3 == a // 6", r_a, "true")
    add("floordiv_nested.wrong", "Changed constant: (a // 2) // 3 == a // 5.",
        a1, [], "known (a // 2) // 3 == a // 5", r_a, "neither")
    add("floordiv_nested.sizes", "Nested floor division on a size: (x // 4) // 4 == x // 16.",
        x16, [], "known (x.size()[0] // 4) // 4 == x.size()[0] // 16", r_x, "true")
    add("floordiv_nested.mul_swap", "Floor division does not commute with multiplication: (a // 2) * 3 == (3 * a) // 2.",
        a1, [], "known (a // 2) * 3 == (3 * a) // 2", r_a, "neither")

    add("floordiv_shift", "Shifting by the divisor: (a + c) // c == a // c + 1 for c > 0.",
        ac, ["check c > 0"], "known (a + c) // c == a // c + 1", r_ac, "true")
    add("floordiv_shift.no_shift", "Changed constant: (a + c) // c == a // c is always false for c > 0.",
        ac, ["check c > 0"], "known (a + c) // c == a // c", r_ac, "false")
    add("floordiv_shift.plus_one", "Shifting by 1 instead of c: (a + 1) // c == a // c + 1.",
        ac, ["check c > 0"], "known (a + 1) // c == a // c + 1", r_ac, "neither")
    add("floordiv_shift.constant", "Shifting by a constant divisor: (a + 8) // 8 == a // 8 + 1.",
        a1, [], "known (a + 8) // 8 == a // 8 + 1", r_a, "true")

    xy = ["input x = [12]", "input y = [18]"]
    r_xy = {"s0": (2, 120), "s1": (2, 120)}
    d6 = ["check x.size()[0] % 6 == 0", "check y.size()[0] % 6 == 0"]
    add("div6_sum_even", "x % 6 == 0 and y % 6 == 0 imply (x + y) % 2 == 0 (two sizes).",
        xy, d6, "known (x.size()[0] + y.size()[0]) % 2 == 0", r_xy, "true")
    add("div6_sum_even.mod3", "x % 6 == 0 and y % 6 == 0 imply (x + y) % 3 == 0.",
        xy, d6, "known (x.size()[0] + y.size()[0]) % 3 == 0", r_xy, "true")
    add("div6_sum_even.mod12", "x % 6 == 0 and y % 6 == 0 do not imply (x + y) % 12 == 0.",
        xy, d6, "known (x.size()[0] + y.size()[0]) % 12 == 0", r_xy, "neither")
    add("div6_sum_even.one_premise", "Dropped premise: only x % 6 == 0; (x + y) % 2 == 0 depends on y.",
        xy, d6[:1], "known (x.size()[0] + y.size()[0]) % 2 == 0", r_xy, "neither")
    add("div6_sum_even.odd", "x % 6 == 0 and y % 6 == 0 contradict (x + y + 1) % 2 == 0.",
        xy, d6, "known (x.size()[0] + y.size()[0] + 1) % 2 == 0", r_xy, "false")

    abc = ["scalar a = 3", "scalar b = 20", "scalar c = 6"]
    pos = ["check a >= 1", "check b >= 1", "check c >= 1"]
    r_abc = {"a": (1, 40), "b": (1, 40), "c": (1, 40)}
    add("diff_floordiv", "Rounding a difference down: (b - a) // c * c + a <= b for positive a, b, c with a <= b.",
        abc, pos + ["check a <= b"], "known (b - a) // c * c + a <= b", r_abc, "true")
    add("diff_floordiv.no_order",
        ["Rounding a difference down without a <= b: still true, since (d // c) * c <= d for every d",
         "when c > 0 (also for a negative d = b - a)."],
        abc, pos, "known (b - a) // c * c + a <= b", r_abc, "true")
    add("diff_floordiv.lower", "The rounded value stays at or above a: (b - a) // c * c + a >= a given a <= b.",
        abc, pos + ["check a <= b"], "known (b - a) // c * c + a >= a", r_abc, "true")
    add("diff_floordiv.lower.no_order",
        "Without a <= b the lower bound fails: b < a makes (b - a) // c negative.",
        abc, pos, "known (b - a) // c * c + a >= a", r_abc, "neither")
    add("diff_floordiv.gap", "The rounding loses less than c: (b - a) // c * c + a > b - c.",
        abc, pos, "known (b - a) // c * c + a > b - c", r_abc, "true")

    n7 = ["scalar n = -7"]
    add("mod_negative_scalar", "Python modulo of a negative scalar: n == -7 gives n % 3 == 2.",
        n7, ["check n == -7"], "known n % 3 == 2", None, "true")
    add("mod_negative_scalar.floordiv", "Python floor division of a negative scalar: n == -7 gives n // 3 == -3.",
        n7, ["check n == -7"], "known n // 3 == -3", None, "true")
    add("mod_negative_scalar.truncation",
        "Truncating division would give -7 / 3 == -2; Python's floor division gives -3, so this is false.",
        n7, ["check n == -7"], "known n // 3 == -2", None, "false")
    add("mod_negative_scalar.negative_divisor", "n == -7 gives n % -3 == -1 (the sign of the divisor).",
        n7, ["check n == -7"], "known n % -3 == -1", None, "true")
    r_n = {"n": (-100, -1)}
    add("mod_negative_scalar.range", "For any negative n, n % 3 is still in [0, 2]: n % 3 >= 0.",
        n7, ["check n < 0"], "known n % 3 >= 0", r_n, "true")
    add("mod_negative_scalar.floordiv_negative", "For n < 0, n // 3 < 0 (floor, never rounds to 0).",
        n7, ["check n < 0"], "known n // 3 < 0", r_n, "true")
    add("mod_negative_scalar.floordiv_gt_n", "For n < 0, n // 3 > n is not always true (n = -1 gives -1).",
        n7, ["check n < 0"], "known n // 3 > n", r_n, "neither")
    nd = ["scalar n = -7", "scalar d = -3"]
    r_nd = {"n": (-100, 100), "d": (-20, -1)}
    add("mod_negative_divisor", "A negative divisor gives a nonpositive remainder: n % d <= 0 for d < 0.",
        nd, ["check d < 0"], "known n % d <= 0", r_nd, "true")
    add("mod_negative_divisor.gt_divisor", "A negative divisor: d < n % d.",
        nd, ["check d < 0"], "known n % d > d", r_nd, "true")
    add("mod_negative_divisor.identity", "Division identity with a negative divisor: (n // d) * d + n % d == n.",
        nd, ["check d < 0"], "known (n // d) * d + n % d == n", r_nd, "true")
    add("mod_negative_divisor.nonneg", "A negative divisor: n % d >= 0 only when n % d == 0.",
        nd, ["check d < 0"], "known n % d >= 0", r_nd, "neither")

    # --- ordering chains ----------------------------------------------------------------------
    abc3 = ["scalar a = 1", "scalar b = 2", "scalar c = 3"]
    lt = ["check a < b", "check b < c"]
    r3 = {"a": (-20, 20), "b": (-20, 20), "c": (-20, 20)}
    add("lt_chain3", "Ordering chain: a < b and b < c imply a + 1 < c (integers).",
        abc3, lt, "known a + 1 < c", r3, "true")
    add("lt_chain3.plus2", "Changed constant: a < b < c does not imply a + 2 < c.",
        abc3, lt, "known a + 2 < c", r3, "neither")
    add("lt_chain3.le", "Ordering chain: a < b and b < c imply a + 2 <= c.",
        abc3, lt, "known a + 2 <= c", r3, "true")
    add("lt_chain3.reversed", "a < b and b < c contradict c <= a + 1.",
        abc3, lt, "known c <= a + 1", r3, "false")
    add("lt_chain3.dropped", "Dropped premise: a < b alone says nothing about a + 1 < c.",
        abc3, lt[:1], "known a + 1 < c", r3, "neither")

    x53 = ["input x = [5, 3]"]
    r53 = {"s0": (2, 64), "s1": (2, 64)}
    add("size_lt_ge3", "Sizes are >= 2, so s1 < s0 implies s0 >= 3.",
        x53, ["check x.size()[1] < x.size()[0]"], "known x.size()[0] >= 3", r53, "true")
    add("size_lt_ge3.ge4", "Changed constant: s1 < s0 does not imply s0 >= 4.",
        x53, ["check x.size()[1] < x.size()[0]"], "known x.size()[0] >= 4", r53, "neither")
    add("size_lt_ge3.no_specialize",
        "Without 0/1 specialization sizes are >= 0: s1 < s0 no longer implies s0 >= 3.",
        ["env specialize_zero_one=false"] + x53, ["check x.size()[1] < x.size()[0]"], "known x.size()[0] >= 3",
        {"s0": (0, 64), "s1": (0, 64), "s2": (0, 0)}, "neither")
    add("size_lt_ge3.no_specialize_ge1",
        "Without 0/1 specialization (sizes >= 0): s1 < s0 implies s0 >= 1.",
        ["env specialize_zero_one=false"] + x53, ["check x.size()[1] < x.size()[0]"], "known x.size()[0] >= 1",
        {"s0": (0, 64), "s1": (0, 64), "s2": (0, 0)}, "true")

    abc_o = ["scalar a = 1", "scalar b = 5", "scalar c = 3"]
    off = ["check a + 2 <= b", "check b - 3 <= c"]
    add("le_offsets", "Transitivity of <= with offsets: a + 2 <= b and b - 3 <= c imply a <= c + 1.",
        abc_o, off, "known a <= c + 1", r3, "true")
    add("le_offsets.tight", "Changed constant: a + 2 <= b and b - 3 <= c do not imply a <= c (a = c + 1 possible).",
        abc_o, off, "known a <= c", r3, "neither")
    add("le_offsets.gt", "a + 2 <= b and b - 3 <= c contradict a > c + 1.",
        abc_o, off, "known a > c + 1", r3, "false")

    ab4 = ["scalar a = 4", "scalar b = 4"]
    r_ab = {"a": (-100, 100), "b": (-100, 100)}
    add("le_antisymmetry", "Antisymmetry: a <= b and b <= a imply a == b.",
        ab4, ["check a <= b", "check b <= a"], "known Eq(a, b)", r_ab, "true")
    add("le_antisymmetry.one_side", "Dropped premise: a <= b alone does not imply a == b.",
        ab4, ["check a <= b"], "known Eq(a, b)", r_ab, "neither")
    add("le_antisymmetry.ne", "a <= b and b <= a contradict a != b.",
        ab4, ["check a <= b", "check b <= a"], "known Ne(a, b)", r_ab, "false")
    u01 = ["unbacked u0", "unbacked u1"]
    r_u01 = {"u0": (-100, 100), "u1": (-100, 100)}
    add("le_antisymmetry.unbacked", "Antisymmetry on unbacked ints (runtime asserts, no replacement): u0 <= u1, u1 <= u0 imply u0 == u1.",
        u01, ["check u0 <= u1", "check u1 <= u0"], "known Eq(u0, u1)", r_u01, "true")

    # --- index bounds -------------------------------------------------------------------------
    idx = ["input x = [6, 7]", "unbacked i", "unbacked j", "size_like i", "size_like j"]
    ib = ["check i < x.size()[0]", "check j < x.size()[1]"]
    r_idx = {"s0": (2, 16), "s1": (2, 16), "i": (0, 15), "j": (0, 15)}
    lin = "i*x.size()[1] + j"
    mn = "x.size()[0]*x.size()[1]"
    add("index_bound", "Row-major index bound: 0 <= i < m and 0 <= j < n imply i*n + j < m*n (i, j unbacked, m, n sizes).",
        idx, ib, f"known {lin} < {mn}", r_idx, "true")
    add("index_bound.nonneg", "Row-major index is nonnegative: i*n + j >= 0 for size-like i, j.",
        idx, ib, f"known {lin} >= 0", r_idx, "true")
    add("index_bound.le", "Row-major index bound, inclusive form: i*n + j <= m*n - 1.",
        idx, ib, f"known {lin} <= {mn} - 1", r_idx, "true")
    add("index_bound.no_j_bound", "Dropped premise: without j < n, i*n + j < m*n fails.",
        idx, ib[:1], f"known {lin} < {mn}", r_idx, "neither")
    add("index_bound.swapped", "Wrong stride: i*m + j < m*n is not implied (m = 10, n = 2, i = 9, j = 1 breaks it).",
        idx, ib, f"known i*x.size()[0] + j < {mn}", r_idx, "neither")
    add("index_bound.tighter", "Changed constant: i*n + j < m*n - 1 is not implied.",
        idx, ib, f"known {lin} < {mn} - 1", r_idx, "neither")
    C.add_bounded("index_bound.bound", "The range of the row-major index i*n + j.",
                  idx, ib, f"bound {lin}", r_idx, "[0, 255]")
    idx3 = ["input x = [4, 5, 6]", "unbacked i", "unbacked j", "unbacked k", "size_like i", "size_like j", "size_like k"]
    ib3 = ["check i < x.size()[0]", "check j < x.size()[1]", "check k < x.size()[2]"]
    r_idx3 = {"s0": (2, 6), "s1": (2, 6), "s2": (2, 6), "i": (0, 5), "j": (0, 5), "k": (0, 5)}
    add("index_bound_3d", "3-d index through strides: i*stride0 + j*stride1 + k*stride2 < size0*stride0.",
        idx3, ib3, "known i*x.stride()[0] + j*x.stride()[1] + k*x.stride()[2] < x.size()[0]*x.stride()[0]",
        r_idx3, "true")
    add("index_bound_3d.expanded", "3-d row-major index bound: i*n*p + j*p + k < m*n*p.",
        idx3, ib3, "known i*x.size()[1]*x.size()[2] + j*x.size()[2] + k < x.size()[0]*x.size()[1]*x.size()[2]",
        r_idx3, "true")
    add("index_bound_3d.no_k_bound", "Dropped premise: without k < p the 3-d index bound fails.",
        idx3, ib3[:2], "known i*x.stride()[0] + j*x.stride()[1] + k*x.stride()[2] < x.size()[0]*x.stride()[0]",
        r_idx3, "neither")

    # --- max / min ----------------------------------------------------------------------------
    ab38 = ["scalar a = 3", "scalar b = 8"]
    add("max_double_ge_sum", "max(a, b) * 2 >= a + b.", ab38, [], "known max(a, b) * 2 >= a + b", r_ab, "true")
    add("max_double_ge_sum.strict", "max(a, b) * 2 > a + b fails when a == b.",
        ab38, [], "known max(a, b) * 2 > a + b", r_ab, "neither")
    add("min_le_max", "min(a, b) <= max(a, b).", ab38, [], "known min(a, b) <= max(a, b)", r_ab, "true")
    add("min_le_max.strict", "min(a, b) < max(a, b) fails when a == b.",
        ab38, [], "known min(a, b) < max(a, b)", r_ab, "neither")
    add("min_le_max.sizes", "Min(s0, s1) <= Max(s0, s1) on two sizes.",
        ["input x = [3, 8]"], [], "known Min(x.size()[0], x.size()[1]) <= Max(x.size()[0], x.size()[1])",
        {"s0": (2, 200), "s1": (2, 200)}, "true")
    add("max_plus_min", "max(a, b) + min(a, b) == a + b.", ab38, [], "known max(a, b) + min(a, b) == a + b", r_ab, "true")
    add("max_plus_min.diff", "max(a, b) - min(a, b) == a - b holds only when a >= b.",
        ab38, [], "known max(a, b) - min(a, b) == a - b", r_ab, "neither")
    C.add_bounded("max_plus_min.bound", "max(a, b) + min(a, b) - a - b is exactly 0.",
                  ab38, [], "bound max(a, b) + min(a, b) - a - b", r_ab, "[0, 0]")
    x5 = ["input x = [5]"]
    add("max2_size", "Max(2, s0) == s0 for a size (sizes are >= 2).",
        x5, [], "known Max(2, x.size()[0]) == x.size()[0]", {"s0": (2, 1000)}, "true")
    add("max2_size.max3", "Changed constant: Max(3, s0) == s0 fails at s0 == 2.",
        x5, [], "known Max(3, x.size()[0]) == x.size()[0]", {"s0": (2, 1000)}, "neither")
    add("max2_size.no_specialize", "Without 0/1 specialization sizes are >= 0: Max(2, s0) == s0 fails at 0 and 1.",
        ["env specialize_zero_one=false"] + x5, [], "known Max(2, x.size()[0]) == x.size()[0]", {"s0": (0, 1000), "s1": (0, 0)},
        "neither")
    add("max1_size_like_unbacked", "A size-like unbacked u0 may be 0: Max(1, u0) == u0 is not implied.",
        ["unbacked u0", "size_like u0"], [], "known Max(1, u0) == u0", {"u0": (-100, 100)}, "neither")
    add("max1_size_like_unbacked.positive", "With u0 >= 1 checked, Max(1, u0) == u0.",
        ["unbacked u0", "size_like u0"], ["check u0 >= 1"], "known Max(1, u0) == u0", {"u0": (-100, 100)}, "true")
    a5 = ["scalar a = 5"]
    clamp = "Min(Max(a, 3), 8)"
    add("clamp_range", "A clamp stays in its window: 3 <= Min(Max(a, 3), 8) <= 8 (chained comparison).",
        a5, [], f"known 3 <= {clamp} <= 8", {"a": (-100, 100)}, "true")
    add("clamp_range.identity", "A clamp is the identity only inside the window.",
        a5, [], f"known {clamp} == a", {"a": (-100, 100)}, "neither")
    add("clamp_range.inside", "A clamp is the identity when a is checked to be inside the window.",
        a5, ["check a >= 3", "check a <= 8"], f"known {clamp} == a", {"a": (-100, 100)}, "true")
    C.add_bounded("clamp_range.bound", "The range of a clamp.", a5, [], f"bound {clamp}", {"a": (-100, 100)}, "[3, 8]")

    # --- products of sizes --------------------------------------------------------------------
    x23 = ["input x = [2, 3]"]
    r23 = {"s0": (2, 200), "s1": (2, 200)}
    p = "x.size()[0]*x.size()[1]"
    add("product_ge4", "Product of two sizes (each >= 2): s0*s1 >= 4.", x23, [], f"known {p} >= 4", r23, "true")
    add("product_ge4.ge5", "Changed constant: s0*s1 >= 5 fails at 2*2.", x23, [], f"known {p} >= 5", r23, "neither")
    add("product_ge4.lt4", "Sizes >= 2 contradict s0*s1 < 4.", x23, [], f"known {p} < 4", r23, "false")
    C.add_bounded("product_ge4.bound", "The range of a product of two sizes.", x23, [], f"bound {p}", r23,
                  "[4, 40000]")
    add("product_ge_sum", "Product of two sizes >= 2 is at least their sum: s0*s1 >= s0 + s1.",
        x23, [], f"known {p} >= x.size()[0] + x.size()[1]", r23, "true")
    add("product_ge_sum.no_specialize", "Without 0/1 specialization (sizes >= 0), s0*s1 >= s0 + s1 fails (1*1 < 2).",
        ["env specialize_zero_one=false"] + x23, [], f"known {p} >= x.size()[0] + x.size()[1]",
        {"s0": (0, 200), "s1": (0, 200), "s2": (0, 0)}, "neither")
    x234 = ["input x = [2, 3, 4]"]
    r234 = {"s0": (2, 40), "s1": (2, 40), "s2": (2, 40)}
    p3 = "x.size()[0]*x.size()[1]*x.size()[2]"
    add("product3_ge_2s0", "Product of three sizes: s0*s1*s2 >= 2*s0.", x234, [], f"known {p3} >= 2*x.size()[0]", r234, "true")
    add("product3_ge_2s0.ge4", "Product of three sizes: s0*s1*s2 >= 4*s0 (s1*s2 >= 4).",
        x234, [], f"known {p3} >= 4*x.size()[0]", r234, "true")
    add("product3_ge_2s0.ge8", "Changed constant: s0*s1*s2 >= 8*s0 fails at s1 = s2 = 2.",
        x234, [], f"known {p3} >= 8*x.size()[0]", r234, "neither")
    add("product_gt_factor", "Product of two sizes exceeds each factor: s0*s1 > s1.",
        x23, [], f"known {p} > x.size()[1]", r23, "true")
    add("product_gt_factor.no_specialize", "Without 0/1 specialization, s0*s1 > s1 fails (s0 = 1 or s1 = 0).",
        ["env specialize_zero_one=false"] + x23, [], f"known {p} > x.size()[1]", {"s0": (0, 200), "s1": (0, 200), "s2": (0, 0)},
        "neither")
    add("product_eq6", "Eq(s0*s1, 6) with hints 2 and 3: true at the hints only.",
        x23, [], f"known Eq({p}, 6)", r23, "neither")
    add("product_eq6.ne7", "A product of two sizes >= 2 is never the prime 7.", x23, [], f"known Ne({p}, 7)", r23, "true")
    add("product_eq6.ne8", "A product of two sizes >= 2 can be 8 (2*4).", x23, [], f"known Ne({p}, 8)", r23, "neither")

    xy_r = ["input x = [6, 4]", "input y = [3, 8]"]
    r4 = {"s0": (2, 16), "s1": (2, 16), "s2": (2, 16), "s3": (2, 16)}
    rs = ["check x.size()[0] == 2*y.size()[0]", "check y.size()[1] == 2*x.size()[1]"]
    add("reshape_numel", "Reshape-style: x0 == 2*y0 and y1 == 2*x1 imply x0*x1 == y0*y1.",
        xy_r, rs, "known x.size()[0]*x.size()[1] == y.size()[0]*y.size()[1]", r4, "true")
    add("reshape_numel.one_check", "Dropped premise: x0 == 2*y0 alone does not give x0*x1 == y0*y1.",
        xy_r, rs[:1], "known x.size()[0]*x.size()[1] == y.size()[0]*y.size()[1]", r4, "neither")
    xy_c = ["input x = [6, 4] dynamic=0,1", "input y = [6, 4] dynamic=0,1"]
    rc = ["check x.size()[0]*x.size()[1] == y.size()[0]*y.size()[1]", "check x.size()[0] == y.size()[0]"]
    add("reshape_cancel", "Cancelling a common factor: x0*x1 == y0*y1 and x0 == y0 imply x1 == y1 (x0 >= 2).",
        xy_c, rc, "known x.size()[1] == y.size()[1]", r4, "true")
    add("reshape_cancel.no_eq", "Dropped premise: x0*x1 == y0*y1 alone does not give x1 == y1.",
        xy_c, rc[:1], "known x.size()[1] == y.size()[1]", r4, "neither")

    # --- unbacked values and runtime asserts --------------------------------------------------
    u0 = ["unbacked u0"]
    r_u0 = {"u0": (-100, 100)}
    add("unbacked_gt4_ne3", "Runtime assert u0 > 4 implies u0 != 3.", u0, ["check u0 > 4"], "known u0 != 3", r_u0, "true")
    add("unbacked_gt4_ne3.ne5", "u0 > 4 does not imply u0 != 5.", u0, ["check u0 > 4"], "known u0 != 5", r_u0, "neither")
    add("unbacked_gt4_ne3.eq3", "u0 > 4 contradicts u0 == 3.", u0, ["check u0 > 4"], "known u0 == 3", r_u0, "false")
    add("size_like_nonneg", "A size-like unbacked value is nonnegative.", u0 + ["size_like u0"], [], "known u0 >= 0",
        r_u0, "true")
    add("size_like_nonneg.not_size_like", "Dropped premise: a plain unbacked int may be negative.",
        u0, [], "known u0 >= 0", r_u0, "neither")
    add("size_like_nonneg.positive", "Size-like means >= 0, not > 0: u0 > 0 is not implied.",
        u0 + ["size_like u0"], [], "known u0 > 0", r_u0, "neither")
    add("unbacked_eq_diff", "Eq(u0, u1) implies u0 - u1 == 0 (runtime assert, no replacement).",
        u01, ["check Eq(u0, u1)"], "known u0 - u1 == 0", r_u01, "true")
    add("unbacked_eq_diff.sum", "Eq(u0, u1) does not imply u0 + u1 == 0.",
        u01, ["check Eq(u0, u1)"], "known u0 + u1 == 0", r_u01, "neither")
    add("unbacked_eq_diff.ne", "Eq(u0, u1) contradicts Ne(u0, u1).",
        u01, ["check Eq(u0, u1)"], "known Ne(u0, u1)", r_u01, "false")
    add("unbacked_eq_floordiv", "Eq(u0, u1) and u1 >= 1 imply u0 // u1 == 1.",
        u01, ["check Eq(u0, u1)", "check u1 >= 1"], "known u0 // u1 == 1", r_u01, "true")
    add("unbacked_eq_floordiv.double", "Eq(u0, u1) and u1 >= 1 imply (2*u0) // u1 == 2.",
        u01, ["check Eq(u0, u1)", "check u1 >= 1"], "known (2*u0) // u1 == 2", r_u01, "true")
    add("unbacked_mod_double", "Mod(4*u0, 8) == 0 on a size-like u0 implies u0 % 2 == 0.",
        u0 + ["size_like u0"], ["check (4*u0) % 8 == 0"], "known u0 % 2 == 0", r_u0, "true")
    add("unbacked_mod_double.mod4", "Mod(4*u0, 8) == 0 does not imply u0 % 4 == 0.",
        u0 + ["size_like u0"], ["check (4*u0) % 8 == 0"], "known u0 % 4 == 0", r_u0, "neither")

    add("unbacked_bool_excluded_middle", "An unbacked bool b: b or not b.",
        ["unbacked_bool b"], [], "known b or not b", None, "true")
    bc = ["unbacked_bool b", "unbacked_bool c"]
    add("unbacked_bool_or_not", "Unbacked bools: b or c, and not b, imply c.",
        bc, ["check b or c", "check not b"], "known c", None, "true")
    add("unbacked_bool_or_not.dropped", "Dropped premise: b or c alone does not imply c.",
        bc, ["check b or c"], "known c", None, "neither")
    add("unbacked_bool_and", "An unbacked bool checked true contradicts its negation.",
        bc, ["check b and c"], "known not b", None, "false")
    add("unbacked_bool_xor", "Unbacked bools: exactly one of b, c (b or c, not (b and c)) and b imply not c.",
        bc, ["check b or c", "check not (b and c)", "check b"], "known not c", None, "true")
    gate = ["unbacked_bool flag", "unbacked count"]
    add("unbacked_bool_gate", "A gated assert: (not flag) or count > 3, and flag, imply count >= 4.",
        gate, ["check (not flag) or count > 3", "check flag"], "known count >= 4", {"count": (-100, 100)}, "true")
    add("unbacked_bool_gate.no_flag", "Dropped premise: without flag the gated assert says nothing about count.",
        gate, ["check (not flag) or count > 3"], "known count >= 4", {"count": (-100, 100)}, "neither")

    # --- duck sizing --------------------------------------------------------------------------
    eqxy = "known Eq(x.size()[0], y.size()[0])"
    add("duck_same_hint", "Duck sizing: two inputs with the same hint share one symbol, so their sizes are equal.",
        ["input x = [5]", "input y = [5]"], [], eqxy, {"s0": (2, 64)}, "true")
    add("duck_same_hint.dynamic", "dynamic= gives a fresh symbol: equal hints no longer make the sizes equal.",
        ["input x = [5]", "input y = [5] dynamic=0"], [], eqxy, {"s0": (2, 64), "s1": (2, 64)}, "neither")
    add("duck_same_hint.duck_off", "With duck_shape=false equal hints give distinct symbols.",
        ["env duck_shape=false", "input x = [5]", "input y = [5]"], [], eqxy, {"s0": (2, 64), "s1": (2, 64)},
        "neither")
    add("duck_same_hint.within_input", "Duck sizing within one input: x = [5, 5] has one symbol for both dims.",
        ["input x = [5, 5]"], [], "known Eq(x.size()[0], x.size()[1])", {"s0": (2, 64)}, "true")
    add("duck_same_hint.scalar", "A scalar input is never ducked: scalar n = 5 and a size 5 are independent.",
        ["input x = [5]", "scalar n = 5"], [], "known Eq(x.size()[0], n)", {"s0": (2, 64), "n": (-64, 64)}, "neither")
    add("duck_same_hint.different_hints", "Different hints give different symbols: the sizes may be equal or not.",
        ["input x = [5]", "input y = [6]"], [], eqxy, {"s0": (2, 64), "s1": (2, 64)}, "neither")
    add("duck_zero_one", "0/1 specialization: a size with hint 1 is the constant 1.",
        ["input x = [1, 5]"], [], "known Eq(x.size()[0], 1)", {"s0": (2, 64)}, "true")
    add("duck_zero_one.no_specialize", "Without 0/1 specialization a hint 1 gives a symbol in [0, inf).",
        ["env specialize_zero_one=false", "input x = [1, 5]"], [], "known Eq(x.size()[0], 1)",
        {"s0": (0, 64), "s1": (0, 64), "s2": (0, 0)}, "neither")

    # --- more classics ------------------------------------------------------------------------
    add("floordiv_monotone", "Floor division by a positive c is monotone: a <= b implies a // c <= b // c.",
        abc, ["check a <= b", "check c > 0"], "known a // c <= b // c", r3, "true")
    add("floordiv_monotone.negative_divisor", "A negative divisor reverses the order: a <= b, c < 0 do not give a // c <= b // c.",
        ["scalar a = 3", "scalar b = 20", "scalar c = -6"], ["check a <= b", "check c < 0"], "known a // c <= b // c",
        r3, "neither")
    x13 = ["input x = [13]"]
    r13 = {"s0": (2, 1000)}
    add("ceil_div_roundup", "Rounding up to a multiple of 8: (x + 7) // 8 * 8 >= x.",
        x13, [], "known (x.size()[0] + 7) // 8 * 8 >= x.size()[0]", r13, "true")
    add("ceil_div_roundup.lt", "Rounding up to a multiple of 8 adds less than 8: (x + 7) // 8 * 8 < x + 8.",
        x13, [], "known (x.size()[0] + 7) // 8 * 8 < x.size()[0] + 8", r13, "true")
    add("ceil_div_roundup.strict", "Rounding up is the identity on multiples of 8: (x + 7) // 8 * 8 > x fails there.",
        x13, [], "known (x.size()[0] + 7) // 8 * 8 > x.size()[0]", r13, "neither")
    abm = ["scalar a = 17", "scalar b = 9", "scalar c = 5"]
    r_abm = {"a": (-20, 20), "b": (-20, 20), "c": (1, 10)}
    add("mod_add", "Modulo distributes over +: (a + b) % c == (a % c + b % c) % c for c > 0.",
        abm, ["check c > 0"], "known (a + b) % c == (a % c + b % c) % c", r_abm, "true")
    add("mod_add.no_outer_mod", "Without the outer % the sum of remainders may exceed c.",
        abm, ["check c > 0"], "known (a + b) % c == a % c + b % c", r_abm, "neither")
    add("mod_idempotent", "Modulo is idempotent: (a % c) % c == a % c for c > 0.",
        ac, ["check c > 0"], "known (a % c) % c == a % c", r_ac, "true")
    add("stride_contiguous", "Contiguous strides: stride0 == size1*size2.",
        x234, [], "known x.stride()[0] == x.size()[1]*x.size()[2]", r234, "true")
    add("stride_contiguous.gt", "Contiguous strides decrease strictly when sizes are >= 2: stride0 > stride1.",
        x234, [], "known x.stride()[0] > x.stride()[1]", r234, "true")
    add("stride_contiguous.no_specialize", "Without 0/1 specialization stride0 > stride1 fails (size1 may be 1 or 0).",
        ["env specialize_zero_one=false"] + x234, [], "known x.stride()[0] > x.stride()[1]",
        {"s0": (0, 40), "s1": (0, 40), "s2": (0, 40), "s3": (0, 0)}, "neither")

    return C.queries
