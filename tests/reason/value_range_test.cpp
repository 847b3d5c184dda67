//===- value_range_test.cpp - Interval analysis: tables and soundness -------===//
#include <catch2/catch.hpp>

#include "support/random_expr.h"
#include "symshape/expr/parse.h"
#include "symshape/reason/value_range.h"

using namespace symshape;

namespace {
ValueRange r(long long lo, long long hi) { return ValueRange::ints(Bound(Int(lo)), Bound(Int(hi))); }
ValueRange from(long long lo) { return ValueRange::ints(Bound(Int(lo)), Bound::pos_inf()); }
ValueRange upto(long long hi) { return ValueRange::ints(Bound::neg_inf(), Bound(Int(hi))); }
} // namespace

TEST_CASE("transfer functions, one row per operator", "[reason][range]") {
  Expr s0 = symbol("s0"), s1 = symbol("s1"), u0 = symbol("u0");
  RangeMap m;
  m.set(s0, from(2));   // a backed size
  m.set(s1, r(3, 10));
  m.set(u0, upto(5));   // unbacked, bounded above
  struct Row { const char *expr, *expected; };
  const Row rows[] = {
      {"s0", "[2, inf]"},
      {"s0 + s1", "[5, inf]"},
      {"s1 - s0", "[-inf, 8]"},
      {"-s1", "[-10, -3]"},
      {"s0*s1", "[6, inf]"},
      {"s1*s1", "[9, 100]"},
      {"(s1 - 5)**2", "[-66, 95]"},   // expanded to s1**2 - 10*s1 + 25: looser than [0, 25]
      {"(s1 - 5)**3", "[-1373, 1490]"},
      {"s1*u0", "[-inf, 50]"},
      {"s1 // 2", "[1, 5]"},
      {"s0 // s1", "[0, inf]"},
      {"u0 // 2", "[-inf, 2]"},
      {"u0 // s1", "[-inf, 1]"},
      {"s1 // -2", "[-5, -2]"},
      {"s0 % 8", "[0, 7]"},
      {"s1 % 16", "[3, 10]"},
      {"s1 % 4", "[0, 3]"},
      {"(s1 + 1) % 12", "[4, 11]"},
      {"u0 % s1", "[0, 9]"},
      {"u0 % -3", "[-2, 0]"},
      {"Max(s1, u0)", "[3, 10]"},
      {"Min(s0, u0)", "[-inf, 5]"},
      {"Max(s0, 100)", "[100, inf]"},
      {"PowByNatural(s1, 2)", "[9, 100]"},
      {"PowByNatural(2, s1)", "[8, 1024]"},
      {"PowByNatural(s0, s1)", "[8, inf]"},
      {"s1 < 11", "[true, true]"},
      {"s1 < 10", "[false, true]"},
      {"s1 > 10", "[false, false]"},
      {"Eq(s1, 2)", "[false, false]"},
      {"Ne(s0, 1)", "[true, true]"},
      {"s0 >= 2 and s1 <= 10", "[true, true]"},
      {"s0 > 2 or s1 > 11", "[false, true]"},
      {"not s0 >= 2", "[false, false]"},
      {"s1 if s0 > 1 else u0", "[3, 10]"},
      {"s1 if s0 > 5 else 20", "[3, 20]"},
      {"FloorToInt(s1 / 2)", "[1, 5]"},
      {"CeilToInt(s1 / 2)", "[2, 5]"},
      {"TruncToInt(2.5*ToFloat(s1))", "[7, 25]"},
      {"s0 // (s1 - 5)", "[-inf, inf]"},
  };
  for (const Row &row : rows) {
    INFO(row.expr);
    CHECK(bound(parse_expr(row.expr), m).str() == row.expected);
  }
}

TEST_CASE("integer infinity is a distinct value, never a large number", "[reason][range]") {
  Expr big = symbol("s_big");
  RangeMap m;
  Int huge = *Int::parse("100000000000000000000000000000000000000"); // 1e38
  m.set(big, ValueRange::ints(Bound(huge), Bound(huge)));
  // 1e38 * 1e38 overflows 128 bits: the bound widens to infinity (sound).
  CHECK(bound(parse_expr("s_big * s_big"), m).str() == "[inf, inf]");
  CHECK(bound(parse_expr("s_big + 1"), m).str() == "[100000000000000000000000000000000000001, 100000000000000000000000000000000000001]");
  CHECK(Bound::pos_inf() > Bound(Int::max()));
  CHECK(Bound::neg_inf() < Bound(Int::min()));
  CHECK(ValueRange::ints(Bound(2), Bound::pos_inf()).contains(Value::of_int(Int::max())));
  CHECK(ValueRange::unknown(Type::Bool).str() == "[false, true]");
  CHECK(ValueRange::ints(Bound(3), Bound(2)).is_empty());
  CHECK(r(0, 5).intersect(r(3, 9)) == r(3, 5));
  CHECK(r(0, 5).unite(r(7, 9)) == r(0, 9));
}

TEST_CASE("RangeMap keeps 64-bit ends for the linear fast paths", "[reason][range]") {
  // range -> "lo hi" (inf for an infinite end) or "none" (the general path).
  struct Row {
    ValueRange range;
    const char *expected;
  } rows[] = {
      {from(2), "2 inf"},
      {upto(-5), "inf -5"},
      {r(-7, 7), "-7 7"},
      {r(INT64_MIN, INT64_MAX), "-9223372036854775808 9223372036854775807"},
      {ValueRange::ints(Bound(0), Bound(Int(INT64_MAX) + Int(1))), "none"}, // 2^63 does not fit
      {r(5, 3), "none"},                                                   // empty
      {ValueRange::ints(Bound::pos_inf(), Bound::pos_inf()), "none"},      // infinite the wrong way
      {ValueRange::ints(Bound::neg_inf(), Bound::pos_inf()), "inf inf"},
  };
  for (const Row &row : rows) {
    INFO(row.range.str());
    RangeMap m;
    Expr x = symbol("x");
    m.set(x, ValueRange::ints(Bound(0), Bound(1))); // then replaced: set() keeps the ends current
    m.set(x, row.range);
    const RangeMap::Ends64 *e = m.find_ends64(x);
    std::string got = !e ? "none"
                         : (e->lo_inf ? std::string("inf") : std::to_string(e->lo)) + " " +
                               (e->hi_inf ? std::string("inf") : std::to_string(e->hi));
    CHECK(got == row.expected);
  }
  RangeMap m;
  CHECK(m.find_ends64(symbol("x")) == nullptr); // no range
  // (A name has one type per process: a name of its own for the bool.)
  m.set(symbol("ends64_flag", Type::Bool), ValueRange::bools(true, true));
  CHECK(m.find_ends64(symbol("ends64_flag", Type::Bool)) == nullptr); // not an integer
}

TEST_CASE("fuzz: concrete values always lie inside the computed range", "[reason][range][fuzz]") {
  std::vector<Expr> syms = {symbol("x"), symbol("y"), symbol("z")};
  int checked = 0;
  for (uint64_t seed = 1; seed <= 2500; ++seed) {
    testing::RandomExpr gen(seed * 31337);
    std::string text = seed % 3 == 0 ? gen.bool_expr(4) : gen.int_expr(4);
    Expr e;
    try {
      e = parse_expr(text);
    } catch (const ParseError &) {
      continue;
    }
    // Random ranges, some unbounded on one side.
    RangeMap m;
    std::vector<std::pair<int, int>> box;
    for (Expr s : syms) {
      int lo = gen.uniform(-8, 8), hi = lo + gen.uniform(0, 8);
      bool open_lo = gen.uniform(0, 4) == 0, open_hi = gen.uniform(0, 4) == 0;
      m.set(s, ValueRange::ints(open_lo ? Bound::neg_inf() : Bound(lo), open_hi ? Bound::pos_inf() : Bound(hi)));
      box.emplace_back(open_lo ? lo - 20 : lo, open_hi ? hi + 20 : hi);
    }
    ValueRange br = bound(e, m);
    for (int k = 0; k < 16; ++k) {
      Assignment p;
      for (size_t i = 0; i < syms.size(); ++i) p.set(syms[i], Int(gen.uniform(box[i].first, box[i].second)));
      Value v;
      try {
        v = evaluate(e, p);
      } catch (const Error &) {
        continue;
      }
      INFO("seed " << seed << ": " << e.str() << " in " << br.str() << " but = " << v.str());
      REQUIRE(br.contains(v));
      ++checked;
    }
  }
  CHECK(checked > 20000);
}

TEST_CASE("LinearTermBounds: the range of a sum without one term", "[reason][range]") {
  Expr s0 = symbol("s0"), s1 = symbol("s1"), u0 = symbol("u0");
  RangeMap m;
  m.set(s0, from(2));
  m.set(s1, r(3, 10));
  m.set(u0, upto(5));
  // The terms are in the sum's normal order; `without` names one by index.
  struct Row { const char *expr; size_t without; const char *expected; };
  const Row rows[] = {
      {"s0 + s1 - 4", 0, "[-1, 6]"},        // s1 - 4
      {"s0 + s1 - 4", 1, "[-2, inf]"},      // s0 - 4
      {"s0 - s1 + u0", 0, "[-inf, 2]"},     // -s1 + u0
      {"s0 - s1 + u0", 1, "[-inf, inf]"},   // s0 + u0: one infinite end each way
      {"s0 - s1 + u0", 2, "[-8, inf]"},     // s0 - s1
      {"2*s0 + 3*s1", 1, "[4, inf]"},       // 2*s0
      {"s0*s1 + s1", 0, "[6, inf]"},        // s0*s1 (symbols sort before products: s1 is term 0)
      {"s0*s1 + s1", 1, "[3, 10]"},         // s1
      {"s1", 0, "[0, 0]"},                  // not a sum: one term, nothing left
  };
  for (const Row &row : rows) {
    INFO(row.expr << " without term " << row.without);
    LinearTermBounds t(parse_expr(row.expr), m);
    std::optional<ValueRange> got = t.without(row.without);
    REQUIRE(got);
    CHECK(got->str() == row.expected);
  }
}

TEST_CASE("LinearTermBounds: update() re-reads a term whose range changed", "[reason][range]") {
  Expr x = symbol("x"), y = symbol("y");
  RangeMap m;
  m.set(x, from(0));
  m.set(y, from(0));
  Expr e = parse_expr("x + y - 10");
  LinearTermBounds t(e, m);
  CHECK(t.without(1)->str() == "[-10, inf]"); // x - 10
  m.set(x, r(0, 4));
  CHECK(t.without(1)->str() == "[-10, inf]"); // not re-read yet
  t.update(0);
  CHECK(t.without(1)->str() == "[-10, -6]");
  CHECK(t.without(0)->str() == "[-10, inf]"); // y - 10: unchanged
}

TEST_CASE("LinearTermBounds: sums past 128 bits give no answer", "[reason][range]") {
  Expr a = symbol("a"), b = symbol("b"), c = symbol("c");
  RangeMap m;
  Int big = Int::max() - Int(1);
  m.set(a, ValueRange::ints(Bound(big), Bound(big)));
  m.set(b, ValueRange::ints(Bound(big), Bound(big)));
  m.set(c, r(0, 1));
  LinearTermBounds t(parse_expr("a + b + c"), m);
  CHECK_FALSE(t.without(2).has_value()); // a + b overflows: unknown, never a wrong number
}

TEST_CASE("fuzz: LinearTermBounds agrees with bound() of the rest, built", "[reason][range][fuzz]") {
  std::vector<Expr> syms = {symbol("x"), symbol("y"), symbol("z"), symbol("w")};
  int checked = 0;
  for (uint64_t seed = 1; seed <= 1500; ++seed) {
    testing::RandomExpr gen(seed * 7919);
    RangeMap m;
    for (Expr s : syms) {
      int lo = gen.uniform(-8, 8), hi = lo + gen.uniform(0, 8);
      bool open_lo = gen.uniform(0, 3) == 0, open_hi = gen.uniform(0, 3) == 0;
      m.set(s, ValueRange::ints(open_lo ? Bound::neg_inf() : Bound(lo), open_hi ? Bound::pos_inf() : Bound(hi)));
    }
    // A sum of 2 to 4 terms: symbols with coefficients, sometimes a product.
    Expr e = integer(gen.uniform(-5, 5));
    for (int k = gen.uniform(2, 4); k > 0; --k) {
      Expr term = syms[gen.uniform(0, 3)];
      if (gen.uniform(0, 4) == 0) term = term * syms[gen.uniform(0, 3)];
      e = e + integer(gen.uniform(-3, 3)) * term;
    }
    if (e.kind() != Kind::Add) continue;
    LinearTermBounds t(e, m);
    // Narrow one symbol's range, as refinement does, and re-read every term.
    Expr s = syms[gen.uniform(0, 3)];
    ValueRange now = m.get(s).intersect(r(-2, 3));
    if (!now.is_empty()) {
      m.set(s, now);
      for (size_t i = 0; i < e.nargs(); ++i) t.update(i);
    }
    for (size_t i = 0; i < e.nargs(); ++i) {
      Expr rest = e - integer(e.coeff(i)) * e.arg(i);
      INFO("seed " << seed << ": " << e.str() << " without " << e.arg(i).str());
      std::optional<ValueRange> got = t.without(i);
      REQUIRE(got);
      CHECK(*got == bound(rest, m));
      ++checked;
    }
  }
  CHECK(checked > 1500);
}

TEST_CASE("fuzz: a linear relation's fast int64 bound agrees with the general analysis", "[reason][range][fuzz]") {
  // bound() of a relation over a sum of symbols takes an int64 path; the
  // general analysis of its sum (not a relation) gives the signs to compare.
  std::vector<Expr> syms = {symbol("x"), symbol("y"), symbol("z")};
  std::mt19937_64 rng(4242);
  auto uni = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const Kind kinds[] = {Kind::Eq, Kind::Ne, Kind::Lt, Kind::Le};
  int checked = 0;
  for (int n = 0; n < 3000; ++n) {
    RangeMap m;
    for (Expr s : syms) {
      int lo = uni(-6, 6), hi = lo + uni(0, 6);
      bool open_lo = uni(0, 3) == 0, open_hi = uni(0, 3) == 0;
      m.set(s, ValueRange::ints(open_lo ? Bound::neg_inf() : Bound(lo), open_hi ? Bound::pos_inf() : Bound(hi)));
    }
    Expr e = integer(uni(-8, 8));
    for (Expr s : syms) e = e + integer(uni(-3, 3)) * s;
    if (e.is_integer_constant()) continue;
    Kind k = kinds[uni(0, 3)];
    Expr rel = k == Kind::Eq ? eq(e, 0) : k == Kind::Ne ? ne(e, 0) : k == Kind::Lt ? lt(0, e) : le(0, e);
    if (!rel.is_relation()) continue;
    ValueRange sum = bound(rel.arg(0), m);
    bool neg = sum.lo.sign() < 0, zero = sum.lo.sign() <= 0 && sum.hi.sign() >= 0, pos = sum.hi.sign() > 0;
    ValueRange want = rel.kind() == Kind::Eq   ? ValueRange::bools(neg || pos, zero)
                      : rel.kind() == Kind::Ne ? ValueRange::bools(zero, neg || pos)
                      : rel.kind() == Kind::Lt ? ValueRange::bools(neg || zero, pos)
                                               : ValueRange::bools(neg, zero || pos);
    INFO(rel.str() << " with the sum in " << sum.str());
    CHECK(bound(rel, m) == want);
    ++checked;
  }
  CHECK(checked > 2500);
}
