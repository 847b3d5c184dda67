//===- differential_test.cpp - Random scripts against brute force ----------===//
//
// Seeded random sessions over two backed sizes (Dim ranges [2, 7]) and two
// unbacked values (ranges [0, 5]).  Every fact the session records (guards,
// runtime asserts) filters an explicit list of the points it allows; then
//   * every decision the engine calls true or false must hold at every
//     allowed point where the condition is defined (soundness);
//   * bound() must contain every allowed value, simplify() must preserve it;
//   * the produced guards, compiled, must accept the hints, and must accept
//     exactly the allowed input sizes.
//
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include <set>

#include "support/random_expr.h"
#include "symshape/expr/parse.h"
#include "symshape/shape_env/guards.h"

using namespace symshape;

namespace {

struct Point {
  Assignment a;
  int64_t s0, s1;
};

/// 1 true, 0 false, -1 undefined.
int truth(Expr e, const Assignment &a) {
  try {
    return evaluate(e, a).as_bool() ? 1 : 0;
  } catch (const Error &) {
    return -1;
  }
}

} // namespace

TEST_CASE("fuzz: the ShapeEnv's decisions agree with brute force", "[shape_env][fuzz]") {
  testing::RandomExprOptions ro;
  ro.int_symbols = {"s0", "s1", "u0", "u1"};
  ro.allow_float = false;
  ro.allow_pow = false;
  ro.const_range = 6;
  int decided = 0, checked_points = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    testing::RandomExpr gen(seed * 977, ro);
    ShapeEnvSettings st;
    st.smt.timeout_ms = 300;
    ShapeEnv env(st);
    ValueRange dim = ValueRange::ints(Bound(2), Bound(7));
    int64_t h0 = gen.uniform(2, 7), h1 = gen.uniform(2, 7);
    TensorSymbols x = env.create_tensor("x", {Int(h0), Int(h1)},
                                        {DimSpec{DimPolicy::Dynamic, dim}, DimSpec{DimPolicy::Dynamic, dim}});
    Expr s0 = x.sizes[0], s1 = x.sizes[1];
    REQUIRE(s0.name() == "s0");
    Expr u0 = env.create_unbacked_int(), u1 = env.create_unbacked_int();
    env.constrain_range(u0, Bound(0), Bound(5));
    env.constrain_range(u1, Bound(0), Bound(5));
    int64_t w0 = gen.uniform(0, 5), w1 = gen.uniform(0, 5); // the run's actual unbacked values
    std::vector<Point> allowed;
    for (int64_t a = 2; a <= 7; ++a)
      for (int64_t b = 2; b <= 7; ++b)
        for (int64_t c = 0; c <= 5; ++c)
          for (int64_t d = 0; d <= 5; ++d) {
            Point p{{}, a, b};
            p.a.set(s0, Int(static_cast<long long>(a)));
            p.a.set(s1, Int(static_cast<long long>(b)));
            p.a.set(u0, Int(static_cast<long long>(c)));
            p.a.set(u1, Int(static_cast<long long>(d)));
            allowed.push_back(p);
          }
    Assignment actual;
    actual.set(s0, Int(static_cast<long long>(h0)));
    actual.set(s1, Int(static_cast<long long>(h1)));
    actual.set(u0, Int(static_cast<long long>(w0)));
    actual.set(u1, Int(static_cast<long long>(w1)));
    auto learn = [&](Expr fact) {
      std::vector<Point> keep;
      for (const Point &p : allowed)
        if (truth(fact, p.a) == 1) keep.push_back(p);
      allowed.swap(keep);
    };
    for (int step = 0; step < 14; ++step) {
      Expr c;
      try {
        c = parse_expr(gen.bool_expr(2));
      } catch (const ParseError &) {
        continue;
      }
      INFO("seed " << seed << " step " << step << ": " << c.str());
      int kind = gen.uniform(0, 4);
      if (kind == 0 && !env.has_unbacked(c)) {
        int at_hint = truth(c, actual);
        if (at_hint < 0) continue;
        bool v = env.evaluate(c);
        REQUIRE(v == (at_hint == 1));
        learn(v ? c : not_(c));
      } else if (kind == 1 && truth(c, actual) == 1) {
        env.check(c); // true at the actual point: a consistent fact
        learn(c);
      } else if (kind == 2) {
        Expr e;
        try {
          e = parse_expr(gen.int_expr(2));
        } catch (const ParseError &) {
          continue;
        }
        ValueRange r = env.bound(e);
        Expr s = env.simplify(e);
        for (const Point &p : allowed) {
          Value v;
          try {
            v = evaluate(e, p.a);
          } catch (const Error &) {
            continue;
          }
          INFO("bound of " << e.str() << " = " << r.str() << ", simplified " << s.str());
          REQUIRE(r.contains(v));
          REQUIRE(evaluate(s, p.a) == v);
        }
      } else {
        Decision d = env.decide(c);
        if (!d.decided()) continue;
        ++decided;
        for (const Point &p : allowed) {
          int t = truth(c, p.a);
          if (t < 0) continue;
          INFO("decided " << truth_name(d.truth) << " by " << tier_name(d.tier));
          REQUIRE(t == (d.is_true() ? 1 : 0));
          ++checked_points;
        }
      }
    }
    // The guards accept the hints and exactly the allowed input sizes.
    GuardSet gs = produce_guards(env);
    CHECK(gs.validation == "proved");
    std::vector<Expr> exprs;
    for (const auto &g : gs.guards) exprs.push_back(g.expr);
    for (const auto &g : gs.static_guards) exprs.push_back(g.expr);
    GuardProgram prog(exprs, {"x.size()[0]", "x.size()[1]", "x.stride()[0]", "x.stride()[1]", "x.storage_offset()"});
    int64_t hints[5] = {h0, h1, h1, 1, 0};
    INFO("seed " << seed << " guards:\n" << [&] {
      std::string s;
      for (auto &t : gs.texts()) s += "  " + t + "\n";
      return s;
    }());
    CHECK(prog.check(hints) == -1);
    std::set<std::pair<int64_t, int64_t>> ok_sizes;
    for (const Point &p : allowed) ok_sizes.emplace(p.s0, p.s1);
    for (int64_t a = 2; a <= 7; ++a)
      for (int64_t b = 2; b <= 7; ++b) {
        int64_t v[5] = {a, b, b, 1, 0};
        bool accepted = prog.check(v) == -1;
        // Sound: never accept sizes a recorded guard rejects.  Complete:
        // accept every size pair some run can complete (some unbacked values
        // satisfy every fact); in between, a runtime assert will fail.
        bool by_guards = true;
        Assignment pa;
        pa.set(s0, Int(static_cast<long long>(a)));
        pa.set(s1, Int(static_cast<long long>(b)));
        for (const Guard &g : env.guards()) by_guards = by_guards && truth(g.expr, pa) == 1;
        INFO("sizes " << a << ", " << b);
        if (accepted) CHECK(by_guards);
        if (ok_sizes.count({a, b})) CHECK(accepted);
      }
  }
  CHECK(decided > 100);
  CHECK(checked_points > 10000);
}
