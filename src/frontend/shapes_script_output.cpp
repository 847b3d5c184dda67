//===- shapes_script_output.cpp - JSON and text output of `symshape replay` -===//
#include <nlohmann/json.hpp>
#include <sstream>

#include "symshape/frontend/shapes_script.h"

namespace symshape {

namespace {

using json = nlohmann::ordered_json;

json bound_json(const Bound &b) {
  if (b.is_pos_inf()) return "inf";
  if (b.is_neg_inf()) return "-inf";
  if (b.value().fits_int64()) return b.value().to_int64();
  return b.value().str();
}

json range_json(const ValueRange &r) {
  if (r.type == Type::Bool) return json::array({!r.can_be_false, r.can_be_true});
  if (r.type == Type::Float) return json::array({r.flo, r.fhi});
  return json::array({bound_json(r.lo), bound_json(r.hi)});
}

} // namespace

std::string script_result_json(const ScriptResult &r) {
  json out;
  out["schema_version"] = 1;
  json results = json::array();
  for (const auto &e : r.results) {
    json j;
    j["line"] = e.line;
    j["command"] = e.command;
    j["expr"] = e.expr;
    j["value"] = e.value;
    if (e.stronger) j["stronger"] = true;
    if (!e.tier.empty()) j["tier"] = e.tier;
    results.push_back(j);
  }
  out["results"] = results;
  out["guards"] = r.guards;
  out["static_guards"] = r.static_guards;
  out["runtime_asserts"] = r.runtime_asserts;
  json repl = json::object();
  for (const auto &[k, v] : r.replacements) repl[k] = v;
  out["replacements"] = repl;
  json ranges = json::object();
  for (const auto &[k, v] : r.ranges) ranges[k] = range_json(v);
  out["ranges"] = ranges;
  json syms = json::object();
  for (const auto &[k, v] : r.symbols) syms[k] = v;
  out["symbols"] = syms;
  json errors = json::array();
  for (const auto &e : r.errors) {
    json j;
    j["line"] = e.line ? json(*e.line) : json(nullptr);
    j["command"] = e.command;
    j["kind"] = e.kind;
    j["expected"] = e.expected;
    j["message"] = e.message;
    errors.push_back(j);
  }
  out["errors"] = errors;
  out["guard_validation"] = r.guard_validation;
  out["dropped_guards"] = r.dropped_guards;
  return out.dump(2) + "\n";
}

std::string script_result_text(const ScriptResult &r) {
  std::ostringstream o;
  for (const auto &e : r.results) {
    o << "line " << e.line << ": " << e.command << " " << e.expr << " -> " << e.value;
    if (!e.tier.empty()) o << "   [" << e.tier << (e.stronger ? ", stronger than PyTorch" : "") << "]";
    o << "\n";
  }
  for (const auto &e : r.errors)
    o << (e.line ? "line " + std::to_string(*e.line) : std::string("at the end")) << ": " << e.command
      << " failed (" << e.kind << (e.expected ? ", expected" : "") << "): " << e.message << "\n";
  o << "guards:\n";
  for (const auto &g : r.guards) o << "  " << g << "\n";
  if (!r.dropped_guards.empty()) {
    o << "dropped as redundant:\n";
    for (const auto &g : r.dropped_guards) o << "  " << g << "\n";
  }
  o << "guard validation: " << r.guard_validation << "\n";
  if (!r.runtime_asserts.empty()) {
    o << "runtime asserts:\n";
    for (const auto &a : r.runtime_asserts) o << "  " << a << "\n";
  }
  if (!r.replacements.empty()) {
    o << "replacements:\n";
    for (const auto &[k, v] : r.replacements) o << "  " << k << " -> " << v << "\n";
  }
  o << "ranges:\n";
  for (const auto &[k, v] : r.ranges) o << "  " << k << " in " << v.str() << "\n";
  return o.str();
}

} // namespace symshape
