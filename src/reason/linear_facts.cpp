//===- linear_facts.cpp - Bounds on linear forms ----------------------------===//
#include "symshape/reason/linear_facts.h"

namespace symshape {

namespace {

/// Splits an integer e into (form, k) with e == form + k.
std::pair<Expr, Int> split(Expr e) {
  if (e.kind() != Kind::Add) return {e, Int(0)};
  return {e - integer(e.constant()), e.constant()};
}

} // namespace

void LinearFacts::add_lower(Expr form, Int lb) {
  auto it = lower_.find(form.node());
  if (it == lower_.end()) lower_.emplace(form.node(), lb);
  else if (lb > it->second) it->second = lb;
}

bool LinearFacts::lower_bound(Expr form, Int *lb) const {
  auto it = lower_.find(form.node());
  if (it == lower_.end()) return false;
  *lb = it->second;
  return true;
}

void LinearFacts::add(Expr f) {
  if (f.kind() == Kind::And) {
    for (size_t i = 0; i < f.nargs(); ++i) add(f.arg(i));
    return;
  }
  if (!f.is_relation() || !f.arg(0).is_int() || f.kind() == Kind::Ne) return;
  auto [form, k] = split(f.arg(0));
  if (form.is_integer_constant()) return;
  // 0 <= form + k  <=>  form >= -k;   0 < form + k  <=>  form >= 1 - k
  switch (f.kind()) {
  case Kind::Le: add_lower(form, -k); break;
  case Kind::Lt: add_lower(form, Int(1) - k); break;
  case Kind::Eq: // form == -k: both directions
    add_lower(form, -k);
    add_lower(-form, k);
    break;
  default: break;
  }
}

bool LinearFacts::implies(Expr g) const {
  if (g.is_true()) return true;
  if (g.kind() == Kind::And) {
    for (size_t i = 0; i < g.nargs(); ++i)
      if (!implies(g.arg(i))) return false;
    return true;
  }
  if (!g.is_relation() || !g.arg(0).is_int()) return false;
  auto [form, k] = split(g.arg(0));
  if (form.is_integer_constant()) return false;
  Int lb, ub_neg;
  switch (g.kind()) {
  case Kind::Le: return lower_bound(form, &lb) && lb >= -k;
  case Kind::Lt: return lower_bound(form, &lb) && lb >= Int(1) - k;
  case Kind::Eq: // form == -k: lower bound -k on form and k on -form
    return lower_bound(form, &lb) && lb >= -k && lower_bound(-form, &ub_neg) && ub_neg >= k;
  case Kind::Ne: // form != -k: a lower bound above -k, or an upper bound below it
    return (lower_bound(form, &lb) && lb > -k) || (lower_bound(-form, &ub_neg) && ub_neg > k);
  default: return false;
  }
}

} // namespace symshape
