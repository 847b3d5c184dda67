//===- rules/interp.cpp - Running rule functions on symbolic values -------===//
//
// Python semantics on symbolic values.  The one place where symbolic and
// Python meaning meet is truthiness: `if`, `while`, `and`/`or`/`not`, `assert`
// and comparisons of lists need a Python bool, so a symbolic condition is
// decided by the ShapeEnv there (a guard when backed, a data-dependent error
// when unbacked) -- exactly what `bool(SymBool)` does in a PyTorch meta
// function.  Everywhere else values stay symbolic.
//
//===----------------------------------------------------------------------===//
#include "interp.h"

#include "symshape/rules/syntax.h"

namespace symshape::rules::detail {

namespace {
constexpr int kMaxDepth = 200;
constexpr int64_t kMaxIterations = 1 << 20;
} // namespace

const Value *Args::get(size_t i, const char *name) const {
  for (const auto &kv : kw)
    if (kv.first == name) return &kv.second;
  return i < pos.size() ? &pos[i] : nullptr;
}

void Interp::fail(const SourceLoc &at, const std::string &message, const std::string &cause) {
  throw RuleFailure{at, message, cause};
}

// --- Questions ----------------------------------------------------------

bool Interp::ask(Question::Kind k, Expr cond, const std::string &message) {
  bool r = false;
  switch (k) {
  case Question::Kind::Evaluate: r = env_.evaluate(cond); break;
  case Question::Kind::StaticallyKnownTrue: r = env_.statically_known_true(cond); break;
  case Question::Kind::GuardOrFalse: r = env_.guard_or_false(cond); break;
  case Question::Kind::GuardOrTrue: r = env_.guard_or_true(cond); break;
  case Question::Kind::SizeOblivious: r = env_.guard_size_oblivious(cond); break;
  case Question::Kind::Check: env_.check(cond, message); r = true; break;
  case Question::Kind::CheckIsSize: env_.check_is_size(cond); r = true; break;
  case Question::Kind::ExpectTrue: r = env_.expect_true(cond, message); break;
  case Question::Kind::EvaluateInt: break;
  }
  if (trace_) trace_->questions.push_back({k, cond, boolean(r), message});
  return r;
}

Expr Interp::ask_int(Expr e) {
  Int v = env_.evaluate_int(e);
  Expr r = integer(v);
  if (trace_) trace_->questions.push_back({Question::Kind::EvaluateInt, e, r, ""});
  return r;
}

bool Interp::truth(const Value &v, const SourceLoc &at) {
  switch (v.kind) {
  case Value::Kind::None: return false;
  case Value::Kind::Bool:
    if (v.expr.is_bool_constant()) return v.expr.bool_value();
    return ask(Question::Kind::Evaluate, v.expr);
  case Value::Kind::Int: case Value::Kind::Float:
    if (v.expr.is_integer_constant()) return !v.expr.value().is_zero();
    if (v.expr.is_float_constant()) return v.expr.float_value() != 0.0;
    return ask(Question::Kind::Evaluate, ne(v.expr, v.expr.is_float() ? floating(0.0) : Expr(0)));
  case Value::Kind::Str: return !v.text->empty();
  case Value::Kind::List: case Value::Kind::Tuple: return !v.items->empty();
  case Value::Kind::Tensor:
    fail(at, "a Tensor has no truth value in a meta rule (its data is unknown)", "type");
  default: return true;
  }
}

int64_t Interp::to_index(const Value &v, const SourceLoc &at, const char *what) {
  Expr e = as_int(v, at, what);
  if (!e.is_integer_constant()) e = ask_int(e);
  if (!e.value().fits_int64()) fail(at, std::string(what) + " " + e.str() + " is out of range", "value");
  return e.value().to_int64();
}

// --- Conversions ----------------------------------------------------------

Expr Interp::as_int(const Value &v, const SourceLoc &at, const char *what) {
  if (v.kind == Value::Kind::Int) return v.expr;
  if (v.kind == Value::Kind::Bool && v.expr.is_bool_constant()) return Expr(v.expr.bool_value() ? 1 : 0);
  fail(at, std::string(what) + " must be an int, not " + v.type_name() + " " + v.str(), "type");
}

Expr Interp::as_number(const Value &v, const SourceLoc &at, const char *what) {
  if (v.kind == Value::Kind::Int || v.kind == Value::Kind::Float) return v.expr;
  if (v.kind == Value::Kind::Bool && v.expr.is_bool_constant()) return Expr(v.expr.bool_value() ? 1 : 0);
  fail(at, std::string(what) + " must be a number, not " + v.type_name() + " " + v.str(), "type");
}

Expr Interp::as_bool_expr(const Value &v, const SourceLoc &at, const char *what) {
  if (v.kind == Value::Kind::Bool) return v.expr;
  if (v.kind == Value::Kind::Int) return ne(v.expr, Expr(0));
  if (v.kind == Value::Kind::Float) return ne(v.expr, floating(0.0)); // Python truthiness
  fail(at, std::string(what) + " must be a bool, not " + v.type_name() + " " + v.str(), "type");
}

const List &Interp::as_sequence(const Value &v, const SourceLoc &at, const char *what) {
  if (!v.is_sequence()) fail(at, std::string(what) + " must be a list or tuple, not " + v.type_name(), "type");
  return *v.items;
}

const TensorMeta &Interp::as_tensor(const Value &v, const SourceLoc &at, const char *what) {
  if (!v.is_tensor()) fail(at, std::string(what) + " must be a Tensor, not " + v.type_name() + " " + v.str(), "type");
  return *v.tensor;
}

// --- Operators -----------------------------------------------------------

Value Interp::binary(const std::string &op, const Value &a, const Value &b, const SourceLoc &at) {
  // Sequences: concatenation and repetition.
  if (is(op, "+") && a.is_sequence() && b.kind == a.kind) {
    List r = *a.items;
    r.insert(r.end(), b.items->begin(), b.items->end());
    return a.kind == Value::Kind::List ? Value::of_list(std::move(r)) : Value::of_tuple(std::move(r));
  }
  if (is(op, "*") && (a.is_sequence() || b.is_sequence())) {
    const Value &seq = a.is_sequence() ? a : b;
    const Value &n = a.is_sequence() ? b : a;
    int64_t k = to_index(n, at, "repetition count");
    List r;
    for (int64_t i = 0; i < k; ++i) r.insert(r.end(), seq.items->begin(), seq.items->end());
    return seq.kind == Value::Kind::List ? Value::of_list(std::move(r)) : Value::of_tuple(std::move(r));
  }
  if (is(op, "+") && a.kind == Value::Kind::Str && b.kind == Value::Kind::Str) return Value::of_str(*a.text + *b.text);
  Expr x = as_number(a, at, "left operand"), y = as_number(b, at, "right operand");
  try {
    if (x.is_float() != y.is_float()) {
      if (!x.is_float()) x = to_float(x);
      if (!y.is_float()) y = to_float(y);
    }
    Expr r;
    if (is(op, "+")) r = x + y;
    else if (is(op, "-")) r = x - y;
    else if (is(op, "*")) r = x * y;
    else if (is(op, "//")) r = x.is_float() ? to_float(floor_to_int(float_truediv(x, y))) : floordiv(x, y);
    else if (is(op, "%")) r = x.is_float() ? x - y * to_float(floor_to_int(float_truediv(x, y))) : mod(x, y);
    else if (is(op, "/")) r = x.is_float() ? float_truediv(x, y) : int_truediv(x, y);
    else if (is(op, "**")) r = pow(x, y);
    else fail(at, "unknown operator " + op);
    return Value::of_expr(r);
  } catch (const RuleFailure &) {
    throw;
  } catch (const Error &e) {
    fail(at, std::string(e.what()) + " in " + a.str() + " " + op + " " + b.str(), e.kind());
  }
}

Value Interp::compare(const std::string &op, const Value &a, const Value &b, const SourceLoc &at) {
  if (is(op, "is") || is(op, "is not")) {
    bool same = (a.is_none() || b.is_none()) ? a.is_none() && b.is_none() : same_value(a, b);
    return Value::of_bool(is(op, "is") ? same : !same);
  }
  if (is(op, "in") || is(op, "not in")) {
    bool found = false;
    if (b.kind == Value::Kind::Str && a.kind == Value::Kind::Str) {
      found = b.text->find(*a.text) != std::string::npos;
    } else {
      for (const Value &x : as_sequence(b, at, "right operand of 'in'"))
        if (truth(compare("==", a, x, at), at)) {
          found = true;
          break;
        }
    }
    return Value::of_bool(is(op, "in") ? found : !found);
  }
  if (is(op, "==") || is(op, "!=")) {
    bool eq_op = is(op, "==");
    if (a.is_number() && b.is_number()) {
      Expr x = a.expr, y = b.expr;
      if (x.is_bool() != y.is_bool()) {
        x = as_number(a, at, "operand");
        y = as_number(b, at, "operand");
      }
      if (x.is_bool()) {
        // Bool equality by value: (x and y) or (not x and not y).
        Expr same = (x.is_bool_constant() && y.is_bool_constant())
                        ? boolean(x == y)
                        : or_(and_(x, y), and_(not_(x), not_(y)));
        return Value::of_expr(eq_op ? same : not_(same));
      }
      if (x.is_float() != y.is_float()) {
        if (!x.is_float()) x = to_float(x);
        if (!y.is_float()) y = to_float(y);
      }
      return Value::of_expr(eq_op ? eq(x, y) : ne(x, y));
    }
    if (a.is_sequence() && b.is_sequence()) {
      bool same = a.items->size() == b.items->size();
      for (size_t i = 0; same && i < a.items->size(); ++i) same = truth(compare("==", (*a.items)[i], (*b.items)[i], at), at);
      return Value::of_bool(eq_op ? same : !same);
    }
    if (a.kind == Value::Kind::Tensor || b.kind == Value::Kind::Tensor)
      fail(at, "comparing Tensors compares their data, which a meta rule does not have", "type");
    bool same = same_value(a, b);
    // A device equals its name: `t.device == "cpu"`.
    if ((a.kind == Value::Kind::Device && b.kind == Value::Kind::Str) ||
        (a.kind == Value::Kind::Str && b.kind == Value::Kind::Device))
      same = *a.text == *b.text;
    return Value::of_bool(eq_op ? same : !same);
  }
  Expr x = as_number(a, at, "left operand"), y = as_number(b, at, "right operand");
  if (x.is_float() != y.is_float()) {
    if (!x.is_float()) x = to_float(x);
    if (!y.is_float()) y = to_float(y);
  }
  if (is(op, "<")) return Value::of_expr(lt(x, y));
  if (is(op, "<=")) return Value::of_expr(le(x, y));
  if (is(op, ">")) return Value::of_expr(gt(x, y));
  if (is(op, ">=")) return Value::of_expr(ge(x, y));
  fail(at, "unknown comparison " + op);
}

Value iterable(const Value &v) {
  if (v.kind != Value::Kind::Str) return v;
  List chars;
  for (char c : *v.text) chars.push_back(Value::of_str(std::string(1, c)));
  return Value::of_list(std::move(chars));
}

Value Interp::subscript(const Value &obj_in, const Value &index, const SourceLoc &at) {
  Value obj = iterable(obj_in);
  if (index.kind == Value::Kind::Tuple && obj.kind == Value::Kind::Tensor)
    fail(at, "indexing a Tensor reads its data; use a rule for aten.index", "type");
  const List &items = as_sequence(obj, at, "subscripted value");
  int64_t n = static_cast<int64_t>(items.size());
  if (index.kind == Value::Kind::Slice) { // (lower, upper, step)
    const List &s = *index.items;
    int64_t step = s[2].is_none() ? 1 : to_index(s[2], at, "slice step");
    if (step == 0) fail(at, "slice step cannot be zero", "value");
    auto clamp = [&](const Value &v, int64_t dflt) {
      if (v.is_none()) return dflt;
      int64_t i = to_index(v, at, "slice index");
      if (i < 0) i += n;
      if (step > 0) return std::max<int64_t>(0, std::min(i, n));
      return std::max<int64_t>(-1, std::min(i, n - 1));
    };
    int64_t lo = clamp(s[0], step > 0 ? 0 : n - 1), hi = clamp(s[1], step > 0 ? n : -1);
    List r;
    for (int64_t i = lo; step > 0 ? i < hi : i > hi; i += step) r.push_back(items[static_cast<size_t>(i)]);
    if (obj_in.kind == Value::Kind::Str) {
      std::string t;
      for (const Value &c : r) t += *c.text;
      return Value::of_str(t);
    }
    return obj.kind == Value::Kind::List ? Value::of_list(std::move(r)) : Value::of_tuple(std::move(r));
  }
  int64_t i = to_index(index, at, "index");
  if (i < -n || i >= n) fail(at, "index " + std::to_string(i) + " out of range for " + obj.str(), "index");
  return items[static_cast<size_t>(i < 0 ? i + n : i)];
}

// --- Statements ------------------------------------------------------------

Interp::Flow Interp::exec_block(const Block &b, std::vector<Value> &frame, Value &ret) {
  for (const StmtPtr &s : b) {
    Flow f = exec(*s, frame, ret);
    if (f != Flow::Normal) return f;
  }
  return Flow::Normal;
}

void Interp::assign(const ExprNode &target, const Value &v, std::vector<Value> &frame) {
  switch (target.kind) {
  case ExprNode::Kind::Name: frame[static_cast<size_t>(target.slot)] = v; return;
  case ExprNode::Kind::Tuple: case ExprNode::Kind::List: {
    const List &items = as_sequence(v, target.loc, "value to unpack");
    if (items.size() != target.args.size())
      fail(target.loc, "cannot unpack " + std::to_string(items.size()) + " values into " +
                           std::to_string(target.args.size()) + " names", "value");
    List copy = items; // the targets may alias the source list
    for (size_t i = 0; i < copy.size(); ++i) assign(*target.args[i], copy[i], frame);
    return;
  }
  case ExprNode::Kind::Subscript: {
    Value obj = eval(*target.args[0], frame);
    if (obj.kind != Value::Kind::List) fail(target.loc, std::string("cannot assign into a ") + obj.type_name(), "type");
    int64_t n = static_cast<int64_t>(obj.items->size());
    int64_t i = to_index(eval(*target.args[1], frame), target.loc, "index");
    if (i < -n || i >= n) fail(target.loc, "list assignment index out of range", "index");
    (*obj.items)[static_cast<size_t>(i < 0 ? i + n : i)] = v;
    return;
  }
  default: fail(target.loc, "cannot assign to this expression", "syntax");
  }
}

Interp::Flow Interp::exec(const Stmt &s, std::vector<Value> &frame, Value &ret) {
  try {
    return exec_unchecked(s, frame, ret);
  } catch (const RuleFailure &) {
    throw;
  } catch (const Error &err) {
    // A decision outside any call (`if a < b:`) failed: the statement is
    // the place.
    fail(s.loc, err.what(), err.kind());
  }
}

Interp::Flow Interp::exec_unchecked(const Stmt &s, std::vector<Value> &frame, Value &ret) {
  switch (s.kind) {
  case Stmt::Kind::Expr: eval(*s.value, frame); return Flow::Normal;
  case Stmt::Kind::Assign: {
    Value v = eval(*s.value, frame);
    for (const ExprPtr &t : s.targets) assign(*t, v, frame);
    return Flow::Normal;
  }
  case Stmt::Kind::AugAssign: {
    const ExprNode &t = *s.targets[0];
    Value cur = eval(t, frame);
    Value rhs = eval(*s.value, frame);
    if (is(s.op, "+") && cur.kind == Value::Kind::List && rhs.is_sequence()) { // in place, like Python
      cur.items->insert(cur.items->end(), rhs.items->begin(), rhs.items->end());
      return Flow::Normal;
    }
    assign(t, binary(s.op, cur, rhs, s.loc), frame);
    return Flow::Normal;
  }
  case Stmt::Kind::If:
    if (truth(eval(*s.value, frame), s.value->loc)) return exec_block(s.body, frame, ret);
    return exec_block(s.orelse, frame, ret);
  case Stmt::Kind::For: {
    Value seq = iterable(eval(*s.value, frame));
    if (!seq.is_sequence()) fail(s.value->loc, std::string("cannot iterate over a ") + seq.type_name(), "type");
    auto items = seq.items; // keep alive; iterate by index like Python's list iterator
    for (size_t i = 0; i < items->size(); ++i) {
      assign(*s.targets[0], (*items)[i], frame);
      Flow f = exec_block(s.body, frame, ret);
      if (f == Flow::Break) break;
      if (f == Flow::Return) return f;
    }
    return Flow::Normal;
  }
  case Stmt::Kind::While: {
    int64_t n = 0;
    while (truth(eval(*s.value, frame), s.value->loc)) {
      if (++n > kMaxIterations) fail(s.loc, "while loop ran more than 2^20 iterations", "limit");
      Flow f = exec_block(s.body, frame, ret);
      if (f == Flow::Break) break;
      if (f == Flow::Return) return f;
    }
    return Flow::Normal;
  }
  case Stmt::Kind::Return:
    ret = s.value ? eval(*s.value, frame) : Value::none();
    return Flow::Return;
  case Stmt::Kind::Pass: return Flow::Normal;
  case Stmt::Kind::Break: return Flow::Break;
  case Stmt::Kind::Continue: return Flow::Continue;
  case Stmt::Kind::Assert: {
    // `assert` is a rule author's invariant: decided like `if`.
    if (!truth(eval(*s.value, frame), s.value->loc)) {
      std::string msg = "assertion failed";
      if (s.message) msg += ": " + eval(*s.message, frame).str();
      fail(s.loc, msg, "check_failed");
    }
    return Flow::Normal;
  }
  case Stmt::Kind::Raise: {
    std::string msg = "rule raised an error";
    if (s.value) {
      Value v = eval(*s.value, frame);
      msg = v.kind == Value::Kind::Str ? *v.text : v.str();
    }
    fail(s.loc, msg, "shape");
  }
  }
  return Flow::Normal;
}

// --- Expressions -------------------------------------------------------------

Value Interp::eval(const ExprNode &e, std::vector<Value> &frame) {
  switch (e.kind) {
  case ExprNode::Kind::Int: return Value::of_int(integer(e.int_value));
  case ExprNode::Kind::Float: return Value::of_float(e.float_value);
  case ExprNode::Kind::Str: return Value::of_str(e.text);
  case ExprNode::Kind::Bool: return Value::of_bool(e.bool_value);
  case ExprNode::Kind::None: return Value::none();
  case ExprNode::Kind::Name:
    if (e.slot >= 0) {
      const Value &v = frame[static_cast<size_t>(e.slot)];
      return v;
    }
    return prog_.globals[static_cast<size_t>(e.global)];
  case ExprNode::Kind::Tuple: case ExprNode::Kind::List: {
    List items;
    items.reserve(e.args.size());
    for (const ExprPtr &a : e.args) items.push_back(eval(*a, frame));
    return e.kind == ExprNode::Kind::List ? Value::of_list(std::move(items)) : Value::of_tuple(std::move(items));
  }
  case ExprNode::Kind::ListComp: {
    Value seq = iterable(eval(*e.args[1], frame));
    if (!seq.is_sequence()) fail(e.args[1]->loc, std::string("cannot iterate over a ") + seq.type_name(), "type");
    auto items = seq.items;
    List out;
    for (size_t i = 0; i < items->size(); ++i) {
      assign(*e.comp_target[0], (*items)[i], frame);
      if (e.args.size() > 2 && e.args[2] && !truth(eval(*e.args[2], frame), e.args[2]->loc)) continue;
      out.push_back(eval(*e.args[0], frame));
    }
    return Value::of_list(std::move(out));
  }
  case ExprNode::Kind::Subscript: {
    Value obj = eval(*e.args[0], frame);
    Value idx = eval(*e.args[1], frame);
    return subscript(obj, idx, e.loc);
  }
  case ExprNode::Kind::Slice: {
    List parts;
    for (int i = 0; i < 3; ++i)
      parts.push_back(i < static_cast<int>(e.args.size()) && e.args[static_cast<size_t>(i)]
                          ? eval(*e.args[static_cast<size_t>(i)], frame)
                          : Value::none());
    Value v = Value::of_tuple(std::move(parts));
    v.kind = Value::Kind::Slice;
    return v;
  }
  case ExprNode::Kind::Attribute: return attribute(eval(*e.args[0], frame), e.text, e.loc);
  case ExprNode::Kind::Call: return call(e, frame);
  case ExprNode::Kind::Unary: {
    Value v = eval(*e.args[0], frame);
    if (is(e.op, "not")) return Value::of_bool(!truth(v, e.loc));
    Expr x = as_number(v, e.loc, "operand");
    return is(e.op, "-") ? Value::of_expr(-x) : Value::of_expr(x);
  }
  case ExprNode::Kind::Binary: {
    Value a = eval(*e.args[0], frame);
    Value b = eval(*e.args[1], frame);
    return binary(e.op, a, b, e.loc);
  }
  case ExprNode::Kind::Compare: {
    Value left = eval(*e.args[0], frame);
    if (e.ops.size() == 1) return compare(e.ops[0], left, eval(*e.args[1], frame), e.loc);
    // Chained: a < b < c is (a < b) and (b < c), deciding each link.
    for (size_t i = 0; i < e.ops.size(); ++i) {
      Value right = eval(*e.args[i + 1], frame);
      Value r = compare(e.ops[i], left, right, e.loc);
      if (!truth(r, e.loc)) return Value::of_bool(false);
      left = right;
    }
    return Value::of_bool(true);
  }
  case ExprNode::Kind::BoolOp: {
    // Python: the value of the first operand that decides, as is.
    Value v;
    for (const ExprPtr &a : e.args) {
      v = eval(*a, frame);
      bool t = truth(v, a->loc);
      if (is(e.op, "and") ? !t : t) return v;
    }
    return v;
  }
  case ExprNode::Kind::IfExp:
    return truth(eval(*e.args[0], frame), e.args[0]->loc) ? eval(*e.args[1], frame) : eval(*e.args[2], frame);
  }
  fail(e.loc, "unsupported expression");
}

Value Interp::call(const ExprNode &e, std::vector<Value> &frame) {
  // check(cond, message): the message (often built by string concatenation,
  // like torch._check's lambda) is only evaluated when cond is not already
  // the constant True.
  const ExprNode &fn = *e.args[0];
  if (fn.kind == ExprNode::Kind::Name && fn.slot < 0 && fn.global == prog_.check_global && e.args.size() == 3 &&
      e.keywords.empty()) {
    Value cond = eval(*e.args[1], frame);
    if (cond.kind == Value::Kind::Bool && cond.expr.is_true()) return Value::none();
    Args args;
    args.pos.push_back(std::move(cond));
    args.pos.push_back(eval(*e.args[2], frame));
    try {
      return call_value(prog_.globals[static_cast<size_t>(fn.global)], args, e.loc);
    } catch (const RuleFailure &) {
      throw;
    } catch (const Error &err) {
      fail(e.loc, err.what(), err.kind());
    }
  }
  Args args;
  size_t nargs = e.args.size() - 1, nkw = e.keywords.size();
  for (size_t i = 1; i < e.args.size(); ++i) {
    Value v = eval(*e.args[i], frame);
    if (i - 1 < nargs - nkw) args.pos.push_back(std::move(v));
    else args.kw.emplace_back(e.keywords[i - 1 - (nargs - nkw)], std::move(v));
  }
  const ExprNode &callee = *e.args[0];
  try {
    if (callee.kind == ExprNode::Kind::Attribute) {
      Value obj = eval(*callee.args[0], frame);
      return method(obj, callee.text, args, e.loc);
    }
    return call_value(eval(callee, frame), args, e.loc);
  } catch (const RuleFailure &) {
    throw;
  } catch (const Error &err) {
    // ShapeEnv errors (a failed check, a data-dependent decision, ...):
    // the innermost call of the rule names the place.
    fail(e.loc, err.what(), err.kind());
  }
}

Value Interp::call_value(const Value &callee, Args &args, const SourceLoc &at) {
  if (callee.kind != Value::Kind::Function) fail(at, std::string("a ") + callee.type_name() + " is not callable", "type");
  if (callee.small < 0) return prog_.builtins[static_cast<size_t>(-callee.small - 1)].second(*this, args, at);
  const Function &f = *prog_.functions[static_cast<size_t>(callee.small)];
  // Python binding: positional, then keywords by name, then defaults.
  std::vector<Value> bound(f.params.size());
  std::vector<bool> set(f.params.size(), false);
  if (args.pos.size() > f.params.size())
    fail(at, f.name + "() takes " + std::to_string(f.params.size()) + " arguments but " +
                 std::to_string(args.pos.size()) + " were given", "type");
  for (size_t i = 0; i < args.pos.size(); ++i) bound[i] = args.pos[i], set[i] = true;
  for (auto &kv : args.kw) {
    size_t i = 0;
    while (i < f.params.size() && f.params[i].name != kv.first) ++i;
    if (i == f.params.size()) fail(at, f.name + "() got an unexpected keyword argument '" + kv.first + "'", "type");
    if (set[i]) fail(at, f.name + "() got multiple values for argument '" + kv.first + "'", "type");
    bound[i] = kv.second, set[i] = true;
  }
  std::vector<Value> empty_frame;
  for (size_t i = 0; i < f.params.size(); ++i) {
    if (set[i]) continue;
    if (!f.params[i].default_value)
      fail(at, f.name + "() missing required argument '" + f.params[i].name + "'", "type");
    bound[i] = eval(*f.params[i].default_value, empty_frame);
  }
  return call_function(f, std::move(bound), at);
}

Value Interp::call_function(const Function &f, std::vector<Value> args, const SourceLoc &at) {
  if (++depth_ > kMaxDepth) {
    depth_ = 0;
    fail(at, "recursion deeper than 200 calls in " + f.name + "()", "limit");
  }
  std::vector<Value> frame(static_cast<size_t>(f.num_slots));
  for (size_t i = 0; i < args.size(); ++i) frame[i] = std::move(args[i]);
  Value ret;
  exec_block(f.body, frame, ret);
  --depth_;
  return ret;
}

// --- Program -------------------------------------------------------------

Program::Program() { register_builtins(*this); }

void Program::add(std::unique_ptr<Module> m) {
  for (const auto &f : m->functions) {
    if (global_index.count(f->name))
      throw RuleSyntaxError(f->loc, "'" + f->name + "' is already defined");
    Value v;
    v.kind = Value::Kind::Function;
    v.small = static_cast<int64_t>(functions.size());
    functions.push_back(f.get());
    global_index[f->name] = static_cast<int>(globals.size());
    globals.push_back(v);
  }
  modules.push_back(std::move(m));
}

namespace {
void link_expr(Program &p, ExprNode &e) {
  if (e.kind == ExprNode::Kind::Name && e.slot < 0) {
    auto it = p.global_index.find(e.text);
    if (it == p.global_index.end()) throw RuleSyntaxError(e.loc, "unknown name '" + e.text + "'");
    e.global = it->second;
  }
  for (auto &a : e.args)
    if (a) link_expr(p, *a);
  for (auto &a : e.comp_target)
    if (a) link_expr(p, *a);
}
void link_block(Program &p, Block &b) {
  for (auto &s : b) {
    for (auto &t : s->targets) link_expr(p, *t);
    if (s->value) link_expr(p, *s->value);
    if (s->message) link_expr(p, *s->message);
    link_block(p, s->body);
    link_block(p, s->orelse);
  }
}
} // namespace

namespace {
// Defaults are evaluated without a frame (like Python, at definition time):
// they cannot name a parameter or local.
void check_default(const ExprNode &e, const Function &f) {
  if (e.kind == ExprNode::Kind::Name && e.slot >= 0)
    throw RuleSyntaxError(e.loc, "the default value of a parameter of " + f.name + "() cannot use '" + e.text + "'");
  for (const auto &a : e.args)
    if (a) check_default(*a, f);
}
} // namespace

void Program::link(Module &m) {
  for (auto &f : m.functions) {
    for (auto &prm : f->params)
      if (prm.default_value) {
        check_default(*prm.default_value, *f);
        link_expr(*this, *prm.default_value);
      }
    link_block(*this, f->body);
  }
}

const Function *Program::function_of(const Value &v) const {
  if (v.kind != Value::Kind::Function || v.small < 0) return nullptr;
  return functions[static_cast<size_t>(v.small)];
}

} // namespace symshape::rules::detail
