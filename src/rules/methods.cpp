//===- rules/methods.cpp - Methods and attributes of rule values -----------===//
//
// Tensor: size(d), stride(d), dim(), numel(), storage_offset(),
//         element_size(), is_floating_point(), is_complex(); attributes
//         shape, ndim, dtype, device.
// list:   append, extend, insert, pop, index, count, copy.
// str:    split, strip, replace, find, startswith, isalpha.
// dtype:  attributes is_floating_point, is_complex, itemsize.
// torch:  `torch.float32`, `torch.bool`, `torch.channels_last`, ... as
//         attributes of the global `torch`; `torch.f(...)` calls builtin f.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cctype>

#include "interp.h"

namespace symshape::rules::detail {

namespace {

// PyTorch's maybe_wrap_dim: -1 is the last dim; rank 0 accepts -1 and 0.
int64_t wrap_dim(Interp &in, int64_t d, size_t rank, const SourceLoc &at) {
  int64_t n = std::max<int64_t>(static_cast<int64_t>(rank), 1);
  if (d < -n || d >= n)
    in.fail(at, "Dimension out of range (expected to be in range of [" + std::to_string(-n) + ", " +
                    std::to_string(n - 1) + "], but got " + std::to_string(d) + ")", "index");
  return d < 0 ? d + n : d;
}

Value exprs(const std::vector<Expr> &v) {
  List r;
  r.reserve(v.size());
  for (Expr e : v) r.push_back(Value::of_int(e));
  return Value::of_list(std::move(r));
}

} // namespace

Value tensor_method(Interp &in, const TensorMeta &t, const std::string &name, Args &args, const SourceLoc &at,
                    bool *found) {
  *found = true;
  if (is(name, "size") || is(name, "stride")) {
    const std::vector<Expr> &v = is(name, "size") ? t.sizes : t.strides;
    const Value *d = args.get(0, "dim");
    if (!d) return exprs(v);
    if (t.dim() == 0) in.fail(at, "tensor." + name + "(dim) on a 0-dim tensor", "index");
    return Value::of_int(v[static_cast<size_t>(wrap_dim(in, in.to_index(*d, at, "dim"), t.dim(), at))]);
  }
  if (is(name, "dim")) return Value::of_int(static_cast<int64_t>(t.dim()));
  if (is(name, "numel")) {
    Expr n(1);
    for (Expr s : t.sizes) n = n * s;
    return Value::of_int(n);
  }
  if (is(name, "storage_offset")) return Value::of_int(t.storage_offset);
  if (is(name, "element_size")) return Value::of_int(static_cast<int64_t>(element_size(t.dtype)));
  if (is(name, "is_floating_point")) return Value::of_bool(is_floating(t.dtype));
  if (is(name, "is_complex")) return Value::of_bool(is_complex(t.dtype));
  *found = false;
  return Value::none();
}

Value Interp::method(const Value &obj, const std::string &name, Args &args, const SourceLoc &at) {
  if (obj.kind == Value::Kind::Module) { // torch.sym_max(...) is the builtin sym_max
    auto it = prog_.global_index.find(name);
    if (it != prog_.global_index.end() && prog_.globals[static_cast<size_t>(it->second)].kind == Value::Kind::Function)
      return call_value(prog_.globals[static_cast<size_t>(it->second)], args, at);
    fail(at, "torch has no function '" + name + "' in rules", "type");
  }
  if (obj.is_tensor()) {
    bool found = false;
    Value r = tensor_method(*this, *obj.tensor, name, args, at, &found);
    if (found) return r;
  } else if (obj.kind == Value::Kind::List) {
    List &l = *obj.items;
    auto arg = [&](size_t i) -> const Value & {
      if (i >= args.pos.size()) fail(at, "list." + name + "() is missing an argument", "type");
      return args.pos[i];
    };
    if (is(name, "append")) {
      l.push_back(arg(0));
      return Value::none();
    }
    if (is(name, "extend")) {
      const List &x = as_sequence(arg(0), at, "list.extend() argument");
      List copy = x;
      l.insert(l.end(), copy.begin(), copy.end());
      return Value::none();
    }
    if (is(name, "insert")) {
      int64_t n = static_cast<int64_t>(l.size()), i = to_index(arg(0), at, "index");
      if (i < 0) i = std::max<int64_t>(0, i + n);
      l.insert(l.begin() + std::min(i, n), arg(1));
      return Value::none();
    }
    if (is(name, "pop")) {
      int64_t n = static_cast<int64_t>(l.size());
      int64_t i = args.pos.empty() ? n - 1 : to_index(arg(0), at, "index");
      if (i < 0) i += n;
      if (i < 0 || i >= n) fail(at, "pop index out of range", "index");
      Value v = l[static_cast<size_t>(i)];
      l.erase(l.begin() + i);
      return v;
    }
    if (is(name, "index") || is(name, "count")) {
      int64_t count = 0;
      for (size_t i = 0; i < l.size(); ++i)
        if (truth(compare("==", l[i], arg(0), at), at)) {
          if (is(name, "index")) return Value::of_int(static_cast<int64_t>(i));
          ++count;
        }
      if (is(name, "index")) fail(at, arg(0).str() + " is not in list", "value");
      return Value::of_int(count);
    }
    if (is(name, "copy")) return Value::of_list(l);
  } else if (obj.kind == Value::Kind::Str) {
    const std::string &t = *obj.text;
    auto str_arg = [&](size_t i) -> std::string {
      if (i >= args.pos.size() || args.pos[i].kind != Value::Kind::Str)
        fail(at, "str." + name + "() takes a str argument", "type");
      return *args.pos[i].text;
    };
    if (is(name, "split")) {
      std::string sep = str_arg(0);
      if (sep.empty()) fail(at, "empty separator", "value");
      List parts;
      size_t start = 0, pos;
      while ((pos = t.find(sep, start)) != std::string::npos) {
        parts.push_back(Value::of_str(t.substr(start, pos - start)));
        start = pos + sep.size();
      }
      parts.push_back(Value::of_str(t.substr(start)));
      return Value::of_list(std::move(parts));
    }
    if (is(name, "strip")) {
      size_t b = t.find_first_not_of(" \t\n"), e = t.find_last_not_of(" \t\n");
      return Value::of_str(b == std::string::npos ? "" : t.substr(b, e - b + 1));
    }
    if (is(name, "replace")) {
      std::string from = str_arg(0), to = str_arg(1), r;
      if (from.empty()) fail(at, "empty pattern", "value");
      size_t start = 0, pos;
      while ((pos = t.find(from, start)) != std::string::npos) {
        r += t.substr(start, pos - start) + to;
        start = pos + from.size();
      }
      return Value::of_str(r + t.substr(start));
    }
    if (is(name, "find")) {
      size_t p = t.find(str_arg(0));
      return Value::of_int(p == std::string::npos ? int64_t(-1) : static_cast<int64_t>(p));
    }
    if (is(name, "startswith")) return Value::of_bool(t.rfind(str_arg(0), 0) == 0);
    if (is(name, "isalpha")) return Value::of_bool(!t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }));
  }
  // A callable attribute (e.g. a function stored in a value) is not part of
  // the language; report the method as unknown.
  fail(at, std::string("'") + obj.type_name() + "' has no method '" + name + "'", "type");
}

Value Interp::attribute(const Value &obj, const std::string &name, const SourceLoc &at) {
  if (obj.is_tensor()) {
    const TensorMeta &t = *obj.tensor;
    if (is(name, "shape")) return exprs(t.sizes);
    if (is(name, "ndim")) return Value::of_int(static_cast<int64_t>(t.dim()));
    if (is(name, "dtype")) return Value::of_dtype(t.dtype);
    if (is(name, "device")) return Value::of_device(t.device);
  } else if (obj.kind == Value::Kind::Dtype) {
    if (is(name, "is_floating_point")) return Value::of_bool(is_floating(obj.dtype()));
    if (is(name, "is_complex")) return Value::of_bool(is_complex(obj.dtype()));
    if (is(name, "itemsize")) return Value::of_int(static_cast<int64_t>(element_size(obj.dtype())));
  } else if (obj.kind == Value::Kind::Module) { // the global `torch`
    ScalarType t = parse_scalar_type(name);
    if (t != ScalarType::Undefined) return Value::of_dtype(t);
    MemoryFormat m = parse_memory_format(name);
    if (m != MemoryFormat::Unknown) return Value::of_memory_format(m);
    if (is(name, "strided")) return Value::of_layout(7);
    fail(at, "torch has no attribute '" + name + "' in rules", "type");
  }
  fail(at, std::string("'") + obj.type_name() + "' has no attribute '" + name + "'", "type");
}

} // namespace symshape::rules::detail
