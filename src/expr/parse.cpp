//===- parse.cpp - Lexer and recursive-descent parser ----------------------===//
//
// Python's grammar and precedence for the subset PyTorch prints:
//   ifexp  := or ['if' or 'else' ifexp]
//   or     := and ('or' and)*          and := not ('and' not)*
//   not    := 'not' not | compare       compare := bitor (cmpop bitor)*
//   bitor  := bitand ('|' bitand)*      bitand := arith ('&' arith)*
//   arith  := term (('+'|'-') term)*    term := unary (('*'|'/'|'//'|'%') unary)*
//   unary  := ('-'|'+'|'~') unary | power       power := primary ['**' unary]
//   primary:= number | string | name-or-source | call | '(' expr [, ...] ')'
//
//===----------------------------------------------------------------------===//
#include "symshape/expr/parse.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace symshape {
namespace {

struct Token {
  enum Kind { End, Number, Name, String, Op } kind = End;
  std::string text;
  bool is_float = false;
  int line = 1, column = 1;
};

class Lexer {
public:
  Lexer(std::string_view s, int line, int column) : s_(s), line_(line), col_(column) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skip_space();
      Token t;
      t.line = line_;
      t.column = col_;
      if (i_ >= s_.size()) {
        out.push_back(t);
        return out;
      }
      char c = s_[i_];
      if (std::isdigit(static_cast<unsigned char>(c)) ||
          (c == '.' && i_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + 1])))) {
        lex_number(t);
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        t.kind = Token::Name;
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
          t.text.push_back(take());
      } else if (c == '\'' || c == '"') {
        char q = take();
        t.kind = Token::String;
        while (i_ < s_.size() && s_[i_] != q) t.text.push_back(take());
        if (i_ >= s_.size()) throw ParseError(t.line, t.column, "unterminated string literal");
        take();
      } else {
        t.kind = Token::Op;
        static const char *const two[] = {"//", "**", "==", "!=", "<=", ">="};
        for (const char *op : two)
          if (s_.substr(i_, 2) == op) {
            t.text = op;
            take();
            take();
            break;
          }
        if (t.text.empty()) {
          static const std::string single = "+-*/%<>()[],.=&|~:";
          if (single.find(c) == std::string::npos)
            throw ParseError(t.line, t.column, std::string("unexpected character '") + c + "'");
          t.text = std::string(1, take());
        }
      }
      out.push_back(t);
    }
  }

private:
  char take() {
    char c = s_[i_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    return c;
  }
  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) take();
  }
  void lex_number(Token &t) {
    t.kind = Token::Number;
    auto digits = [&] {
      while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
        t.text.push_back(take());
    };
    digits();
    if (i_ < s_.size() && s_[i_] == '.') {
      t.is_float = true;
      t.text.push_back(take());
      digits();
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      size_t j = i_ + 1;
      if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
      if (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j]))) {
        while (i_ < j) t.text.push_back(take());
        digits();
        t.is_float = true;
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  int line_, col_;
};

class Parser {
public:
  Parser(std::vector<Token> toks) : t_(std::move(toks)) {}

  SyntaxNode parse_all() {
    if (peek().kind == Token::End) error(peek(), "expected an expression, found the end of the input");
    SyntaxNode n = ifexp();
    if (peek().kind != Token::End) error(peek(), "unexpected '" + peek().text + "' after a complete expression");
    return n;
  }

private:
  const Token &peek(size_t k = 0) const { return t_[std::min(p_ + k, t_.size() - 1)]; }
  Token next() { return t_[p_ < t_.size() - 1 ? p_++ : p_]; }
  bool is_op(const char *op, size_t k = 0) const {
    return peek(k).kind == Token::Op && peek(k).text == op;
  }
  bool is_kw(const char *kw) const { return peek().kind == Token::Name && peek().text == kw; }
  [[noreturn]] static void error(const Token &t, const std::string &msg) {
    throw ParseError(t.line, t.column, msg);
  }
  static std::string describe(const Token &t) {
    switch (t.kind) {
    case Token::End: return "the end of the input";
    case Token::String: return "a string";
    default: return "'" + t.text + "'";
    }
  }
  void expect(const char *op) {
    if (!is_op(op)) error(peek(), std::string("expected '") + op + "', found " + describe(peek()));
    next();
  }
  static SyntaxNode make(SyntaxNode::Op op, const Token &at) {
    SyntaxNode n;
    n.op = op;
    n.line = at.line;
    n.column = at.column;
    return n;
  }
  static SyntaxNode binary(const Token &at, const std::string &op, SyntaxNode a, SyntaxNode b) {
    SyntaxNode n = make(SyntaxNode::Op::Binary, at);
    n.text = op;
    n.children.push_back(std::move(a));
    n.children.push_back(std::move(b));
    return n;
  }

  SyntaxNode ifexp() {
    SyntaxNode a = or_expr();
    if (is_kw("if")) {
      Token at = next();
      SyntaxNode c = or_expr();
      if (!is_kw("else")) error(peek(), "expected 'else' in a conditional expression, found " + describe(peek()));
      next();
      SyntaxNode b = ifexp();
      SyntaxNode n = make(SyntaxNode::Op::IfExp, at);
      n.children = {std::move(c), std::move(a), std::move(b)};
      return n;
    }
    return a;
  }
  SyntaxNode boolop(const char *kw, SyntaxNode (Parser::*sub)()) {
    Token at = peek();
    SyntaxNode a = (this->*sub)();
    if (!is_kw(kw)) return a;
    SyntaxNode n = make(SyntaxNode::Op::BoolOp, at);
    n.text = kw;
    n.children.push_back(std::move(a));
    while (is_kw(kw)) {
      next();
      n.children.push_back((this->*sub)());
    }
    return n;
  }
  SyntaxNode or_expr() { return boolop("or", &Parser::and_expr); }
  SyntaxNode and_expr() { return boolop("and", &Parser::not_expr); }
  SyntaxNode not_expr() {
    if (is_kw("not")) {
      Token at = next();
      SyntaxNode n = make(SyntaxNode::Op::Unary, at);
      n.text = "not";
      n.children.push_back(not_expr());
      return n;
    }
    return compare();
  }
  bool at_cmp() const {
    return peek().kind == Token::Op &&
           (peek().text == "==" || peek().text == "!=" || peek().text == "<" ||
            peek().text == "<=" || peek().text == ">" || peek().text == ">=");
  }
  SyntaxNode compare() {
    SyntaxNode a = bitor_expr();
    if (!at_cmp()) return a;
    SyntaxNode n = make(SyntaxNode::Op::Compare, peek()); // at the first operator
    n.children.push_back(std::move(a));
    while (at_cmp()) {
      n.ops.push_back(next().text);
      n.children.push_back(bitor_expr());
    }
    return n;
  }
  SyntaxNode bitor_expr() {
    SyntaxNode a = bitand_expr();
    while (is_op("|")) {
      Token at = next();
      a = binary(at, "|", std::move(a), bitand_expr());
    }
    return a;
  }
  SyntaxNode bitand_expr() {
    SyntaxNode a = arith();
    while (is_op("&")) {
      Token at = next();
      a = binary(at, "&", std::move(a), arith());
    }
    return a;
  }
  SyntaxNode arith() {
    SyntaxNode a = term();
    while (is_op("+") || is_op("-")) {
      Token at = next();
      a = binary(at, at.text, std::move(a), term());
    }
    return a;
  }
  SyntaxNode term() {
    SyntaxNode a = unary();
    while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
      Token at = next();
      a = binary(at, at.text, std::move(a), unary());
    }
    return a;
  }
  SyntaxNode unary() {
    if (is_op("-") || is_op("+") || is_op("~")) {
      Token at = next();
      SyntaxNode n = make(SyntaxNode::Op::Unary, at);
      n.text = at.text;
      n.children.push_back(unary());
      return n;
    }
    return power();
  }
  SyntaxNode power() {
    SyntaxNode a = primary();
    if (is_op("**")) {
      Token at = next();
      return binary(at, "**", std::move(a), unary());
    }
    return a;
  }

  SyntaxNode primary() {
    const Token &t = peek();
    switch (t.kind) {
    case Token::Number: {
      Token tok = next();
      std::string digits;
      for (char c : tok.text)
        if (c != '_') digits.push_back(c);
      if (tok.is_float) {
        SyntaxNode n = make(SyntaxNode::Op::Float, tok);
        n.fval = std::strtod(digits.c_str(), nullptr);
        return n;
      }
      auto v = Int::parse(digits);
      if (!v) error(tok, "integer literal " + tok.text + " does not fit in 128 bits");
      SyntaxNode n = make(SyntaxNode::Op::Int, tok);
      n.ival = *v;
      return n;
    }
    case Token::String: {
      Token tok = next();
      SyntaxNode n = make(SyntaxNode::Op::String, tok);
      n.text = tok.text;
      return n;
    }
    case Token::Name: return name_or_call();
    case Token::Op:
      if (t.text == "(") return parenthesized();
      break;
    case Token::End: break;
    }
    error(t, "expected an expression, found " + describe(t));
  }

  SyntaxNode parenthesized() {
    Token at = next(); // '('
    SyntaxNode first = ifexp();
    if (is_op(")")) {
      next();
      return first;
    }
    if (!is_op(",")) error(peek(), "expected ',' or ')', found " + describe(peek()));
    SyntaxNode tup = make(SyntaxNode::Op::Tuple, at);
    tup.children.push_back(std::move(first));
    while (is_op(",")) {
      next();
      if (is_op(")")) break;
      tup.children.push_back(ifexp());
    }
    expect(")");
    return tup;
  }

  static bool ends_with(const std::string &s, const char *suffix) {
    size_t n = std::strlen(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
  }

  /// A name, a source path (L['x'].size()[0]) or a call (math.floor(x)).
  SyntaxNode name_or_call() {
    Token at = next();
    if (at.text == "True" || at.text == "False") {
      SyntaxNode n = make(SyntaxNode::Op::Bool, at);
      n.bval = at.text == "True";
      return n;
    }
    static const char *const reserved[] = {"and", "or", "not", "if", "else"};
    for (const char *kw : reserved)
      if (at.text == kw) error(at, "expected an expression, found '" + at.text + "'");
    std::string path = at.text;
    for (;;) {
      if (is_op(".") && peek(1).kind == Token::Name) {
        next();
        path += "." + next().text;
        continue;
      }
      if (is_op("[")) {
        const Token &inner = peek(1);
        if ((inner.kind == Token::String || inner.kind == Token::Number) && is_op("]", 2)) {
          next();
          Token v = next();
          next();
          path += inner.kind == Token::String ? "['" + v.text + "']" : "[" + v.text + "]";
          continue;
        }
        error(peek(), "expected a constant index such as ['x'] or [0] after '" + path + "'");
      }
      if (is_op("(")) {
        if (is_op(")", 1) && (ends_with(path, ".size") || ends_with(path, ".stride") ||
                              ends_with(path, ".storage_offset") || ends_with(path, ".numel") ||
                              ends_with(path, ".dim"))) {
          next();
          next();
          path += "()";
          continue;
        }
        return call(at, path);
      }
      break;
    }
    SyntaxNode n = make(SyntaxNode::Op::Name, at);
    n.text = path;
    return n;
  }

  SyntaxNode call(const Token &at, const std::string &fn) {
    expect("(");
    SyntaxNode n = make(SyntaxNode::Op::Call, at);
    n.text = fn;
    while (!is_op(")")) {
      if (peek().kind == Token::Name && is_op("=", 1)) {
        std::string key = next().text;
        next();
        n.keywords.emplace_back(key, ifexp());
      } else {
        if (!n.keywords.empty()) error(peek(), "positional argument after a keyword argument");
        n.children.push_back(ifexp());
      }
      if (is_op(",")) {
        next();
        continue;
      }
      if (!is_op(")")) error(peek(), "expected ',' or ')' in the arguments of " + fn + ", found " + describe(peek()));
    }
    next();
    if (is_op("[") || is_op("."))
      error(peek(), "indexing or attributes after a call of " + fn + " are not supported");
    return n;
  }

  std::vector<Token> t_;
  size_t p_ = 0;
};

} // namespace

SyntaxNode parse_syntax(std::string_view text, int line, int column) {
  Lexer lex(text, line, column);
  Parser p(lex.run());
  return p.parse_all();
}

Expr parse_expr(std::string_view text, const ParseOptions &options) {
  return build_expr(parse_syntax(text), options);
}

} // namespace symshape
