//===- fact_store.cpp - Facts indexed by their symbols ---------------------===//
#include "symshape/reason/fact_store.h"

#include <algorithm>

namespace symshape {

void FactStore::add(Expr fact) {
  if (!seen_.insert(fact.node()).second) return;
  size_t id = facts_.size();
  facts_.push_back(fact);
  std::vector<Expr> syms = free_symbols(fact);
  symbols_.emplace_back();
  for (Expr s : syms) {
    symbols_.back().push_back(s.node());
    by_symbol_[s.node()].push_back(id);
  }
  if (syms.empty()) {
    ground_.push_back(id);
    return;
  }
  for (Expr s : syms) find(s.node());
  for (size_t i = 1; i < syms.size(); ++i) unite(syms[0].node(), syms[i].node());
  members_[find(syms[0].node())].push_back(id);
}

const Node *FactStore::find(const Node *s) {
  auto it = parent_.find(s);
  if (it == parent_.end()) {
    parent_.emplace(s, s);
    return s;
  }
  if (it->second == s) return s;
  const Node *root = find(it->second);
  parent_[s] = root;
  return root;
}

void FactStore::unite(const Node *a, const Node *b) {
  a = find(a);
  b = find(b);
  if (a == b) return;
  auto &ma = members_[a], &mb = members_[b];
  if (ma.size() < mb.size()) {
    std::swap(a, b);
  }
  auto &big = members_[a], &small = members_[b];
  big.insert(big.end(), small.begin(), small.end());
  members_.erase(b);
  parent_[b] = a;
}

std::vector<Expr> FactStore::relevant(const std::vector<Expr> &symbols, size_t limit) {
  // Ground facts; then the facts on the query's symbols, those sharing the
  // most of them first (a fact on both a and b is what usually decides
  // a != b); then breadth-first: the facts on those facts' other symbols, ...
  // The result is in that order, so a prefix is the most relevant subset.
  std::vector<size_t> ids(ground_.begin(), ground_.end());
  std::unordered_set<size_t> taken(ids.begin(), ids.end());
  std::unordered_set<const Node *> visited;
  for (Expr s : symbols) visited.insert(s.node());
  std::vector<std::pair<size_t, size_t>> first; // (-shared count, id)
  std::unordered_map<size_t, size_t> shared;
  for (const Node *s : visited) {
    auto it = by_symbol_.find(s);
    if (it == by_symbol_.end()) continue;
    for (size_t id : it->second)
      if (!taken.count(id)) ++shared[id];
  }
  for (auto &[id, n] : shared) first.emplace_back(SIZE_MAX - n, id);
  std::sort(first.begin(), first.end());
  std::vector<const Node *> frontier;
  for (auto &[score, id] : first) {
    if (ids.size() >= limit) break;
    taken.insert(id);
    ids.push_back(id);
    for (const Node *t : symbols_[id])
      if (visited.insert(t).second) frontier.push_back(t);
  }
  while (!frontier.empty() && ids.size() < limit) {
    std::vector<const Node *> next;
    for (const Node *s : frontier) {
      auto it = by_symbol_.find(s);
      if (it == by_symbol_.end()) continue;
      for (size_t id : it->second) {
        if (ids.size() >= limit) break;
        if (!taken.insert(id).second) continue;
        ids.push_back(id);
        for (const Node *t : symbols_[id])
          if (visited.insert(t).second) next.push_back(t);
      }
    }
    frontier.swap(next);
  }
  std::vector<Expr> out;
  out.reserve(ids.size());
  for (size_t i : ids) out.push_back(facts_[i]);
  return out;
}

std::vector<Expr> FactStore::component(const std::vector<Expr> &symbols) {
  std::unordered_set<const Node *> roots;
  for (Expr s : symbols)
    if (parent_.count(s.node())) roots.insert(find(s.node()));
  std::vector<size_t> ids(ground_);
  for (const Node *r : roots) {
    auto it = members_.find(r);
    if (it != members_.end()) ids.insert(ids.end(), it->second.begin(), it->second.end());
  }
  std::sort(ids.begin(), ids.end());
  std::vector<Expr> out;
  out.reserve(ids.size());
  for (size_t i : ids) out.push_back(facts_[i]);
  return out;
}

} // namespace symshape
