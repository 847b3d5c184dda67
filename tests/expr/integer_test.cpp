//===- integer_test.cpp - Checked 128-bit integers --------------------------===//
#include <catch2/catch.hpp>

#include "symshape/expr/integer.h"

using namespace symshape;

TEST_CASE("floordiv and pymod follow Python for every sign", "[integer]") {
  struct Row { long long a, b, q, r; };
  // Python: divmod(a, b)
  const Row rows[] = {{7, 2, 3, 1},   {-7, 2, -4, 1}, {7, -2, -4, -1}, {-7, -2, 3, -1},
                      {6, 3, 2, 0},   {-6, 3, -2, 0}, {0, 5, 0, 0},    {0, -5, 0, 0},
                      {1, 7, 0, 1},   {-1, 7, -1, 6}, {7, -3, -3, -2}, {2, -1, -2, 0},
                      // divisor +-1 (a shortcut: no division)
                      {-9, 1, -9, 0}, {9, 1, 9, 0},   {-9, -1, 9, 0},  {0, 1, 0, 0}};
  for (const Row &r : rows) {
    INFO(r.a << " divmod " << r.b);
    CHECK(floordiv(Int(r.a), Int(r.b)) == Int(r.q));
    CHECK(pymod(Int(r.a), Int(r.b)) == Int(r.r));
    CHECK(ceildiv(Int(r.a), Int(r.b)) == -floordiv(Int(-r.a), Int(r.b)));
  }
  CHECK_THROWS_AS(floordiv(Int(1), Int(0)), ZeroDivisionError);
  CHECK_THROWS_AS(pymod(Int(1), Int(0)), ZeroDivisionError);
  // The 128-bit ends by +-1.
  CHECK(floordiv(Int::min(), Int(1)) == Int::min());
  CHECK(floordiv(Int::max(), Int(1)) == Int::max());
  CHECK(floordiv(Int::max(), Int(-1)) == -Int::max());
  CHECK_THROWS_AS(floordiv(Int::min(), Int(-1)), OverflowError);
  CHECK(pymod(Int::min(), Int(1)) == Int(0));
  CHECK(pymod(Int::min(), Int(-1)) == Int(0));
  CHECK(ceildiv(Int::max(), Int(1)) == Int::max());
}

TEST_CASE("exact beyond 64 bits, overflow is an error", "[integer]") {
  Int big = *Int::parse("9223372036854775810");
  CHECK(big.str() == "9223372036854775810");
  CHECK((big * Int(1000)).str() == "9223372036854775810000");
  CHECK_FALSE(big.fits_int64());
  CHECK(Int::max().str() == "170141183460469231731687303715884105727");
  CHECK(Int::min().str() == "-170141183460469231731687303715884105728");
  CHECK(Int::parse("-170141183460469231731687303715884105728") == Int::min());
  CHECK_FALSE(Int::parse("170141183460469231731687303715884105728").has_value());
  CHECK_FALSE(Int::parse("12a").has_value());
  CHECK_FALSE(Int::parse("").has_value());
  CHECK(Int::parse("1_000") == Int(1000));
  CHECK_THROWS_AS(Int::max() + Int(1), OverflowError);
  CHECK_THROWS_AS(Int::min() - Int(1), OverflowError);
  CHECK_THROWS_AS(-Int::min(), OverflowError);
  CHECK_THROWS_AS(Int::max() * Int(2), OverflowError);
  CHECK_THROWS_AS(big.to_int64(), OverflowError);
  CHECK(pow(Int(2), 126).str() == "85070591730234615865843651857942052864");
  CHECK_THROWS_AS(pow(Int(2), 127), OverflowError);
  CHECK(pow(Int(0), 0) == Int(1));
  CHECK(gcd(Int(-12), Int(18)) == Int(6));
  CHECK(gcd(Int(0), Int(0)) == Int(0));
  CHECK(abs(Int(-5)) == Int(5));
}
