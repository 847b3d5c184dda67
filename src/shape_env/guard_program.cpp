//===- guard_program.cpp - Guard sets compiled to a flat register program --===//
//
// Each distinct sub-expression of the guard set is computed once, in
// dependency order, into a 128-bit register; guard i fails when its truth
// register is 0 or "poisoned".  Poison marks a value that Python would not
// have produced (division by zero, 128-bit overflow): it propagates through
// arithmetic, Where picks the poison of the branch it takes, and a poisoned
// guard fails -- the conservative answer (recompile), never a wrong accept.
// Float-valued sub-terms are evaluated exactly as eval.h does, through a
// slow-path op.
//
//===----------------------------------------------------------------------===//
#include <unordered_map>

#include "symshape/expr/eval.h"
#include "symshape/shape_env/guards.h"

namespace symshape {

namespace {

enum Code : uint8_t {
  kLoad,     // r[a] = values[b]
  kConst,    // r[a] = imm
  kAdd,      // r[a] = r[b] + r[c]
  kAddImm,   // r[a] = r[b] + imm
  kMulImm,   // r[a] = r[b] * imm
  kMulAdd,   // r[a] = r[b] + r[c] * imm
  kMul,      // r[a] = r[b] * r[c]
  kFloorDiv, // r[a] = r[b] // r[c]
  kMod,      // r[a] = r[b] % r[c]
  kMin,
  kMax,
  kPow,      // r[a] = r[b] ** r[c]
  kEq0,      // r[a] = r[b] == 0
  kNe0,
  kLt0,      // r[a] = 0 < r[b]
  kLe0,
  kAnd,      // r[a] = r[b] && r[c]
  kOr,
  kNot,
  kWhere,    // r[a] = r[b] ? r[c] : r[imm]
  kSlow,     // r[a] = evaluate(slow[b]) with the sources bound
};

} // namespace

struct GuardCompiler {
  std::vector<GuardProgram::Op> &ops;
  std::unordered_map<const Node *, uint32_t> reg;
  std::unordered_map<const Node *, uint32_t> source_index;
  std::vector<Expr> &slow;
  uint32_t &nregs;

  uint32_t fresh() { return nregs++; }
  void emit(uint8_t code, uint32_t a, uint32_t b = 0, uint32_t c = 0, __int128 imm = 0) {
    ops.push_back(GuardProgram::Op{code, a, b, c, imm});
  }
  uint32_t konst(Int v) {
    uint32_t r = fresh();
    emit(kConst, r, 0, 0, v.raw());
    return r;
  }

  uint32_t compile(Expr e) {
    auto hit = reg.find(e.node());
    if (hit != reg.end()) return hit->second;
    uint32_t r = build(e);
    reg.emplace(e.node(), r);
    return r;
  }

  uint32_t binary(uint8_t code, Expr a, Expr b) {
    uint32_t x = compile(a), y = compile(b);
    uint32_t r = fresh();
    emit(code, r, x, y);
    return r;
  }

  uint32_t build(Expr e) {
    if (e.has_float()) {
      // Rare in shape guards (interpolate scales): exact but slow.
      uint32_t r = fresh();
      emit(kSlow, r, static_cast<uint32_t>(slow.size()));
      slow.push_back(e);
      return r;
    }
    switch (e.kind()) {
    case Kind::Integer: return konst(e.value());
    case Kind::BoolConst: return konst(Int(e.bool_value() ? 1 : 0));
    case Kind::Symbol: {
      auto it = source_index.find(e.node());
      if (it == source_index.end())
        throw ValueError("GuardProgram: guard mentions " + std::string(e.name()) + ", which is not a listed source");
      uint32_t r = fresh();
      emit(kLoad, r, it->second);
      return r;
    }
    case Kind::Add: {
      // acc = c0*t0; acc += ci*ti (fused); acc += constant.
      uint32_t acc = compile(e.arg(0));
      if (e.coeff(0) != Int(1)) {
        uint32_t s = fresh();
        emit(kMulImm, s, acc, 0, e.coeff(0).raw());
        acc = s;
      }
      for (size_t i = 1; i < e.nargs(); ++i) {
        uint32_t t = compile(e.arg(i)), sum = fresh();
        if (e.coeff(i) == Int(1)) emit(kAdd, sum, acc, t);
        else emit(kMulAdd, sum, acc, t, e.coeff(i).raw());
        acc = sum;
      }
      if (e.constant() != Int(0)) {
        uint32_t sum = fresh();
        emit(kAddImm, sum, acc, 0, e.constant().raw());
        acc = sum;
      }
      return acc;
    }
    case Kind::Mul: {
      uint32_t acc = konst(Int(1));
      for (size_t i = 0; i < e.nargs(); ++i) {
        uint32_t f = compile(e.arg(i));
        for (uint32_t k = 0; k < e.exponent(i); ++k) {
          uint32_t p = fresh();
          emit(kMul, p, acc, f);
          acc = p;
        }
      }
      return acc;
    }
    case Kind::FloorDiv:
    case Kind::CleanDiv: return binary(kFloorDiv, e.arg(0), e.arg(1));
    case Kind::Mod: return binary(kMod, e.arg(0), e.arg(1));
    case Kind::PowByNatural: return binary(kPow, e.arg(0), e.arg(1));
    case Kind::Min:
    case Kind::Max: {
      uint32_t acc = compile(e.arg(0));
      for (size_t i = 1; i < e.nargs(); ++i) {
        uint32_t x = compile(e.arg(i)), r = fresh();
        emit(e.kind() == Kind::Min ? kMin : kMax, r, acc, x);
        acc = r;
      }
      return acc;
    }
    case Kind::Eq:
    case Kind::Ne:
    case Kind::Lt:
    case Kind::Le: {
      uint32_t x = compile(e.arg(0)), r = fresh();
      emit(e.kind() == Kind::Eq ? kEq0 : e.kind() == Kind::Ne ? kNe0 : e.kind() == Kind::Lt ? kLt0 : kLe0, r, x);
      return r;
    }
    case Kind::And:
    case Kind::Or: {
      uint32_t acc = compile(e.arg(0));
      for (size_t i = 1; i < e.nargs(); ++i) {
        uint32_t x = compile(e.arg(i)), r = fresh();
        emit(e.kind() == Kind::And ? kAnd : kOr, r, acc, x);
        acc = r;
      }
      return acc;
    }
    case Kind::Not: {
      uint32_t x = compile(e.arg(0)), r = fresh();
      emit(kNot, r, x);
      return r;
    }
    case Kind::Where: {
      uint32_t c = compile(e.arg(0)), a = compile(e.arg(1)), b = compile(e.arg(2)), r = fresh();
      emit(kWhere, r, c, a, b);
      return r;
    }
    default: {
      uint32_t r = fresh();
      emit(kSlow, r, static_cast<uint32_t>(slow.size()));
      slow.push_back(e);
      return r;
    }
    }
  }
};

GuardProgram::GuardProgram(const std::vector<Expr> &guards, const std::vector<std::string> &sources)
    : sources_(sources) {
  GuardCompiler c{ops_, {}, {}, slow_, nregs_};
  for (uint32_t i = 0; i < sources.size(); ++i) c.source_index.emplace(symbol(sources[i], Type::Int).node(), i);
  for (Expr g : guards) {
    if (!g.is_bool()) throw TypeError("GuardProgram: a guard must be boolean, got " + g.str());
    guard_regs_.push_back(c.compile(g));
    guard_ends_.push_back(static_cast<uint32_t>(ops_.size()));
  }
}

int GuardProgram::check(const int64_t *values) const {
  // Registers: per-thread scratch, grown once and never cleared (every op
  // writes its register before any later op reads it).
  thread_local std::vector<__int128> val_scratch;
  thread_local std::vector<uint8_t> poison_scratch;
  if (val_scratch.size() < nregs_) {
    val_scratch.resize(nregs_);
    poison_scratch.resize(nregs_);
  }
  __int128 *v = val_scratch.data();
  uint8_t *poison = poison_scratch.data();
  size_t pc = 0;
  for (size_t g = 0; g < guard_ends_.size(); ++g) {
    for (; pc < guard_ends_[g]; ++pc) {
      const Op &op = ops_[pc];
      __int128 &r = v[op.a];
      uint8_t &pr = poison[op.a];
      switch (op.code) {
      case kLoad: r = values[op.b]; pr = false; break;
      case kConst: r = op.imm; pr = false; break;
      case kAdd: pr = poison[op.b] || poison[op.c] || __builtin_add_overflow(v[op.b], v[op.c], &r); break;
      case kAddImm: pr = poison[op.b] || __builtin_add_overflow(v[op.b], op.imm, &r); break;
      case kMulImm: pr = poison[op.b] || __builtin_mul_overflow(v[op.b], op.imm, &r); break;
      case kMulAdd: {
        __int128 t;
        pr = poison[op.b] || poison[op.c] || __builtin_mul_overflow(v[op.c], op.imm, &t) ||
             __builtin_add_overflow(v[op.b], t, &r);
        break;
      }
      case kMul: pr = poison[op.b] || poison[op.c] || __builtin_mul_overflow(v[op.b], v[op.c], &r); break;
      case kFloorDiv:
      case kMod: {
        __int128 a = v[op.b], b = v[op.c];
        pr = poison[op.b] || poison[op.c] || b == 0;
        if (pr) break;
        __int128 q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) {
          --q;
          m += b;
        }
        r = op.code == kFloorDiv ? q : m;
        break;
      }
      case kMin: r = v[op.b] < v[op.c] ? v[op.b] : v[op.c]; pr = poison[op.b] || poison[op.c]; break;
      case kMax: r = v[op.b] > v[op.c] ? v[op.b] : v[op.c]; pr = poison[op.b] || poison[op.c]; break;
      case kPow: {
        __int128 base = v[op.b], e = v[op.c];
        pr = poison[op.b] || poison[op.c] || e < 0;
        __int128 acc = 1;
        for (__int128 k = 0; !pr && k < e; ++k) {
          pr = __builtin_mul_overflow(acc, base, &acc);
          if (acc == 0 || acc == 1) break;
        }
        r = acc;
        break;
      }
      case kEq0: r = v[op.b] == 0; pr = poison[op.b]; break;
      case kNe0: r = v[op.b] != 0; pr = poison[op.b]; break;
      case kLt0: r = v[op.b] > 0; pr = poison[op.b]; break;
      case kLe0: r = v[op.b] >= 0; pr = poison[op.b]; break;
      case kAnd: r = v[op.b] && v[op.c]; pr = poison[op.b] || poison[op.c]; break;
      case kOr: r = v[op.b] || v[op.c]; pr = poison[op.b] || poison[op.c]; break;
      case kNot: r = !v[op.b]; pr = poison[op.b]; break;
      case kWhere: {
        uint32_t pick = v[op.b] ? op.c : static_cast<uint32_t>(op.imm);
        r = v[pick];
        pr = poison[op.b] || poison[pick];
        break;
      }
      case kSlow: {
        const Expr e = slow_[op.b];
        Assignment a;
        for (size_t i = 0; i < sources_.size(); ++i) a.set(symbol(sources_[i], Type::Int), Int(static_cast<long long>(values[i])));
        try {
          Value val = evaluate(e, a);
          r = val.type == Type::Float ? 0 : val.i.raw();
          pr = val.type == Type::Float; // a float value never feeds an int op directly
        } catch (const Error &) {
          pr = true;
        }
        break;
      }
      }
    }
    uint32_t t = guard_regs_[g];
    if (poison[t] || v[t] == 0) return static_cast<int>(g);
  }
  return -1;
}

} // namespace symshape
