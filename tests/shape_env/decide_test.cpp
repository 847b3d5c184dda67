//===- decide_test.cpp - What each tier of the static cascade adds ---------===//
//
// Pairs in the TVM style: the cheap tiers (use_z3 = false) say unknown,
// Z3 proves; and which tier decided each classic question.
//
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/shape_env/shape_env.h"

using namespace symshape;

namespace {
Decision cheap(ShapeEnv &env, Expr c) {
  DecideOptions o;
  o.use_z3 = false;
  return env.decide(c, o);
}
} // namespace

TEST_CASE("the tier that decides each question", "[shape_env][decide]") {
  ShapeEnv env;
  TensorSymbols a = env.create_tensor("a", {Int(4), Int(6)});
  Expr s0 = a.sizes[0], s1 = a.sizes[1];
  Expr u0 = env.create_unbacked_int();
  struct Row {
    Expr cond;
    Truth truth;
    Tier tier;
  };
  // Facts: s0 == 4 is not known; u0 < s0 is a runtime assert.
  env.check(lt(u0, s0));
  env.evaluate(eq(mod(s1, 6), 0));
  const Row rows[] = {
      {eq(s0, s0), Truth::True, Tier::NormalForm},
      {ge(s0, 2), Truth::True, Tier::Ranges},
      {gt(s0 * s1, s1), Truth::True, Tier::Ranges},       // needs the shift to lower bounds
      {le(s1 * s0, s0), Truth::False, Tier::Ranges},
      {ne(u0, s0), Truth::True, Tier::Axioms},             // implied by u0 < s0
      {ge(u0, s0), Truth::False, Tier::Axioms},
      {eq(mod(s1, 3), 0), Truth::True, Tier::Divisibility}, // from s1 % 6 == 0
      {eq(floordiv(s1, 6) * 6, s1), Truth::True, Tier::Z3},  // PyTorch 2.6 cannot
      {lt(s0, s1), Truth::Unknown, Tier::None},
  };
  for (const Row &r : rows) {
    INFO(r.cond.str());
    Decision d = env.decide(r.cond);
    CHECK(d.truth == r.truth);
    CHECK(d.tier == r.tier);
  }
  CHECK(env.guards().size() == 1); // deciding never guards
}

// The axioms tier keeps what earlier guards said of a linear form, also
// after a symbol of the form is replaced (queries then arrive rewritten).
TEST_CASE("the axioms follow replacements", "[shape_env][decide]") {
  ShapeEnv env;
  const DimSpec dyn{DimPolicy::Dynamic}; // no duck sizing: b and d start apart
  TensorSymbols t = env.create_tensor("t", {Int(5), Int(7), Int(9), Int(7)}, {dyn, dyn, dyn, dyn});
  Expr a = t.sizes[0], b = t.sizes[1], c = t.sizes[2], d = t.sizes[3];
  REQUIRE(b != d);
  CHECK(env.evaluate(lt(a + b, c + 9)));  // 12 < 18: a guard
  CHECK(env.evaluate(lt(b + d, 2 * c)));  // 14 < 18: a guard
  size_t recorded = env.guards().size();
  CHECK(env.decide(lt(a + b, c + 12)).tier == Tier::Axioms);
  CHECK(env.evaluate(eq(b, d)));          // b and d become one symbol
  CHECK(env.guards().size() == recorded + 1);
  CHECK(env.replace(b) == env.replace(d));
  // 2*b < 2*c, now in the replaced symbol: the same form as d + b < 2*c.
  Decision x = env.decide(lt(2 * d, 2 * c + 1));
  CHECK(x.truth == Truth::True);
  CHECK(x.tier == Tier::Axioms);
  x = env.decide(ge(a + d, c + 9));
  CHECK(x.truth == Truth::False);
  CHECK(x.tier == Tier::Axioms);
}

TEST_CASE("cheap tiers say unknown, Z3 proves", "[shape_env][decide][z3]") {
  SECTION("a < b and b < c implies a + 1 < c (unbacked, from runtime asserts)") {
    ShapeEnv env;
    Expr a = env.create_unbacked_int(), b = env.create_unbacked_int(), c = env.create_unbacked_int();
    env.check(lt(a, b));
    env.check(lt(b, c));
    Expr q = lt(a + 1, c);
    CHECK_FALSE(cheap(env, q).decided());
    Decision d = env.decide(q);
    CHECK(d.is_true());
    CHECK(d.tier == Tier::Z3);
    CHECK(d.evidence.size() == 2); // the unsat core: both asserts
  }
  SECTION("(x + y) % 2 == 0 given x % 6 == 0 and y % 6 == 0") {
    ShapeEnv env;
    Expr x = env.create_unbacked_int(), y = env.create_unbacked_int();
    env.check(eq(mod(x, 6), 0));
    env.check(eq(mod(y, 6), 0));
    Expr q = eq(mod(x + y, 2), 0);
    CHECK_FALSE(cheap(env, q).decided());
    CHECK(env.decide(q).is_true());
    CHECK(env.evaluate(q)); // no data-dependent error: Z3 decides unbacked conditions
  }
  SECTION("i*n + j < m*n given 0 <= i < m, 0 <= j < n") {
    // Nonlinear: Z3 needs ~140 ms here (more under sanitizers), beyond the
    // default 250 ms budget's comfort; this checks ability, not speed.
    ShapeEnvSettings settings;
    settings.smt.timeout_ms = 5000;
    ShapeEnv env(settings);
    TensorSymbols t = env.create_tensor("t", {Int(3), Int(5)}, {DimSpec{DimPolicy::Dynamic}, DimSpec{DimPolicy::Dynamic}});
    Expr m = t.sizes[0], n = t.sizes[1];
    Expr i = env.create_unbacked_int(), j = env.create_unbacked_int();
    env.check(le(0, i));
    env.check(lt(i, m));
    env.check(le(0, j));
    env.check(lt(j, n));
    Expr q = lt(i * n + j, m * n);
    CHECK_FALSE(cheap(env, q).decided());
    Decision d = env.decide(q);
    INFO("tier " << tier_name(d.tier) << ", reason: " << d.reason);
    CHECK(d.is_true());
  }
  SECTION("backed conditions never reach Z3 through evaluate") {
    ShapeEnv env;
    Expr s0 = env.create_tensor("x", {Int(16)}).sizes[0];
    env.evaluate(eq(mod(s0, 8), 0));
    Expr q = eq(floordiv(s0, 8) * 8, s0);
    CHECK(env.decide(q).tier == Tier::Z3);
    size_t before = env.guards().size();
    CHECK(env.evaluate(q)); // decided by the hint: a guard (removed later by produce_guards)
    CHECK(env.guards().size() == before + 1);
    CHECK(env.statically_known_true(q)); // statically_known_true may use Z3
  }
}

TEST_CASE("the facts tier, and refutation at the example inputs", "[shape_env][decide]") {
  ShapeEnv env;
  TensorSymbols t = env.create_tensor("t", {Int(5), Int(20)});
  Expr a = t.sizes[0], b = t.sizes[1];
  CHECK(env.evaluate(gt(b, 10)));     // b in [11, inf]
  CHECK(env.evaluate(lt(a + b, 40))); // the ShapeEnv learns a <= 28 and b <= 37
  CHECK(env.evaluate(lt(2 * a, b)));
  struct Row {
    const char *cond;
    Truth truth;
    Tier tier;
    const char *reason;
  };
  const Row rows[] = {
      {"a < 29", Truth::True, Tier::Ranges, ""},
      // a <= (b - 1) / 2 <= 18: the ranges narrowed by 2*a < b.
      {"a < 19", Truth::True, Tier::Facts, ""},
      {"Ne(a, b)", Truth::True, Tier::Facts, ""}, // 2*a < b, a >= 2
      // True at the example inputs (a = 5), false at a = 15 nearby: no Z3.
      {"a < 10", Truth::Unknown, Tier::None, "both answers occur: at the example inputs and at a point near them"},
  };
  ParseOptions po;
  po.resolve = [&](const std::string &n) { return *env.lookup_source(n == "a" ? "t.size()[0]" : "t.size()[1]"); };
  for (const Row &r : rows) {
    INFO(r.cond);
    Expr q = parse_expr(r.cond, po);
    CHECK_FALSE(cheap(env, q).tier == Tier::Facts); // the facts tier runs with Z3, after the cheap ones
    Decision d = env.decide(q);
    CHECK(d.truth == r.truth);
    CHECK(d.tier == r.tier);
    CHECK(d.reason == r.reason);
  }
}

TEST_CASE("Z3 limits degrade to unknown, never to a wrong answer", "[shape_env][decide][z3]") {
  ShapeEnvSettings s;
  s.smt.timeout_ms = 200;
  s.smt.rlimit = 100000;
  ShapeEnv env(s);
  Expr x = env.create_unbacked_int(), y = env.create_unbacked_int(), z = env.create_unbacked_int();
  for (Expr v : {x, y, z}) env.check(ge(v, 1));
  Decision d = env.decide(ne(x * x * x + y * y * y, z * z * z));
  CHECK(d.truth == Truth::Unknown);
  CHECK_FALSE(d.reason.empty());
  CHECK_THROWS_AS(env.evaluate(ne(x * x * x + y * y * y, z * z * z)), DataDependentError);
}
