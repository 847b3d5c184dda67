// Builds two shape expressions, normalizes them and asks Z3 a question.
#include <iostream>

#include <symshape/expr/expr.h>
#include <symshape/expr/parse.h>
#include <symshape/expr/print.h>
#include <symshape/reason/smt.h>

int main() {
  using namespace symshape;
  Expr fact = parse_expr("Eq(2*s0 + 4, 2*s1)"); // normalizes to Eq(s0 + 2, s1)
  Expr s0 = symbol("s0");
  RangeMap ranges;
  ranges.set(s0, ValueRange::ints(Bound(1), Bound::pos_inf()));
  Expr goal = parse_expr("3 <= s1");
  SmtResult r = smt_prove(goal, {fact}, ranges);
  std::cout << fact.str() << " " << verdict_name(r.verdict) << ": "
            << print(fact, Dialect::Python) << " implies " << goal.str() << "\n";
  return r.verdict == Verdict::Proved ? 0 : 1;
}
