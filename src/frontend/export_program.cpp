//===- frontend/export_program.cpp - Reading torch.export programs ---------===//
#include "symshape/frontend/export_program.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <zip.h>

#include "symshape/expr/parse.h"

namespace symshape::frontend {

using json = nlohmann::json;
using graph::Arg;
using graph::Graph;
using graph::Node;
using graph::OutputShape;
using rules::Value;

namespace {

[[noreturn]] void fail(const std::string &where, const std::string &what) {
  throw ValueError("torch.export program: " + where + ": " + what);
}

const json &field(const json &j, const char *key, const std::string &where) {
  if (!j.is_object() || !j.contains(key)) fail(where, std::string("missing '") + key + "'");
  return j[key];
}

// PyTorch 2.6 writes non-finite floats as bare `Infinity` / `-Infinity` /
// `NaN`, which is not JSON: quote them outside strings before parsing.
std::string quote_non_finite(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      continue;
    }
    for (const char *tok : {"-Infinity", "Infinity", "NaN"}) {
      size_t n = std::char_traits<char>::length(tok);
      if (text.compare(i, n, tok) == 0) {
        out += '"';
        out += tok;
        out += '"';
        i += n - 1;
        c = 0;
        break;
      }
    }
    if (c) out += c;
  }
  return out;
}

double float_of(const json &j) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    if (s == "Infinity") return HUGE_VAL;
    if (s == "-Infinity") return -HUGE_VAL;
    return NAN;
  }
  return j.get<double>();
}

struct Reader {
  ShapeEnv &env;
  ExportProgram &out;

  // A SymInt of tensor metadata: {"as_int": 4} or {"as_expr": {"expr_str": srepr, "hint": {...}}}.
  Expr sym_int(const json &j, const std::string &where, std::optional<Int> *hint = nullptr) {
    if (j.contains("as_int")) return Expr(Int(j["as_int"].get<long long>()));
    if (!j.contains("as_expr")) fail(where, "expected as_int or as_expr");
    const json &e = j["as_expr"];
    Expr x;
    try {
      x = parse_expr(field(e, "expr_str", where).get<std::string>());
    } catch (const Error &err) {
      fail(where, std::string("cannot read expression: ") + err.what());
    }
    if (hint && e.contains("hint") && e["hint"].is_object() && e["hint"].contains("as_int"))
      *hint = Int(e["hint"]["as_int"].get<long long>());
    return x;
  }

  Value tensor_meta(const json &t, const std::string &where) {
    rules::TensorMeta m;
    const json &sizes = field(t, "sizes", where);
    for (size_t i = 0; i < sizes.size(); ++i) m.sizes.push_back(sym_int(sizes[i], where + ".sizes[" + std::to_string(i) + "]"));
    const json &strides = field(t, "strides", where);
    for (size_t i = 0; i < strides.size(); ++i)
      m.strides.push_back(sym_int(strides[i], where + ".strides[" + std::to_string(i) + "]"));
    m.storage_offset = sym_int(field(t, "storage_offset", where), where + ".storage_offset");
    m.dtype = static_cast<rules::ScalarType>(field(t, "dtype", where).get<int>());
    if (t.contains("device") && t["device"].contains("type")) m.device = t["device"]["type"].get<std::string>();
    m.storage = rules::new_storage_id();
    return Value::of_tensor(std::move(m));
  }

  // Declares the symbols of the placeholders: hints from sizes that are a
  // plain symbol (or c*s + k, solved), ranges from range_constraints.
  void declare_input_symbols(const json &g) {
    std::map<std::string, std::optional<Int>> hints;
    std::vector<std::pair<Expr, Int>> derived;
    std::map<std::string, std::string> source_of;
    for (const auto &in : g.at("inputs")) {
      if (!in.contains("as_tensor")) continue;
      std::string name = in["as_tensor"]["name"].get<std::string>();
      const json &t = g.at("tensor_values").at(name);
      for (size_t i = 0; i < t.at("sizes").size(); ++i) {
        std::optional<Int> h;
        Expr e = sym_int(t["sizes"][i], "tensor_values['" + name + "'].sizes", &h);
        for (Expr s : free_symbols(e)) {
          hints.emplace(std::string(s.name()), std::nullopt);
          source_of.emplace(std::string(s.name()), name + ".size()[" + std::to_string(i) + "]");
        }
        if (!h) continue;
        if (e.is_symbol()) hints[std::string(e.name())] = h;
        else if (e.has_symbols()) derived.emplace_back(e, *h);
      }
    }
    // Derived sizes c*s + k with one symbol give that symbol's hint.
    for (const auto &[e, h] : derived) {
      std::vector<Expr> syms = free_symbols(e);
      if (syms.size() != 1 || hints[std::string(syms[0].name())]) continue;
      if (e.kind() == Kind::Add && e.nargs() == 1 && e.arg(0) == syms[0] && !e.coeff(0).is_zero()) {
        Int num = h - e.constant();
        if (pymod(num, e.coeff(0)).is_zero()) hints[std::string(syms[0].name())] = floordiv(num, e.coeff(0));
      }
    }
    std::map<std::string, ValueRange> ranges;
    for (const auto &[k, r] : out.range_constraints) ranges.emplace(k, r);
    for (const auto &[name, hint] : hints) {
      if (env.info(symbol(name))) continue;
      bool unbacked = !name.empty() && name[0] == 'u';
      ValueRange r = unbacked ? ValueRange::ints(Bound::neg_inf(), Bound::pos_inf())
                              : ValueRange::ints(Bound(2), Bound::pos_inf());
      if (auto it = ranges.find(name); it != ranges.end()) r = r.intersect(it->second);
      if (!unbacked && !hint) fail("inputs", "no example value for the size symbol " + name);
      env.declare_symbol(name, unbacked ? std::nullopt : hint, r, source_of[name]);
    }
  }

  Arg argument(const json &a, const std::string &where, Graph &g) {
    if (!a.is_object() || a.size() != 1) fail(where, "expected a one-key Argument");
    const std::string kind = a.begin().key();
    const json &v = a.begin().value();
    auto ref = [&](const json &x) { return Arg::reference(field(x, "name", where).get<std::string>()); };
    if (kind == "as_tensor") return ref(v);
    if (kind == "as_tensors") {
      std::vector<Arg> items;
      for (const auto &x : v) items.push_back(ref(x));
      return Arg::list(std::move(items));
    }
    if (kind == "as_optional_tensors") {
      std::vector<Arg> items;
      for (const auto &x : v) items.push_back(x.contains("as_tensor") ? ref(x["as_tensor"]) : Arg::constant(Value()));
      return Arg::list(std::move(items));
    }
    if (kind == "as_int") return Arg::constant(Value::of_int(Expr(Int(v.get<long long>()))));
    if (kind == "as_ints") {
      rules::List l;
      for (const auto &x : v) l.push_back(Value::of_int(Expr(Int(x.get<long long>()))));
      return Arg::constant(Value::of_list(std::move(l)));
    }
    if (kind == "as_float") return Arg::constant(Value::of_float(float_of(v)));
    if (kind == "as_floats") {
      rules::List l;
      for (const auto &x : v) l.push_back(Value::of_float(float_of(x)));
      return Arg::constant(Value::of_list(std::move(l)));
    }
    if (kind == "as_bool") return Arg::constant(Value::of_bool(v.get<bool>()));
    if (kind == "as_bools") {
      rules::List l;
      for (const auto &x : v) l.push_back(Value::of_bool(x.get<bool>()));
      return Arg::constant(Value::of_list(std::move(l)));
    }
    if (kind == "as_string") return Arg::constant(Value::of_str(v.get<std::string>()));
    if (kind == "as_none") return Arg::constant(Value());
    if (kind == "as_sym_int" || kind == "as_sym_bool" || kind == "as_sym_float") {
      if (v.contains("as_name")) return Arg::reference(v["as_name"].get<std::string>());
      if (v.contains("as_int")) return Arg::constant(Value::of_int(Expr(Int(v["as_int"].get<long long>()))));
      if (v.contains("as_bool")) return Arg::constant(Value::of_bool(v["as_bool"].get<bool>()));
      if (v.contains("as_float")) return Arg::constant(Value::of_float(float_of(v["as_float"])));
      fail(where, "unknown " + kind + " form");
    }
    if (kind == "as_sym_ints" || kind == "as_sym_bools") {
      std::vector<Arg> items;
      for (const auto &x : v) {
        if (x.contains("as_name")) items.push_back(Arg::reference(x["as_name"].get<std::string>()));
        else if (x.contains("as_int")) items.push_back(Arg::constant(Value::of_int(Expr(Int(x["as_int"].get<long long>())))));
        else if (x.contains("as_bool")) items.push_back(Arg::constant(Value::of_bool(x["as_bool"].get<bool>())));
        else fail(where, "unknown " + kind + " element");
      }
      return Arg::list(std::move(items));
    }
    if (kind == "as_scalar_type") return Arg::constant(Value::of_dtype(static_cast<rules::ScalarType>(v.get<int>())));
    if (kind == "as_memory_format")
      return Arg::constant(Value::of_memory_format(static_cast<rules::MemoryFormat>(v.get<int>())));
    if (kind == "as_layout") return Arg::constant(Value::of_layout(v.get<int>()));
    if (kind == "as_device") return Arg::constant(Value::of_device(field(v, "type", where).get<std::string>()));
    if (kind == "as_graph") {
      Graph sub;
      read_graph(field(v, "graph", where), sub, where + ".graph", field(v, "name", where).get<std::string>() + "/");
      g.subgraphs.push_back(std::move(sub));
      Arg a;
      a.kind = Arg::Kind::Subgraph;
      a.subgraph = static_cast<int>(g.subgraphs.size() - 1);
      return a;
    }
    fail(where, "unknown argument kind '" + kind + "'");
  }

  void record(const json &g, const std::string &prefix) {
    if (g.contains("tensor_values"))
      for (auto it = g["tensor_values"].begin(); it != g["tensor_values"].end(); ++it)
        out.recorded[prefix + it.key()] = tensor_meta(it.value(), "tensor_values['" + it.key() + "']");
    for (const char *key : {"sym_int_values", "sym_bool_values"}) {
      if (!g.contains(key)) continue;
      for (auto it = g[key].begin(); it != g[key].end(); ++it) {
        const json &v = it.value();
        std::string where = std::string(key) + "['" + it.key() + "']";
        if (v.contains("as_expr")) out.recorded[prefix + it.key()] = Value::of_expr(sym_int(v, where));
        else if (v.contains("as_int")) out.recorded[prefix + it.key()] = Value::of_int(Expr(Int(v["as_int"].get<long long>())));
        else if (v.contains("as_bool")) out.recorded[prefix + it.key()] = Value::of_bool(v["as_bool"].get<bool>());
      }
    }
  }

  void read_graph(const json &g, Graph &gr, const std::string &where, const std::string &prefix) {
    record(g, prefix);
    const json &inputs = field(g, "inputs", where);
    for (size_t i = 0; i < inputs.size(); ++i) {
      const json &a = inputs[i];
      Node n;
      n.kind = Node::Kind::Placeholder;
      std::string w = where + ".inputs[" + std::to_string(i) + "]";
      if (a.contains("as_tensor")) {
        n.name = a["as_tensor"].at("name").get<std::string>();
        auto it = out.recorded.find(prefix + n.name);
        if (it != out.recorded.end()) n.meta = it->second;
      } else if (a.contains("as_sym_int")) {
        n.name = a["as_sym_int"].at("as_name").get<std::string>();
        auto it = out.recorded.find(prefix + n.name);
        if (it != out.recorded.end()) n.meta = it->second;
      } else {
        // A constant input (an int, a float, ...): its value is its metadata.
        n.name = "input_" + std::to_string(i);
        n.meta = argument(a, w, gr).value;
      }
      n.outputs = {n.name};
      gr.add_node(std::move(n));
    }
    const json &nodes = field(g, "nodes", where);
    for (size_t k = 0; k < nodes.size(); ++k) {
      const json &j = nodes[k];
      std::string w = where + ".nodes[" + std::to_string(k) + "]";
      Node n;
      n.kind = Node::Kind::Call;
      std::string target = field(j, "target", w).get<std::string>();
      n.op = target.rfind("torch.ops.", 0) == 0 ? target.substr(10)
             : target.rfind("_operator.", 0) == 0 ? target.substr(1)
                                                  : target;
      const json &ins = field(j, "inputs", w);
      for (size_t i = 0; i < ins.size(); ++i)
        n.args.emplace_back(ins[i].value("name", std::string()),
                            argument(field(ins[i], "arg", w), w + ".inputs[" + std::to_string(i) + "]", gr));
      const json &outs = field(j, "outputs", w);
      if (outs.empty() || (outs.size() == 1 && outs[0].contains("as_none"))) {
        n.output_shape = OutputShape::None;
      } else if (outs.size() == 1 && outs[0].contains("as_tensors")) {
        n.output_shape = OutputShape::List;
        for (const auto &t : outs[0]["as_tensors"]) n.outputs.push_back(t.at("name").get<std::string>());
      } else {
        n.output_shape = outs.size() == 1 ? OutputShape::Single : OutputShape::Tuple;
        for (const auto &o : outs) {
          const std::string kind = o.begin().key();
          const json &v = o.begin().value();
          if (kind == "as_tensor") n.outputs.push_back(v.at("name").get<std::string>());
          else if (v.is_object() && v.contains("as_name")) n.outputs.push_back(v["as_name"].get<std::string>());
          else if (kind == "as_none") n.outputs.push_back("");
          else fail(w + ".outputs", "unknown output kind '" + kind + "'");
        }
      }
      n.name = n.outputs.empty() || n.outputs[0].empty() ? "node_" + std::to_string(k) : n.outputs[0];
      try {
        gr.add_node(std::move(n));
      } catch (const ValueError &e) {
        fail(w, e.what());
      }
    }
    Node o;
    o.kind = Node::Kind::Output;
    o.name = "output";
    const json &outputs = field(g, "outputs", where);
    for (size_t i = 0; i < outputs.size(); ++i)
      o.args.emplace_back("", argument(outputs[i], where + ".outputs[" + std::to_string(i) + "]", gr));
    o.output_shape = OutputShape::None;
    gr.add_node(std::move(o));
  }
};

} // namespace

ExportProgram load_export_program(std::string_view text, ShapeEnv &env) {
  json root;
  try {
    root = json::parse(quote_non_finite(text));
  } catch (const json::exception &e) {
    throw ValueError(std::string("torch.export program: not JSON: ") + e.what());
  }
  ExportProgram p;
  Reader r{env, p};
  try {
    const json &gm = field(root, "graph_module", "$");
    const json &g = field(gm, "graph", "graph_module");
    if (root.contains("verifiers") && !root["verifiers"].empty()) p.verifier = root["verifiers"][0].get<std::string>();
    if (root.contains("range_constraints"))
      for (auto it = root["range_constraints"].begin(); it != root["range_constraints"].end(); ++it) {
        const json &c = it.value();
        Bound lo = c.contains("min_val") && !c["min_val"].is_null() ? Bound(Int(c["min_val"].get<long long>())) : Bound::neg_inf();
        Bound hi = c.contains("max_val") && !c["max_val"].is_null() ? Bound(Int(c["max_val"].get<long long>())) : Bound::pos_inf();
        p.range_constraints.emplace_back(it.key(), ValueRange::ints(lo, hi));
      }
    if (gm.contains("signature")) {
      for (const auto &s : gm["signature"].value("input_specs", json::array()))
        if (s.contains("user_input")) {
          const json &a = s["user_input"].at("arg");
          if (a.contains("as_tensor")) p.user_inputs.push_back(a["as_tensor"]["name"].get<std::string>());
        }
      for (const auto &s : gm["signature"].value("output_specs", json::array()))
        if (s.contains("user_output")) {
          const json &a = s["user_output"].at("arg");
          if (a.contains("as_tensor")) p.user_outputs.push_back(a["as_tensor"]["name"].get<std::string>());
        }
    }
    r.declare_input_symbols(g);
    r.read_graph(g, p.graph, "graph", "");
  } catch (const json::exception &e) {
    throw ValueError(std::string("torch.export program: ") + e.what());
  }
  return p;
}

std::string read_program_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValueError("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() < 4 || text.compare(0, 4, "PK\x03\x04") != 0) return text;
  int err = 0;
  zip_t *z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) throw ValueError(path + ": not a readable .pt2 archive (libzip error " + std::to_string(err) + ")");
  std::string out;
  const std::string member = "serialized_exported_program.json";
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    std::string name = zip_get_name(z, static_cast<zip_uint64_t>(i), 0);
    if (name.size() < member.size() || name.compare(name.size() - member.size(), member.size(), member) != 0) continue;
    zip_stat_t st;
    zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
    zip_file_t *f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    if (!f) break;
    out.resize(static_cast<size_t>(st.size));
    zip_int64_t got = zip_fread(f, out.data(), st.size);
    zip_fclose(f);
    if (got != static_cast<zip_int64_t>(st.size)) out.clear();
    break;
  }
  zip_close(z);
  if (out.empty()) throw ValueError(path + ": no serialized_exported_program.json in the archive");
  return out;
}

} // namespace symshape::frontend
