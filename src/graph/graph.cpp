//===- graph/graph.cpp - Building and ordering program graphs --------------===//
#include "symshape/graph/graph.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <queue>

#include "symshape/expr/errors.h"

namespace symshape::graph {

Arg Arg::constant(rules::Value v) {
  Arg a;
  a.kind = Kind::Value;
  a.value = std::move(v);
  return a;
}
Arg Arg::reference(std::string name) {
  Arg a;
  a.kind = Kind::Ref;
  a.ref = std::move(name);
  return a;
}
Arg Arg::list(std::vector<Arg> items) {
  Arg a;
  a.kind = Kind::List;
  a.items = std::move(items);
  return a;
}

namespace {
void collect_refs(Arg &a, std::vector<Arg *> &out) {
  if (a.kind == Arg::Kind::Ref) out.push_back(&a);
  for (Arg &x : a.items) collect_refs(x, out);
}
} // namespace

size_t Graph::add_node(Node n) {
  std::vector<std::pair<size_t, int>> uses;
  if (program_order) {
    for (size_t i = 0; i < n.args.size(); ++i) {
      std::vector<Arg *> refs;
      collect_refs(n.args[i].second, refs);
      for (Arg *r : refs) {
        auto it = values.find(r->ref);
        if (it == values.end())
          throw ValueError("node " + n.name + " uses '" + r->ref + "', which no earlier node defines");
        r->ref_node = it->second.first;
        r->ref_element = it->second.second;
        uses.emplace_back(it->second.first, static_cast<int>(i));
      }
    }
  }
  for (const std::string &name : n.outputs)
    if (!name.empty() && values.count(name))
      throw ValueError("value '" + name + "' is defined twice (node " + n.name + ")");
  size_t v = boost::add_vertex(g);
  for (size_t k = 0; k < n.outputs.size(); ++k) {
    const std::string &name = n.outputs[k];
    if (name.empty()) continue;
    int element = n.output_shape == OutputShape::Tuple || n.output_shape == OutputShape::List ? static_cast<int>(k) : -1;
    values[name] = {v, element};
  }
  g[v] = std::move(n);
  for (const auto &[from, arg] : uses) boost::add_edge(from, v, EdgeInfo{arg}, g);
  return v;
}

void Graph::link() {
  if (program_order) return;
  for (size_t v = 0; v < size(); ++v) {
    if (boost::in_degree(v, g) > 0) continue; // already linked
    Node &n = g[v];
    for (size_t i = 0; i < n.args.size(); ++i) {
      std::vector<Arg *> refs;
      collect_refs(n.args[i].second, refs);
      for (Arg *r : refs) {
        auto it = values.find(r->ref);
        if (it == values.end()) throw ValueError("node " + n.name + " uses '" + r->ref + "', which no node defines");
        r->ref_node = it->second.first;
        r->ref_element = it->second.second;
        boost::add_edge(it->second.first, v, EdgeInfo{static_cast<int>(i)}, g);
      }
    }
  }
}

std::vector<size_t> Graph::walk_order() const {
  size_t n = size();
  std::vector<size_t> order;
  order.reserve(n);
  if (program_order) {
    for (size_t i = 0; i < n; ++i) order.push_back(i);
    return order;
  }
  std::vector<size_t> indegree(n, 0);
  for (size_t v = 0; v < n; ++v) indegree[v] = boost::in_degree(v, g);
  std::priority_queue<size_t, std::vector<size_t>, std::greater<size_t>> ready;
  for (size_t v = 0; v < n; ++v)
    if (indegree[v] == 0) ready.push(v);
  while (!ready.empty()) {
    size_t v = ready.top();
    ready.pop();
    order.push_back(v);
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
      size_t t = boost::target(*e, g);
      if (--indegree[t] == 0) ready.push(t);
    }
  }
  if (order.size() != n) {
    for (size_t v = 0; v < n; ++v)
      if (indegree[v] > 0) throw ValueError("the graph has a cycle through node " + g[v].name);
  }
  return order;
}

std::vector<size_t> Graph::reachable_from(size_t v) const {
  std::vector<size_t> out;
  if (v >= size()) return out;
  std::vector<boost::default_color_type> color(size(), boost::white_color);
  struct Collect : boost::default_bfs_visitor {
    std::vector<size_t> *out;
    size_t root;
    void discover_vertex(size_t u, const BoostGraph &) const {
      if (u != root) out->push_back(u);
    }
  } visitor;
  visitor.out = &out;
  visitor.root = v;
  boost::breadth_first_search(g, v, boost::visitor(visitor).color_map(
                                        boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g))));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<size_t> Graph::dead_nodes() const {
  std::vector<size_t> dead;
  for (size_t v = 0; v < size(); ++v) {
    const Node &node = g[v];
    if (node.kind != Node::Kind::Call || node.output_shape == OutputShape::None) continue;
    if (boost::out_degree(v, g) == 0) dead.push_back(v);
  }
  return dead;
}

} // namespace symshape::graph
