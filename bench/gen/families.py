"""The families group (bench/corpus/families/): scaling families.

One statement per problem size n in ``SIZES`` (``# family:``, ``# size:``), named
``FAMILY.nNNN``.  ``gen_families()`` returns them in a fixed order; the only randomness is
seeded (``random.Random(1000 + n)``).
"""

from __future__ import annotations

import random

from .common import Query

SIZES = (1, 2, 4, 8, 16, 32, 64)


def fam(name, n, desc, body) -> Query:
    return Query("families", f"{name}.n{n:03d}", desc, body, name, size=n)


def gen_families() -> list[Query]:
    out: list[Query] = []

    def sz(i: int) -> str:
        return f"t{i}.size()[0]"

    for n in SIZES:
        # eq_chain: n+1 scalars with equal hints, n equalities -> Eq(x0, xn)
        body = [f"scalar x{i} = 7" for i in range(n + 1)]
        body += [f"check Eq(x{i}, x{i + 1})" for i in range(n)]
        body.append(f"known Eq(x0, x{n})")
        out.append(fam("eq_chain", n, [f"Equality chain over {n + 1} scalar inputs (backed): Eq(x_i, x_(i+1)) for i < {n}",
                                        f"implies Eq(x_0, x_{n})."], body))

        # eq_chain_unbacked: the same over unbacked ints (runtime asserts, no replacements)
        body = [f"unbacked u{i}" for i in range(n + 1)]
        body += [f"check Eq(u{i}, u{i + 1})" for i in range(n)]
        body.append(f"known Eq(u0, u{n})")
        out.append(fam("eq_chain_unbacked", n, [f"Equality chain over {n + 1} unbacked ints (runtime asserts, no replacements):",
                                                 f"Eq(u_i, u_(i+1)) for i < {n} implies Eq(u_0, u_{n})."], body))

        # neg_eq_chain_unbacked: one link missing -> neither
        miss = n // 2
        body = [f"unbacked u{i}" for i in range(n + 1)]
        body += [f"check Eq(u{i}, u{i + 1})" for i in range(n) if i != miss]
        body.append(f"known Eq(u0, u{n})")
        out.append(fam("neg_eq_chain_unbacked", n, [f"Broken equality chain over {n + 1} unbacked ints: the link between u_{miss} and",
                                                     f"u_{miss + 1} is missing, so Eq(u_0, u_{n}) is not implied (expected: neither)."], body))

        # lt_chain: scalars with increasing hints, x_i < x_(i+1) -> x_0 + n <= x_n
        body = [f"scalar x{i} = {3 * i}" for i in range(n + 1)]
        body += [f"check x{i} < x{i + 1}" for i in range(n)]
        body.append(f"known x0 + {n} <= x{n}")
        out.append(fam("lt_chain", n, [f"Strict ordering chain over {n + 1} scalar inputs: x_i < x_(i+1) for i < {n}",
                                        f"implies x_0 + {n} <= x_{n}."], body))

        # neg_lt_chain: one more than implied -> neither (true at the hints)
        body = body[:-1] + [f"known x0 + {n + 1} <= x{n}"]
        out.append(fam("neg_lt_chain", n, [f"Strict ordering chain over {n + 1} scalar inputs: x_i < x_(i+1) for i < {n}",
                                            f"does not imply x_0 + {n + 1} <= x_{n} (true at the hints; expected: neither)."], body))

        # lt_chain_unbacked
        body = [f"unbacked u{i}" for i in range(n + 1)]
        body += [f"check u{i} < u{i + 1}" for i in range(n)]
        body.append(f"known u0 + {n} <= u{n}")
        out.append(fam("lt_chain_unbacked", n, [f"Strict ordering chain over {n + 1} unbacked ints: u_i < u_(i+1) for i < {n}",
                                                 f"implies u_0 + {n} <= u_{n}."], body))

        # div_facts: n sizes each divisible by 6 -> sum divisible by 3
        body = [f"input t{i} = [{6 * (i + 1)}]" for i in range(n)]
        body += [f"check {sz(i)} % 6 == 0" for i in range(n)]
        s = " + ".join(sz(i) for i in range(n))
        body.append(f"known ({s}) % 3 == 0")
        out.append(fam("div_facts", n, [f"{n} sizes, each checked divisible by 6: their sum is divisible by 3."], body))
        body = body[:-1] + [f"known ({s}) % 4 == 0"]
        out.append(fam("neg_div_facts", n, [f"{n} sizes, each checked divisible by 6: their sum need not be divisible by 4",
                                             "(expected: neither)."], body))

        # product_lower: n sizes >= 2 -> product >= 2**n
        body = [f"input t{i} = [3] dynamic=0" for i in range(n)]
        prod = "*".join(sz(i) for i in range(n))
        out.append(fam("product_lower", n, [f"{n} independent sizes (each >= 2 by 0/1 specialization): product >= 2**{n}."],
                       body + [f"known {prod} >= {2 ** n}"]))
        if n >= 2:
            out.append(fam("product_ge_sum", n, [f"{n} independent sizes (each >= 2): product >= sum."],
                           body + [f"known {prod} >= {' + '.join(sz(i) for i in range(n))}"]))

        # sum_bound: n size-like unbacked u_i <= 10 -> sum <= 10 n
        body = [f"unbacked u{i}" for i in range(n)]
        body += [f"size_like u{i}" for i in range(n)]
        body += [f"check u{i} <= 10" for i in range(n)]
        su = " + ".join(f"u{i}" for i in range(n))
        out.append(fam("sum_bound", n, [f"{n} size-like unbacked ints, each checked <= 10: their sum is <= {10 * n}."],
                       body + [f"known {su} <= {10 * n}"]))
        out.append(fam("neg_sum_bound", n, [f"{n} size-like unbacked ints, each checked <= 10: their sum need not be <= {10 * n - 1}",
                                             "(expected: neither)."], body + [f"known {su} <= {10 * n - 1}"]))

        # mod_chain: s % 2**n == 0 -> s % 2 == 0
        body = [f"input x = [{3 * 2 ** n}]", f"check x.size()[0] % {2 ** n} == 0", "known x.size()[0] % 2 == 0"]
        out.append(fam("mod_chain", n, [f"A size checked divisible by 2**{n} is even."], body))

        # linear_system: n scalars, n equations with a unique solution (the hints) -> Eq(x0, h0)
        rnd = random.Random(1000 + n)
        h = [rnd.randint(2, 50) for _ in range(n)]
        body = [f"scalar x{i} = {h[i]}" for i in range(n)]
        for i in range(n - 1):
            body.append(f"check x{i} + x{i + 1} == {h[i] + h[i + 1]}")
        if n % 2 == 1:  # x_(n-1) + x_0: determinant 2 for an odd cycle (for n == 1: 2*x0)
            body.append(f"check x{n - 1} + x0 == {h[n - 1] + h[0]}")
        else:  # x_(n-1) - x_0: determinant -2 for an even path closed with a difference
            body.append(f"check x{n - 1} - x0 == {h[n - 1] - h[0]}")
        body.append(f"known Eq(x0, {h[0]})")
        out.append(fam("linear_system", n, [f"A determined linear system over {n} scalar inputs: x_i + x_(i+1) == k_i for i < {n - 1},",
                                             "closed by x_(n-1) + x_0 (n odd) or x_(n-1) - x_0 (n even); its unique solution is",
                                             f"the hints, so Eq(x_0, {h[0]})."], body))

        # floordiv_nest: n nested // 2 == // 2**n
        if n <= 32:
            e = "a"
            for _ in range(n):
                e = f"({e}) // 2" if e != "a" else "a // 2"
            out.append(fam("floordiv_nest", n, [f"{n} nested floor divisions by 2 equal one floor division by 2**{n} (any integer a)."],
                           ["scalar a = 1000003", f"known {e} == a // {2 ** n}"]))

        # index_nd: n-d linear index through strides < numel
        if n <= 32:
            dims = ", ".join("2" for _ in range(n))
            body = [f"input x = [{dims}] dynamic={','.join(str(i) for i in range(n))}"]
            body += [f"unbacked i{k}" for k in range(n)]
            body += [f"size_like i{k}" for k in range(n)]
            body += [f"check i{k} < x.size()[{k}]" for k in range(n)]
            lin = " + ".join(f"i{k}*x.stride()[{k}]" for k in range(n))
            body.append(f"known {lin} < x.size()[0]*x.stride()[0]")
            out.append(fam("index_nd", n, [f"A {n}-d index into a contiguous tensor: 0 <= i_k < size_k (unbacked, size-like)",
                                            "implies sum_k i_k*stride_k < size_0*stride_0."], body))
    return out
