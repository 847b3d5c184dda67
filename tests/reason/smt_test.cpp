//===- smt_test.cpp - Bounded, validated Z3 queries -------------------------===//
//
// Pairs in the TVM style: "the interval tier cannot prove this" next to
// "Z3 can", so the value of each tier is visible.
//
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/reason/smt.h"

using namespace symshape;

namespace {
RangeMap sizes(std::initializer_list<const char *> names, long long lo = 0) {
  RangeMap m;
  for (const char *n : names) m.set(symbol(n), ValueRange::ints(Bound(Int(lo)), Bound::pos_inf()));
  return m;
}
std::vector<Expr> exprs(std::initializer_list<const char *> texts) {
  std::vector<Expr> out;
  for (const char *t : texts) out.push_back(parse_expr(t));
  return out;
}
} // namespace

TEST_CASE("intervals cannot, Z3 can: classic shape identities", "[reason][smt]") {
  struct Row { const char *goal; std::vector<const char *> facts; };
  const Row rows[] = {
      // ((b - a)//c)*c + a <= b for positive a, b, c and a <= b
      {"((b - a)//c)*c + a <= b", {"a >= 1", "b >= a", "c >= 1"}},
      // a < b and b < c implies a + 1 < c
      {"a + 1 < c", {"a < b", "b < c"}},
      // (x + y) % 2 == 0 given x % 6 == 0 and y % 6 == 0
      {"Eq((x + y) % 2, 0)", {"Eq(x % 6, 0)", "Eq(y % 6, 0)"}},
      // i*n + j < m*n given 0 <= i < m, 0 <= j < n
      {"i*n + j < m*n", {"0 <= i", "i < m", "0 <= j", "j < n"}},
      // max(a, b)*2 >= a + b
      {"Max(a, b)*2 >= a + b", {}},
      // after Eq(Mod(s0, 8), 0): s0//8*8 == s0 (PyTorch 2.6 cannot)
      {"Eq(s0 // 8 * 8, s0)", {"Eq(Mod(s0, 8), 0)"}},
  };
  RangeMap m = sizes({"a", "b", "c", "x", "y", "i", "j", "m", "n", "s0"}, -1000000);
  for (const Row &r : rows) {
    INFO(r.goal);
    Expr goal = parse_expr(r.goal);
    std::vector<Expr> facts;
    for (const char *f : r.facts) facts.push_back(parse_expr(f));
    ValueRange cheap = bound(goal, m);
    CHECK_FALSE(cheap == ValueRange::bools(false, true)); // interval: unknown
    SmtResult z = smt_prove(goal, facts, m);
    CHECK(z.verdict == Verdict::Proved);
  }
}

TEST_CASE("refutations come with a validated counterexample", "[reason][smt]") {
  RangeMap m = sizes({"s0", "s1"}, 2);
  SmtResult r = smt_prove(parse_expr("s0*s1 > s0 + s1"), {}, m);
  REQUIRE(r.verdict == Verdict::Refuted);
  // The only counterexample in range is s0 = s1 = 2.
  CHECK(r.counterexample.find(symbol("s0"))->str() == "2");
  CHECK(r.counterexample.find(symbol("s1"))->str() == "2");
  // A goal that divides by zero somewhere is not proved: the point where it
  // raises is a counterexample.
  SmtResult d = smt_prove(parse_expr("s0 // (s1 - 2) >= 0"), {}, m);
  REQUIRE(d.verdict == Verdict::Refuted);
  CHECK(d.goal_undefined);
  CHECK(d.counterexample.find(symbol("s1"))->str() == "2");
}

TEST_CASE("unsat cores name the facts a proof used", "[reason][smt]") {
  RangeMap m;
  std::vector<Expr> facts = exprs({"p0 >= 3", "Eq(p1, 7)", "p0 < 2", "p2 > 100"});
  SmtResult r = smt_satisfiable(facts, m);
  REQUIRE(r.verdict == Verdict::Refuted);
  CHECK(r.core == std::vector<size_t>{0, 2});
  SmtResult ok = smt_satisfiable(exprs({"p0 >= 3", "Eq(p1, 7)"}), m);
  REQUIRE(ok.verdict == Verdict::Proved);
  CHECK(ok.counterexample.find(symbol("p1"))->str() == "7");
  SmtResult pr = smt_prove(parse_expr("p0 + p1 >= 10"), facts, m);
  REQUIRE(pr.verdict == Verdict::Proved);
  CHECK(pr.core.size() == 2);
}

TEST_CASE("limits: a hard nonlinear query degrades to unknown, never proved", "[reason][smt]") {
  // x**3 + y**3 == z**3 has no positive solution (Fermat, n = 3): true, but
  // far beyond Z3's nonlinear integer reasoning.  Under a small budget the
  // answer must be Unknown with a reason.
  RangeMap m = sizes({"fx", "fy", "fz"}, 1);
  SmtLimits tight;
  tight.timeout_ms = 300;
  tight.rlimit = 200000;
  SmtResult r = smt_prove(parse_expr("Ne(fx**3 + fy**3, fz**3)"), {}, m, tight);
  CHECK(r.verdict == Verdict::Unknown);
  CHECK_FALSE(r.reason.empty());
  CHECK(r.seconds < 5.0);
}

TEST_CASE("limits: past degree 16 Z3 is not called (it would ignore its time limit)", "[reason][smt]") {
  // product >= sum over 24 sizes >= 2 is true; Z3 4.8.12 spent 9 s on it
  // under a 250 ms limit, and never returned at degree 28.
  std::string prod, sum;
  std::vector<std::string> keep;
  for (int i = 0; i < 24; ++i) keep.push_back("p" + std::to_string(i));
  RangeMap m;
  for (const std::string &n : keep) {
    m.set(symbol(n), ValueRange::ints(Bound(Int(2)), Bound::pos_inf()));
    prod += (prod.empty() ? "" : "*") + n;
    sum += (sum.empty() ? "" : " + ") + n;
  }
  SmtResult r = smt_prove(parse_expr(prod + " >= " + sum), {}, m, SmtLimits{});
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.reason == "nonlinear degree 24 exceeds 16 (Z3 4.8 ignores its time limit there)");
  // Below the limit Z3 still answers.
  r = smt_prove(parse_expr("p0*p1*p2*p3*p4*p5*p6*p7 >= 2"), {}, m, SmtLimits{});
  CHECK(r.verdict == Verdict::Proved);
}

TEST_CASE("smt2 dump reproduces the query", "[reason][smt]") {
  RangeMap m = sizes({"s0"}, 2);
  std::string text = smt_prove_smt2(parse_expr("s0 >= 2"), {}, m);
  CHECK_THAT(text, Catch::Contains("(declare-fun s0 () Int)"));
  CHECK_THAT(text, Catch::Contains("(check-sat)"));
}
