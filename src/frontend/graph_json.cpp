//===- frontend/graph_json.cpp - Reading symshape.graph ------------------===//
#include "symshape/frontend/graph_json.h"

#include <nlohmann/json.hpp>

namespace symshape::frontend {

using graph::Arg;
using graph::Graph;
using graph::Node;
using graph::OutputShape;
using json = nlohmann::json;
using rules::Value;

namespace {

[[noreturn]] void fail(const std::string &where, const std::string &what) {
  throw ValueError("graph: " + where + ": " + what);
}

Arg argument(const json &j, const std::string &where) {
  switch (j.type()) {
  case json::value_t::string: {
    std::string s = j.get<std::string>();
    if (!s.empty() && s[0] == '%') return Arg::reference(s.substr(1));
    return Arg::constant(Value::of_str(s));
  }
  case json::value_t::number_integer:
  case json::value_t::number_unsigned: return Arg::constant(Value::of_int(Expr(Int(j.get<long long>()))));
  case json::value_t::number_float: return Arg::constant(Value::of_float(j.get<double>()));
  case json::value_t::boolean: return Arg::constant(Value::of_bool(j.get<bool>()));
  case json::value_t::null: return Arg::constant(Value());
  case json::value_t::array: {
    std::vector<Arg> items;
    for (size_t i = 0; i < j.size(); ++i) items.push_back(argument(j[i], where + "[" + std::to_string(i) + "]"));
    return Arg::list(std::move(items));
  }
  case json::value_t::object: {
    if (j.size() == 1 && j.contains("dtype")) {
      auto t = rules::parse_scalar_type(j["dtype"].get<std::string>());
      if (t == rules::ScalarType::Undefined) fail(where, "unknown dtype '" + j["dtype"].get<std::string>() + "'");
      return Arg::constant(Value::of_dtype(t));
    }
    if (j.size() == 1 && j.contains("memory_format")) {
      auto m = rules::parse_memory_format(j["memory_format"].get<std::string>());
      if (m == rules::MemoryFormat::Unknown) fail(where, "unknown memory format");
      return Arg::constant(Value::of_memory_format(m));
    }
    if (j.size() == 1 && j.contains("device")) return Arg::constant(Value::of_device(j["device"].get<std::string>()));
    fail(where, "an object argument must be {\"dtype\": ...}, {\"memory_format\": ...} or {\"device\": ...}");
  }
  default: fail(where, "unsupported argument");
  }
}

DimSpec dim_spec(const json &d, const std::string &where) {
  if (d.is_string()) {
    std::string s = d.get<std::string>();
    if (s == "duck") return DimSpec{DimPolicy::Duck};
    if (s == "dynamic") return DimSpec{DimPolicy::Dynamic};
    if (s == "static") return DimSpec{DimPolicy::Static};
    fail(where, "unknown dim policy '" + s + "' (duck, dynamic, static, or {\"min\": .., \"max\": ..})");
  }
  if (d.is_object()) {
    Bound lo = d.contains("min") ? Bound(Int(d["min"].get<long long>())) : Bound(0);
    Bound hi = d.contains("max") && !d["max"].is_null() ? Bound(Int(d["max"].get<long long>())) : Bound::pos_inf();
    return DimSpec{DimPolicy::Dynamic, ValueRange::ints(lo, hi)};
  }
  fail(where, "a dim policy is a string or {\"min\": .., \"max\": ..}");
}

} // namespace

bool is_graph_json(std::string_view text) {
  size_t p = text.find("\"format\"");
  return p != std::string_view::npos && text.find("symshape.graph", p) != std::string_view::npos &&
         text.find("graph_module") == std::string_view::npos;
}

Graph load_graph_json(std::string_view text, ShapeEnv &env, const InputSizes &overrides) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception &e) {
    throw ValueError(std::string("graph: not JSON: ") + e.what());
  }
  if (root.value("format", "") != "symshape.graph") fail("format", "expected \"symshape.graph\"");
  if (!root.contains("schema_version") || root["schema_version"] != 1)
    fail("schema_version", "expected 1 (this symshape reads version 1)");
  Graph g;
  g.program_order = false;
  try {
    const json &inputs = root.at("inputs");
    for (size_t i = 0; i < inputs.size(); ++i) {
      const json &in = inputs[i];
      std::string where = "inputs[" + std::to_string(i) + "]";
      Node n;
      n.kind = Node::Kind::Placeholder;
      n.name = in.at("name").get<std::string>();
      n.outputs = {n.name};
      if (in.contains("scalar")) {
        Int hint(in["scalar"].get<long long>());
        if (auto it = overrides.find(n.name); it != overrides.end() && it->second.size() == 1) hint = it->second[0];
        n.meta = Value::of_int(env.create_unspecified_symbol(hint, n.name));
      } else {
        std::vector<Int> sizes;
        for (const auto &s : in.at("sizes")) sizes.push_back(Int(s.get<long long>()));
        if (auto it = overrides.find(n.name); it != overrides.end()) {
          if (it->second.size() != sizes.size())
            fail(where, "--inputs gives " + std::to_string(it->second.size()) + " sizes for a " +
                            std::to_string(sizes.size()) + "-d input");
          sizes = it->second;
        }
        std::vector<DimSpec> dims;
        if (in.contains("dims")) {
          if (in["dims"].size() != sizes.size()) fail(where + ".dims", "one policy per dim");
          for (size_t k = 0; k < sizes.size(); ++k)
            dims.push_back(dim_spec(in["dims"][k], where + ".dims[" + std::to_string(k) + "]"));
        }
        TensorSymbols ts;
        try {
          ts = env.create_tensor(n.name, sizes, dims);
        } catch (const Error &e) {
          fail(where, e.what());
        }
        rules::TensorMeta t;
        t.sizes = ts.sizes;
        t.strides = ts.strides;
        t.storage_offset = ts.storage_offset;
        if (in.contains("dtype")) {
          t.dtype = rules::parse_scalar_type(in["dtype"].get<std::string>());
          if (t.dtype == rules::ScalarType::Undefined) fail(where + ".dtype", "unknown dtype");
        }
        t.storage = rules::new_storage_id();
        n.meta = Value::of_tensor(std::move(t));
      }
      try {
        g.add_node(std::move(n));
      } catch (const ValueError &e) {
        fail(where, e.what());
      }
    }
    const json &nodes = root.at("nodes");
    for (size_t k = 0; k < nodes.size(); ++k) {
      const json &j = nodes[k];
      std::string where = "nodes[" + std::to_string(k) + "]";
      Node n;
      n.name = j.at("name").get<std::string>();
      n.op = j.at("op").get<std::string>();
      if (j.contains("args")) {
        const json &args = j["args"];
        if (!args.is_array()) fail(where + ".args", "expected a list (use kwargs for named arguments)");
        for (size_t i = 0; i < args.size(); ++i)
          n.args.emplace_back("", argument(args[i], where + ".args[" + std::to_string(i) + "]"));
      }
      if (j.contains("kwargs"))
        for (auto it = j["kwargs"].begin(); it != j["kwargs"].end(); ++it)
          n.args.emplace_back(it.key(), argument(it.value(), where + ".kwargs." + it.key()));
      if (j.contains("outputs")) {
        n.output_shape = OutputShape::Tuple;
        for (const auto &o : j["outputs"]) n.outputs.push_back(o.get<std::string>());
      } else {
        n.outputs = {n.name};
      }
      try {
        g.add_node(std::move(n));
      } catch (const ValueError &e) {
        fail(where, e.what());
      }
    }
    Node out;
    out.kind = Node::Kind::Output;
    out.name = "output";
    out.output_shape = OutputShape::None;
    if (root.contains("outputs"))
      for (size_t i = 0; i < root["outputs"].size(); ++i)
        out.args.emplace_back("", argument(root["outputs"][i], "outputs[" + std::to_string(i) + "]"));
    g.add_node(std::move(out));
    try {
      g.link();
    } catch (const ValueError &e) {
      fail("nodes", e.what());
    }
  } catch (const json::exception &e) {
    throw ValueError(std::string("graph: ") + e.what());
  }
  return g;
}

} // namespace symshape::frontend
