//===- lexer.cpp - Tokens of rule files ------------------------------------===//
#include "lexer.h"

#include <cctype>

namespace symshape::rules::detail {

namespace {

class Lexer {
public:
  Lexer(std::string_view text, const std::shared_ptr<const std::string> &file) : s_(text), file_(file) {}

  Tokens run() {
    indents_.push_back(0);
    while (pos_ < s_.size()) logical_line();
    if (!out_.empty() && out_.back().kind != Token::Kind::Newline) push(Token::Kind::Newline, "", line_, col());
    while (indents_.size() > 1) {
      indents_.pop_back();
      push(Token::Kind::Dedent, "", line_, 1);
    }
    push(Token::Kind::End, "", line_, 1);
    Tokens t;
    t.tokens = std::move(out_);
    if (!open_.empty()) {
      t.unclosed_line = open_.back().line;
      t.unclosed_column = open_.back().column;
      t.unclosed = open_.back().text[0];
    }
    return t;
  }

private:
  [[noreturn]] void fail(int line, int column, const std::string &msg) {
    throw RuleSyntaxError(SourceLoc{file_, line, column}, msg);
  }
  int col() const { return static_cast<int>(pos_ - line_start_) + 1; }
  void push(Token::Kind k, std::string text, int line, int column) {
    out_.push_back(Token{k, std::move(text), line, column});
  }
  char peek(size_t k = 0) const { return pos_ + k < s_.size() ? s_[pos_ + k] : '\0'; }
  void newline_char() {
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }

  /// One physical line start: measure indentation, skip blank and comment
  /// lines, then lex tokens to the end of the logical line.
  void logical_line() {
    int width = 0;
    while (peek() == ' ' || peek() == '\t') {
      width = peek() == '\t' ? (width / 8 + 1) * 8 : width + 1;
      ++pos_;
    }
    if (peek() == '#') {
      while (pos_ < s_.size() && peek() != '\n') ++pos_;
    }
    if (peek() == '\r') ++pos_;
    if (peek() == '\n') {
      newline_char();
      return;
    }
    if (pos_ >= s_.size()) return;
    int line = line_, column = col();
    if (width > indents_.back()) {
      indents_.push_back(width);
      push(Token::Kind::Indent, "", line, column);
    } else {
      while (width < indents_.back()) {
        indents_.pop_back();
        push(Token::Kind::Dedent, "", line, column);
      }
      if (width != indents_.back()) fail(line, column, "unindent does not match any outer indentation level");
    }
    tokens_to_end_of_line();
  }

  void tokens_to_end_of_line() {
    int depth = 0; // brackets join lines
    for (;;) {
      char c = peek();
      if (c == '\0') {
        push(Token::Kind::Newline, "", line_, col());
        return;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
        continue;
      }
      if (c == '#') {
        while (pos_ < s_.size() && peek() != '\n') ++pos_;
        continue;
      }
      if (c == '\\' && peek(1) == '\n') {
        ++pos_;
        newline_char();
        continue;
      }
      if (c == '\n') {
        if (depth > 0) {
          newline_char();
          continue;
        }
        push(Token::Kind::Newline, "", line_, col());
        newline_char();
        return;
      }
      int line = line_, column = col();
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t b = pos_;
        while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') ++pos_;
        push(Token::Kind::Name, std::string(s_.substr(b, pos_ - b)), line, column);
        continue;
      }
      if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
        number(line, column);
        continue;
      }
      if (c == '"' || c == '\'') {
        string(line, column);
        continue;
      }
      static const char *const ops3[] = {"//=", "**=", "...", nullptr};
      static const char *const ops2[] = {"//", "**", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "%=", "/=", nullptr};
      bool matched = false;
      for (const char *const *tbl : {ops3, ops2}) {
        for (const char *const *o = tbl; *o && !matched; ++o) {
          std::string_view op(*o);
          if (s_.substr(pos_, op.size()) == op) {
            push(Token::Kind::Op, std::string(op), line, column);
            pos_ += op.size();
            matched = true;
          }
        }
        if (matched) break;
      }
      if (matched) continue;
      if (std::string_view("+-*/%<>=()[]{},:.@~&|^").find(c) != std::string_view::npos) {
        if (c == '(' || c == '[' || c == '{') {
          ++depth;
          open_.push_back(Token{Token::Kind::Op, std::string(1, c), line, column});
        }
        if (c == ')' || c == ']' || c == '}') {
          if (depth == 0) fail(line, column, std::string("unmatched '") + c + "'");
          --depth;
          open_.pop_back();
        }
        push(Token::Kind::Op, std::string(1, c), line, column);
        ++pos_;
        continue;
      }
      fail(line, column, std::string("unexpected character '") + c + "'");
    }
  }

  void number(int line, int column) {
    size_t b = pos_;
    bool is_float = false;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      pos_ += 2;
      while (std::isxdigit(static_cast<unsigned char>(peek())) || peek() == '_') ++pos_;
    } else {
      while (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '_') ++pos_;
      if (peek() == '.' && peek(1) != '.') {
        is_float = true;
        ++pos_;
        while (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '_') ++pos_;
      }
      if (peek() == 'e' || peek() == 'E') {
        size_t save = pos_;
        ++pos_;
        if (peek() == '+' || peek() == '-') ++pos_;
        if (std::isdigit(static_cast<unsigned char>(peek()))) {
          is_float = true;
          while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
        } else {
          pos_ = save;
        }
      }
    }
    if (std::isalpha(static_cast<unsigned char>(peek())) || peek() == '_')
      fail(line_, col(), "invalid number literal");
    std::string text;
    for (char ch : s_.substr(b, pos_ - b))
      if (ch != '_') text += ch;
    push(is_float ? Token::Kind::Float : Token::Kind::Int, text, line, column);
  }

  void string(int line, int column) {
    char q = peek();
    bool triple = peek(1) == q && peek(2) == q;
    pos_ += triple ? 3 : 1;
    std::string out;
    for (;;) {
      char c = peek();
      if (c == '\0') fail(line, column, "unterminated string literal");
      if (!triple && c == '\n') fail(line, column, "unterminated string literal");
      if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
        pos_ += triple ? 3 : 1;
        break;
      }
      if (c == '\n') {
        out += c;
        newline_char();
        continue;
      }
      if (c == '\\') {
        char e = peek(1);
        pos_ += 2;
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case '\n': --pos_; newline_char(); break;
        default: out += '\\'; out += e; break;
        }
        continue;
      }
      out += c;
      ++pos_;
    }
    push(Token::Kind::Str, out, line, column);
  }

  std::string_view s_;
  std::shared_ptr<const std::string> file_;
  size_t pos_ = 0, line_start_ = 0;
  int line_ = 1;
  std::vector<int> indents_;
  std::vector<Token> out_;
  std::vector<Token> open_; // brackets not yet closed
};

} // namespace

Tokens tokenize(std::string_view text, const std::shared_ptr<const std::string> &file) {
  return Lexer(text, file).run();
}

} // namespace symshape::rules::detail
