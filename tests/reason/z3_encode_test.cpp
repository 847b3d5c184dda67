//===- z3_encode_test.cpp - The Python division encoding vs brute force -----===//
#include <catch2/catch.hpp>

#include "symshape/expr/integer.h"
#include "symshape/expr/parse.h"
#include "symshape/z3_interop.h"

using namespace symshape;

TEST_CASE("floor division and Python modulo: Z3 encoding == brute force on [-30, 30]^2",
          "[reason][z3]") {
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  z3::expr a = c.int_const("enc_a"), b = c.int_const("enc_b");
  z3::expr q = z3_floordiv(a, b), m = z3_pymod(a, b);
  int checked = 0;
  for (int x = -30; x <= 30; ++x)
    for (int y = -30; y <= 30; ++y) {
      if (y == 0) continue;
      z3::expr_vector src(c), dst(c);
      src.push_back(a);
      src.push_back(b);
      dst.push_back(c.int_val(x));
      dst.push_back(c.int_val(y));
      int64_t qv, mv;
      REQUIRE(q.substitute(src, dst).simplify().is_numeral_i64(qv));
      REQUIRE(m.substitute(src, dst).simplify().is_numeral_i64(mv));
      INFO(x << " // " << y);
      REQUIRE(Int(qv) == floordiv(Int(x), Int(y)));
      REQUIRE(Int(mv) == pymod(Int(x), Int(y)));
      ++checked;
    }
  CHECK(checked == 61 * 60);
}

TEST_CASE("the symbolic encoding agrees with brute force: Z3 proves the identities", "[reason][z3]") {
  // With symbolic operands, the encoding satisfies Python's division
  // identity and the sign rule of the remainder for every b != 0.
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  z3::expr a = c.int_const("enc_a"), b = c.int_const("enc_b");
  z3::expr q = z3_floordiv(a, b), m = z3_pymod(a, b);
  z3::solver s(c);
  s.add(b != 0);
  s.add(!(a == b * q + m && z3::ite(b > 0, m >= 0 && m < b, m <= 0 && m > b)));
  CHECK(s.check() == z3::unsat);
}

TEST_CASE("rounding encodings match C/Python on sample reals", "[reason][z3]") {
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  struct Row { double x; long long floor, ceil, trunc, round; };
  const Row rows[] = {{2.5, 2, 3, 2, 2},   {3.5, 3, 4, 3, 4},    {-2.5, -3, -2, -2, -2},
                      {-3.5, -4, -3, -3, -4}, {0.25, 0, 1, 0, 0}, {-0.75, -1, 0, 0, -1},
                      {7.0, 7, 7, 7, 7}};
  for (const Row &r : rows) {
    INFO(r.x);
    z3::expr x = z3_real_of_double(c, r.x);
    int64_t v;
    REQUIRE(z3_floor(x).simplify().is_numeral_i64(v));
    CHECK(v == r.floor);
    REQUIRE(z3_ceil(x).simplify().is_numeral_i64(v));
    CHECK(v == r.ceil);
    REQUIRE(z3_trunc(x).simplify().is_numeral_i64(v));
    CHECK(v == r.trunc);
    REQUIRE(z3_round_half_even(x).simplify().is_numeral_i64(v));
    CHECK(v == r.round);
  }
  CHECK(z3_real_of_double(c, 0.1).get_decimal_string(30).rfind("0.1000000000000000055511151231", 0) == 0);
}

TEST_CASE("to_z3 caches terms per node and states definedness", "[reason][z3]") {
  Expr e = parse_expr("s0 // s1 + Mod(s0, 3)");
  z3::expr t1 = to_z3(e), t2 = to_z3(e);
  CHECK(z3::eq(t1, t2));
  CHECK(z3_defined(parse_expr("s0 // 4")).is_true());
  CHECK(z3_defined(e).to_string() == "(distinct s1 0)");
}
