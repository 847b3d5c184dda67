//===- snapshot.cpp - ShapeEnv <-> versioned JSON --------------------------===//
#include "symshape/shape_env/snapshot.h"

#include <nlohmann/json.hpp>

#include "shape_env_internal.h"
#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"

namespace symshape {

namespace {

using json = nlohmann::ordered_json;

std::string lossless(Expr e) { return e.is_null() ? "" : print(e, Dialect::Lossless); }

json bound_json(const Bound &b) {
  if (b.is_pos_inf()) return "inf";
  if (b.is_neg_inf()) return "-inf";
  if (b.value().fits_int64()) return b.value().to_int64();
  return b.value().str();
}

json range_json(const ValueRange &r) { return json::array({bound_json(r.lo), bound_json(r.hi)}); }

json int_json(Int v) { return v.fits_int64() ? json(v.to_int64()) : json(v.str()); }

/// Reading with a path for every error message.
class Reader {
public:
  explicit Reader(const json &root) : root_(root) {}

  [[noreturn]] static void fail(const std::string &path, const std::string &what) {
    throw ValueError("snapshot: " + path + ": " + what);
  }
  static const json &field(const json &j, const char *key, const std::string &path) {
    if (!j.is_object() || !j.contains(key)) fail(path, std::string("missing field '") + key + "'");
    return j.at(key);
  }
  static std::string str(const json &j, const std::string &path) {
    if (!j.is_string()) fail(path, "expected a string");
    return j.get<std::string>();
  }
  static bool boolean(const json &j, const std::string &path) {
    if (!j.is_boolean()) fail(path, "expected true or false");
    return j.get<bool>();
  }
  static Int integer_of(const json &j, const std::string &path) {
    if (j.is_number_integer()) return Int(static_cast<long long>(j.get<int64_t>()));
    if (j.is_string())
      if (auto v = Int::parse(j.get<std::string>())) return *v;
    fail(path, "expected an integer");
  }
  static Bound bound(const json &j, const std::string &path) {
    if (j.is_string() && j.get<std::string>() == "inf") return Bound::pos_inf();
    if (j.is_string() && j.get<std::string>() == "-inf") return Bound::neg_inf();
    return Bound(integer_of(j, path));
  }
  static ValueRange range(const json &j, const std::string &path) {
    if (!j.is_array() || j.size() != 2) fail(path, "expected [lo, hi]");
    ValueRange r = ValueRange::ints(bound(j[0], path + "[0]"), bound(j[1], path + "[1]"));
    if (r.is_empty()) fail(path, "empty range");
    return r;
  }
  static Expr expr(const json &j, const std::string &path) {
    std::string t = str(j, path);
    try {
      return parse_expr(t);
    } catch (const ParseError &e) {
      fail(path, std::string("bad expression '") + t + "': " + e.what());
    }
  }

private:
  const json &root_;
};

} // namespace

std::string save_snapshot(const ShapeEnv &env) {
  const ShapeEnv::Impl &m = env.impl();
  json out;
  out["format"] = "symshape.shape_env";
  out["schema_version"] = kSnapshotSchemaVersion;
  const ShapeEnvSettings &s = m.settings;
  out["settings"] = {{"specialize_zero_one", s.specialize_zero_one},
                     {"duck_shape", s.duck_shape},
                     {"prefer_deferred_runtime_asserts_over_guards", s.prefer_deferred_runtime_asserts_over_guards},
                     {"use_z3", s.use_z3},
                     {"smt_timeout_ms", s.smt.timeout_ms},
                     {"smt_rlimit", s.smt.rlimit}};
  json syms = json::array();
  for (Expr sym : m.symbol_order) {
    const SymbolInfo &i = *m.find_info(sym);
    json j;
    j["name"] = std::string(sym.name());
    j["backed"] = i.backed;
    j["hint"] = i.hint ? int_json(*i.hint) : json(nullptr);
    j["range"] = range_json(i.range);
    j["declared_range"] = range_json(i.declared_range);
    j["user_range"] = i.user_range ? range_json(*i.user_range) : json(nullptr);
    j["sources"] = i.sources;
    j["origin"] = i.origin;
    j["size_like"] = i.size_like;
    j["scalar"] = i.scalar;
    j["unbacked_bool"] = i.unbacked_bool;
    syms.push_back(j);
  }
  out["symbols"] = syms;
  json inputs = json::array();
  for (const auto &in : m.inputs) {
    json j;
    if (in.is_tensor) {
      j["kind"] = "tensor";
      j["name"] = in.tensor.name;
      json sizes = json::array(), strides = json::array();
      for (Expr e : in.tensor.sizes) sizes.push_back(lossless(e));
      for (Expr e : in.tensor.strides) strides.push_back(lossless(e));
      j["sizes"] = sizes;
      j["strides"] = strides;
      j["storage_offset"] = lossless(in.tensor.storage_offset);
    } else {
      j["kind"] = "scalar";
      j["name"] = in.name;
      j["value"] = lossless(in.value);
    }
    inputs.push_back(j);
  }
  out["inputs"] = inputs;
  json sources = json::array();
  for (const auto &[src, e] : m.sources) sources.push_back(json::array({src, lossless(e)}));
  out["sources"] = sources;
  json duck = json::array();
  for (const auto &[v, e] : m.val_to_var) duck.push_back(json::array({int_json(v), lossless(e)}));
  out["duck_sizes"] = duck;
  out["next_backed"] = m.next_backed;
  out["next_unbacked"] = m.next_unbacked;
  json pending = json::array();
  for (Expr u : m.pending_unbacked) pending.push_back(std::string(u.name()));
  out["pending_unbacked"] = pending;
  json repl = json::array();
  for (Expr a : m.replacement_order) repl.push_back(json::array({std::string(a.name()), lossless(m.replacements.find(a.node())->target)}));
  out["replacements"] = repl;
  json div = json::array();
  for (Expr d : m.divisible) div.push_back(lossless(d));
  out["divisible"] = div;
  json guards = json::array();
  for (const Guard &g : m.guards)
    guards.push_back({{"expr", lossless(g.expr)}, {"origin", g.origin}, {"size_oblivious", g.size_oblivious}});
  out["guards"] = guards;
  json asserts = json::array();
  for (const RuntimeAssert &a : m.asserts)
    asserts.push_back({{"expr", lossless(a.expr)},
                       {"message", a.message},
                       {"origin", a.origin},
                       {"key", a.key.is_null() ? json(nullptr) : json(std::string(a.key.name()))}});
  out["runtime_asserts"] = asserts;
  out["assumptions"] = m.assumptions;
  out["frozen"] = m.frozen;
  out["frozen_guards"] = m.frozen_guards;
  return out.dump(2) + "\n";
}

std::unique_ptr<ShapeEnv> load_snapshot(std::string_view text) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::exception &e) {
    throw ValueError(std::string("snapshot: not valid JSON: ") + e.what());
  }
  using R = Reader;
  if (R::str(R::field(root, "format", "$"), "format") != "symshape.shape_env")
    R::fail("format", "not a symshape.shape_env snapshot");
  const json &ver = R::field(root, "schema_version", "$");
  if (!ver.is_number_integer() || ver.get<int>() != kSnapshotSchemaVersion)
    R::fail("schema_version", "this symshape reads version " + std::to_string(kSnapshotSchemaVersion));
  const json &st = R::field(root, "settings", "$");
  ShapeEnvSettings s;
  s.specialize_zero_one = R::boolean(R::field(st, "specialize_zero_one", "settings"), "settings.specialize_zero_one");
  s.duck_shape = R::boolean(R::field(st, "duck_shape", "settings"), "settings.duck_shape");
  s.prefer_deferred_runtime_asserts_over_guards =
      R::boolean(R::field(st, "prefer_deferred_runtime_asserts_over_guards", "settings"),
                 "settings.prefer_deferred_runtime_asserts_over_guards");
  s.use_z3 = R::boolean(R::field(st, "use_z3", "settings"), "settings.use_z3");
  s.smt.timeout_ms = static_cast<unsigned>(R::integer_of(R::field(st, "smt_timeout_ms", "settings"), "settings.smt_timeout_ms").to_int64());
  s.smt.rlimit = static_cast<unsigned>(R::integer_of(R::field(st, "smt_rlimit", "settings"), "settings.smt_rlimit").to_int64());
  auto env = std::make_unique<ShapeEnv>(s);
  ShapeEnv::Impl &m = env->impl();
  m.val_to_var.clear();

  const json &syms = R::field(root, "symbols", "$");
  for (size_t k = 0; k < syms.size(); ++k) {
    std::string p = "symbols[" + std::to_string(k) + "]";
    const json &j = syms[k];
    SymbolInfo i;
    i.symbol = symbol(R::str(R::field(j, "name", p), p + ".name"), Type::Int);
    i.backed = R::boolean(R::field(j, "backed", p), p + ".backed");
    const json &h = R::field(j, "hint", p);
    if (!h.is_null()) i.hint = R::integer_of(h, p + ".hint");
    i.range = R::range(R::field(j, "range", p), p + ".range");
    i.declared_range = R::range(R::field(j, "declared_range", p), p + ".declared_range");
    const json &u = R::field(j, "user_range", p);
    if (!u.is_null()) i.user_range = R::range(u, p + ".user_range");
    for (const auto &src : R::field(j, "sources", p)) i.sources.push_back(R::str(src, p + ".sources"));
    i.origin = R::str(R::field(j, "origin", p), p + ".origin");
    i.size_like = R::boolean(R::field(j, "size_like", p), p + ".size_like");
    i.scalar = R::boolean(R::field(j, "scalar", p), p + ".scalar");
    i.unbacked_bool = R::boolean(R::field(j, "unbacked_bool", p), p + ".unbacked_bool");
    if (m.info.count(i.symbol.node())) R::fail(p + ".name", "duplicate symbol " + std::string(i.symbol.name()));
    m.symbol_order.push_back(i.symbol);
    m.ranges.set(i.symbol, i.range);
    m.add_info(i);
  }
  const json &inputs = R::field(root, "inputs", "$");
  for (size_t k = 0; k < inputs.size(); ++k) {
    std::string p = "inputs[" + std::to_string(k) + "]";
    const json &j = inputs[k];
    ShapeEnv::Input in{false, {}, "", Expr()};
    std::string kind = R::str(R::field(j, "kind", p), p + ".kind");
    if (kind == "tensor") {
      in.is_tensor = true;
      in.tensor.name = R::str(R::field(j, "name", p), p + ".name");
      for (const auto &e : R::field(j, "sizes", p)) in.tensor.sizes.push_back(R::expr(e, p + ".sizes"));
      for (const auto &e : R::field(j, "strides", p)) in.tensor.strides.push_back(R::expr(e, p + ".strides"));
      in.tensor.storage_offset = R::expr(R::field(j, "storage_offset", p), p + ".storage_offset");
    } else if (kind == "scalar") {
      in.name = R::str(R::field(j, "name", p), p + ".name");
      in.value = R::expr(R::field(j, "value", p), p + ".value");
    } else {
      R::fail(p + ".kind", "expected tensor or scalar");
    }
    m.inputs.push_back(in);
  }
  for (const auto &pair : R::field(root, "sources", "$")) {
    std::string src = R::str(pair.at(0), "sources");
    Expr e = R::expr(pair.at(1), "sources." + src);
    m.sources.emplace_back(src, e);
    m.source_map[src] = e;
  }
  for (const auto &pair : R::field(root, "duck_sizes", "$"))
    m.val_to_var[R::integer_of(pair.at(0), "duck_sizes")] = R::expr(pair.at(1), "duck_sizes");
  m.next_backed = static_cast<int>(R::integer_of(R::field(root, "next_backed", "$"), "next_backed").to_int64());
  m.next_unbacked = static_cast<int>(R::integer_of(R::field(root, "next_unbacked", "$"), "next_unbacked").to_int64());
  for (const auto &u : R::field(root, "pending_unbacked", "$")) m.pending_unbacked.push_back(symbol(R::str(u, "pending_unbacked")));
  // Knowledge, then the derived state (axioms, Z3 facts) rebuilt from it.
  for (const auto &pair : R::field(root, "replacements", "$")) {
    Expr a = symbol(R::str(pair.at(0), "replacements"));
    Expr t = R::expr(pair.at(1), "replacements." + std::string(a.name()));
    m.replacement_order.push_back(a);
    m.replacements[a.node()] = {t, 0};
    m.add_z3_fact(eq(a, t));
  }
  for (const auto &d : R::field(root, "divisible", "$")) {
    Expr e = R::expr(d, "divisible");
    m.divisible.push_back(e);
    m.add_z3_fact(eq(e, integer(0)));
  }
  m.bump_subst();
  const json &guards = R::field(root, "guards", "$");
  for (size_t k = 0; k < guards.size(); ++k) {
    std::string p = "guards[" + std::to_string(k) + "]";
    Guard g{R::expr(R::field(guards[k], "expr", p), p + ".expr"), R::str(R::field(guards[k], "origin", p), p + ".origin"),
            R::boolean(R::field(guards[k], "size_oblivious", p), p + ".size_oblivious")};
    m.guards.push_back(g);
    m.add_fact(g.expr);
  }
  const json &asserts = R::field(root, "runtime_asserts", "$");
  for (size_t k = 0; k < asserts.size(); ++k) {
    std::string p = "runtime_asserts[" + std::to_string(k) + "]";
    const json &j = asserts[k];
    RuntimeAssert a{R::expr(R::field(j, "expr", p), p + ".expr"), R::str(R::field(j, "message", p), p + ".message"),
                    R::str(R::field(j, "origin", p), p + ".origin"), Expr()};
    const json &key = R::field(j, "key", p);
    if (!key.is_null()) a.key = symbol(R::str(key, p + ".key"));
    m.asserts.push_back(a);
    m.add_fact(a.expr);
  }
  for (const auto &a : R::field(root, "assumptions", "$")) m.assumptions.push_back(R::str(a, "assumptions"));
  m.frozen = R::boolean(R::field(root, "frozen", "$"), "frozen");
  m.frozen_guards = static_cast<size_t>(R::integer_of(R::field(root, "frozen_guards", "$"), "frozen_guards").to_int64());
  for (Expr s : m.symbol_order)
    for (Expr f : free_symbols(m.replacements.contains(s.node()) ? m.replacements.find(s.node())->target : s))
      if (!m.info.count(f.node())) R::fail("replacements", "unknown symbol " + std::string(f.name()));
  m.bump();
  return env;
}

std::string guard_set_json(const GuardSet &gs) {
  json out;
  out["format"] = "symshape.guards";
  out["schema_version"] = 1;
  auto list = [](const std::vector<ProducedGuard> &v) {
    json a = json::array();
    for (const auto &g : v) {
      json j{{"text", g.text}, {"kind", guard_kind_name(g.kind)}, {"expr", lossless(g.expr)}, {"provenance", g.provenance}};
      if (!g.dropped_because.empty()) j["dropped_because"] = g.dropped_because;
      a.push_back(j);
    }
    return a;
  };
  out["guards"] = list(gs.guards);
  out["static_guards"] = list(gs.static_guards);
  out["dropped"] = list(gs.dropped);
  out["validation"] = gs.validation;
  out["constraint_violations"] = gs.constraint_violations;
  out["stats"] = {{"z3_queries", gs.z3_queries}, {"refuted_by_search", gs.refuted_by_search}};
  return out.dump(2) + "\n";
}

} // namespace symshape
