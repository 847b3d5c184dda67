//===- workload_env.cpp - The guard workload on a ShapeEnv -------------------===//
#include "workload_env.h"

#include <string>

#include "symshape/expr/parse.h"

using namespace symshape;

LoadedWorkload load_workload(const GuardWorkload &w) {
  LoadedWorkload l;
  l.env = std::make_unique<ShapeEnv>();
  for (size_t t = 0; 2 * t < w.hints.size(); ++t)
    l.env->create_tensor("t" + std::to_string(t),
                         {Int(static_cast<long long>(w.hints[2 * t])), Int(static_cast<long long>(w.hints[2 * t + 1]))},
                         {DimSpec{DimPolicy::Dynamic}, DimSpec{DimPolicy::Dynamic}});
  ParseOptions po;
  ShapeEnv *env = l.env.get();
  po.resolve = [env](const std::string &n) { return *env->lookup_source(n); };
  for (const auto &g : w.guards) l.guards.push_back(parse_expr(g, po));
  for (const auto &q : w.queries) l.queries.push_back(parse_expr(q, po));
  return l;
}

std::vector<size_t> hint_decided_guards(const GuardWorkload &w) {
  LoadedWorkload l = load_workload(w);
  std::vector<size_t> out;
  for (size_t i = 0; i < l.guards.size(); ++i) {
    size_t before = l.env->guards().size();
    l.env->evaluate(l.guards[i]);
    if (l.env->guards().size() != before) out.push_back(i);
  }
  return out;
}
