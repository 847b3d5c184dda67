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
#include <unistd.h>

#include "cli.h"
#include "symshape/frontend/export_program.h"
#include "symshape/frontend/graph_json.h"
#include "symshape/frontend/walk_check.h"
#include <nlohmann/json.hpp>
#include "symshape/graph/walker.h"
#include "symshape/shape_env/guards.h"
#include "symshape/shape_env/snapshot.h"

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

nlohmann::ordered_json value_json(const Value &v) {
  using json = nlohmann::ordered_json;
  switch (v.kind) {
  case Value::Kind::Tensor: {
    json sizes = json::array(), strides = json::array();
    for (Expr e : v.tensor->sizes) sizes.push_back(e.str());
    for (Expr e : v.tensor->strides) strides.push_back(e.str());
    return json{{"tensor", {{"dtype", rules::scalar_type_name(v.tensor->dtype)}, {"sizes", sizes}, {"strides", strides},
                            {"storage_offset", v.tensor->storage_offset.str()}, {"device", v.tensor->device},
                            {"storage", v.tensor->storage}}}};
  }
  case Value::Kind::Int: return json{{"int", v.expr.str()}};
  case Value::Kind::Bool: return json{{"bool", v.expr.str()}};
  case Value::Kind::Float: return json{{"float", v.expr.str()}};
  case Value::Kind::None: return json{{"none", true}};
  case Value::Kind::List: case Value::Kind::Tuple: {
    json items = json::array();
    for (const Value &x : *v.items) items.push_back(value_json(x));
    return json{{v.kind == Value::Kind::List ? "list" : "tuple", items}};
  }
  default: return json{{"other", v.str()}};
  }
}

// "x=8,16" -> {x: [8, 16]}
void parse_inputs(const std::vector<std::string> &specs, frontend::InputSizes &out) {
  for (const auto &s : specs) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--inputs expects NAME=SIZE,SIZE,..., got '" + s + "'");
    std::vector<Int> sizes;
    std::string rest = s.substr(eq + 1);
    size_t start = 0;
    while (start <= rest.size()) {
      size_t comma = rest.find(',', start);
      std::string tok = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      try {
        size_t used = 0;
        long long v = std::stoll(tok, &used);
        if (used != tok.size()) throw std::invalid_argument(tok);
        sizes.push_back(Int(v));
      } catch (const std::exception &) {
        throw UsageError("--inputs " + s + ": '" + tok + "' is not an integer");
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    out[s.substr(0, eq)] = sizes;
  }
}

} // namespace

void add_walk_command(CLI::App &app, int &exit_code) {
  auto *walk = app.add_subcommand("walk", "propagate shapes through a torch.export program (.pt2 or JSON)");
  static std::string file;
  static bool check = false, keep_going = false, no_cache = false;
  static std::vector<std::string> rule_files;
  static std::string ref_file, format = "text";
  static std::vector<std::string> input_specs;
  walk->add_option("PROGRAM", file, "a .pt2 archive, its serialized_exported_program.json, or a symshape.graph JSON")
      ->required();
  walk->add_option("--inputs", input_specs, "example sizes NAME=8,16 (symshape.graph files)");
  walk->add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  walk->add_flag("--check", check, "compare every node with the metadata PyTorch recorded");
  walk->add_flag("--keep-going", keep_going, "report every failing node");
  walk->add_flag("--no-cache", no_cache, "run every rule (no result cache)");
  walk->add_option("--rules", rule_files, "also load these rule files");
  walk->add_option("--ref", ref_file, "with --check: a corpus NAME.ref.json (storage offsets, unbacked bindings, runtime asserts)");
  walk->callback([&exit_code] {
    ShapeEnv env;
    frontend::ExportProgram prog;
    frontend::InputSizes sizes;
    parse_inputs(input_specs, sizes);
    bool own_format = false;
    try {
      std::string text = frontend::read_program_file(file);
      if (frontend::is_graph_json(text)) {
        own_format = true;
        prog.graph = frontend::load_graph_json(text, env, sizes);
      } else {
        if (!sizes.empty()) throw UsageError("--inputs applies to symshape.graph files");
        prog = frontend::load_export_program(text, env);
      }
    } catch (const Error &e) {
      throw UsageError(file + ": " + e.what());
    }
    if (own_format && (check || !ref_file.empty()))
      throw UsageError("--check compares with what PyTorch recorded: it needs a torch.export program");
    auto reg = rules::RuleRegistry::standard();
    for (const auto &f : rule_files) reg->load_file(f);
    graph::WalkOptions opt;
    opt.keep_going = keep_going || check;
    opt.use_cache = !no_cache;
    opt.recorded = &prog.recorded;
    // A progress bar on a terminal, for graphs large enough to wait for.
    if (isatty(2) && prog.graph.size() > 2000) {
      opt.progress = [](size_t done, size_t total) {
        if (done % 256 == 0 || done == total) draw_progress(done, total);
      };
    }
    graph::WalkResult res;
    try {
      res = graph::walk(prog.graph, env, *reg, opt);
    } catch (const ValueError &e) {
      throw UsageError(file + ": " + e.what());
    }
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
    if (format == "json") {
      nlohmann::ordered_json out;
      out["format"] = "symshape.walk";
      out["schema_version"] = 1;
      out["nodes"] = nlohmann::ordered_json::array();
      for (size_t v : g.walk_order()) {
        const Node &n = g.node(v);
        nlohmann::ordered_json jn;
        jn["name"] = n.name;
        jn["kind"] = n.kind == Node::Kind::Placeholder ? "input" : n.kind == Node::Kind::Call ? "call" : "output";
        if (!n.op.empty()) jn["op"] = n.op;
        jn["result"] = value_json(n.meta);
        nlohmann::ordered_json b = nlohmann::ordered_json::object();
        for (const auto &[sym, path] : n.unbacked_bindings) b[sym] = path;
        jn["unbacked_bindings"] = b;
        if (!n.binding_checks.empty()) jn["binding_checks"] = n.binding_checks;
        jn["asserts"] = nlohmann::ordered_json::array();
        for (Expr a : n.asserts) jn["asserts"].push_back(a.str());
        out["nodes"].push_back(jn);
      }
      out["guards"] = nlohmann::ordered_json::array();
      for (const auto &gd : env.guards()) out["guards"].push_back(gd.expr.str());
      out["runtime_asserts"] = nlohmann::ordered_json::array();
      for (const auto &ra : env.runtime_asserts()) out["runtime_asserts"].push_back(ra.expr.str());
      out["errors"] = nlohmann::ordered_json::array();
      for (const auto &e : res.errors)
        out["errors"].push_back({{"node", g.node(e.node).name}, {"cause", e.cause}, {"message", e.message}});
      out["shape_env"] = nlohmann::ordered_json::parse(save_snapshot(env));
      std::cout << out.dump(2) << "\n";
      exit_code = res.ok() ? kExitOk : kExitRefuted;
      return;
    }
    for (size_t v : g.walk_order()) {
      const Node &n = g.node(v);
      if (n.kind == Node::Kind::Placeholder) {
        std::cout << n.name << ": input " << graph::describe(n.meta) << "\n";
      } else if (n.kind == Node::Kind::Call) {
        std::cout << n.name << " = " << n.op << "(" << args_text(n) << ")";
        bool failed = false;
        for (const auto &e : res.errors) failed = failed || e.node == v;
        if (failed) std::cout << " -> FAILED (below)";
        else if (n.output_shape != graph::OutputShape::None) std::cout << " -> " << graph::describe(n.meta);
        for (const auto &[sym, path] : n.unbacked_bindings) std::cout << "  [" << sym << " = " << n.name << path << "]";
        std::cout << "\n";
        for (const auto &c : n.binding_checks) std::cout << "    check " << n.name << c << "\n";
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
