//===- schema.cpp - Parsing and printing ATen operator schemas -------------===//
//
// A hand-written recursive descent over the characters of one schema (the
// grammar is in schema.h).  Every read goes through `peek`, which answers
// '\0' past the end, so no input can make the parser read out of bounds; every
// failure goes through `fail`, so every error names its column.
//
//===----------------------------------------------------------------------===//
#include "symshape/rules/schema.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>

namespace symshape::rules {

namespace {

using Base = SchemaType::Base;
using Kind = SchemaDefault::Kind;

struct BaseName {
  const char *text;
  Base base;
};
// The spelling of every base type but Dict, TypeVar and Class.
constexpr BaseName kBaseNames[] = {
    {"Tensor", Base::Tensor},         {"int", Base::Int},
    {"SymInt", Base::SymInt},         {"bool", Base::Bool},
    {"float", Base::Float},           {"complex", Base::Complex},
    {"str", Base::Str},               {"Scalar", Base::Scalar},
    {"ScalarType", Base::ScalarType}, {"Layout", Base::Layout},
    {"Device", Base::Device},         {"MemoryFormat", Base::MemoryFormat},
    {"Generator", Base::Generator},   {"Dimname", Base::Dimname},
    {"Storage", Base::Storage},       {"Stream", Base::Stream},
    {"Any", Base::Any},               {"AnyEnumType", Base::AnyEnum},
    {"NoneType", Base::None},
};

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }
bool is_identifier(std::string_view s) {
  return !s.empty() && is_ident_start(s[0]) && std::all_of(s.begin(), s.end(), is_ident_char);
}

// `-?D+`, the only integer spelling PyTorch prints.
bool is_int_literal(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  return all_digits(s);
}

// `-?(D+.D* | .D+)([eE][+-]?D+)?` or `-?D+[eE][+-]?D+`: Python's float
// spellings, including PyTorch's `1.` and `9.9999999999999995e-07`.
bool is_float_literal(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  size_t i = 0, n = s.size();
  size_t int_digits = 0, frac_digits = 0;
  while (i < n && is_digit(s[i])) ++i, ++int_digits;
  bool dot = i < n && s[i] == '.';
  if (dot)
    for (++i; i < n && is_digit(s[i]); ++i) ++frac_digits;
  if (int_digits + frac_digits == 0) return false;
  bool exponent = i < n && (s[i] == 'e' || s[i] == 'E');
  if (exponent) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (!all_digits(s.substr(i))) return false;
    i = n;
  }
  return i == n && (dot || exponent);
}

// A scalar default before it is checked against a type.
struct Scalar {
  Kind kind = Kind::None;
  Int i;
  double f = 0;
  bool b = false;
  std::string s;  // Str contents or Ident name
};

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

class Parser {
public:
  explicit Parser(std::string_view text) : s_(text) {}

  Schema parse() {
    Schema out;
    out.text = std::string(s_);
    skip();
    out.ns = ident("an operator namespace");
    if (!accept("::")) fail(p_, "expected '::' after the namespace " + quoted(out.ns) + ", found " + describe());
    out.name = ident("an operator name");
    if (accept(".")) out.overload = ident("an overload name after '.'");
    if (peek() != '(') fail(p_, "expected '(' after the operator name, found " + describe());
    parse_args(out);
    if (!accept("->")) fail(p_, "expected '->' after the arguments, found " + describe());
    parse_returns(out);
    if (p_ < s_.size()) fail(p_, "unexpected " + describe() + " after the returns");
    return out;
  }

private:
  std::string_view s_;
  size_t p_ = 0;  // always at a non-blank after a token has been read
  int dict_depth_ = 0;

  char peek(size_t k = 0) const { return p_ + k < s_.size() ? s_[p_ + k] : '\0'; }
  bool at_end() const { return p_ >= s_.size(); }
  void skip() {
    while (p_ < s_.size() && is_space(s_[p_])) ++p_;
  }
  // Consumes `token` (and the blanks after it) when it comes next.
  bool accept(std::string_view token) {
    if (s_.substr(p_, token.size()) != token) return false;
    p_ += token.size();
    skip();
    return true;
  }

  [[noreturn]] void fail(size_t at, const std::string &message) const {
    throw SchemaError(static_cast<int>(at) + 1, message, s_);
  }

  // The token at `at`, quoted, for "found ..." in messages.
  std::string describe(size_t at) const {
    if (at >= s_.size()) return "end of schema";
    size_t e = at + 1;
    if (is_ident_char(s_[at]))
      while (e < s_.size() && is_ident_char(s_[e])) ++e;
    else if (s_.substr(at, 2) == "->")
      e = at + 2;
    return quoted(s_.substr(at, e - at));
  }
  std::string describe() const { return describe(p_); }

  std::string ident(const char *what) {
    if (!is_ident_start(peek())) fail(p_, std::string("expected ") + what + ", found " + describe());
    size_t b = p_;
    while (is_ident_char(peek())) ++p_;
    std::string word(s_.substr(b, p_ - b));
    skip();
    return word;
  }

  // ---- types ---------------------------------------------------------------

  SchemaType parse_type() {
    SchemaType t;
    size_t at = p_;
    if (!is_ident_start(peek())) fail(p_, "expected a type, found " + describe());
    std::string word = ident("a type");
    bool known = false;
    for (const BaseName &b : kBaseNames)
      if (word == b.text) t.base = b.base, known = true;
    if (known) {
    } else if (word == "Dict") {
      t.base = Base::Dict;
      if (++dict_depth_ > 16) fail(at, "'Dict' types nest too deeply");  // bounds the recursion
      if (!accept("(")) fail(p_, "expected '(' after 'Dict', found " + describe());
      t.contained.push_back(parse_type());
      if (!accept(",")) fail(p_, "expected ',' between the key and value types of 'Dict', found " + describe());
      t.contained.push_back(parse_type());
      if (!accept(")")) fail(p_, "expected ')' to close 'Dict(', found " + describe());
      --dict_depth_;
    } else if (word == "__torch__") {
      // A TorchScript class: __torch__.torch.classes.ns.Name.
      t.base = Base::Class;
      t.name = word;
      while (peek() == '.' && is_ident_start(peek(1))) {
        ++p_;
        t.name += "." + ident("a class name");
      }
      if (t.name == word) fail(at, "expected a dotted class name after '__torch__'");
    } else if (word[0] == 't' && (word.size() == 1 || all_digits(std::string_view(word).substr(1)))) {
      // Only `t`, `t1`, ... are type variables: taking every lower-case word
      // for one (as TorchScript does) would make a typo such as `flaot` a
      // silently generic argument.
      t.base = Base::TypeVar;
      t.name = word;
    } else {
      fail(at, "unknown type " + quoted(word));
    }
    if (peek() == '(') t.alias = parse_alias();
    bool question = accept("?");
    if (!accept("[")) {
      t.optional = question;
      return t;
    }
    t.list = true;
    t.element_optional = question;
    if (is_digit(peek())) {
      size_t b = p_;
      while (is_digit(peek())) ++p_;
      if (p_ - b > 6) fail(b, "list size " + std::string(s_.substr(b, p_ - b)) + " is too large");
      t.list_size = std::stoi(std::string(s_.substr(b, p_ - b)));
      skip();
    }
    if (!accept("]")) fail(p_, "expected a list size or ']', found " + describe());
    if (peek() == '(') {
      if (!t.alias.empty()) fail(p_, "a type takes one alias annotation");
      t.alias = parse_alias();
      t.alias_on_list = true;
    }
    t.optional = accept("?");
    if (peek() == '[') fail(p_, "nested list types are not supported");
    return t;
  }

  // `(a)`, `(a!)`, `(a -> *)`, `(b|a)`, `(*)`: returns the canonical text
  // between the parentheses.
  std::string parse_alias() {
    size_t open = p_;
    accept("(");
    auto sets = [&](std::string &out) {
      do {
        if (!out.empty() && out.back() != ' ') out += '|';
        if (accept("*")) out += '*';
        else if (is_ident_start(peek())) out += ident("an alias set");
        else fail(p_, "expected an alias set name or '*', found " + describe());
      } while (accept("|"));
    };
    std::string alias;
    sets(alias);
    if (accept("!")) alias += '!';
    if (accept("->")) {
      alias += " -> ";
      sets(alias);
    }
    if (at_end()) fail(open, "unclosed '(' of an alias annotation");
    if (!accept(")")) fail(p_, "expected ')' to close the alias annotation, found " + describe());
    return alias;
  }

  // ---- arguments and returns -------------------------------------------------

  // `(a, b, ...)`, calling `item` at the start of each element.
  template <class Item> void parse_list(const char *what, Item item) {
    size_t open = p_;
    accept("(");
    if (accept(")")) return;
    for (;;) {
      item();
      if (accept(",")) continue;
      if (accept(")")) return;
      if (at_end()) fail(open, std::string("unclosed '(' of the ") + what);
      fail(p_, std::string("expected ',' or ')' in the ") + what + ", found " + describe());
    }
  }

  void parse_args(Schema &out) {
    bool kwarg_only = false;
    parse_list("arguments", [&] {
      if (peek() == '*') {
        if (kwarg_only) fail(p_, "'*' appears twice");
        kwarg_only = true;
        accept("*");
        if (!accept(",")) fail(p_, "expected ',' and an argument after '*', found " + describe());
        if (peek() == '*') fail(p_, "'*' appears twice");
      }
      SchemaArg arg;
      arg.kwarg_only = kwarg_only;
      size_t type_at = p_;
      arg.type = parse_type();
      std::string type_text(s_.substr(type_at, p_ - type_at));
      while (!type_text.empty() && is_space(type_text.back())) type_text.pop_back();
      if (!is_ident_start(peek()))
        fail(p_, "expected an argument name after " + quoted(type_text) + ", found " + describe());
      size_t name_at = p_;
      arg.name = ident("an argument name");
      if (out.find_arg(arg.name) >= 0) fail(name_at, "duplicate argument name " + quoted(arg.name));
      if (accept("=")) arg.default_value = parse_default(arg.type, type_text);
      out.args.push_back(std::move(arg));
    });
  }

  void parse_returns(Schema &out) {
    if (peek() != '(') {
      out.returns.emplace_back();
      out.returns.back().type = parse_type();
      return;
    }
    parse_list("returns", [&] {
      SchemaArg r;
      r.type = parse_type();
      if (is_ident_start(peek())) r.name = ident("a return name");
      if (peek() == '=') fail(p_, "returns take no default values");
      out.returns.push_back(std::move(r));
    });
  }

  // ---- defaults ------------------------------------------------------------

  // One scalar: a string literal, or a run of [A-Za-z0-9_.+-] read as None,
  // True, False, inf, nan, a number or an identifier.
  Scalar parse_scalar() {
    Scalar v;
    size_t b = p_;
    char q = peek();
    if (q == '"' || q == '\'') {
      v.kind = Kind::Str;
      for (++p_;;) {
        if (at_end()) fail(b, "unterminated string");
        char c = s_[p_++];
        if (c == q) break;
        if (c != '\\') {
          v.s += c;
          continue;
        }
        if (at_end()) fail(b, "unterminated string");
        char e = s_[p_++];
        if (e == 'n') v.s += '\n';
        else if (e == 't') v.s += '\t';
        else if (e == '\\' || e == '"' || e == '\'') v.s += e;
        else fail(p_ - 2, "unknown escape '\\" + std::string(1, e) + "' in a string");
      }
      return v;
    }
    while (is_ident_char(peek()) || peek() == '.' || peek() == '-' || peek() == '+') ++p_;
    std::string_view tok = s_.substr(b, p_ - b);
    if (tok.empty()) fail(b, "expected a default value, found " + describe(b));
    if (tok == "None") {
      v.kind = Kind::None;
    } else if (tok == "True" || tok == "False") {
      v.kind = Kind::Bool;
      v.b = tok == "True";
    } else if (tok == "inf" || tok == "-inf" || tok == "nan") {
      v.kind = Kind::Float;
      v.f = tok == "nan" ? std::numeric_limits<double>::quiet_NaN()
                         : (tok[0] == '-' ? -1.0 : 1.0) * std::numeric_limits<double>::infinity();
    } else if (is_int_literal(tok)) {
      std::optional<Int> i = Int::parse(tok);
      if (!i) fail(b, "integer default " + std::string(tok) + " is out of range");
      v.kind = Kind::Int;
      v.i = *i;
    } else if (is_float_literal(tok)) {
      v.kind = Kind::Float;
      std::from_chars_result r = std::from_chars(tok.data(), tok.data() + tok.size(), v.f);
      if (r.ec == std::errc::result_out_of_range) fail(b, "float default " + std::string(tok) + " is out of range");
      if (r.ec != std::errc() || r.ptr != tok.data() + tok.size()) fail(b, "malformed default value " + quoted(tok));
    } else if (is_identifier(tok)) {
      v.kind = Kind::Ident;
      v.s = std::string(tok);
    } else {
      fail(b, "malformed default value " + quoted(tok));
    }
    return v;
  }

  // Can scalar `v` be a value of base type `b`?  An int written for a float
  // type becomes a float.
  static bool fits(Base b, Scalar &v) {
    switch (v.kind) {
    case Kind::Bool: return b == Base::Bool || b == Base::Scalar;
    case Kind::Int:
      if (b == Base::Float || b == Base::Complex) {
        v.kind = Kind::Float;
        v.f = v.i.to_double();
        return true;
      }
      return b == Base::Int || b == Base::SymInt || b == Base::Scalar || b == Base::ScalarType ||
             b == Base::Layout || b == Base::MemoryFormat;
    case Kind::Float: return b == Base::Float || b == Base::Complex || b == Base::Scalar;
    case Kind::Str: return b == Base::Str || b == Base::Dimname || b == Base::Device;
    case Kind::Ident:
      return b == Base::Int || b == Base::SymInt || b == Base::ScalarType || b == Base::Layout ||
             b == Base::MemoryFormat;
    default: return false;
    }
  }

  SchemaDefault parse_default(const SchemaType &t, const std::string &type_text) {
    SchemaDefault d;
    size_t b = p_;
    if (peek() == '[') {
      if (!t.list) fail(b, "a list default needs a list type, not " + quoted(type_text));
      Base e = t.base;
      if (e == Base::Int || e == Base::SymInt) d.kind = Kind::IntList;
      else if (e == Base::Float) d.kind = Kind::FloatList;
      else if (e == Base::Bool) d.kind = Kind::BoolList;
      else fail(b, "a list default needs an int, float or bool list, not " + quoted(type_text));
      accept("[");
      if (!accept("]")) {
        for (;;) {
          size_t at = p_;
          Scalar v = parse_scalar();
          if (v.kind == Kind::Ident || !fits(e, v))
            fail(at, "list element " + quoted(s_.substr(at, p_ - at)) + " does not fit type " + quoted(type_text));
          if (d.kind == Kind::IntList) d.ints.push_back(v.i);
          else if (d.kind == Kind::FloatList) d.floats.push_back(v.f);
          else d.bools.push_back(v.b);
          skip();
          if (accept(",")) continue;
          if (peek() == ']') break;
          if (at_end()) fail(b, "unclosed '[' of a list default");
          fail(p_, "expected ',' or ']' in a list default, found " + describe());
        }
        ++p_;
      }
      d.text = std::string(s_.substr(b, p_ - b));
      while (!d.text.empty() && is_space(d.text.back())) d.text.pop_back();
      skip();
      return d;
    }
    Scalar v = parse_scalar();
    std::string_view written = s_.substr(b, p_ - b);
    if (v.kind == Kind::None) {
      if (!t.optional) fail(b, "default None needs an optional type, not " + quoted(type_text));
    } else if (t.list && !t.list_size) {
      fail(b, "default " + quoted(written) + " for " + quoted(type_text) + " must be a list");
    } else if (!fits(t.base, v)) {
      fail(b, "default " + quoted(written) + " does not fit type " + quoted(type_text));
    }
    d.kind = v.kind;
    d.int_value = v.i;
    d.float_value = v.f;
    d.bool_value = v.b;
    d.string_value = std::move(v.s);
    d.text = std::string(written);
    skip();
    return d;
  }
};

} // namespace

std::string SchemaType::base_str() const {
  switch (base) {
  case Base::TypeVar:
  case Base::Class: return name;
  case Base::Tuple: return "Tuple";
  case Base::Dict:
    if (contained.size() == 2) return "Dict(" + contained[0].str() + ", " + contained[1].str() + ")";
    return "Dict";
  default:
    for (const BaseName &b : kBaseNames)
      if (b.base == base) return b.text;
    return "?";
  }
}

std::string SchemaType::str() const {
  std::string s = base_str();
  if (!alias.empty() && !alias_on_list) s += "(" + alias + ")";
  if (!list) return optional ? s + "?" : s;
  if (element_optional) s += "?";
  s += "[";
  if (list_size) s += std::to_string(*list_size);
  s += "]";
  if (!alias.empty() && alias_on_list) s += "(" + alias + ")";
  if (optional) s += "?";
  return s;
}

std::string SchemaArg::str() const {
  std::string s = type.str();
  if (!name.empty()) s += " " + name;
  if (default_value) s += "=" + default_value->text;
  return s;
}

std::string Schema::qualified_name() const {
  return ns + "::" + name + (overload.empty() ? "" : "." + overload);
}

std::string Schema::op_name() const {
  // Python's operator module and torch's sym functions are named as
  // torch.export writes them: "operator.mul", "torch.sym_float".
  if (ns == "operator" || ns == "torch") return ns + "." + name;
  return ns + "." + name + "." + (overload.empty() ? std::string("default") : overload);
}

int Schema::find_arg(std::string_view n) const {
  for (size_t i = 0; i < args.size(); ++i)
    if (args[i].name == n) return static_cast<int>(i);
  return -1;
}

std::string Schema::str() const {
  std::string s = qualified_name() + "(";
  bool star = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) s += ", ";
    if (args[i].kwarg_only && !star) {
      s += "*, ";
      star = true;
    }
    s += args[i].str();
  }
  s += ") -> ";
  if (returns.size() == 1 && returns[0].name.empty()) return s + returns[0].type.str();
  s += "(";
  for (size_t i = 0; i < returns.size(); ++i) s += (i ? ", " : "") + returns[i].str();
  return s + ")";
}

Schema parse_schema(std::string_view text) { return Parser(text).parse(); }

} // namespace symshape::rules
