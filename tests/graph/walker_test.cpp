// The graph walker: binding paths (PyTorch's compute_unbacked_bindings),
// walk order, errors that name the node and the rule, rebinding onto
// recorded names, and whole torch.export programs from the corpus.
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/frontend/export_program.h"
#include "symshape/frontend/walk_check.h"
#include "symshape/graph/walker.h"

using symshape::Expr;
using symshape::Int;
using symshape::parse_expr;
using symshape::ShapeEnv;
using symshape::ValueError;
using symshape::graph::Arg;
using symshape::graph::Graph;
using symshape::graph::Node;
using symshape::graph::OutputShape;
using symshape::rules::List;
using symshape::rules::RuleRegistry;
using symshape::rules::TensorMeta;
using symshape::rules::Value;

namespace {

Value tensor(std::vector<const char *> sizes, std::vector<const char *> strides, const char *offset = "0") {
  TensorMeta t;
  for (const char *s : sizes) t.sizes.push_back(parse_expr(s));
  for (const char *s : strides) t.strides.push_back(parse_expr(s));
  t.storage_offset = parse_expr(offset);
  return Value::of_tensor(std::move(t));
}

std::string paths_text(const std::vector<std::pair<Expr, std::string>> &p) {
  std::string s;
  for (const auto &[sym, path] : p) s += (s.empty() ? "" : "; ") + sym.str() + " '" + path + "'";
  return s;
}

std::string data(const std::string &f) { return std::string(SYMSHAPE_TEST_DATA_DIR) + "/" + f; }

// A placeholder defining `name`, with metadata `meta` (none for a subgraph's
// inputs: the walk gives them their operands').
void add_placeholder(Graph &g, const char *name, Value meta = Value()) {
  Node n;
  n.kind = Node::Kind::Placeholder;
  n.name = name;
  n.outputs = {name};
  n.meta = std::move(meta);
  g.add_node(n);
}

// An input tensor's metadata from the ShapeEnv's symbols, with its own storage.
Value input_tensor(const symshape::TensorSymbols &ts) {
  TensorMeta t;
  t.sizes = ts.sizes;
  t.strides = ts.strides;
  t.storage = symshape::rules::new_storage_id();
  return Value::of_tensor(std::move(t));
}

// A subgraph: one input `in`, one call `op(self=in, extra...)`, its output.
Graph one_op_graph(const char *in, const char *op, std::vector<std::pair<std::string, Arg>> extra = {}) {
  Graph b;
  add_placeholder(b, in);
  Node n;
  n.name = "r";
  n.op = op;
  n.outputs = {"r"};
  n.args = {{"self", Arg::reference(in)}};
  for (auto &e : extra) n.args.push_back(e);
  b.add_node(n);
  Node o;
  o.kind = Node::Kind::Output;
  o.name = "output";
  o.output_shape = OutputShape::None;
  o.args = {{"", Arg::reference("r")}};
  b.add_node(o);
  return b;
}

} // namespace

TEST_CASE("unbacked binding paths are PyTorch's key paths", "[graph][walker]") {
  Expr u0 = parse_expr("u0"), u1 = parse_expr("u1");
  struct Row {
    Value result;
    std::vector<Expr> pending;
    const char *expected;
  };
  const std::vector<Row> rows = {
      {tensor({"u0", "2"}, {"2", "1"}), {u0}, "u0 '.size()[0]'"},
      {Value::of_tuple({tensor({"u0"}, {"1"}), tensor({"s0"}, {"1"}), tensor({"u1"}, {"1"})}), {u0, u1},
       "u0 '[0].size()[0]'; u1 '[2].size()[0]'"},
      {tensor({"3", "s0"}, {"u0", "1"}, "u1"), {u0, u1}, "u0 '.stride()[0]'; u1 '.storage_offset()'"},
      {Value::of_int(parse_expr("2*u0")), {u0}, "u0 '.__floordiv__(2)'"},
      {Value::of_expr(parse_expr("Eq(u0, 1)")), {u0}, "u0 '.cast_symbool_to_symint_guardless()'"},
      {Value::of_int(u0), {u0}, "u0 ''"},
      // Not a plain symbol, c*u or Eq(u, 1): not bindable (an error in walk()).
      {tensor({"u0 + 1"}, {"1"}), {u0}, ""},
      // The first occurrence binds.
      {tensor({"u0", "u0"}, {"u0", "1"}), {u0}, "u0 '.size()[0]'"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.result.str());
    CHECK(paths_text(symshape::graph::unbacked_binding_paths(r.result, r.pending)) == r.expected);
  }
}

TEST_CASE("value_at_path reads a key path back", "[graph][walker]") {
  Value v = Value::of_tuple({tensor({"u0", "2"}, {"2", "1"}, "s1"), Value::of_int(parse_expr("4*u1")),
                             Value::of_expr(parse_expr("Eq(u2, 1)"))});
  struct Row {
    const char *path, *expected;
  };
  const std::vector<Row> rows = {
      {"[0].size()[0]", "u0"},      {"[0].stride()[0]", "2"}, {"[0].storage_offset()", "s1"},
      {"[1].__floordiv__(4)", "u1"}, {"[2].cast_symbool_to_symint_guardless()", "u2"},
      {"[3]", "none"},               {"[0].size()[5]", "none"}, {".size()[0]", "none"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.path);
    auto e = symshape::graph::value_at_path(v, r.path);
    CHECK((e ? e->str() : std::string("none")) == r.expected);
  }
}

TEST_CASE("graphs: topological order with ties by index, and malformed graphs", "[graph]") {
  Graph g;
  g.program_order = false;
  auto call = [](const char *name, std::vector<const char *> uses) {
    Node n;
    n.name = name;
    n.op = "aten.relu.default";
    n.outputs = {name};
    for (const char *u : uses) n.args.emplace_back("", Arg::reference(u));
    return n;
  };
  add_placeholder(g, "x");
  g.add_node(call("a", {"x"}));
  g.add_node(call("b", {"x"}));
  g.add_node(call("c", {"b", "a"}));
  g.link();
  CHECK(g.walk_order() == std::vector<size_t>{0, 1, 2, 3});
  CHECK(g.dead_nodes() == std::vector<size_t>{3});
  CHECK(g.reachable_from(0) == std::vector<size_t>{1, 2, 3});
  CHECK(g.reachable_from(1) == std::vector<size_t>{3});
  CHECK(g.reachable_from(3).empty());
  CHECK_THROWS_WITH(g.add_node(call("a", {"x"})), "value 'a' is defined twice (node a)");
  // Unordered graphs may reference forward; link() reports undefined names.
  g.add_node(call("d", {"nope"}));
  CHECK_THROWS_WITH(g.link(), "node d uses 'nope', which no node defines");
  // In program order a reference must be to an earlier node.
  Graph p;
  add_placeholder(p, "x");
  CHECK_THROWS_WITH(p.add_node(call("e", {"f"})), "node e uses 'f', which no earlier node defines");
}

TEST_CASE("walk: results, bindings, assert placement, and errors naming node and rule", "[graph][walker]") {
  auto reg = RuleRegistry::standard();
  reg->load("@rule(\"myns::leaks(Tensor self) -> Tensor\")\n"
            "def leaks(self: Tensor) -> Tensor:\n"
            "    n = new_unbacked()\n"
            "    return empty([self.size(0)], dtype=self.dtype)\n",
            "leaky.py");
  ShapeEnv env;
  auto xs = env.create_tensor("x", {Int(4), Int(3)});
  Graph g;
  add_placeholder(g, "x", input_tensor(xs));
  auto call = [&](const char *name, const char *op, std::vector<std::pair<std::string, Arg>> args) {
    Node n;
    n.name = name;
    n.op = op;
    n.outputs = {name};
    n.args = std::move(args);
    g.add_node(n);
  };
  call("nz", "aten.nonzero.default", {{"self", Arg::reference("x")}});
  call("n", "aten.sym_size.int", {{"self", Arg::reference("nz")}, {"dim", Arg::constant(Value::of_int(0))}});
  call("le", "operator.le", {{"a", Arg::reference("n")}, {"b", Arg::constant(Value::of_int(5))}});
  Node a;
  a.name = "assert";
  a.op = "aten._assert_scalar.default";
  a.output_shape = OutputShape::None;
  a.args = {{"self", Arg::reference("le")}, {"assert_msg", Arg::constant(Value::of_str("n <= 5"))}};
  g.add_node(a);
  call("bad", "aten.frobnicate.default", {{"self", Arg::reference("x")}});
  call("leak", "myns.leaks.default", {{"self", Arg::reference("x")}});
  symshape::graph::WalkOptions opt;
  opt.keep_going = true;
  auto r = symshape::graph::walk(g, env, *reg, opt);
  CHECK(symshape::graph::describe(g.node(1).meta) == "i64[u0, 2] stride [2, 1]");
  REQUIRE(g.node(1).unbacked_bindings.size() == 1);
  CHECK(g.node(1).unbacked_bindings[0] == std::make_pair(std::string("u0"), std::string(".size()[0]")));
  // u0 <= 5 is a runtime assert, checkable right after nz binds u0.
  REQUIRE(g.node(1).asserts.size() == 1);
  CHECK(g.node(1).asserts[0].str() == "u0 <= 5");
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].cause == "unknown_op");
  CHECK_THAT(r.errors[0].message, Catch::Contains("no rule for aten.frobnicate.default (node bad)"));
  CHECK(r.errors[1].cause == "unbound_unbacked");
  CHECK_THAT(r.errors[1].message,
             Catch::Contains("node leak (myns.leaks.default): pending unbacked symbols [u1] are not in its returned "
                             "outputs f32[s0] stride [1]; the rule at leaky.py:2 must return every symbol it creates"));
}

TEST_CASE("rebinding: fresh unbacked symbols take the program's recorded names", "[graph][walker]") {
  ShapeEnv env;
  for (int i = 0; i < 5; ++i) env.create_unbacked_int(); // u0..u4 taken: fresh ones would be u5, u6
  env.take_pending_unbacked();
  auto prog = symshape::frontend::load_export_program(
      symshape::frontend::read_program_file(data("corpus/item_two_bounds.pt2")), env);
  auto reg = RuleRegistry::standard();
  symshape::graph::WalkOptions opt;
  opt.recorded = &prog.recorded;
  auto r = symshape::graph::walk(prog.graph, env, *reg, opt);
  REQUIRE(r.ok());
  std::string bindings;
  for (size_t v = 0; v < prog.graph.size(); ++v)
    for (const auto &[s, p] : prog.graph.node(v).unbacked_bindings)
      bindings += prog.graph.node(v).name + ":" + s + "'" + p + "' ";
  CHECK(bindings == "item:u0'' item_1:u1'' ");
}

TEST_CASE("corpus programs walk to PyTorch's metadata (sample)", "[graph][walker][corpus]") {
  for (const char *name : {"reshape_flatten", "nonzero.core", "gpt_causal_attention", "cnn_bn_relu_pool.core",
                           "cond_shape_branch", "unique", "gru"}) {
    CAPTURE(name);
    ShapeEnv env;
    auto prog = symshape::frontend::load_export_program(
        symshape::frontend::read_program_file(data(std::string("corpus/") + name + ".pt2")), env);
    auto reg = RuleRegistry::standard();
    symshape::graph::WalkOptions opt;
    opt.recorded = &prog.recorded;
    auto r = symshape::graph::walk(prog.graph, env, *reg, opt);
    std::string ref = symshape::frontend::read_program_file(data(std::string("corpus/") + name + ".ref.json"));
    auto c = symshape::frontend::check_walk(prog, env, r, &ref);
    std::string lines;
    for (const auto &l : c.lines) lines += l + "\n";
    INFO(lines);
    CHECK(c.ok());
    CHECK(c.checked > 0);
    CHECK(c.matched == c.checked);
  }
}

TEST_CASE("cond: branches that disagree in a size give an unbacked size bound at the output", "[graph][walker]") {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  auto xs = env.create_tensor("x", {Int(6), Int(4)});
  Graph g;
  add_placeholder(g, "x", input_tensor(xs));
  g.subgraphs.push_back(one_op_graph("x", "aten.relu.default"));
  g.subgraphs.push_back(one_op_graph("x", "aten.slice.Tensor", {{"dim", Arg::constant(Value::of_int(0))},
                                                     {"start", Arg::constant(Value::of_int(1))}}));
  Node c;
  c.name = "c";
  c.op = "higher_order.cond";
  c.output_shape = OutputShape::List;
  c.outputs = {"c0"};
  Arg t0, t1;
  t0.kind = t1.kind = Arg::Kind::Subgraph;
  t0.subgraph = 0;
  t1.subgraph = 1;
  c.args = {{"", Arg::constant(Value::of_bool(true))}, {"", t0}, {"", t1}, {"", Arg::list({Arg::reference("x")})}};
  g.add_node(c);
  auto r = symshape::graph::walk(g, env, *reg);
  REQUIRE(r.ok());
  CHECK(symshape::graph::describe(g.node(1).meta) == "[f32[u0, s1] stride [s1, 1]]");
  REQUIRE(g.node(1).unbacked_bindings.size() == 1);
  CHECK(g.node(1).unbacked_bindings[0].second == "[0].size()[0]");
  CHECK(env.bound(symshape::parse_expr("u0")).str() == "[0, inf]");
}

TEST_CASE("rebinding: walking a graph again keeps its unbacked symbol names", "[graph][walker]") {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  auto prog = symshape::frontend::load_export_program(
      symshape::frontend::read_program_file(data("corpus/nonzero.pt2")), env);
  REQUIRE(symshape::graph::walk(prog.graph, env, *reg, {}).ok());
  std::string first = symshape::graph::describe(prog.graph.node(2).meta);
  CHECK(first == "i64[u0, 2] stride [2, 1]");
  // Again, in the same ShapeEnv (as after a graph pass): the fresh symbol
  // would be u1; it is rebound onto the u0 of the earlier walk.
  REQUIRE(symshape::graph::walk(prog.graph, env, *reg, {}).ok());
  CHECK(symshape::graph::describe(prog.graph.node(2).meta) == first);
  REQUIRE(prog.graph.node(2).unbacked_bindings.size() == 1);
  CHECK(prog.graph.node(2).unbacked_bindings[0].first == "u0");
}

TEST_CASE("affine bindings: u read back from c*u + r when PyTorch has no path", "[graph][walker]") {
  auto reg = RuleRegistry::standard();
  reg->load("@rule(\"t::grow(Tensor self) -> Tensor\")\n"
            "def grow(self: Tensor) -> Tensor:\n"
            "    n = new_unbacked()\n"
            "    return empty([2 * n + self.size(0)], dtype=self.dtype)\n"
            "@rule(\"t::shift(Tensor self) -> Tensor\")\n"
            "def shift(self: Tensor) -> Tensor:\n"
            "    n = new_unbacked()\n"
            "    return empty([n + 3, n], dtype=self.dtype)\n",
            "affine.py");
  ShapeEnv env;
  auto xs = env.create_tensor("x", {Int(5)});
  Graph g;
  add_placeholder(g, "x", input_tensor(xs));
  for (const char *op : {"t.grow.default", "t.shift.default"}) {
    Node n;
    n.name = std::string(op).substr(2, 5);
    n.op = op;
    n.outputs = {n.name};
    n.args = {{"self", Arg::reference("x")}};
    g.add_node(n);
  }
  auto r = symshape::graph::walk(g, env, *reg);
  REQUIRE(r.ok());
  const Node &grow = g.node(1), &shift = g.node(2);
  REQUIRE(grow.unbacked_bindings.size() == 1);
  CHECK(grow.unbacked_bindings[0].second == ".size()[0].__sub__(s0).__floordiv__(2)");
  CHECK(grow.binding_checks == std::vector<std::string>{"(.size()[0] - (s0)) % 2 == 0"});
  // Where PyTorch has a path (the plain size n), it is used.
  REQUIRE(shift.unbacked_bindings.size() == 1);
  CHECK(shift.unbacked_bindings[0].second == ".size()[1]");
  // The key reads back.
  auto u = symshape::graph::value_at_path(grow.meta, grow.unbacked_bindings[0].second);
  REQUIRE(u);
  CHECK(u->str() == grow.unbacked_bindings[0].first);
}

TEST_CASE("invoke_subgraph: each distinct block is walked once and reused", "[graph][walker]") {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  auto xs = env.create_tensor("x", {Int(6), Int(4)});
  Graph block = one_op_graph("a", "aten.relu.default");
  Graph g;
  add_placeholder(g, "x", input_tensor(xs));
  g.subgraphs.push_back(block);
  for (const char *name : {"b0", "b1"}) {
    Node c;
    c.name = name;
    c.op = "higher_order.invoke_subgraph";
    c.output_shape = OutputShape::List;
    c.outputs = {std::string(name) + "_0"};
    Arg sub;
    sub.kind = Arg::Kind::Subgraph;
    sub.subgraph = 0;
    c.args = {{"", sub}, {"", Arg::constant(Value::of_str("block"))},
              {"", Arg::list({Arg::reference(std::string(name) == "b0" ? "x" : "b0_0")})}};
    g.add_node(c);
  }
  auto r = symshape::graph::walk(g, env, *reg);
  REQUIRE(r.ok());
  CHECK(symshape::graph::describe(g.node(2).meta) == "[f32[s0, s1] stride [s1, 1]]");
  CHECK(r.nodes_walked == 3); // b0, its relu, b1 (reused: the relu is not walked again)
  CHECK(g.node(2).meta.list()[0].meta().storage != g.node(1).meta.list()[0].meta().storage);
}
