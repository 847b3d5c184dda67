//===- parser.cpp - Rule files to syntax trees -----------------------------===//
//
// Recursive descent over Python's grammar for the subset (syntax.h), then a
// pass that gives every local name of a function a frame slot.
//
//===----------------------------------------------------------------------===//
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>

#include "lexer.h"
#include "symshape/rules/syntax.h"

namespace symshape::rules {

std::string SourceLoc::str() const {
  return (file ? *file : std::string("<rules>")) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string TypeRef::str() const {
  switch (kind) {
  case Kind::Any: return "Any";
  case Kind::Int: return "int";
  case Kind::Bool: return "bool";
  case Kind::Float: return "float";
  case Kind::Str: return "str";
  case Kind::Tensor: return "Tensor";
  case Kind::ScalarType: return "ScalarType";
  case Kind::Device: return "Device";
  case Kind::Layout: return "Layout";
  case Kind::MemoryFormat: return "MemoryFormat";
  case Kind::Scalar: return "Scalar";
  case Kind::None: return "None";
  case Kind::List: return "List[" + args[0].str() + "]";
  case Kind::Optional: return "Optional[" + args[0].str() + "]";
  case Kind::Tuple: {
    std::string s = "Tuple[";
    for (size_t i = 0; i < args.size(); ++i) s += (i ? ", " : "") + args[i].str();
    return s + (variadic ? ", ...]" : "]");
  }
  }
  return "?";
}

namespace {

using detail::Token;
using TK = Token::Kind;

class Parser {
public:
  Parser(detail::Tokens toks, std::shared_ptr<const std::string> file)
      : t_(std::move(toks.tokens)), file_(std::move(file)), unclosed_(toks.unclosed),
        unclosed_line_(toks.unclosed_line), unclosed_column_(toks.unclosed_column) {}

  Module module() {
    Module m;
    m.file = file_;
    while (!at(TK::End)) {
      if (at(TK::Newline)) {
        ++i_;
        continue;
      }
      if (is_name("from") || is_name("import")) {
        while (!at(TK::Newline) && !at(TK::End)) ++i_;
        continue;
      }
      std::vector<Decorator> decos;
      while (is_op("@")) decos.push_back(decorator());
      if (!is_name("def")) fail(cur(), decos.empty() ? "expected 'def' (only functions live at the top level of a rule file)"
                                                     : "expected 'def' after a decorator");
      auto f = function();
      f->decorators = std::move(decos);
      m.functions.push_back(std::move(f));
    }
    return m;
  }

private:
  // --- Tokens -----------------------------------------------------------------
  const Token &cur() const { return t_[i_]; }
  bool at(TK k) const { return cur().kind == k; }
  bool is_op(const char *op) const { return cur().kind == TK::Op && cur().text == op; }
  bool is_name(const char *n) const { return cur().kind == TK::Name && cur().text == n; }
  SourceLoc loc(const Token &t) const { return SourceLoc{file_, t.line, t.column}; }
  SourceLoc here() const { return loc(cur()); }
  [[noreturn]] void fail(const Token &t, const std::string &msg) const {
    // Past the last line with a bracket still open: that bracket is the error.
    if (unclosed_ && (t.kind == TK::End || t.line > unclosed_line_))
      throw RuleSyntaxError(SourceLoc{file_, unclosed_line_, unclosed_column_},
                            std::string("'") + unclosed_ + "' was never closed");
    throw RuleSyntaxError(loc(t), msg);
  }
  std::string describe(const Token &t) const {
    switch (t.kind) {
    case TK::Name: return "'" + t.text + "'";
    case TK::Int:
    case TK::Float: return "the number " + t.text;
    case TK::Str: return "a string";
    case TK::Op: return "'" + t.text + "'";
    case TK::Newline: return "the end of the line";
    case TK::Indent: return "an indented block";
    case TK::Dedent: return "the end of the block";
    case TK::End: return "the end of the file";
    }
    return "?";
  }
  void expect_op(const char *op) {
    if (!is_op(op)) fail(cur(), std::string("expected '") + op + "', found " + describe(cur()));
    ++i_;
  }
  std::string expect_name(const char *what) {
    if (!at(TK::Name) || keyword(cur().text)) fail(cur(), std::string("expected ") + what + ", found " + describe(cur()));
    return t_[i_++].text;
  }
  void expect_newline() {
    if (!at(TK::Newline)) fail(cur(), "expected the end of the line, found " + describe(cur()));
    ++i_;
  }
  static bool keyword(const std::string &s) {
    static const char *const kws[] = {"and", "or", "not", "if", "elif", "else", "for", "while", "in", "is", "def",
                                      "return", "pass", "break", "continue", "assert", "raise", "True", "False",
                                      "None", "lambda", "class", "with", "try", "except", "finally", "global",
                                      "nonlocal", "import", "from", "yield", "del", "async", "await", "as"};
    for (const char *k : kws)
      if (s == k) return true;
    return false;
  }

  // --- Top level ---------------------------------------------------------------
  Decorator decorator() {
    Decorator d;
    d.loc = here();
    expect_op("@");
    d.name = expect_name("a decorator name");
    if (is_op("(")) {
      ++i_;
      while (!is_op(")")) {
        if (!at(TK::Str)) fail(cur(), "decorator arguments must be string literals (an ATen schema)");
        std::string s;
        while (at(TK::Str)) s += t_[i_++].text;
        d.args.push_back(s);
        if (is_op(",")) ++i_;
        else if (!is_op(")")) fail(cur(), "expected ',' or ')' in the decorator, found " + describe(cur()));
      }
      ++i_;
    }
    expect_newline();
    return d;
  }

  std::unique_ptr<Function> function() {
    auto f = std::make_unique<Function>();
    f->loc = here();
    ++i_; // def
    f->name = expect_name("a function name");
    expect_op("(");
    bool defaults = false;
    while (!is_op(")")) {
      if (is_op("*")) fail(cur(), "'*' parameters are not part of the rule language (bind keywords by name instead)");
      Param p;
      p.loc = here();
      p.name = expect_name("a parameter name");
      if (is_op(":")) {
        ++i_;
        p.type = type_ref();
      }
      if (is_op("=")) {
        ++i_;
        p.default_value = test();
        defaults = true;
      } else if (defaults) {
        fail(t_[i_ - 1], "a parameter without a default follows one with a default");
      }
      f->params.push_back(std::move(p));
      if (is_op(",")) ++i_;
      else if (!is_op(")")) fail(cur(), "expected ',' or ')' in the parameter list, found " + describe(cur()));
    }
    ++i_;
    if (is_op("->")) {
      ++i_;
      f->returns = type_ref();
    }
    expect_op(":");
    f->body = block();
    Resolver(*f).run();
    return f;
  }

  TypeRef type_ref() {
    const Token &t = cur();
    if (is_name("None")) {
      ++i_;
      return TypeRef{TypeRef::Kind::None, {}, false};
    }
    std::string n = expect_name("a type");
    static const std::map<std::string, TypeRef::Kind> simple = {
        {"int", TypeRef::Kind::Int},           {"SymInt", TypeRef::Kind::Int},
        {"bool", TypeRef::Kind::Bool},         {"float", TypeRef::Kind::Float},
        {"str", TypeRef::Kind::Str},           {"Tensor", TypeRef::Kind::Tensor},
        {"ScalarType", TypeRef::Kind::ScalarType}, {"dtype", TypeRef::Kind::ScalarType},
        {"Device", TypeRef::Kind::Device},     {"device", TypeRef::Kind::Device},
        {"Layout", TypeRef::Kind::Layout},     {"MemoryFormat", TypeRef::Kind::MemoryFormat},
        {"Scalar", TypeRef::Kind::Scalar},     {"number", TypeRef::Kind::Scalar},
        {"Any", TypeRef::Kind::Any}};
    auto it = simple.find(n);
    if (it != simple.end()) return TypeRef{it->second, {}, false};
    TypeRef r;
    if (n == "List") r.kind = TypeRef::Kind::List;
    else if (n == "Optional") r.kind = TypeRef::Kind::Optional;
    else if (n == "Tuple") r.kind = TypeRef::Kind::Tuple;
    else fail(t, "unknown type '" + n + "'");
    expect_op("[");
    for (;;) {
      if (is_op("...")) {
        if (r.kind != TypeRef::Kind::Tuple || r.args.size() != 1) fail(cur(), "'...' only as Tuple[T, ...]");
        ++i_;
        r.variadic = true;
      } else {
        r.args.push_back(type_ref());
      }
      if (is_op(",")) {
        ++i_;
        continue;
      }
      break;
    }
    expect_op("]");
    if (r.kind != TypeRef::Kind::Tuple && r.args.size() != 1) fail(t, n + "[...] takes one type");
    return r;
  }

  // --- Statements ----------------------------------------------------------------
  Block block() {
    Block b;
    if (!at(TK::Newline)) { // a one-line suite: `if x: return y`
      b.push_back(simple_stmt());
      return b;
    }
    ++i_;
    if (!at(TK::Indent)) fail(cur(), "expected an indented block");
    ++i_;
    while (!at(TK::Dedent) && !at(TK::End)) {
      if (at(TK::Newline)) {
        ++i_;
        continue;
      }
      b.push_back(statement());
    }
    if (at(TK::Dedent)) ++i_;
    return b;
  }

  StmtPtr make(Stmt::Kind k, const Token &at_tok) {
    auto s = std::make_unique<Stmt>();
    s->kind = k;
    s->loc = loc(at_tok);
    return s;
  }

  StmtPtr statement() {
    const Token &t = cur();
    if (t.kind == TK::Name) {
      if (t.text == "if") return if_stmt();
      if (t.text == "for") {
        auto s = make(Stmt::Kind::For, t);
        ++i_;
        s->targets.push_back(target_list());
        if (!is_name("in")) fail(cur(), "expected 'in' in the for statement, found " + describe(cur()));
        ++i_;
        s->value = testlist();
        expect_op(":");
        s->body = block();
        if (is_name("else")) fail(cur(), "for ... else is not part of the rule language");
        return s;
      }
      if (t.text == "while") {
        auto s = make(Stmt::Kind::While, t);
        ++i_;
        s->value = test();
        expect_op(":");
        s->body = block();
        return s;
      }
      if (t.text == "def") fail(t, "nested functions are not part of the rule language");
      if (t.text == "class" || t.text == "with" || t.text == "try" || t.text == "lambda" || t.text == "global" ||
          t.text == "nonlocal" || t.text == "yield" || t.text == "del")
        fail(t, "'" + t.text + "' is not part of the rule language");
    }
    return simple_stmt();
  }

  StmtPtr if_stmt() {
    auto s = make(Stmt::Kind::If, cur());
    ++i_; // if / elif
    s->value = test();
    expect_op(":");
    s->body = block();
    if (is_name("elif")) {
      s->orelse.push_back(if_stmt());
    } else if (is_name("else")) {
      ++i_;
      expect_op(":");
      s->orelse = block();
    }
    return s;
  }

  StmtPtr simple_stmt() {
    const Token &t = cur();
    StmtPtr s;
    if (t.kind == TK::Name && t.text == "return") {
      s = make(Stmt::Kind::Return, t);
      ++i_;
      if (!at(TK::Newline)) s->value = testlist();
    } else if (t.kind == TK::Name && (t.text == "pass" || t.text == "break" || t.text == "continue")) {
      s = make(t.text == "pass" ? Stmt::Kind::Pass : t.text == "break" ? Stmt::Kind::Break : Stmt::Kind::Continue, t);
      ++i_;
    } else if (t.kind == TK::Name && t.text == "assert") {
      s = make(Stmt::Kind::Assert, t);
      ++i_;
      s->value = test();
      if (is_op(",")) {
        ++i_;
        s->message = test();
      }
    } else if (t.kind == TK::Name && t.text == "raise") {
      s = make(Stmt::Kind::Raise, t);
      ++i_;
      s->value = test();
    } else {
      ExprPtr first = testlist();
      if (is_op("=")) {
        s = make(Stmt::Kind::Assign, t);
        s->targets.push_back(std::move(first));
        ++i_;
        ExprPtr v = testlist();
        while (is_op("=")) { // a = b = value
          s->targets.push_back(std::move(v));
          ++i_;
          v = testlist();
        }
        for (auto &tg : s->targets) check_target(*tg);
        s->value = std::move(v);
      } else if (cur().kind == TK::Op && cur().text.size() >= 2 && cur().text.back() == '=' &&
                 cur().text != "==" && cur().text != "!=" && cur().text != "<=" && cur().text != ">=") {
        s = make(Stmt::Kind::AugAssign, t);
        s->op = cur().text.substr(0, cur().text.size() - 1);
        ++i_;
        if (first->kind != ExprNode::Kind::Name && first->kind != ExprNode::Kind::Subscript)
          fail(t, "augmented assignment needs a name or a subscript on the left");
        s->targets.push_back(std::move(first));
        s->value = test();
      } else {
        s = make(Stmt::Kind::Expr, t);
        s->value = std::move(first);
      }
    }
    if (is_op(";")) fail(cur(), "one statement per line");
    expect_newline();
    return s;
  }

  void check_target(const ExprNode &e) {
    if (e.kind == ExprNode::Kind::Name || e.kind == ExprNode::Kind::Subscript) return;
    if (e.kind == ExprNode::Kind::Tuple || e.kind == ExprNode::Kind::List) {
      for (auto &a : e.args) check_target(*a);
      return;
    }
    throw RuleSyntaxError(e.loc, "cannot assign to this expression");
  }

  /// `x` or `i, x` (for loops and comprehensions).
  ExprPtr target_list() {
    SourceLoc at0 = here();
    std::vector<ExprPtr> names;
    do {
      if (!names.empty()) ++i_;
      bool paren = is_op("(");
      if (paren) {
        ExprPtr inner = target_list();
        expect_op(")");
        names.push_back(std::move(inner));
        continue;
      }
      auto n = node(ExprNode::Kind::Name, here());
      n->text = expect_name("a loop variable");
      names.push_back(std::move(n));
    } while (is_op(","));
    if (names.size() == 1) return std::move(names[0]);
    auto tup = node(ExprNode::Kind::Tuple, at0);
    tup->args = std::move(names);
    return tup;
  }

  // --- Expressions -----------------------------------------------------------------
  ExprPtr node(ExprNode::Kind k, const SourceLoc &at0) {
    auto e = std::make_unique<ExprNode>();
    e->kind = k;
    e->loc = at0;
    return e;
  }

  /// test (',' test)* [','] -> a Tuple when there is a comma.
  ExprPtr testlist() {
    SourceLoc at0 = here();
    ExprPtr first = test();
    if (!is_op(",")) return first;
    auto tup = node(ExprNode::Kind::Tuple, at0);
    tup->args.push_back(std::move(first));
    while (is_op(",")) {
      ++i_;
      if (at(TK::Newline) || is_op("=") || is_op(")") || is_op(":")) break;
      tup->args.push_back(test());
    }
    return tup;
  }

  ExprPtr test() {
    SourceLoc at0 = here();
    if (is_name("lambda")) fail(cur(), "lambda is not part of the rule language");
    ExprPtr e = or_test();
    if (!is_name("if")) return e;
    ++i_;
    ExprPtr cond = or_test();
    if (!is_name("else")) fail(cur(), "expected 'else' in the conditional expression, found " + describe(cur()));
    ++i_;
    ExprPtr other = test();
    auto n = node(ExprNode::Kind::IfExp, at0);
    n->args.push_back(std::move(cond));
    n->args.push_back(std::move(e));
    n->args.push_back(std::move(other));
    return n;
  }

  ExprPtr bool_chain(const char *op, ExprPtr (Parser::*sub)()) {
    SourceLoc at0 = here();
    ExprPtr e = (this->*sub)();
    if (!is_name(op)) return e;
    auto n = node(ExprNode::Kind::BoolOp, at0);
    n->op = op;
    n->args.push_back(std::move(e));
    while (is_name(op)) {
      ++i_;
      n->args.push_back((this->*sub)());
    }
    return n;
  }
  ExprPtr or_test() { return bool_chain("or", &Parser::and_test); }
  ExprPtr and_test() { return bool_chain("and", &Parser::not_test); }

  ExprPtr not_test() {
    if (!is_name("not")) return comparison();
    auto n = node(ExprNode::Kind::Unary, here());
    ++i_;
    n->op = "not";
    n->args.push_back(not_test());
    return n;
  }

  ExprPtr comparison() {
    SourceLoc at0 = here();
    ExprPtr e = arith();
    std::vector<std::string> ops;
    std::vector<ExprPtr> operands;
    for (;;) {
      std::string op;
      if (cur().kind == TK::Op && (cur().text == "<" || cur().text == ">" || cur().text == "==" ||
                                   cur().text == "!=" || cur().text == "<=" || cur().text == ">=")) {
        op = cur().text;
        ++i_;
      } else if (is_name("in")) {
        op = "in";
        ++i_;
      } else if (is_name("not") && t_[i_ + 1].kind == TK::Name && t_[i_ + 1].text == "in") {
        op = "not in";
        i_ += 2;
      } else if (is_name("is")) {
        ++i_;
        op = "is";
        if (is_name("not")) {
          ++i_;
          op = "is not";
        }
      } else {
        break;
      }
      ops.push_back(op);
      operands.push_back(arith());
    }
    if (ops.empty()) return e;
    auto n = node(ExprNode::Kind::Compare, at0);
    n->ops = std::move(ops);
    n->args.push_back(std::move(e));
    for (auto &o : operands) n->args.push_back(std::move(o));
    return n;
  }

  ExprPtr binary_left(ExprPtr (Parser::*sub)(), std::initializer_list<const char *> ops) {
    ExprPtr e = (this->*sub)();
    for (;;) {
      const char *hit = nullptr;
      for (const char *o : ops)
        if (is_op(o)) hit = o;
      if (!hit) return e;
      SourceLoc op_at = here();
      ++i_;
      auto n = node(ExprNode::Kind::Binary, op_at);
      n->op = hit;
      n->args.push_back(std::move(e));
      n->args.push_back((this->*sub)());
      e = std::move(n);
    }
  }
  ExprPtr arith() {
    if (is_op("&") || is_op("|") || is_op("^")) fail(cur(), "bitwise operators are not part of the rule language");
    return binary_left(&Parser::term, {"+", "-"});
  }
  ExprPtr term() { return binary_left(&Parser::factor, {"*", "/", "//", "%"}); }

  ExprPtr factor() {
    if (is_op("-") || is_op("+")) {
      auto n = node(ExprNode::Kind::Unary, here());
      n->op = cur().text;
      ++i_;
      n->args.push_back(factor());
      return n;
    }
    if (is_op("~")) fail(cur(), "bitwise operators are not part of the rule language");
    return power();
  }

  ExprPtr power() {
    ExprPtr e = atom_expr();
    if (!is_op("**")) return e;
    auto n = node(ExprNode::Kind::Binary, here());
    ++i_;
    n->op = "**";
    n->args.push_back(std::move(e));
    n->args.push_back(factor());
    return n;
  }

  ExprPtr atom_expr() {
    ExprPtr e = atom();
    for (;;) {
      if (is_op("(")) {
        auto n = node(ExprNode::Kind::Call, here());
        ++i_;
        n->args.push_back(std::move(e));
        bool kw = false;
        while (!is_op(")")) {
          if (is_op("*")) fail(cur(), "'*args' calls are not part of the rule language");
          if (at(TK::Name) && t_[i_ + 1].kind == TK::Op && t_[i_ + 1].text == "=") {
            n->keywords.push_back(cur().text);
            i_ += 2;
            kw = true;
            n->args.push_back(test());
          } else {
            if (kw) fail(cur(), "a positional argument follows a keyword argument");
            n->args.push_back(test());
          }
          if (is_op(",")) ++i_;
          else if (!is_op(")")) fail(cur(), "expected ',' or ')' in the call, found " + describe(cur()));
        }
        ++i_;
        e = std::move(n);
      } else if (is_op("[")) {
        auto n = node(ExprNode::Kind::Subscript, here());
        ++i_;
        n->args.push_back(std::move(e));
        n->args.push_back(subscript());
        expect_op("]");
        e = std::move(n);
      } else if (is_op(".")) {
        auto n = node(ExprNode::Kind::Attribute, here());
        ++i_;
        n->text = expect_name("an attribute name");
        n->args.push_back(std::move(e));
        e = std::move(n);
      } else {
        return e;
      }
    }
  }

  /// An index, a slice `a:b:c`, or a tuple of them.
  ExprPtr subscript() {
    SourceLoc at0 = here();
    auto one = [&]() -> ExprPtr {
      SourceLoc s0 = here();
      ExprPtr lo;
      if (!is_op(":")) {
        lo = test();
        if (!is_op(":")) return lo;
      }
      auto sl = node(ExprNode::Kind::Slice, s0);
      ++i_; // ':'
      ExprPtr hi, step;
      if (!is_op("]") && !is_op(",") && !is_op(":")) hi = test();
      if (is_op(":")) {
        ++i_;
        if (!is_op("]") && !is_op(",")) step = test();
      }
      sl->args.push_back(std::move(lo));
      sl->args.push_back(std::move(hi));
      sl->args.push_back(std::move(step));
      return sl;
    };
    ExprPtr first = one();
    if (!is_op(",")) return first;
    auto tup = node(ExprNode::Kind::Tuple, at0);
    tup->args.push_back(std::move(first));
    while (is_op(",")) {
      ++i_;
      if (is_op("]")) break;
      tup->args.push_back(one());
    }
    return tup;
  }

  ExprPtr atom() {
    const Token &t = cur();
    SourceLoc at0 = loc(t);
    switch (t.kind) {
    case TK::Int: {
      auto n = node(ExprNode::Kind::Int, at0);
      std::optional<Int> v;
      if (t.text.size() > 2 && (t.text[1] == 'x' || t.text[1] == 'X')) {
        Int acc(0);
        for (size_t k = 2; k < t.text.size(); ++k) {
          int d = std::isdigit(static_cast<unsigned char>(t.text[k])) ? t.text[k] - '0' : std::tolower(t.text[k]) - 'a' + 10;
          acc = acc * Int(16) + Int(d);
        }
        v = acc;
      } else {
        v = Int::parse(t.text);
      }
      if (!v) fail(t, "integer literal out of range");
      n->int_value = *v;
      ++i_;
      return n;
    }
    case TK::Float: {
      auto n = node(ExprNode::Kind::Float, at0);
      n->float_value = std::strtod(t.text.c_str(), nullptr);
      ++i_;
      return n;
    }
    case TK::Str: {
      auto n = node(ExprNode::Kind::Str, at0);
      while (at(TK::Str)) n->text += t_[i_++].text;
      return n;
    }
    case TK::Name: {
      if (t.text == "True" || t.text == "False") {
        auto n = node(ExprNode::Kind::Bool, at0);
        n->bool_value = t.text == "True";
        ++i_;
        return n;
      }
      if (t.text == "None") {
        ++i_;
        return node(ExprNode::Kind::None, at0);
      }
      if (keyword(t.text)) fail(t, "expected an expression, found " + describe(t));
      auto n = node(ExprNode::Kind::Name, at0);
      n->text = t.text;
      ++i_;
      return n;
    }
    case TK::Op:
      if (t.text == "(") {
        ++i_;
        if (is_op(")")) {
          ++i_;
          return node(ExprNode::Kind::Tuple, at0);
        }
        ExprPtr e = test();
        if (is_op(")")) {
          ++i_;
          return e; // parenthesized
        }
        if (is_name("for")) fail(cur(), "generator expressions are not part of the rule language; use a list [...]");
        auto tup = node(ExprNode::Kind::Tuple, at0);
        tup->args.push_back(std::move(e));
        while (is_op(",")) {
          ++i_;
          if (is_op(")")) break;
          tup->args.push_back(test());
        }
        expect_op(")");
        return tup;
      }
      if (t.text == "[") {
        ++i_;
        auto lst = node(ExprNode::Kind::List, at0);
        if (is_op("]")) {
          ++i_;
          return lst;
        }
        ExprPtr first = test();
        if (is_name("for")) {
          auto comp = node(ExprNode::Kind::ListComp, at0);
          ++i_;
          comp->comp_target.push_back(target_list());
          if (!is_name("in")) fail(cur(), "expected 'in' in the comprehension, found " + describe(cur()));
          ++i_;
          comp->args.push_back(std::move(first));
          comp->args.push_back(or_test());
          if (is_name("if")) {
            ++i_;
            comp->args.push_back(or_test());
          } else {
            comp->args.push_back(nullptr);
          }
          if (is_name("for")) fail(cur(), "nested comprehensions are not part of the rule language");
          expect_op("]");
          return comp;
        }
        lst->args.push_back(std::move(first));
        while (is_op(",")) {
          ++i_;
          if (is_op("]")) break;
          lst->args.push_back(test());
        }
        expect_op("]");
        return lst;
      }
      if (t.text == "{") fail(t, "dicts and sets are not part of the rule language");
      break;
    default: break;
    }
    fail(t, "expected an expression, found " + describe(t));
  }

  /// Gives every name a function assigns (parameters, assignment targets,
  /// loop variables) a frame slot, and records it on every Name that reads it.
  class Resolver {
  public:
    explicit Resolver(Function &f) : f_(f) {}
    void run() {
      for (auto &p : f_.params) declare(p.name);
      collect(f_.body);
      for (auto &p : f_.params)
        if (p.default_value) resolve(*p.default_value);
      resolve_block(f_.body);
      f_.num_slots = static_cast<int>(f_.slot_names.size());
    }

  private:
    void declare(const std::string &n) {
      if (!slots_.count(n)) {
        slots_[n] = static_cast<int>(f_.slot_names.size());
        f_.slot_names.push_back(n);
      }
    }
    void declare_target(const ExprNode &e) {
      if (e.kind == ExprNode::Kind::Name) declare(e.text);
      if (e.kind == ExprNode::Kind::Tuple || e.kind == ExprNode::Kind::List)
        for (auto &a : e.args) declare_target(*a);
    }
    void collect_expr(const ExprNode &e) {
      if (e.kind == ExprNode::Kind::ListComp)
        for (auto &t : e.comp_target) declare_target(*t);
      for (auto &a : e.args)
        if (a) collect_expr(*a);
    }
    void collect(const Block &b) {
      for (auto &s : b) {
        if (s->kind == Stmt::Kind::Assign || s->kind == Stmt::Kind::For || s->kind == Stmt::Kind::AugAssign)
          for (auto &t : s->targets) declare_target(*t);
        for (auto &t : s->targets) collect_expr(*t);
        if (s->value) collect_expr(*s->value);
        collect(s->body);
        collect(s->orelse);
      }
    }
    void resolve(ExprNode &e) {
      if (e.kind == ExprNode::Kind::Name) {
        auto it = slots_.find(e.text);
        e.slot = it == slots_.end() ? -1 : it->second;
      }
      for (auto &t : e.comp_target) resolve(*t);
      for (auto &a : e.args)
        if (a) resolve(*a);
    }
    void resolve_block(Block &b) {
      for (auto &s : b) {
        for (auto &t : s->targets) resolve(*t);
        if (s->value) resolve(*s->value);
        if (s->message) resolve(*s->message);
        resolve_block(s->body);
        resolve_block(s->orelse);
      }
    }
    Function &f_;
    std::map<std::string, int> slots_;
  };

  std::vector<Token> t_;
  std::shared_ptr<const std::string> file_;
  char unclosed_;           // a bracket the file never closes (0: none), and where
  int unclosed_line_, unclosed_column_;
  size_t i_ = 0;
};

} // namespace

Module parse_rule_file(std::string_view text, const std::string &file_name) {
  auto file = std::make_shared<const std::string>(file_name);
  return Parser(detail::tokenize(text, file), file).module();
}

} // namespace symshape::rules
