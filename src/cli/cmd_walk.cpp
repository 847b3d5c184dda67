//===- cmd_walk.cpp - `symshape walk` --------------------------------------===//
//
//   symshape walk PROGRAM [--check] [--keep-going] [--rules FILE]... [--no-cache]
//
// Walks a torch.export program (.pt2 or its JSON) from its inputs alone and
// prints one line per node, then guards, runtime asserts and unbacked
// bindings.  --check compares every node's result with the metadata
// PyTorch recorded in the program instead (docs/cli.md).
//
//===----------------------------------------------------------------------===//
#include <iostream>

#include "cli.h"
#include "symshape/frontend/export_program.h"
#include "symshape/graph/walker.h"
#include "symshape/shape_env/guards.h"

namespace symshape::cli {

namespace {

using graph::Graph;
using graph::Node;
using rules::Value;

std::string args_text(const Node &n) {
  std::string s;
  for (const auto &[name, a] : n.args) {
    if (!s.empty()) s += ", ";
    if (!name.empty()) s += name + "=";
    std::function<std::string(const graph::Arg &)> one = [&](const graph::Arg &x) -> std::string {
      switch (x.kind) {
      case graph::Arg::Kind::Ref: return x.ref;
      case graph::Arg::Kind::Value: return x.value.str();
      case graph::Arg::Kind::Subgraph: return "<graph " + std::to_string(x.subgraph) + ">";
      case graph::Arg::Kind::List: {
        std::string l = "[";
        for (size_t i = 0; i < x.items.size(); ++i) l += (i ? ", " : "") + one(x.items[i]);
        return l + "]";
      }
      }
      return "?";
    };
    s += one(a);
  }
  return s;
}

bool same_expr(ShapeEnv &env, Expr a, Expr b) {
  if (a == b) return true;
  Expr sa = env.simplify(a), sb = env.simplify(b);
  if (sa == sb) return true;
  return env.statically_known_true(eq(sa, sb));
}

std::string join(const std::vector<Expr> &v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i].str();
  return "[" + s + "]";
}

// Compares one value with its recorded counterpart; "" when they agree.
std::string compare(ShapeEnv &env, const Value &got, const Value &want, bool offsets) {
  if (want.is_tensor()) {
    if (!got.is_tensor()) return "expected a tensor, got " + got.str();
    const auto &g = *got.tensor, &w = *want.tensor;
    bool ok = g.sizes.size() == w.sizes.size();
    for (size_t i = 0; ok && i < g.sizes.size(); ++i) ok = same_expr(env, g.sizes[i], w.sizes[i]);
    if (!ok) return "sizes " + join(g.sizes) + ", PyTorch " + join(w.sizes);
    ok = g.strides.size() == w.strides.size();
    for (size_t i = 0; ok && i < g.strides.size(); ++i) ok = same_expr(env, g.strides[i], w.strides[i]);
    if (!ok) return "strides " + join(g.strides) + ", PyTorch " + join(w.strides);
    if (offsets && !same_expr(env, g.storage_offset, w.storage_offset))
      return "storage offset " + g.storage_offset.str() + ", PyTorch " + w.storage_offset.str();
    if (g.dtype != w.dtype)
      return std::string("dtype ") + rules::scalar_type_name(g.dtype) + ", PyTorch " + rules::scalar_type_name(w.dtype);
    return "";
  }
  if (want.is_number()) {
    if (!got.is_number()) return "expected " + want.str() + ", got " + got.str();
    if (!same_expr(env, got.expr, want.expr)) return got.expr.str() + ", PyTorch " + want.expr.str();
  }
  return "";
}

} // namespace

void add_walk_command(CLI::App &app, int &exit_code) {
  auto *walk = app.add_subcommand("walk", "propagate shapes through a torch.export program (.pt2 or JSON)");
  static std::string file;
  static bool check = false, keep_going = false, no_cache = false;
  static std::vector<std::string> rule_files;
  walk->add_option("PROGRAM", file, "a .pt2 archive or its serialized_exported_program.json")->required();
  walk->add_flag("--check", check, "compare every node with the metadata PyTorch recorded");
  walk->add_flag("--keep-going", keep_going, "report every failing node");
  walk->add_flag("--no-cache", no_cache, "run every rule (no result cache)");
  walk->add_option("--rules", rule_files, "also load these rule files");
  walk->callback([&exit_code] {
    ShapeEnv env;
    frontend::ExportProgram prog;
    try {
      prog = frontend::load_export_program(frontend::read_program_file(file), env);
    } catch (const Error &e) {
      throw UsageError(file + ": " + e.what());
    }
    auto reg = rules::RuleRegistry::standard();
    for (const auto &f : rule_files) reg->load_file(f);
    graph::WalkOptions opt;
    opt.keep_going = keep_going || check;
    opt.use_cache = !no_cache;
    opt.recorded = &prog.recorded;
    graph::WalkResult res = graph::walk(prog.graph, env, *reg, opt);
    Graph &g = prog.graph;
    if (check) {
      size_t checked = 0, matched = 0, mismatched = 0, unsupported = 0;
      for (size_t v = 0; v < g.size(); ++v) {
        Node &n = g.node(v);
        if (n.kind != Node::Kind::Call) continue;
        ++checked;
        bool failed = false;
        for (const auto &e : res.errors)
          if (e.node == v) failed = true;
        if (failed) {
          ++unsupported;
          continue;
        }
        std::string diff;
        for (size_t k = 0; k < n.outputs.size() && diff.empty(); ++k) {
          auto it = prog.recorded.find(n.outputs[k]);
          if (n.outputs[k].empty() || it == prog.recorded.end()) continue;
          Value got = n.meta;
          if (n.output_shape == graph::OutputShape::Tuple || n.output_shape == graph::OutputShape::List) {
            if (!got.is_sequence() || k >= got.items->size()) {
              diff = "result " + got.str() + " has no element " + std::to_string(k);
              break;
            }
            got = (*got.items)[k];
          }
          // PyTorch 2.6 serializes every storage offset as 0: not compared.
          std::string d = compare(env, got, it->second, false);
          if (!d.empty()) diff = n.outputs[k] + ": " + d;
        }
        if (diff.empty()) ++matched;
        else {
          ++mismatched;
          std::cout << "MISMATCH " << n.name << " (" << n.op << "): " << diff << "\n";
        }
      }
      for (const auto &e : res.errors) std::cout << "UNSUPPORTED " << e.message << "\n";
      std::cout << "checked " << checked << " nodes: " << matched << " matched, " << mismatched << " mismatched, "
                << unsupported << " unsupported\n";
      exit_code = (mismatched || unsupported) ? kExitRefuted : kExitOk;
      return;
    }
    for (size_t v = 0; v < g.size(); ++v) {
      const Node &n = g.node(v);
      if (n.kind == Node::Kind::Placeholder) {
        std::cout << n.name << ": input " << graph::describe(n.meta) << "\n";
      } else if (n.kind == Node::Kind::Call) {
        std::cout << n.name << " = " << n.op << "(" << args_text(n) << ")";
        if (n.output_shape != graph::OutputShape::None) std::cout << " -> " << graph::describe(n.meta);
        for (const auto &[sym, path] : n.unbacked_bindings) std::cout << "  [" << sym << " = " << n.name << path << "]";
        std::cout << "\n";
        for (Expr a : n.asserts) std::cout << "    assert " << a.str() << "\n";
      } else {
        std::cout << "output: " << args_text(n) << "\n";
      }
    }
    for (const auto &e : res.errors) std::cerr << "symshape: error: " << e.message << "\n";
    std::cout << "guards:\n";
    for (const auto &gd : env.guards()) std::cout << "  " << gd.expr.str() << "\n";
    std::cout << "runtime asserts:\n";
    for (const auto &ra : env.runtime_asserts()) std::cout << "  " << ra.expr.str() << "\n";
    exit_code = res.ok() ? kExitOk : kExitRefuted;
  });
}

} // namespace symshape::cli
