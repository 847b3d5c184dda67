//===- cmd_walk.cpp - `symshape walk` --------------------------------------===//
//
//   symshape walk PROGRAM [--check [--ref REF.json]] [--keep-going] [--rules FILE]... [--no-cache]
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
#include "symshape/frontend/walk_check.h"
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

} // namespace

void add_walk_command(CLI::App &app, int &exit_code) {
  auto *walk = app.add_subcommand("walk", "propagate shapes through a torch.export program (.pt2 or JSON)");
  static std::string file;
  static bool check = false, keep_going = false, no_cache = false;
  static std::vector<std::string> rule_files;
  static std::string ref_file;
  walk->add_option("PROGRAM", file, "a .pt2 archive or its serialized_exported_program.json")->required();
  walk->add_flag("--check", check, "compare every node with the metadata PyTorch recorded");
  walk->add_flag("--keep-going", keep_going, "report every failing node");
  walk->add_flag("--no-cache", no_cache, "run every rule (no result cache)");
  walk->add_option("--rules", rule_files, "also load these rule files");
  walk->add_option("--ref", ref_file, "with --check: a corpus NAME.ref.json (storage offsets, unbacked bindings, runtime asserts)");
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
    if (check || !ref_file.empty()) {
      std::string ref_text;
      if (!ref_file.empty()) ref_text = frontend::read_program_file(ref_file);
      frontend::WalkCheck c = frontend::check_walk(prog, env, res, ref_file.empty() ? nullptr : &ref_text);
      for (const auto &l : c.lines) std::cout << l << "\n";
      std::cout << c.summary() << "\n";
      exit_code = c.ok() ? kExitOk : kExitRefuted;
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
