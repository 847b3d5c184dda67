//===- symbol_equalities.cpp - Classes of equal symbols --------------------===//
#include "symshape/reason/symbol_equalities.h"

#include "symshape/expr/substitute.h"

namespace symshape {

const Node *SymbolEqualities::find(const Node *x) const {
  auto it = parent_.find(x);
  if (it == parent_.end()) return x;
  if (it->second == x) return x;
  const Node *root = find(it->second);
  it->second = root; // path compression
  return root;
}

void SymbolEqualities::add(Expr fact) {
  if (fact.kind() == Kind::And) {
    for (size_t i = 0; i < fact.nargs(); ++i) add(fact.arg(i));
    return;
  }
  if (fact.kind() != Kind::Eq) return;
  Expr e = fact.arg(0); // x - y == 0
  if (e.kind() != Kind::Add || e.nargs() != 2 || e.constant() != Int(0) || !e.arg(0).is_symbol() ||
      !e.arg(1).is_symbol() || e.coeff(0) != -e.coeff(1) || abs(e.coeff(0)) != Int(1))
    return;
  const Node *a = find(e.arg(0).node()), *b = find(e.arg(1).node());
  if (a == b) return;
  // The least symbol (canonical order) represents the class.
  if (compare(Expr(b), Expr(a)) < 0) std::swap(a, b);
  parent_[a] = a;
  parent_[b] = a;
}

Expr SymbolEqualities::canonical(Expr e) const {
  if (parent_.empty()) return e;
  SubstMap sub;
  for (Expr s : free_symbols(e)) {
    const Node *r = find(s.node());
    if (r != s.node()) sub.emplace(s.node(), Expr(r));
  }
  return sub.empty() ? e : substitute(e, sub);
}

} // namespace symshape
