//===- verify/guard_file.cpp - Reading guard files -------------------------===//
#include "symshape/verify/guard_file.h"

#include <regex>

#include "symshape/expr/errors.h"
#include "symshape/expr/parse.h"

namespace symshape::verify {

namespace {

[[noreturn]] void fail(const std::string &file, int line, int column, const std::string &msg,
                       const std::string &kind = "parse") {
  throw Error(kind, file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + msg);
}

bool is_source_or_size(std::string_view name) {
  if (name.find(".size()") != std::string_view::npos || name.find(".stride()") != std::string_view::npos ||
      name.find(".storage_offset()") != std::string_view::npos)
    return true;
  if (name.size() >= 2 && name[0] == 's') {
    for (size_t i = 1; i < name.size(); ++i)
      if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
    return true;
  }
  return false;
}

// Lines of a guard dump that are not shape guards.
bool not_a_shape_guard(const std::string &s) {
  // The guard tree of a TORCH_LOGS=guards dump (its LAMBDA_GUARD lines are
  // read before this test).
  if (!s.empty() && (s[0] == '|' || s[0] == '+' || s.back() == ':')) return true;
  if (s.find("GUARD") != std::string::npos || s.find("Guard") != std::string::npos) return true;
  static const char *const markers[] = {"TENSOR_MATCH", "TYPE_MATCH", "ID_MATCH", "___", "check_tensor",
                                        "isinstance(", "hasattr(", "GuardManager", "DICT_", "GLOBAL_STATE",
                                        "DEFAULT_DEVICE", "TORCH_FUNCTION", "GRAD_MODE", "DETERMINISTIC",
                                        "EQUALS_MATCH", "TupleIterator", "len("};
  for (const char *m : markers)
    if (s.find(m) != std::string::npos) return true;
  return false;
}

std::string strip(const std::string &s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

Bound bound_of(const std::string &t, const std::string &file, int line, int col) {
  if (t == "inf") return Bound::pos_inf();
  if (t == "-inf") return Bound::neg_inf();
  try {
    size_t used = 0;
    long long v = std::stoll(t, &used);
    if (used == t.size()) return Bound(Int(v));
  } catch (const std::exception &) {
  }
  fail(file, line, col, "expected an integer, inf or -inf, found '" + t + "'");
}

void note_names(GuardFile &f, Expr e) {
  for (Expr s : free_symbols(e)) {
    if (std::find(f.names.begin(), f.names.end(), s) != f.names.end()) continue;
    f.names.push_back(s);
    if (!f.ranges.has(s))
      f.ranges.set(s, is_source_or_size(s.name()) ? ValueRange::ints(Bound(0), Bound::pos_inf())
                                                 : ValueRange::unknown(Type::Int));
  }
}

Expr parse_at(const std::string &text, const std::string &file, int line, int col) {
  // L['x'] / L["x"] are the frame's locals: the source is x.
  static const std::regex local(R"(L\[['"]([^'"]+)['"]\])");
  std::string t = std::regex_replace(text, local, "$1");
  Expr e;
  try {
    e = parse_expr(t);
  } catch (const ParseError &pe) {
    // Columns refer to the rewritten text when L[...] was shortened: point
    // at the line's start plus the reported column in that case.
    fail(file, line, col + pe.column() - 1, pe.detail(), pe.kind());
  } catch (const Error &err) {
    fail(file, line, col, err.what(), err.kind());
  }
  if (!e.is_bool()) fail(file, line, col, "a guard must be a boolean, not " + std::string(type_name(e.type())), "type");
  return e;
}

} // namespace

std::vector<Expr> GuardFile::exprs() const {
  std::vector<Expr> out;
  for (const auto &g : guards) out.push_back(g.expr);
  return out;
}

const GuardLine *GuardFile::at_line(int line) const {
  for (const auto &g : guards)
    if (g.line == line) return &g;
  return nullptr;
}

GuardFile parse_guard_file(std::string_view text, const std::string &file_name) {
  GuardFile f;
  f.name = file_name;
  size_t pos = 0;
  int lineno = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    std::string raw(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++lineno;
    // Dump lines: "| | +- LAMBDA_GUARD: <expr>  # <where>".
    size_t lg = raw.find("LAMBDA_GUARD:");
    int col0 = 1;
    std::string body = raw;
    if (lg != std::string::npos) {
      body = raw.substr(lg + 13);
      col0 = static_cast<int>(lg + 14);
    }
    size_t hash = body.find('#');
    if (hash != std::string::npos) body = body.substr(0, hash);
    size_t lead = body.find_first_not_of(" \t");
    if (lead == std::string::npos) continue;
    col0 += static_cast<int>(lead);
    std::string s = strip(body);
    if (s.empty()) continue;
    // Declarations.
    auto word = s.substr(0, s.find(' '));
    if (word == "range" || word == "scalar" || word == "unbacked" || word == "size_like" || word == "input") {
      std::string rest = strip(s.substr(word.size()));
      if (word == "input") {
        size_t eq = rest.find('=');
        std::string nm = strip(rest.substr(0, eq));
        if (nm.empty()) fail(file_name, lineno, col0, "expected 'input NAME = [sizes]'");
        continue; // sizes of NAME are sources, already >= 0
      }
      if (word == "range") {
        size_t sp = rest.find_last_of(" \t");
        if (sp == std::string::npos) fail(file_name, lineno, col0, "expected 'range NAME LO..HI'");
        std::string nm = strip(rest.substr(0, sp)), r = strip(rest.substr(sp + 1));
        size_t dots = r.find("..");
        if (dots == std::string::npos) fail(file_name, lineno, col0, "expected LO..HI, found '" + r + "'");
        static const std::regex local(R"(L\[['"]([^'"]+)['"]\])");
        nm = std::regex_replace(nm, local, "$1");
        Expr sym = symbol(nm);
        int rcol = col0 + static_cast<int>(s.rfind(r));
        Bound lo = bound_of(r.substr(0, dots), file_name, lineno, rcol);
        Bound hi = bound_of(r.substr(dots + 2), file_name, lineno, rcol);
        if (hi < lo) fail(file_name, lineno, rcol, "empty range " + r);
        if (std::find(f.names.begin(), f.names.end(), sym) == f.names.end()) f.names.push_back(sym);
        ValueRange cur = f.ranges.has(sym) ? f.ranges.get(sym)
                                           : (is_source_or_size(nm) ? ValueRange::ints(Bound(0), Bound::pos_inf())
                                                                    : ValueRange::unknown(Type::Int));
        f.ranges.set(sym, cur.intersect(ValueRange::ints(lo, hi)));
        continue;
      }
      Expr sym = symbol(rest);
      if (std::find(f.names.begin(), f.names.end(), sym) == f.names.end()) f.names.push_back(sym);
      f.ranges.set(sym, word == "size_like" ? ValueRange::ints(Bound(0), Bound::pos_inf()) : ValueRange::unknown(Type::Int));
      continue;
    }
    if (not_a_shape_guard(s)) {
      f.warnings.push_back(file_name + ":" + std::to_string(lineno) + ": skipped, not a shape guard: " + s);
      continue;
    }
    Expr e = parse_at(s, file_name, lineno, col0);
    note_names(f, e);
    f.guards.push_back({e, lineno, s});
  }
  return f;
}

GuardFile parse_guard_expr(std::string_view text, const std::string &name) {
  return parse_guard_file(text, name);
}

void merge_domains(GuardFile &into, const GuardFile &other) {
  for (Expr s : other.names) {
    if (std::find(into.names.begin(), into.names.end(), s) == into.names.end()) into.names.push_back(s);
    ValueRange r = other.ranges.has(s) ? other.ranges.get(s) : ValueRange::unknown(Type::Int);
    into.ranges.set(s, into.ranges.has(s) ? into.ranges.get(s).intersect(r) : r);
  }
}

} // namespace symshape::verify
