//===- ast_dump.cpp - Syntax trees as text ---------------------------------===//
#include <sstream>

#include "symshape/rules/ast.h"

namespace symshape::rules {

namespace {

std::string quote(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string join_args(const ExprNode &e, size_t from) {
  std::string out;
  for (size_t i = from; i < e.args.size(); ++i) out += " " + (e.args[i] ? dump(*e.args[i]) : std::string("_"));
  return out;
}

void dump_block(const Block &b, int depth, std::ostringstream &os);

void dump_stmt(const Stmt &s, int depth, std::ostringstream &os) {
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  auto targets = [&]() {
    std::string t;
    for (auto &x : s.targets) t += (t.empty() ? "" : " = ") + dump(*x);
    return t;
  };
  switch (s.kind) {
  case Stmt::Kind::Expr: os << pad << dump(*s.value) << "\n"; break;
  case Stmt::Kind::Assign: os << pad << targets() << " = " << dump(*s.value) << "\n"; break;
  case Stmt::Kind::AugAssign: os << pad << targets() << " " << s.op << "= " << dump(*s.value) << "\n"; break;
  case Stmt::Kind::If:
    os << pad << "if " << dump(*s.value) << "\n";
    dump_block(s.body, depth + 1, os);
    if (!s.orelse.empty()) {
      os << pad << "else\n";
      dump_block(s.orelse, depth + 1, os);
    }
    break;
  case Stmt::Kind::For:
    os << pad << "for " << targets() << " in " << dump(*s.value) << "\n";
    dump_block(s.body, depth + 1, os);
    break;
  case Stmt::Kind::While:
    os << pad << "while " << dump(*s.value) << "\n";
    dump_block(s.body, depth + 1, os);
    break;
  case Stmt::Kind::Return: os << pad << "return" << (s.value ? " " + dump(*s.value) : "") << "\n"; break;
  case Stmt::Kind::Pass: os << pad << "pass\n"; break;
  case Stmt::Kind::Break: os << pad << "break\n"; break;
  case Stmt::Kind::Continue: os << pad << "continue\n"; break;
  case Stmt::Kind::Assert:
    os << pad << "assert " << dump(*s.value) << (s.message ? ", " + dump(*s.message) : "") << "\n";
    break;
  case Stmt::Kind::Raise: os << pad << "raise " << dump(*s.value) << "\n"; break;
  }
}

void dump_block(const Block &b, int depth, std::ostringstream &os) {
  for (auto &s : b) dump_stmt(*s, depth, os);
}

} // namespace

std::string dump(const ExprNode &e) {
  switch (e.kind) {
  case ExprNode::Kind::Int: return e.int_value.str();
  case ExprNode::Kind::Float: {
    std::ostringstream os;
    os << e.float_value;
    std::string t = os.str();
    return t.find_first_of(".e") == std::string::npos ? t + ".0" : t;
  }
  case ExprNode::Kind::Str: return quote(e.text);
  case ExprNode::Kind::Bool: return e.bool_value ? "True" : "False";
  case ExprNode::Kind::None: return "None";
  case ExprNode::Kind::Name: return e.slot >= 0 ? e.text + "#" + std::to_string(e.slot) : e.text;
  case ExprNode::Kind::Tuple: return "(tuple" + join_args(e, 0) + ")";
  case ExprNode::Kind::List: return "(list" + join_args(e, 0) + ")";
  case ExprNode::Kind::ListComp:
    return "(listcomp " + dump(*e.args[0]) + " for " + dump(*e.comp_target[0]) + " in " + dump(*e.args[1]) +
           (e.args[2] ? " if " + dump(*e.args[2]) : std::string()) + ")";
  case ExprNode::Kind::Subscript: return "(index" + join_args(e, 0) + ")";
  case ExprNode::Kind::Slice: return "(slice" + join_args(e, 0) + ")";
  case ExprNode::Kind::Attribute: return "(attr " + dump(*e.args[0]) + " " + e.text + ")";
  case ExprNode::Kind::Call: {
    std::string out = "(call " + dump(*e.args[0]);
    size_t npos = e.args.size() - 1 - e.keywords.size();
    for (size_t i = 1; i < e.args.size(); ++i) {
      out += " ";
      if (i > npos) out += e.keywords[i - 1 - npos] + "=";
      out += dump(*e.args[i]);
    }
    return out + ")";
  }
  case ExprNode::Kind::Unary: return "(" + e.op + " " + dump(*e.args[0]) + ")";
  case ExprNode::Kind::Binary: return "(" + e.op + " " + dump(*e.args[0]) + " " + dump(*e.args[1]) + ")";
  case ExprNode::Kind::Compare: {
    std::string out = "(compare " + dump(*e.args[0]);
    for (size_t i = 0; i < e.ops.size(); ++i) out += " " + e.ops[i] + " " + dump(*e.args[i + 1]);
    return out + ")";
  }
  case ExprNode::Kind::BoolOp: return "(" + e.op + join_args(e, 0) + ")";
  case ExprNode::Kind::IfExp: return "(ifexp" + join_args(e, 0) + ")";
  }
  return "?";
}

std::string dump(const Function &f) {
  std::ostringstream os;
  for (auto &d : f.decorators) {
    os << "@" << d.name;
    for (auto &a : d.args) os << " " << quote(a);
    os << "\n";
  }
  os << "def " << f.name << "(";
  for (size_t i = 0; i < f.params.size(); ++i) {
    const Param &p = f.params[i];
    os << (i ? ", " : "") << p.name << ": " << p.type.str();
    if (p.default_value) os << " = " << dump(*p.default_value);
  }
  os << ") -> " << f.returns.str() << "  [" << f.num_slots << " slots]\n";
  dump_block(f.body, 1, os);
  return os.str();
}

} // namespace symshape::rules
