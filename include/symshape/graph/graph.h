//===- symshape/graph/graph.h - Program graphs for the walker --------------===//
//
// A dataflow graph stored in a Boost.Graph `adjacency_list`: vertices are
// placeholders, operator calls and the output node; an edge runs from the
// node that defines a value to each node that uses it.  Node arguments are
// trees (`Arg`): constants (any rules::Value), references to named values
// (a node output, or one element of a tuple output), lists of these, and
// subgraphs (torch.cond branches).
//
// Values are named: every node defines one or more names (`outputs`); a node
// returning a tuple names each element (torch.export's convention, where
// `operator.getitem` is not a node), and so does a node returning a list of
// tensors.
//
// Cost: building is linear in nodes + uses; `walk_order` is O(V log V + E).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "symshape/rules/value.h"

namespace symshape::graph {

struct Graph;

/// An argument of a node.
struct Arg {
  enum class Kind { Value, Ref, List, Subgraph };
  Kind kind = Kind::Value;
  rules::Value value;      ///< Value: a constant
  std::string ref;         ///< Ref: the name of a value
  /// Ref, resolved when the node joins a graph (or at link()): the defining
  /// node and the element of its result (-1: the whole result).
  size_t ref_node = SIZE_MAX;
  int ref_element = -1;
  std::vector<Arg> items;  ///< List
  int subgraph = -1;       ///< Subgraph: index into Graph::subgraphs

  static Arg constant(rules::Value v);
  static Arg reference(std::string name);
  static Arg list(std::vector<Arg> items);
};

/// How a node's result maps to its output names.
enum class OutputShape {
  Single,  ///< one value (tensor, SymInt, ...), one name
  Tuple,   ///< a tuple: one name per element (unused elements may have names too)
  List,    ///< a list of tensors: one name per element (torch.export's split outputs)
  None,    ///< no value (`_assert_scalar`, ...)
};

struct Node {
  enum class Kind { Placeholder, Call, Output };
  Kind kind = Kind::Call;
  std::string name;    ///< for messages: the node's own name (often its first output)
  std::string op;      ///< "aten.add.Tensor" (Call), "" otherwise
  /// Arguments in order; named ones carry their schema name, positional
  /// ones an empty name.
  std::vector<std::pair<std::string, Arg>> args;
  std::vector<std::string> outputs;
  OutputShape output_shape = OutputShape::Single;
  /// Placeholders: the metadata they start with.  Calls: filled by the walk.
  rules::Value meta;
  /// The unbacked symbols this node binds, with PyTorch's key paths
  /// (".size()[0]", "[1].size()[0]", ".__floordiv__(2)", ...), in order.
  std::vector<std::pair<std::string, std::string>> unbacked_bindings;
  /// For bindings symshape reads from an affine size (beyond PyTorch, e.g.
  /// ".size()[0].__sub__(s0).__floordiv__(2)"): the run-time checks that the
  /// division is exact, as Python text over the node's result
  /// ("(.size()[0] - (s0)) % 2 == 0").
  std::vector<std::string> binding_checks;
  /// Runtime asserts that become checkable after this node (all their
  /// symbols are bound here or before).
  std::vector<Expr> asserts;
};

struct EdgeInfo {
  int arg = -1; ///< index of the argument of the user node
};

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node, EdgeInfo>;

struct Graph {
  BoostGraph g;
  std::vector<Graph> subgraphs;
  /// Value name -> (node, element index or -1 for the whole result).
  std::unordered_map<std::string, std::pair<size_t, int>> values;
  /// True when the nodes are in program order (torch.export); otherwise
  /// the walk orders them topologically, ties by node index.
  bool program_order = true;

  size_t size() const { return boost::num_vertices(g); }
  Node &node(size_t i) { return g[i]; }
  const Node &node(size_t i) const { return g[i]; }
  /// Appends a node and records its output names.  In program order its
  /// use edges are added at once (a reference to a name no earlier node
  /// defines is a ValueError); otherwise references may point forward and
  /// `link()` adds the edges once every node is in.  Throws ValueError for a
  /// name defined twice.
  size_t add_node(Node n);
  /// Adds the use edges of an unordered graph.  Throws ValueError naming a
  /// node that uses an undefined name.
  void link();
  /// The order in which to walk: program order, or Kahn's topological
  /// order with the smallest ready index first.  Throws ValueError on a
  /// cycle, naming a node on it.
  std::vector<size_t> walk_order() const;
  /// Nodes whose results nothing uses (outputs and asserts excluded).
  std::vector<size_t> dead_nodes() const;
  /// Every node whose value depends on node `v` (v excluded), ascending:
  /// a breadth-first search along use edges.
  std::vector<size_t> reachable_from(size_t v) const;
};

} // namespace symshape::graph
