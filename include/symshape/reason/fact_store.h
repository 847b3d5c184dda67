//===- symshape/reason/fact_store.h - Facts indexed by their symbols -------===//
//
// The facts a proof may use, indexed by symbol and grouped by connected
// component (a union-find over symbols), so that a query sees only the
// facts that share symbols with it, most relevant first.  A proof from a
// subset of the facts is a proof from all of them, so every cut is sound.
//
// Cost: add is near-constant; relevant() is breadth-first over the facts it
// returns (it stops at `limit`).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "symshape/expr/expr.h"

namespace symshape {

/// The facts Z3 may use, grouped by connected component of their symbols
/// (a union-find over symbols), so a query sees only the facts that share
/// symbols with it.
class FactStore {
public:
  void add(Expr fact);
  /// The facts whose symbols are connected to any of `symbols`.
  std::vector<Expr> component(const std::vector<Expr> &symbols);
  /// The facts most relevant to `symbols`, at most `limit`, most relevant
  /// first: those sharing the most symbols with the query, then their
  /// neighbours (breadth-first over the component).  Dropping facts only
  /// weakens a proof: still sound.
  std::vector<Expr> relevant(const std::vector<Expr> &symbols, size_t limit);
  size_t size() const { return facts_.size(); }
  const std::vector<Expr> &all() const { return facts_; }

private:
  const Node *find(const Node *s);
  void unite(const Node *a, const Node *b);
  std::vector<Expr> facts_;
  std::vector<std::vector<const Node *>> symbols_;                 // per fact
  std::unordered_map<const Node *, std::vector<size_t>> by_symbol_; // symbol -> facts
  std::unordered_set<const Node *> seen_;
  std::unordered_map<const Node *, const Node *> parent_;
  std::unordered_map<const Node *, std::vector<size_t>> members_; // root -> fact ids
  std::vector<size_t> ground_; // facts without symbols
};

} // namespace symshape
