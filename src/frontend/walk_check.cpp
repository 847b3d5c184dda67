//===- frontend/walk_check.cpp - Comparing a walk with PyTorch's metadata --===//
#include "symshape/frontend/walk_check.h"

#include <nlohmann/json.hpp>

#include "symshape/expr/parse.h"

namespace symshape::frontend {

using graph::Graph;
using graph::Node;
using json = nlohmann::json;
using rules::Value;

std::string WalkCheck::summary() const {
  return "checked " + std::to_string(checked) + " nodes: " + std::to_string(matched) + " matched, " +
         std::to_string(mismatched) + " mismatched, " + std::to_string(unsupported) + " unsupported";
}

namespace {

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

// "" when `got` agrees with `want`.
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

Value output_of(const Node &n, size_t k) {
  if (n.output_shape == graph::OutputShape::Tuple || n.output_shape == graph::OutputShape::List) {
    if (!n.meta.is_sequence() || k >= n.meta.items->size()) return Value();
    return (*n.meta.items)[k];
  }
  return n.meta;
}

} // namespace

WalkCheck check_walk(const ExportProgram &program, ShapeEnv &env, const graph::WalkResult &walk,
                     const std::string *ref_json) {
  WalkCheck c;
  const Graph &g = program.graph;
  // With a reference: the recorded output of every value name (tensor
  // metadata with true storage offsets), and the reference's call nodes in
  // order (getitem nodes are not nodes of the serialized program).
  std::unordered_map<std::string, Value> ref_values;
  std::vector<const json *> ref_calls;
  json ref;
  if (ref_json) {
    try {
      ref = json::parse(*ref_json);
    } catch (const json::exception &e) {
      throw ValueError(std::string("reference: not JSON: ") + e.what());
    }
    for (const auto &n : ref.at("nodes")) {
      if (n.at("op") != "operator.getitem" && n.at("op") != "get_attr") ref_calls.push_back(&n);
      const json &outs = n.at("outputs");
      if (outs.size() != 1 || outs[0].value("kind", "") != "tensor") continue;
      const json &t = outs[0];
      rules::TensorMeta m;
      for (const auto &s : t.at("sizes")) m.sizes.push_back(parse_expr(s.get<std::string>()));
      for (const auto &s : t.at("strides")) m.strides.push_back(parse_expr(s.get<std::string>()));
      m.storage_offset = parse_expr(t.at("storage_offset").get<std::string>());
      m.dtype = rules::parse_scalar_type(t.at("dtype").get<std::string>());
      ref_values[n.at("name").get<std::string>()] = Value::of_tensor(std::move(m));
    }
  }
  size_t call_index = 0;
  for (size_t v = 0; v < g.size(); ++v) {
    const Node &n = g.node(v);
    if (n.kind != Node::Kind::Call) continue;
    const json *rn = call_index < ref_calls.size() ? ref_calls[call_index] : nullptr;
    ++call_index;
    ++c.checked;
    bool failed = false;
    for (const auto &e : walk.errors)
      if (e.node == v) {
        failed = true;
        c.lines.push_back("UNSUPPORTED " + e.message);
      }
    if (failed) {
      ++c.unsupported;
      continue;
    }
    std::string diff;
    for (size_t k = 0; k < n.outputs.size() && diff.empty(); ++k) {
      const std::string &name = n.outputs[k];
      if (name.empty()) continue;
      Value got = output_of(n, k);
      if (auto it = ref_values.find(name); it != ref_values.end()) {
        std::string d = compare(env, got, it->second, true);
        if (!d.empty()) diff = name + ": " + d;
      } else if (auto rec = program.recorded.find(name); rec != program.recorded.end()) {
        // PyTorch 2.6 serializes every storage offset as 0: not compared.
        std::string d = compare(env, got, rec->second, false);
        if (!d.empty()) diff = name + ": " + d;
      }
    }
    // Unbacked bindings: symbol (as resolved) and key path.
    if (diff.empty() && rn && rn->contains("unbacked_bindings")) {
      if (rn->at("op").get<std::string>() != n.op) {
        diff = "reference node " + rn->at("name").get<std::string>() + " is " + rn->at("op").get<std::string>();
      } else {
        const json &b = (*rn)["unbacked_bindings"];
        const json resolved = rn->value("unbacked_bindings_resolved", json::object());
        for (auto it = b.begin(); it != b.end() && diff.empty(); ++it) {
          std::string sym = resolved.contains(it.key()) ? resolved[it.key()].get<std::string>() : it.key();
          std::string path = it.value().get<std::string>();
          bool found = false;
          for (const auto &[s, p] : n.unbacked_bindings) found = found || (s == sym && p == path);
          if (!found) {
            std::string ours;
            for (const auto &[s, p] : n.unbacked_bindings) ours += (ours.empty() ? "" : ", ") + s + " at '" + p + "'";
            diff = "binds " + (ours.empty() ? std::string("nothing") : ours) + ", PyTorch " + sym + " at '" + path + "'";
          }
        }
      }
    }
    if (diff.empty()) ++c.matched;
    else {
      ++c.mismatched;
      c.lines.push_back("MISMATCH " + n.name + " (" + n.op + "): " + diff);
    }
  }
  // Runtime asserts: every assert of the reference must be known to hold
  // here, and every one of ours must be among PyTorch's.
  if (ref_json && ref.contains("runtime_asserts")) {
    std::vector<Expr> theirs;
    for (const auto &a : ref["runtime_asserts"]) {
      std::string s = a.get<std::string>();
      if (s.rfind("sym_constrain_range", 0) == 0) continue;
      Expr e = parse_expr(s);
      theirs.push_back(env.simplify(e));
      if (!env.statically_known_true(e)) {
        ++c.mismatched;
        c.lines.push_back("ASSERT PyTorch's runtime assert " + s + " is not known to hold here");
      }
    }
    for (const auto &ra : env.runtime_asserts()) {
      Expr ours = env.simplify(ra.expr);
      bool listed = false;
      for (Expr t : theirs) listed = listed || t == ours;
      if (!listed) {
        ++c.mismatched;
        c.lines.push_back("ASSERT runtime assert " + ra.expr.str() + " is not among PyTorch's");
      }
    }
  }
  return c;
}

} // namespace symshape::frontend
