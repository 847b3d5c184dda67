// symshape verify: tables of guard files -> verdicts, cores, counterexamples
// (each counterexample re-checked here by evaluating the guards).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "symshape/verify/verify.h"

using namespace symshape;
using namespace symshape::verify;

namespace {

std::string input_text(const std::vector<std::pair<Expr, Int>> &in) {
  std::string s;
  for (const auto &[sym, v] : in) s += (s.empty() ? "" : ", ") + std::string(sym.name()) + "=" + v.str();
  return s;
}

Assignment point(const std::vector<std::pair<Expr, Int>> &in) {
  Assignment a;
  for (const auto &[s, v] : in) a.set(s, v);
  return a;
}

bool all_hold(const GuardFile &f, const Assignment &a) {
  for (const auto &g : f.guards)
    if (!truth_at(g.expr, a).value_or(false)) return false;
  return true;
}

} // namespace

TEST_CASE("verify consistent: witnesses and cores", "[verify]") {
  struct Row {
    const char *file, *verdict, *detail;
  };
  const std::vector<Row> rows = {
      {"x.size()[0] == y.size()[0]\n4 <= x.size()[0]\n", "proved", "x.size()[0]=4, y.size()[0]=4"},
      // an inconsistent set: the core names exactly the conflicting lines
      {"x.size()[0] > 3\nx.size()[1] == 2\nx.size()[0] < 2\n", "refuted", "1,3"},
      // divisibility and a range that excludes every multiple
      {"Eq(Mod(s0, 8), 0)\n1 <= s0\ns0 <= 7\n", "refuted", "1,2,3"},
      // a nonlinear product
      {"s0*s1 == 12\ns0 < s1\n2 <= s0\n", "proved", "s0=2, s1=6"},
      // floor division with a negative scalar input
      {"range n -8..8\nn // 4 == -2\n", "proved", "n=-8"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.file);
    GuardFile f = parse_guard_file(r.file, "t.txt");
    Answer a = consistent(f);
    CHECK(verdict_name(a.verdict) == std::string(r.verdict));
    if (a.verdict == Verdict::Proved) {
      CHECK(all_hold(f, point(a.input)));
      // the witness is valid; the exact point is Z3's choice, so check only validity
    } else {
      std::string core;
      for (int l : a.core_lines) core += (core.empty() ? "" : ",") + std::to_string(l);
      CHECK(core == r.detail);
    }
  }
}

TEST_CASE("verify implies / equiv: proofs and validated counterexamples", "[verify]") {
  struct Row {
    const char *a, *b, *verdict;
    int failing_line;
  };
  const std::vector<Row> rows = {
      // duck sizing: an equality and a chain
      {"x.size()[0] == y.size()[0]\ny.size()[0] == z.size()[0]\n", "x.size()[0] == z.size()[0]\n", "Proved", 0},
      // a range guard implied by a stronger one
      {"8 <= x.size()[0]\n", "2 <= x.size()[0]\n", "Proved", 0},
      {"2 <= x.size()[0]\n", "8 <= x.size()[0]\n", "Refuted", 1},
      // divisibility: 8 | s0 implies 4 | s0, not the converse
      {"Eq(Mod(s0, 8), 0)\n", "Eq(Mod(s0, 4), 0)\n", "Proved", 0},
      {"Eq(Mod(s0, 4), 0)\n", "Eq(Mod(s0, 8), 0)\n", "Refuted", 1},
      // equivalent only because sizes are >= 0: s0 >= 0 is the domain
      {"s0*s0 <= 16\n", "s0 <= 4\n", "Proved", 0},
      // a scalar may be negative: the same guard pair is not equivalent for n
      {"n*n <= 16\n", "n <= 4\n", "Proved", 0},
      {"n <= 4\n", "n*n <= 16\n", "Refuted", 1},
  };
  for (const Row &r : rows) {
    CAPTURE(r.a, r.b);
    GuardFile a = parse_guard_file(r.a, "a.txt"), b = parse_guard_file(r.b, "b.txt");
    Answer ans = implies(a, b);
    CHECK(verdict_name(ans.verdict) == std::string(r.verdict == std::string("Proved") ? "proved" : "refuted"));
    CHECK(ans.failing_line == r.failing_line);
    if (ans.verdict == Verdict::Refuted) {
      Assignment p = point(ans.input);
      CHECK(all_hold(a, p));
      CHECK_FALSE(all_hold(b, p));
    }
  }
  GuardFile a = parse_guard_file("2 <= s0\ns0 <= 4096\n", "a.txt"), b = parse_guard_file("2 <= s0 <= 4096\n", "b.txt");
  CHECK(equivalent(a, b).verdict == Verdict::Proved);
}

TEST_CASE("verify covers: the smallest failing input, and counts", "[verify]") {
  GuardFile a = parse_guard_file("x.size()[0] != 17\n2 <= x.size()[0] <= 4096\n", "a.txt");
  // fails at exactly one value of the domain
  GuardFile d = parse_guard_expr("2 <= x.size()[0] <= 100");
  Answer ans = covers(a, d);
  CHECK(ans.verdict == Verdict::Refuted);
  CHECK(input_text(ans.input) == "x.size()[0]=17");
  CHECK(ans.failing_line == 1);
  REQUIRE(ans.accepted);
  CHECK(*ans.accepted == 98);
  CHECK(*ans.domain_size == 99);
  CHECK(covers(a, parse_guard_expr("18 <= x.size()[0] <= 4096")).verdict == Verdict::Proved);
  // lexicographic: the first name as small as possible, then the next
  GuardFile two = parse_guard_file("x.size()[0] + y.size()[0] != 10\n", "two.txt");
  Answer t = covers(two, parse_guard_expr("And(3 <= x.size()[0], x.size()[0] <= 9, 0 <= y.size()[0])"));
  CHECK(input_text(t.input) == "x.size()[0]=3, y.size()[0]=7");
}

TEST_CASE("verify redundant / simplify: implied guards and a proved minimal set", "[verify]") {
  GuardFile f = parse_guard_file("x.size()[0] == y.size()[0]\n"
                                 "2 <= x.size()[0]\n"
                                 "Eq(Mod(x.size()[1], 8), 0)\n"
                                 "8 <= x.size()[0]\n"
                                 "2 <= y.size()[0]\n",
                                 "f.txt");
  RedundancyAnswer r = redundant(f);
  REQUIRE(r.redundant.size() == 2);
  CHECK(r.redundant[0].line == 2);
  CHECK(r.redundant[0].implied_by == std::vector<int>{4});
  CHECK(r.redundant[1].line == 5);
  CHECK(r.redundant[1].implied_by == std::vector<int>{1, 4});
  CHECK(r.minimal == std::vector<int>{1, 3, 4});
  CHECK(r.equivalence.verdict == Verdict::Proved);
  CHECK(r.complete);
}

TEST_CASE("verify check: failing guards at concrete values", "[verify]") {
  GuardFile f = parse_guard_file("L['x'].size()[0] == L['y'].size()[0]\n(L['x'].size()[1] % 8) == 0\n", "f.txt");
  Assignment p;
  p.set(symbol("x.size()[0]"), Int(4));
  p.set(symbol("y.size()[0]"), Int(4));
  p.set(symbol("x.size()[1]"), Int(12));
  auto bad = failing_guards(f, p);
  REQUIRE(bad.size() == 1);
  CHECK(bad[0]->line == 2);
  Assignment partial;
  partial.set(symbol("x.size()[0]"), Int(4));
  CHECK_THROWS_WITH(failing_guards(f, partial), "no value for y.size()[0], x.size()[1]");
}

TEST_CASE("guard files: dumps, declarations and errors with file:line:column", "[verify]") {
  GuardFile d = parse_guard_file("TREE_GUARD_MANAGER:\n"
                                 "| +- TENSOR_MATCH: check_tensor(L['x'], Tensor, size=[None, 8])\n"
                                 "+- LAMBDA_GUARD: 2 <= L['x'].size()[0]  # output_graph.py:483\n",
                                 "dump.txt");
  REQUIRE(d.guards.size() == 1);
  CHECK(d.guards[0].line == 3);
  CHECK(d.guards[0].text == "2 <= L['x'].size()[0]");
  CHECK(d.warnings.size() == 2);
  CHECK(d.warnings[1] == "dump.txt:2: skipped, not a shape guard: | +- TENSOR_MATCH: check_tensor(L['x'], Tensor, size=[None, 8])");
  GuardFile decl = parse_guard_file("range n -3..5\nn < 2\n", "decl.txt");
  CHECK(decl.ranges.get(symbol("n")).str() == "[-3, 5]");
  struct Row {
    const char *text, *message;
  };
  const std::vector<Row> rows = {
      {"x.size()[0] <=\n", "e.txt:1:15: expected an expression, found the end of the input"},
      {"s0 == 2\ns0 + 1\n", "e.txt:2:1: a guard must be a boolean, not int"},
      {"range n 5\n", "e.txt:1:1: expected LO..HI, found '5'"},
      {"range n 5..x\n", "e.txt:1:9: expected an integer, inf or -inf, found 'x'"},
      {"range n 5..1\n", "e.txt:1:9: empty range 5..1"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.text);
    CHECK_THROWS_WITH(parse_guard_file(r.text, "e.txt"), r.message);
  }
}

TEST_CASE("verify --dump-smt2 writes each query", "[verify]") {
  std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/symshape_smt2_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  VerifyOptions o;
  o.smt2_dir = dir;
  GuardFile a = parse_guard_file("8 <= s0\n", "a.txt"), b = parse_guard_file("2 <= s0\n", "b.txt");
  CHECK(implies(a, b, o).verdict == Verdict::Proved);
  CHECK(consistent(a, o).verdict == Verdict::Proved);
  size_t files = 0;
  std::string text;
  for (const auto &e : std::filesystem::directory_iterator(dir)) {
    ++files;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    text += ss.str();
  }
  CHECK(files == 2);
  CHECK_THAT(text, Catch::Contains("(check-sat)"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("verify simplify: replacements substituted, ranges merged, proved equivalent", "[verify]") {
  struct Row {
    const char *file;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"x.size()[0] == y.size()[0]\n2 <= x.size()[0]\nx.size()[0] <= 64\n8 <= y.size()[0]\n"
       "y.size()[0] <= 4096\nEq(Mod(y.size()[0], 8), 0)\n",
       {"8 <= y.size()[0] <= 64", "Eq(x.size()[0], y.size()[0])", "Eq(Mod(y.size()[0], 8), 0)"}},
      {"range n -10..10\nn > -3\nn < 5\n", {"-2 <= n <= 4"}},
      {"s0 >= 4\ns0 <= 4\n", {"s0 == 4"}},
  };
  for (const Row &r : rows) {
    CAPTURE(r.file);
    GuardFile f = parse_guard_file(r.file, "f.txt");
    SimplifyAnswer a = simplify(f);
    CHECK(a.text == r.expected);
    CHECK(a.equivalence.verdict == Verdict::Proved);
    CHECK(a.complete);
  }
}
