//===- query_bench_test.cpp - The query benchmark's runner and recorder ----===//
//
// Tables: a query (as text) and an engine in, the answer, the tier and the
// score out.  The rows pair what a cheap tier cannot decide with the tier
// that can, so a change to any tier shows up here.
//
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include "symshape/frontend/query_bench.h"

using namespace symshape;
using namespace symshape::frontend;

namespace {

BenchQuery query(const std::string &body, const std::string &truth) {
  return parse_bench_query("# truth: " + truth + "\n" + body, "q.shapes", "t/q");
}

} // namespace

TEST_CASE("scoring an answer against the truth", "[bench]") {
  struct Row {
    const char *truth, *answer, *outcome;
  };
  const Row rows[] = {
      {"true", "true", "proved"},        {"true", "false", "wrong"},       {"true", "unknown", "unknown"},
      {"false", "false", "refuted"},     {"false", "true", "wrong"},       {"neither", "unknown", "unknown"},
      {"neither", "true", "wrong"},      {"neither", "false", "wrong"},    {"open", "true", "open"},
      {"", "false", "open"},             {"[0, 3]", "[0, 3]", "proved"},   {"[0, 3]", "[0, inf]", "unknown"},
      {"[0, 3]", "[-inf, 7]", "unknown"}, {"[0, 3]", "[1, 3]", "wrong"},   {"[0, 3]", "[0, 2]", "wrong"},
      {"[2, inf]", "[2, oo]", "proved"}, {"[0, 3]", "unknown", "unknown"}, {"true", "error", "error"},
  };
  for (const Row &r : rows) {
    INFO(r.truth << " / " << r.answer);
    CHECK(score_bench_answer(r.truth, r.answer) == r.outcome);
  }
}

TEST_CASE("each tier alone, and the cascade", "[bench]") {
  struct Row {
    const char *body, *truth, *engine, *answer, *tier;
  };
  const Row rows[] = {
      // Ranges: sizes are >= 2.  Normal form alone cannot see it.
      {"input x = [5]\nknown x.size()[0] >= 2\n", "true", "normal_form", "unknown", "none"},
      {"input x = [5]\nknown x.size()[0] >= 2\n", "true", "ranges", "true", "value ranges"},
      {"input x = [5]\nknown x.size()[0] >= 2\n", "true", "cascade", "true", "value ranges"},
      // Replacements: s1 -> s0 + 1 makes the question constant.
      {"input x = [3, 4] dynamic=0,1\ncheck Eq(x.size()[0] + 1, x.size()[1])\nknown x.size()[1] > x.size()[0]\n",
       "true", "ranges", "unknown", "none"},
      {"input x = [3, 4] dynamic=0,1\ncheck Eq(x.size()[0] + 1, x.size()[1])\nknown x.size()[1] > x.size()[0]\n",
       "true", "replacements", "true", "replacements"},
      // Axioms: an earlier runtime assert answers its own question.
      {"unbacked u0\nunbacked u1\ncheck u0 < u1\nknown u0 < u1\n", "true", "ranges", "unknown", "none"},
      {"unbacked u0\nunbacked u1\ncheck u0 < u1\nknown u0 < u1\n", "true", "axioms", "true", "axioms"},
      // Divisibility: s0 % 8 == 0 => s0 % 4 == 0.
      {"input x = [8]\ncheck x.size()[0] % 8 == 0\nknown x.size()[0] % 4 == 0\n", "true", "ranges", "unknown", "none"},
      {"input x = [8]\ncheck x.size()[0] % 8 == 0\nknown x.size()[0] % 4 == 0\n", "true", "divisibility", "true",
       "divisibility"},
      {"input x = [8]\ncheck x.size()[0] % 8 == 0\nknown x.size()[0] % 4 == 0\n", "true", "z3", "true", "z3"},
      // Two facts chained: a < b < c => a + 1 < c.  The cheap tiers cannot
      // chain them; the facts tier narrows ranges through them; Z3 proves it.
      {"scalar a = 5\nscalar b = 7\nscalar c = 9\ncheck a < b\ncheck b < c\nknown a + 1 < c\n", "true", "axioms",
       "unknown", "none"},
      {"scalar a = 5\nscalar b = 7\nscalar c = 9\ncheck a < b\ncheck b < c\nknown a + 1 < c\n", "true", "z3", "true",
       "z3"},
      {"scalar a = 5\nscalar b = 7\nscalar c = 9\ncheck a < b\ncheck b < c\nknown a + 1 < c\n", "true", "cascade",
       "true", "z3"},
      // Refuted: after u0 > 4, u0 == 3 is false everywhere.
      {"unbacked u0\ncheck u0 > 4\nknown Eq(u0, 3)\n", "false", "ranges", "false", "value ranges"},
      // Neither: the right answer is unknown, whoever answers.
      {"input x = [3, 3] dynamic=0,1\nknown Eq(x.size()[0], x.size()[1])\n", "neither", "cascade", "unknown", "none"},
      {"input x = [3, 3] dynamic=0,1\nknown Eq(x.size()[0], x.size()[1])\n", "neither", "z3", "unknown", "none"},
      // Bounds: the range analysis answers, other tiers do not.
      {"input x = [6]\nrange s0 2..10\nbound x.size()[0] % 4\n", "[0, 3]", "cascade", "[0, 3]", "value ranges"},
      {"input x = [6]\nrange s0 2..10\nbound x.size()[0] % 4\n", "[0, 3]", "z3", "unknown", "none"},
  };
  for (const Row &r : rows) {
    INFO(r.engine << ":\n" << r.body);
    BenchAnswer a = run_bench_query(query(r.body, r.truth), bench_engine(r.engine));
    CHECK(a.answer == r.answer);
    CHECK(a.tier == r.tier);
    CHECK(a.outcome == score_bench_answer(r.truth, r.answer));
    CHECK(a.error.empty());
  }
}

TEST_CASE("a query that does not run is an error, not an answer", "[bench]") {
  // The setup's check is false at the hints: torch._check fails.
  BenchAnswer a = run_bench_query(query("input x = [5]\ncheck x.size()[0] > 7\nknown x.size()[0] > 7\n", "true"),
                                  bench_engine("cascade"));
  CHECK(a.outcome == "error");
  CHECK(a.error.find("q.shapes:3: check_failed") == 0);
  // An unknown name is a malformed script, named by line and column.
  a = run_bench_query(query("scalar a = 5\nknown a < b\n", "true"), bench_engine("cascade"));
  CHECK(a.outcome == "error");
  CHECK(a.error.find("q.shapes:3:") == 0);
  CHECK(a.error.find("unknown name 'b'") != std::string::npos);
}

TEST_CASE("malformed queries are rejected with their place", "[bench]") {
  CHECK_THROWS_WITH(parse_bench_query("scalar a = 5\nguard a > 2\n", "f.shapes", "f"),
                    "f.shapes:2: a query ends with one question, `known EXPR` or `bound EXPR`");
  CHECK_THROWS_WITH(parse_bench_query("# size: many\nscalar a = 5\nknown a > 2\n", "f.shapes", "f"),
                    "f.shapes:1: bad size 'many'");
  CHECK_THROWS_WITH(parse_bench_query("known\n", "f.shapes", "f"), "f.shapes:1: the question has no expression");
  CHECK_THROWS_WITH(bench_engine("sympy"),
                    "unknown engine 'sympy' (engines: cascade, normal_form, replacements, ranges, axioms, "
                    "divisibility, facts, z3)");
  BenchQuery q = parse_bench_query("# Chains.\n# family: eq_chain\n# size: 8\n# truth: true\nscalar a = 5\n"
                                   "known a > 2  # why\n",
                                   "f.shapes", "families/eq_chain_8");
  CHECK(q.group == "families");
  CHECK(q.family == "eq_chain");
  CHECK(q.size == 8);
  CHECK(q.question == "known");
  CHECK(q.expr == "a > 2");
  CHECK(q.question_line == 6);
  CHECK(q.expr_column == 7);
}

TEST_CASE("a ShapeEnv question restated as a query", "[bench]") {
  ShapeEnv env;
  Expr a = env.create_symbol(Int(6), "x.size()[0]");
  Expr b = env.create_symbol(Int(9), "x.size()[1]");
  Expr c = env.create_symbol(Int(4), "y.size()[0]");
  Expr u = env.create_unbacked_int();
  env.check_is_size(u);
  CHECK(env.evaluate(lt(a, b)));            // a guard linking a and b
  CHECK(env.evaluate(gt(c, integer(3))));   // a guard on c alone: not linked
  env.check(le(u, b));                      // an assert linking u and b
  std::optional<std::string> s = query_script(env, le(a + integer(1), b), {"family: walker"});
  REQUIRE(s);
  CHECK(*s == "# family: walker\n"
              "scalar s0 = 6\nrange s0 2..inf\n"
              "scalar s1 = 9\nrange s1 3..inf\n"  // learned from s0 < s1
              "unbacked u0\nsize_like u0\nrange u0 0..inf\n"
              "check s0 < s1\ncheck 0 <= u0\ncheck u0 <= s1\n"
              "known s0 + 1 <= s1\n");
  // The restated query runs, and the cascade proves it (a < b => a + 1 <= b).
  BenchAnswer ans = run_bench_query(parse_bench_query(*s + "", "r.shapes", "walker/r"), bench_engine("cascade"));
  CHECK(ans.answer == "true");
  CHECK_FALSE(query_script(env, true_(), {}));
}
