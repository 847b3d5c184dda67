//===- build_test.cpp - The normal form, operator by operator ---------------===//
//
// Tables of input text -> the normal form printed in sympy str() style
// (PyTorch 2.6's spelling; rows marked "PyTorch:" show where its text
// differs and why ours is still equivalent).
//
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include <thread>

#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"

using namespace symshape;

namespace {
struct Row {
  const char *input;
  const char *expected;
};

void check_table(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    INFO("input: " << r.input);
    CHECK(print(parse_expr(r.input)) == r.expected);
  }
}
} // namespace

TEST_CASE("sums and products are flattened, collected and ordered like sympy", "[expr][build]") {
  check_table({
      {"s0 + 2", "s0 + 2"},
      {"2 + s0", "s0 + 2"},
      {"100 - s1", "100 - s1"},
      {"s1 - s0", "-s0 + s1"},
      {"-s0 - 1", "-s0 - 1"},
      {"s0 + s0", "2*s0"},
      {"s0 - s0", "0"},
      {"s0 + 0", "s0"},
      {"s0*1", "s0"},
      {"s0*0", "0"},
      {"3*s0 - 2*s1 + 1", "3*s0 - 2*s1 + 1"},
      {"s0*s1 + s0*2*s1", "3*s0*s1"},
      {"2*s0*s1 + s0", "2*s0*s1 + s0"},
      {"s0*s0 + s1", "s0**2 + s1"},
      {"s0*s0*s0", "s0**3"},
      {"s1*s0", "s0*s1"},
      {"s0 + s10 + s2", "s0 + s10 + s2"},
      {"(s0 + 1)*(s1 + 2)", "s0*s1 + 2*s0 + s1 + 2"},
      {"2*(s0 + 1)", "2*s0 + 2"},
      {"(s0 + 1)*(s0 - 1)", "s0**2 - 1"},
      {"(s0 + s1)**2", "s0**2 + 2*s0*s1 + s1**2"},
      {"-(s0 - s1)", "-s0 + s1"},
      {"s0*u0 - 1", "s0*u0 - 1"},
      {"u0 - s0 + 2*u1", "-s0 + u0 + 2*u1"},
      {"(s0*s1)*(s1*s2)", "s0*s1**2*s2"},
      {"2**70*s0", "1180591620717411303424*s0"},
      {"170141183460469231731687303715884105727 + 0", "170141183460469231731687303715884105727"},
      {"Add(s0, Integer(2), Mul(Integer(-1), s1))", "s0 - s1 + 2"},
  });
}

TEST_CASE("floor division follows Python and PyTorch's rewrites", "[expr][build][floordiv]") {
  check_table({
      {"7 // 2", "3"},
      {"-7 // 2", "-4"},
      {"7 // -2", "-4"},
      {"-7 // -2", "3"},
      {"s0 // 1", "s0"},
      {"s0 // -1", "-s0"},
      {"FloorDiv(s0, 2)", "(s0//2)"},
      {"s0 // -2", "((-s0)//2)"},
      {"(4*s0 + s1) // 4", "s0 + ((s1//4))"},
      {"(4*s0 + 6) // 4", "s0 + 1"},
      {"(s0 + 5) // 2", "(((s0 + 1)//2)) + 2"},
      {"((s0 - 1)//2) + 1", "((s0 + 1)//2)"},       // PyTorch: (((s0 - 1)//2)) + 1
      {"(2*s0 + 1) // 4", "(s0//2)"},               // content: floor((2x+1)/4) == floor(x/2)
      {"(6*s0 + 3*s1) // 9", "((2*s0 + s1)//3)"},
      {"(s0 // 2) // 4", "(s0//8)"},
      {"FloorDiv(FloorDiv(s0, s1), 3)", "(s0//(3*s1))"},
      {"s0 // s0", "1"},
      {"(s0*s1) // s1", "s0"},
      {"(2*s0*s1 + 4*s0) // (2*s0)", "s1 + 2"},
      {"(s0*s1 + 3) // s1", "s0 + ((3//s1))"},
      {"0 // s0", "0"},
      {"CleanDiv(8*s0, 8)", "s0"},
      {"CleanDiv(s0, 8)", "(s0//8)"},
      {"CeilDiv(s0, 2)", "((s0 + 1)//2)"},
      {"CeilDiv(s0, s1)", "-(((-s0)//s1))"},
      {"CeilDiv(7, 2)", "4"},
  });
}

TEST_CASE("modulo has the sign of the divisor", "[expr][build][mod]") {
  check_table({
      {"7 % 3", "1"},
      {"-7 % 3", "2"},
      {"7 % -3", "-2"},
      {"-7 % -3", "-1"},
      {"s0 % 1", "0"},
      {"s0 % -1", "0"},
      {"Mod(s0, 8)", "Mod(s0, 8)"},
      {"PythonMod(u0, 3)", "Mod(u0, 3)"},
      {"(8*s0 + s1) % 8", "Mod(s1, 8)"},
      {"(s0 + 10) % 8", "Mod(s0 + 2, 8)"},
      {"(2*s0) % 8", "Mod(2*s0, 8)"},
      {"(4*u0 + 10) % 8", "Mod(4*u0 + 2, 8)"},
      {"(s0 % 16) % 8", "Mod(s0, 8)"},
      {"(s0 % 8) % 16", "Mod(Mod(s0, 8), 16)"},
      {"s0 % s0", "0"},
      {"(s0*s1) % s1", "0"},
      {"(s0*s1 + 1) % s1", "Mod(1, s1)"},
      {"(s0*s1) % (s0*s2)", "s0*(Mod(s1, s2))"},
      {"s0 % -3", "-(Mod(2*s0, 3))"},
      {"0 % s0", "0"},
  });
}

TEST_CASE("Min and Max flatten, collapse constants and shifted twins", "[expr][build][minmax]") {
  check_table({
      {"Max(s0, s1, 2)", "Max(2, s0, s1)"},
      {"max(3, 5)", "5"},
      {"Min(s0, 3)", "Min(3, s0)"},
      {"Max(1, Max(257, u0))", "Max(257, u0)"},
      {"Max(s0, s0)", "s0"},
      {"Max(s0 + 1, s0 + 3, s1)", "Max(s1, s0 + 3)"},
      {"Min(s0 + 1, s0 + 3)", "s0 + 1"},
      {"Max(s0, Min(s0, s1))", "Max(s0, Min(s0, s1))"},
      {"min(s0, s1, s0)", "Min(s0, s1)"},
      {"Max(s0)", "s0"},
      {"2*Max(s1, s0 + 1)", "2*Max(s1, s0 + 1)"},
  });
}

TEST_CASE("powers: constant exponents expand, PowByNatural stays", "[expr][build][pow]") {
  check_table({
      {"s0**2", "s0**2"},
      {"s0**0", "1"},
      {"0**0", "1"},
      {"2**10", "1024"},
      {"PowByNatural(s0, 3)", "s0**3"},
      {"PowByNatural(s0, u0)", "PowByNatural(s0, u0)"},
      {"PowByNatural(1, u0)", "1"},
      {"(2*s0)**3", "8*s0**3"},
      {"(s0 + 1)**2", "s0**2 + 2*s0 + 1"},
  });
  CHECK_THROWS_AS(parse_expr("s0 ** -1"), ParseError);
}

TEST_CASE("relations take PyTorch's canonical form", "[expr][build][relation]") {
  check_table({
      {"s0 > 5", "5 < s0"},
      {"s0 >= s1", "s1 <= s0"},
      {"Eq(2*s0 + 4, 2*s1)", "Eq(s0 + 2, s1)"},
      {"6*s0 < 4*s1 + 2", "3*s0 < 2*s1 + 1"},
      {"u0 >= 0", "0 <= u0"},
      {"Ne(s0, 2)", "Ne(s0, 2)"},
      {"Eq(s0, s1)", "Eq(s0, s1)"},
      {"Eq(s1, s0)", "Eq(s0, s1)"},          // PyTorch keeps Eq(s1, s0); same relation
      {"Eq(u0, 0)", "Eq(u0, 0)"},
      {"Eq(0, u0)", "Eq(u0, 0)"},
      {"2*s0 == 5", "False"},                // no integer solution
      {"2*s0 != 5", "True"},
      {"2*s0 < 5", "s0 < 3"},                // 2*s0 < 5 <=> s0 <= 2 <=> s0 < 3
      {"2*s0 <= 5", "s0 <= 2"},
      {"3 < 4", "True"},
      {"s0 < s0", "False"},
      {"s0 <= s0", "True"},
      {"Eq(Mod(s0, 8), 0)", "Eq(Mod(s0, 8), 0)"},
      {"x.size()[0] // 8 * 8 == x.size()[0]", "Eq(x.size()[0], 8*((x.size()[0]//8)))"},
      {"s0*s1 > s2", "s2 < s0*s1"},
      {"Max(s0, s1) < 7", "Max(s0, s1) < 7"},
      {"StrictGreaterThan(s0, Integer(3))", "3 < s0"},
      {"s0 + 1 <= 2*s1", "s0 + 1 <= 2*s1"},
      {"s0 < 5 < s1", "(s0 < 5) & (5 < s1)"},
  });
}

TEST_CASE("logic: flattened, deduplicated, negation pushed inward", "[expr][build][logic]") {
  check_table({
      {"True and s0 < 5", "s0 < 5"},
      {"False and s0 < 5", "False"},
      {"s0 < 5 or True", "True"},
      {"s0 < 5 and s0 < 5", "s0 < 5"},
      {"s0 < 5 and not s0 < 5", "False"},
      {"s0 < 5 or s0 >= 5", "True"},
      {"not s0 < 5", "5 <= s0"},
      {"not s0 <= 5", "5 < s0"},
      {"not Eq(s0, 3)", "Ne(s0, 3)"},
      {"not Ne(s0, 3)", "Eq(s0, 3)"},
      {"not (s0 < 5 and s1 < 3)", "(5 <= s0) | (3 <= s1)"},
      {"not not (s0 < 5)", "s0 < 5"},
      {"(s0 < 5) & (Eq(s0, 2) | (s1 < 3))", "(s0 < 5) & (Eq(s0, 2) | (s1 < 3))"},
      {"And(s0 < 5, And(s1 < 3, s2 < 1))", "(s0 < 5) & (s1 < 3) & (s2 < 1)"},
  });
}

TEST_CASE("Where / Piecewise", "[expr][build][where]") {
  check_table({
      {"Piecewise((s0, Eq(s0, 5)), (s1, True))", "Piecewise((s0, Eq(s0, 5)), (s1, True))"},
      {"Where(True, s0, s1)", "s0"},
      {"Where(False, s0, s1)", "s1"},
      {"Where(s0 < 3, s1, s1)", "s1"},
      {"s0 if not s0 < 3 else s1", "Piecewise((s0, 3 <= s0), (s1, True))"},
      {"Piecewise((s0, Eq(s0, 5)), (s1, Eq(s1, 3)), (s2, True))",
       "Piecewise((s0, Eq(s0, 5)), (s1, Eq(s1, 3)), (s2, True))"},
      {"cast_symbool_to_symint_guardless(Eq(u0, 1))", "Piecewise((1, Eq(u0, 1)), (0, True))"},
  });
}

TEST_CASE("float-valued terms", "[expr][build][float]") {
  check_table({
      {"ToFloat(s0)", "ToFloat(s0)"},
      {"float(3)", "3.0"},
      {"2.0*ToFloat(s1)", "2.0*ToFloat(s1)"},
      {"TruncToInt(2.0*ToFloat(s1))", "TruncToInt(2.0*ToFloat(s1))"},
      {"s0 / 2", "IntTrueDiv(s0, 2)"},
      {"7 / 2", "3.5"},
      {"FloatTrueDiv(ToFloat(s0), 2.0)", "FloatTrueDiv(ToFloat(s0), 2.0)"},
      {"FloorToInt(IntTrueDiv(s0, 2))", "FloorToInt(IntTrueDiv(s0, 2))"},
      {"math.floor(3.5)", "3"},
      {"math.ceil(-3.5)", "-3"},
      {"math.trunc(-3.5)", "-3"},
      {"round(2.5)", "2"},
      {"round(3.5)", "4"},
      {"ToFloat(s0) + 0.0", "ToFloat(s0)"},
      {"1.0*ToFloat(s0)", "ToFloat(s0)"},
      {"2.5*ToFloat(s0) + 1.0", "2.5*ToFloat(s0) + 1.0"},
      {"s0 + 0.5", "ToFloat(s0) + 0.5"},
      {"ToFloat(s0) < 2.5", "ToFloat(s0) < 2.5"},
      {"FloatPow(ToFloat(s0), 2.0)", "FloatPow(ToFloat(s0), 2.0)"},
      {"Float('2.0', precision=53)*ToFloat(s0)", "2.0*ToFloat(s0)"},
  });
}

TEST_CASE("srepr text from torch.export files", "[expr][build][srepr]") {
  check_table({
      {"Mul(Integer(2), Symbol('s0', positive=True, integer=True))", "2*s0"},
      {"Add(Symbol('s0', integer=True, positive=True), Integer(-1))", "s0 - 1"},
      {"FloorDiv(Add(Symbol('s0', integer=True, positive=True), Integer(-1)), Integer(2))", "(((s0 + 1)//2)) - 1"},
      {"Pow(Symbol('s0', integer=True, positive=True), Integer(2))", "s0**2"},
      {"Equality(Symbol('u0', integer=True), Integer(1))", "Eq(u0, 1)"},
      {"Rational(4, 2)", "2"},
      {"BooleanTrue()", "True"},
  });
}

TEST_CASE("hash-consing: one node per distinct term", "[expr][build]") {
  Expr a = parse_expr("s0*s1 + 2*s0 + 1");
  Expr b = parse_expr("1 + s0*(s1 + 2)");
  CHECK(a == b);
  CHECK(a.id() == b.id());
  CHECK(parse_expr("Max(s0, 3)") == sym_max(symbol("s0"), 3));
  CHECK(parse_expr("s0 + 1") != parse_expr("s0 + 2"));
}

TEST_CASE("hash-consing holds across threads", "[expr][build][threads]") {
  // Four threads build the same 3000 new terms (symbols and constants of
  // their own, so every node is created here), each in its own order, while
  // the table grows: every term must come out as one node.
  constexpr int kThreads = 4, kTerms = 3000;
  std::vector<std::string> texts;
  for (int i = 0; i < kTerms; ++i)
    texts.push_back("mt_a" + std::to_string(i % 50) + " + " + std::to_string(7 * i + 1000003) + "*mt_b" +
                    std::to_string(i % 37) + " < " + std::to_string(i));
  std::vector<std::vector<const Node *>> got(kThreads, std::vector<const Node *>(kTerms));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < kTerms; ++k) {
        int i = t % 2 ? kTerms - 1 - k : (k * 7 + t) % kTerms; // forwards (strided) or backwards
        got[t][i] = parse_expr(texts[i]).node();
      }
    });
  for (auto &th : threads) th.join();
  int differing = 0;
  for (int i = 0; i < kTerms; ++i)
    for (int t = 1; t < kThreads; ++t) differing += got[t][i] != got[0][i];
  CHECK(differing == 0);
  CHECK(parse_expr(texts[123]).node() == got[2][123]);
  CHECK(print(Expr(got[3][5])) == "mt_a5 + 1000038*mt_b5 < 5");
}

// A node's args and the payload of its kind share one arena block
// (expr.h): each kind reads back exactly what it was built from.
TEST_CASE("node payloads read back: coefficients, exponents, names, floats", "[expr][build]") {
  // An Add of 40 terms with coefficients past 64 bits (the coefficients
  // follow the 40 args, 16-aligned).
  Expr sum = integer(Int::from_raw(static_cast<__int128>(1) << 100));
  for (int i = 0; i < 40; ++i)
    sum = sum + integer(Int::from_raw((static_cast<__int128>(i + 1) << 70) + i)) * symbol("v" + std::to_string(100 + i));
  REQUIRE(sum.kind() == Kind::Add);
  REQUIRE(sum.nargs() == 40);
  CHECK(sum.constant() == Int::from_raw(static_cast<__int128>(1) << 100));
  for (size_t i = 0; i < 40; ++i) {
    CHECK(sum.arg(i) == symbol("v" + std::to_string(100 + i)));
    CHECK(sum.coeff(i) == Int::from_raw((static_cast<__int128>(i + 1) << 70) + static_cast<__int128>(i)));
  }
  // Mul exponents, an odd count (4-byte exponents after 8-byte args).
  Expr x = symbol("x"), y = symbol("y"), z = symbol("z");
  Expr m = pow(x, 3u) * pow(y, 7u) * z;
  REQUIRE(m.kind() == Kind::Mul);
  REQUIRE(m.nargs() == 3);
  CHECK(m.exponent(0) == 3);
  CHECK(m.exponent(1) == 7);
  CHECK(m.exponent(2) == 1);
  // Names of any length; name() of other kinds is empty.
  std::string long_name(1000, 'q');
  CHECK(symbol(long_name).name() == long_name);
  CHECK(symbol("s0").name() == "s0");
  CHECK(sum.name().empty());
  CHECK(integer(5).name().empty());
  // Float values, and 0.0 for the other kinds.
  CHECK(floating(2.5).float_value() == 2.5);
  CHECK(floating(-1e300).float_value() == -1e300);
  CHECK(integer(7).float_value() == 0.0);
  CHECK(floating(0.5) == floating(0.5));
  CHECK(floating(0.5) != floating(0.25));
  // Equal payloads are one node, different ones are not.
  CHECK(pow(x, 3u) * pow(y, 7u) * z == m);
  CHECK(pow(x, 3u) * pow(y, 6u) * z != m);
  CHECK(symbol(long_name) == symbol(long_name));
  CHECK(symbol(long_name + "r") != symbol(long_name));
}

TEST_CASE("errors name what went wrong and where", "[expr][build][errors]") {
  auto fails = [](const char *text, const char *kind, int col, const char *contains) {
    INFO(text);
    try {
      parse_expr(text);
      FAIL("no error");
    } catch (const ParseError &e) {
      CHECK(e.kind() == kind);
      CHECK(e.column() == col);
      CHECK_THAT(e.detail(), Catch::Contains(contains));
    }
  };
  fails("s0 // 0", "zero_division", 4, "division by zero");
  fails("s0 % 0", "zero_division", 4, "modulo by zero");
  fails("7 / 0", "zero_division", 3, "division by zero");
  fails("(s0 < 3) + 1", "type", 10, "unsupported operand type");
  fails("(s0 < 3) < 1", "type", 10, "cannot compare a bool with a number");
  fails("s0 +", "parse", 5, "expected an expression");
  fails("Max()", "parse", 1, "at least 1");
  fails("FloorDiv(s0)", "parse", 1, "takes 2 arguments");
  fails("foo(s0)", "parse", 1, "unknown function 'foo'");
  fails("s0 $ 2", "parse", 4, "unexpected character '$'");
  fails("s0 + oo", "parse", 6, "infinities live in ranges");
  fails("100000000000000000000000000000000000000000", "parse", 1, "does not fit in 128 bits");
}
