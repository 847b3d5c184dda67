//===- build_logic.cpp - Relations, boolean connectives and Where --------===//
//
// Relations are stored as  e ⋈ 0  (Eq: e == 0, Ne: e != 0, Lt: 0 < e,
// Le: 0 <= e) with PyTorch's canonicalization applied to e: the integer
// content is divided out (rounding the constant the way each relation allows),
// and Eq/Ne pick the sign that puts the first term on the left.  So
// `s0 > 5` is `5 < s0`, `Eq(2*s0 + 4, 2*s1)` is `Eq(s0 + 2, s1)` and
// `6*s0 < 4*s1 + 2` is `3*s0 < 2*s1 + 1`, exactly as PyTorch prints them.
//
// And/Or are flattened, sorted and deduplicated; Not is pushed into
// relations and through And/Or, so only Not(bool symbol) and Not(Where)
// remain.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <unordered_set>

#include "expr_internal.h"

namespace symshape {
namespace detail {

Expr relation_of(Kind k, Expr e) {
  if (e.is_integer_constant() || e.is_float_constant()) {
    double v = e.is_float_constant() ? e.float_value() : 0.0;
    int sign = e.is_integer_constant() ? e.value().sign() : (v > 0) - (v < 0);
    return boolean(relation_holds(k, sign));
  }
  if (e.is_int()) {
    // Content and leading sign straight from the node: most relations are
    // already in normal form and need no copy of their terms.
    const bool is_add = e.kind() == Kind::Add;
    Int g = is_add ? content_of(e.node()->coeffs(), e.nargs()) : Int(1);
    Int k0 = is_add ? e.constant() : Int(0);
    const Int first = is_add ? e.coeff(0) : Int(1);
    if (k == Kind::Eq || k == Kind::Ne) {
      if (!pymod(k0, g).is_zero()) {
        fired(k == Kind::Eq ? Rule::EqIndivisible : Rule::NeIndivisible);
        return boolean(k == Kind::Ne);
      }
      Int s = first.is_positive() ? Int(-1) : Int(1);
      if (s == Int(-1)) fired(k == Kind::Eq ? Rule::EqFlipSign : Rule::NeFlipSign);
      if (g > Int(1)) fired(k == Kind::Eq ? Rule::EqContent : Rule::NeContent);
      if (g > Int(1) || s == Int(-1)) {
        Linear l = linear_of(e);
        for (auto &t : l.terms) t.second = floordiv(t.second, g) * s;
        e = make_add(floordiv(k0, g) * s, l.terms);
      }
    } else if (g > Int(1)) {
      fired(k == Kind::Lt ? Rule::LtContent : Rule::LeContent);
      Linear l = linear_of(e);
      for (auto &t : l.terms) t.second = floordiv(t.second, g);
      // 0 < g*X + k  <=>  0 < X + ceil(k/g);   0 <= g*X + k  <=>  0 <= X + floor(k/g)
      e = make_add(k == Kind::Lt ? ceildiv(k0, g) : floordiv(k0, g), l.terms);
    }
  }
  return make_node(k, Type::Bool, {e});
}

namespace {

/// lhs ⋈ rhs with int/float promotion.
Expr relation(Kind k, Expr lhs, Expr rhs, const char *op) {
  require_numeric(op, lhs);
  require_numeric(op, rhs);
  if (lhs.is_float() || rhs.is_float()) {
    lhs = to_float(lhs);
    rhs = to_float(rhs);
  }
  switch (k) {
  case Kind::Lt: fired(Rule::LtToZero); break;
  case Kind::Le: fired(Rule::LeToZero); break;
  case Kind::Eq: fired(Rule::EqToZero); break;
  default: fired(Rule::NeToZero); break;
  }
  return relation_of(k, rhs - lhs);
}

Expr connective(Kind kind, const std::vector<Expr> &in) {
  const bool is_and = kind == Kind::And;
  const char *op = is_and ? "and" : "or";
  std::vector<Expr> args;
  args.reserve(in.size());
  for (Expr a : in) {
    require_bool(op, a);
    if (a.kind() == kind) {
      fired(is_and ? Rule::AndFlatten : Rule::OrFlatten);
      for (size_t i = 0; i < a.nargs(); ++i) args.push_back(a.arg(i));
    } else if (a.is_bool_constant()) {
      if (a.bool_value() == is_and) {
        fired(is_and ? Rule::AndTrue : Rule::OrFalse);
      } else {
        fired(is_and ? Rule::AndFalse : Rule::OrTrue);
        return boolean(!is_and);
      }
    } else {
      args.push_back(a);
    }
  }
  std::sort(args.begin(), args.end(), ExprLess());
  size_t before = args.size();
  args.erase(std::unique(args.begin(), args.end()), args.end());
  if (args.size() != before) fired(is_and ? Rule::AndDuplicate : Rule::OrDuplicate);
  if (args.empty()) return boolean(is_and);
  if (args.size() == 1) return args[0];
  if (args.size() <= 64) {
    std::unordered_set<const Node *> present;
    for (Expr a : args) present.insert(a.node());
    for (Expr a : args) {
      if (a.kind() == Kind::And || a.kind() == Kind::Or) continue; // keep it cheap
      if (present.count(not_(a).node())) {
        fired(is_and ? Rule::AndComplement : Rule::OrComplement);
        return boolean(!is_and);
      }
    }
  }
  return make_node(kind, Type::Bool, args);
}

} // namespace
} // namespace detail

using namespace detail;

Expr eq(Expr a, Expr b) { return relation(Kind::Eq, a, b, "=="); }
Expr ne(Expr a, Expr b) { return relation(Kind::Ne, a, b, "!="); }
Expr lt(Expr a, Expr b) { return relation(Kind::Lt, a, b, "<"); }
Expr le(Expr a, Expr b) { return relation(Kind::Le, a, b, "<="); }
Expr gt(Expr a, Expr b) {
  fired(Rule::GtToLt);
  return relation(Kind::Lt, b, a, ">");
}
Expr ge(Expr a, Expr b) {
  fired(Rule::GeToLe);
  return relation(Kind::Le, b, a, ">=");
}

Expr and_(const std::vector<Expr> &args) { return connective(Kind::And, args); }
Expr or_(const std::vector<Expr> &args) { return connective(Kind::Or, args); }

Expr not_(Expr a) {
  require_bool("not", a);
  switch (a.kind()) {
  case Kind::BoolConst: return boolean(!a.bool_value());
  case Kind::Not: fired(Rule::NotNot); return a.arg(0);
  case Kind::Eq: fired(Rule::NotEq); return make_node(Kind::Ne, Type::Bool, {a.arg(0)});
  case Kind::Ne: fired(Rule::NotNe); return make_node(Kind::Eq, Type::Bool, {a.arg(0)});
  case Kind::Lt: fired(Rule::NotLt); return relation_of(Kind::Le, -a.arg(0));
  case Kind::Le: fired(Rule::NotLe); return relation_of(Kind::Lt, -a.arg(0));
  case Kind::And:
  case Kind::Or: {
    fired(a.kind() == Kind::And ? Rule::NotAnd : Rule::NotOr);
    std::vector<Expr> neg;
    neg.reserve(a.nargs());
    for (size_t i = 0; i < a.nargs(); ++i) neg.push_back(not_(a.arg(i)));
    return a.kind() == Kind::And ? or_(neg) : and_(neg);
  }
  default: return make_node(Kind::Not, Type::Bool, {a});
  }
}

Expr where(Expr c, Expr a, Expr b) {
  require_bool("Where", c);
  if (a.is_bool() != b.is_bool()) type_error("Where", a, b);
  if (a.is_float() != b.is_float()) {
    a = to_float(a);
    b = to_float(b);
  }
  if (c.is_bool_constant()) {
    fired(c.bool_value() ? Rule::WhereTrue : Rule::WhereFalse);
    return c.bool_value() ? a : b;
  }
  if (a == b) {
    fired(Rule::WhereSame);
    return a;
  }
  if (c.kind() == Kind::Not) {
    fired(Rule::WhereNot);
    return where(c.arg(0), b, a);
  }
  return make_node(Kind::Where, a.type(), {c, a, b});
}

std::pair<Expr, Expr> relation_sides(Expr rel) {
  if (!rel.is_relation()) throw ValueError("relation_sides: not a relation: " + rel.str());
  Expr e = rel.arg(0);
  Expr lhs = e.is_float() ? floating(0.0) : integer(0);
  Expr rhs = lhs;
  if (e.is_int()) {
    Linear l = linear_of(e);
    Terms pos, neg;
    for (auto &[m, k] : l.terms) (k.is_negative() ? neg : pos).emplace_back(m, k.is_negative() ? -k : k);
    Int kp = l.constant.is_positive() ? l.constant : Int(0);
    Int kn = l.constant.is_negative() ? -l.constant : Int(0);
    // With every term on one side, the constant reads better on the other:
    // `s0 == -2` rather than `s0 + 2 == 0`, `-5 < s0` rather than `0 < s0 + 5`.
    if (pos.empty() && !neg.empty() && !kn.is_zero()) return {make_add(Int(0), neg), integer(-kn)};
    if (neg.empty() && !pos.empty() && !kp.is_zero()) return {integer(-kp), make_add(Int(0), pos)};
    return {make_add(kn, neg), make_add(kp, pos)};
  }
  // Float: split a FloatAdd's args by the sign of their constant factor.
  auto negative = [](Expr t) {
    if (t.is_float_constant()) return t.float_value() < 0;
    return t.kind() == Kind::FloatMul && t.arg(0).is_float_constant() &&
           t.arg(0).float_value() < 0;
  };
  std::vector<Expr> terms;
  if (e.kind() == Kind::FloatAdd) terms = e.args();
  else terms.push_back(e);
  for (Expr t : terms) {
    if (negative(t)) lhs = lhs - t;
    else rhs = rhs + t;
  }
  return {lhs, rhs};
}

} // namespace symshape
