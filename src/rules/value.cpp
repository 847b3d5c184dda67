//===- rules/value.cpp - Rule values, dtypes and memory formats ------------===//
#include "symshape/rules/value.h"

#include <atomic>
#include <sstream>

namespace symshape::rules {

namespace {
struct DtypeInfo {
  const char *name;
  int size;
};
// Indexed by ScalarType.
const DtypeInfo kDtypes[] = {
    {"undefined", 0}, {"uint8", 1},    {"int8", 1},       {"int16", 2},       {"int32", 4},
    {"int64", 8},     {"float16", 2},  {"float32", 4},    {"float64", 8},     {"complex32", 4},
    {"complex64", 8}, {"complex128", 16}, {"bool", 1},    {"bfloat16", 2},
};
constexpr int kNumDtypes = sizeof(kDtypes) / sizeof(kDtypes[0]);
} // namespace

const char *scalar_type_name(ScalarType t) {
  int i = static_cast<int>(t);
  return i < kNumDtypes ? kDtypes[i].name : "undefined";
}

ScalarType parse_scalar_type(std::string_view name) {
  if (name.substr(0, 6) == "torch.") name.remove_prefix(6);
  for (int i = 1; i < kNumDtypes; ++i)
    if (name == kDtypes[i].name) return static_cast<ScalarType>(i);
  // The aliases torch accepts (torch.long is torch.int64, ...).
  if (name == "float") return ScalarType::Float32;
  if (name == "double") return ScalarType::Float64;
  if (name == "half") return ScalarType::Float16;
  if (name == "long") return ScalarType::Int64;
  if (name == "int") return ScalarType::Int32;
  if (name == "short") return ScalarType::Int16;
  if (name == "cfloat") return ScalarType::Complex64;
  if (name == "cdouble") return ScalarType::Complex128;
  return ScalarType::Undefined;
}

bool is_floating(ScalarType t) {
  return t == ScalarType::Float16 || t == ScalarType::Float32 || t == ScalarType::Float64 ||
         t == ScalarType::BFloat16;
}
bool is_complex(ScalarType t) {
  return t == ScalarType::Complex32 || t == ScalarType::Complex64 || t == ScalarType::Complex128;
}
bool is_integral(ScalarType t, bool include_bool) {
  switch (t) {
  case ScalarType::UInt8: case ScalarType::Int8: case ScalarType::Int16: case ScalarType::Int32:
  case ScalarType::Int64:
    return true;
  case ScalarType::Bool:
    return include_bool;
  default:
    return false;
  }
}
int element_size(ScalarType t) {
  int i = static_cast<int>(t);
  return i < kNumDtypes ? kDtypes[i].size : 0;
}
ScalarType complex_to_real(ScalarType t) {
  switch (t) {
  case ScalarType::Complex32: return ScalarType::Float16;
  case ScalarType::Complex64: return ScalarType::Float32;
  case ScalarType::Complex128: return ScalarType::Float64;
  default: return t;
  }
}
ScalarType real_to_complex(ScalarType t) {
  switch (t) {
  case ScalarType::Float16: return ScalarType::Complex32;
  case ScalarType::Float32: return ScalarType::Complex64;
  case ScalarType::Float64: return ScalarType::Complex128;
  default: return t;
  }
}

// c10::promoteTypes, by category: bool < integral < floating < complex; in a
// category the wider type wins, with two special cases that have no wider
// lossless type of the same width (uint8+int8 -> int16, float16+bfloat16 ->
// float32).
ScalarType promote_types(ScalarType a, ScalarType b) {
  if (a == b) return a;
  if (a == ScalarType::Undefined) return b;
  if (b == ScalarType::Undefined) return a;
  if (a == ScalarType::Bool) return b;
  if (b == ScalarType::Bool) return a;
  auto category = [](ScalarType t) { return is_complex(t) ? 3 : is_floating(t) ? 2 : 1; };
  int ca = category(a), cb = category(b);
  if (ca != cb) {
    if (ca < cb) std::swap(a, b), std::swap(ca, cb);
    // a is of the higher category.
    if (ca == 3 && cb == 2) {
      ScalarType ra = complex_to_real(a);
      return real_to_complex(promote_types(ra, b));
    }
    return a;
  }
  if (ca == 1 && element_size(a) == element_size(b)) return ScalarType::Int16; // uint8 + int8
  if (ca == 2 && element_size(a) == element_size(b)) return ScalarType::Float32; // float16 + bfloat16
  return element_size(a) > element_size(b) ? a : b;
}

const char *memory_format_name(MemoryFormat m) {
  switch (m) {
  case MemoryFormat::Contiguous: return "contiguous_format";
  case MemoryFormat::ChannelsLast: return "channels_last";
  case MemoryFormat::ChannelsLast3d: return "channels_last_3d";
  case MemoryFormat::Preserve: return "preserve_format";
  default: return "unknown_format";
  }
}
MemoryFormat parse_memory_format(std::string_view name) {
  if (name.substr(0, 6) == "torch.") name.remove_prefix(6);
  for (auto m : {MemoryFormat::Contiguous, MemoryFormat::ChannelsLast, MemoryFormat::ChannelsLast3d,
                 MemoryFormat::Preserve})
    if (name == memory_format_name(m)) return m;
  return MemoryFormat::Unknown;
}

uint64_t new_storage_id() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

std::vector<Expr> product_strides(const std::vector<Expr> &sizes) {
  std::vector<Expr> strides(sizes.size());
  Expr acc(1);
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = acc;
    acc = acc * sizes[i];
  }
  return strides;
}

Value Value::of_bool(bool b) {
  Value v;
  v.kind = Kind::Bool;
  v.expr = boolean(b);
  return v;
}
Value Value::of_int(Expr e) {
  Value v;
  v.kind = Kind::Int;
  v.expr = e;
  return v;
}
Value Value::of_float(Expr e) {
  Value v;
  v.kind = Kind::Float;
  v.expr = e;
  return v;
}
Value Value::of_float(double d) { return of_float(floating(d)); }
Value Value::of_expr(Expr e) {
  Value v;
  v.kind = e.is_bool() ? Kind::Bool : e.is_float() ? Kind::Float : Kind::Int;
  v.expr = e;
  return v;
}
Value Value::of_str(std::string s) {
  Value v;
  v.kind = Kind::Str;
  v.text = std::make_shared<std::string>(std::move(s));
  return v;
}
Value Value::of_device(std::string s) {
  Value v = of_str(std::move(s));
  v.kind = Kind::Device;
  return v;
}
Value Value::of_list(List items) {
  Value v;
  v.kind = Kind::List;
  v.items = std::make_shared<List>(std::move(items));
  return v;
}
Value Value::of_tuple(List items) {
  Value v = of_list(std::move(items));
  v.kind = Kind::Tuple;
  return v;
}
Value Value::of_tensor(TensorMeta t) { return of_tensor(std::make_shared<TensorMeta>(std::move(t))); }
Value Value::of_tensor(std::shared_ptr<TensorMeta> t) {
  Value v;
  v.kind = Kind::Tensor;
  v.tensor = std::move(t);
  return v;
}
Value Value::of_dtype(ScalarType t) {
  Value v;
  v.kind = Kind::Dtype;
  v.small = static_cast<int64_t>(t);
  return v;
}
Value Value::of_memory_format(MemoryFormat m) {
  Value v;
  v.kind = Kind::MemoryFormat;
  v.small = static_cast<int64_t>(m);
  return v;
}
Value Value::of_layout(int layout) {
  Value v;
  v.kind = Kind::Layout;
  v.small = layout;
  return v;
}

const char *Value::type_name() const {
  switch (kind) {
  case Kind::None: return "None";
  case Kind::Bool: return "bool";
  case Kind::Int: return "int";
  case Kind::Float: return "float";
  case Kind::Str: return "str";
  case Kind::List: return "list";
  case Kind::Tuple: return "tuple";
  case Kind::Tensor: return "Tensor";
  case Kind::Dtype: return "ScalarType";
  case Kind::Device: return "Device";
  case Kind::Layout: return "Layout";
  case Kind::MemoryFormat: return "MemoryFormat";
  case Kind::Function: return "function";
  case Kind::Module: return "module";
  case Kind::Slice: return "slice";
  }
  return "?";
}

namespace {
void print_exprs(std::ostringstream &os, const std::vector<Expr> &v) {
  os << '[';
  for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i].str();
  os << ']';
}
} // namespace

std::string Value::str() const {
  std::ostringstream os;
  switch (kind) {
  case Kind::None: return "None";
  case Kind::Bool: case Kind::Int: case Kind::Float: return expr.str();
  case Kind::Str: return "'" + *text + "'";
  case Kind::Device: return "device('" + *text + "')";
  case Kind::Dtype: return scalar_type_name(dtype());
  case Kind::MemoryFormat: return memory_format_name(static_cast<MemoryFormat>(small));
  case Kind::Layout: return small == 7 ? "strided" : "layout(" + std::to_string(small) + ")";
  case Kind::Function: return "<function>";
  case Kind::Module: return "<module torch>";
  case Kind::Slice:
    return (*items)[0].str() + ":" + (*items)[1].str() + ":" + (*items)[2].str();
  case Kind::List: case Kind::Tuple: {
    os << (kind == Kind::List ? '[' : '(');
    for (size_t i = 0; i < items->size(); ++i) os << (i ? ", " : "") << (*items)[i].str();
    if (kind == Kind::Tuple && items->size() == 1) os << ',';
    os << (kind == Kind::List ? ']' : ')');
    return os.str();
  }
  case Kind::Tensor: {
    os << "Tensor(sizes=";
    print_exprs(os, tensor->sizes);
    os << ", strides=";
    print_exprs(os, tensor->strides);
    if (!(tensor->storage_offset == Expr(0))) os << ", storage_offset=" << tensor->storage_offset.str();
    os << ", dtype=" << scalar_type_name(tensor->dtype) << ")";
    return os.str();
  }
  }
  return "?";
}

bool same_value(const Value &a, const Value &b, bool with_storage) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
  case Value::Kind::None: return true;
  case Value::Kind::Bool: case Value::Kind::Int: case Value::Kind::Float: return a.expr == b.expr;
  case Value::Kind::Str: case Value::Kind::Device: return *a.text == *b.text;
  case Value::Kind::Dtype: case Value::Kind::Layout: case Value::Kind::MemoryFormat:
  case Value::Kind::Function: case Value::Kind::Module:
    return a.small == b.small;
  case Value::Kind::List: case Value::Kind::Tuple: case Value::Kind::Slice:
    if (a.items->size() != b.items->size()) return false;
    for (size_t i = 0; i < a.items->size(); ++i)
      if (!same_value((*a.items)[i], (*b.items)[i], with_storage)) return false;
    return true;
  case Value::Kind::Tensor: {
    const TensorMeta &x = *a.tensor, &y = *b.tensor;
    return x.sizes == y.sizes && x.strides == y.strides && x.storage_offset == y.storage_offset &&
           x.dtype == y.dtype && x.device == y.device && (!with_storage || x.storage == y.storage);
  }
  }
  return false;
}

uint64_t hash_value(const Value &v) {
  auto mix = [](uint64_t h, uint64_t x) { return (h ^ x) * 0x100000001b3ULL + (h >> 29); };
  uint64_t h = mix(0xcbf29ce484222325ULL, static_cast<uint64_t>(v.kind));
  switch (v.kind) {
  case Value::Kind::None: break;
  case Value::Kind::Bool: case Value::Kind::Int: case Value::Kind::Float: h = mix(h, v.expr.hash()); break;
  case Value::Kind::Str: case Value::Kind::Device: h = mix(h, std::hash<std::string>()(*v.text)); break;
  case Value::Kind::Dtype: case Value::Kind::Layout: case Value::Kind::MemoryFormat:
  case Value::Kind::Function: case Value::Kind::Module:
    h = mix(h, static_cast<uint64_t>(v.small));
    break;
  case Value::Kind::List: case Value::Kind::Tuple: case Value::Kind::Slice:
    for (const Value &x : *v.items) h = mix(h, hash_value(x));
    break;
  case Value::Kind::Tensor:
    for (Expr e : v.tensor->sizes) h = mix(h, e.hash());
    for (Expr e : v.tensor->strides) h = mix(h, e.hash() + 1);
    h = mix(h, v.tensor->storage_offset.hash());
    h = mix(h, static_cast<uint64_t>(v.tensor->dtype));
    break;
  }
  return h;
}

Value renew_storages(const Value &v, std::map<uint64_t, uint64_t> &ids) {
  if (v.is_tensor()) {
    TensorMeta t = *v.tensor;
    auto it = ids.find(t.storage);
    if (it == ids.end()) it = ids.emplace(t.storage, new_storage_id()).first;
    t.storage = it->second;
    return Value::of_tensor(std::move(t));
  }
  if (v.is_sequence()) {
    List items;
    for (const Value &x : *v.items) items.push_back(renew_storages(x, ids));
    return v.kind == Value::Kind::List ? Value::of_list(std::move(items)) : Value::of_tuple(std::move(items));
  }
  return v;
}

Value renew_storages(const Value &v) {
  std::map<uint64_t, uint64_t> ids;
  return renew_storages(v, ids);
}

} // namespace symshape::rules
