//===- schema_test.cpp - ATen schemas: fields, round trips, errors ---------===//
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include "symshape/rules/schema.h"

using namespace symshape;
using namespace symshape::rules;

namespace {
using Base = SchemaType::Base;
using Kind = SchemaDefault::Kind;

// The schemas of a data file: the text before the first TAB of every line
// that is neither empty nor a `#` comment.
std::vector<std::string> read_schemas(const std::string &file) {
  std::ifstream in(std::string(SYMSHAPE_TEST_DATA_DIR) + "/aten/" + file);
  REQUIRE(in);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line.substr(0, line.find('\t')));
  }
  return out;
}

std::vector<Int> ints(std::initializer_list<long long> v) { return {v.begin(), v.end()}; }
} // namespace

TEST_CASE("schema: aten::add.Tensor field by field", "[schema]") {
  const char *text = "aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor";
  Schema s = parse_schema(text);
  CHECK(s.ns == "aten");
  CHECK(s.name == "add");
  CHECK(s.overload == "Tensor");
  CHECK(s.text == text);
  CHECK(s.op_name() == "aten.add.Tensor");
  CHECK(s.qualified_name() == "aten::add.Tensor");
  REQUIRE(s.args.size() == 3);
  CHECK(s.args[0].name == "self");
  CHECK(s.args[0].type.base == Base::Tensor);
  CHECK_FALSE(s.args[0].kwarg_only);
  CHECK_FALSE(s.args[0].default_value);
  CHECK(s.args[1].name == "other");
  CHECK_FALSE(s.args[1].kwarg_only);
  CHECK(s.args[2].name == "alpha");
  CHECK(s.args[2].type.base == Base::Scalar);
  CHECK(s.args[2].kwarg_only);
  REQUIRE(s.args[2].default_value);
  CHECK(s.args[2].default_value->kind == Kind::Int);
  CHECK(s.args[2].default_value->int_value == Int(1));
  CHECK(s.args[2].default_value->text == "1");
  REQUIRE(s.returns.size() == 1);
  CHECK(s.returns[0].name.empty());
  CHECK(s.returns[0].type.str() == "Tensor");
  CHECK(s.find_arg("self") == 0);
  CHECK(s.find_arg("alpha") == 2);
  CHECK(s.find_arg("beta") == -1);
  CHECK(s.str() == text);

  Schema mm = parse_schema("aten::mm(Tensor self, Tensor mat2) -> Tensor");
  CHECK(mm.overload.empty());
  CHECK(mm.op_name() == "aten.mm.default");
  CHECK(mm.qualified_name() == "aten::mm");
}

TEST_CASE("schema: real schemas field by field", "[schema]") {
  SECTION("split.Tensor: a view alias and a list of aliased returns") {
    Schema s = parse_schema("aten::split.Tensor(Tensor(a -> *) self, SymInt split_size, int dim=0) -> Tensor(a)[]");
    CHECK(s.args[0].type.alias == "a -> *");
    CHECK_FALSE(s.args[0].type.is_write());
    CHECK(s.args[1].type.base == Base::SymInt);
    CHECK(s.args[2].default_value->int_value == Int(0));
    REQUIRE(s.returns.size() == 1);
    const SchemaType &r = s.returns[0].type;
    CHECK(r.base == Base::Tensor);
    CHECK(r.list);
    CHECK_FALSE(r.list_size);
    CHECK(r.alias == "a");
    CHECK_FALSE(r.alias_on_list);
    CHECK(r.str() == "Tensor(a)[]");
  }
  SECTION("max_pool2d_with_indices: sized lists, `=[]`, repeated scalars, two returns") {
    Schema s = parse_schema(
        "aten::max_pool2d_with_indices(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, "
        "int[2] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)");
    REQUIRE(s.args.size() == 6);
    CHECK(s.args[1].type.list);
    CHECK(s.args[1].type.list_size == 2);
    CHECK(s.args[1].type.base == Base::Int);
    CHECK(s.args[2].default_value->kind == Kind::IntList);
    CHECK(s.args[2].default_value->ints.empty());
    CHECK(s.args[2].default_value->text == "[]");
    CHECK(s.args[3].default_value->kind == Kind::Int);
    CHECK(s.args[3].default_value->int_value == Int(0));
    CHECK(s.args[4].default_value->int_value == Int(1));
    CHECK(s.args[5].default_value->kind == Kind::Bool);
    CHECK_FALSE(s.args[5].default_value->bool_value);
    REQUIRE(s.returns.size() == 2);
    CHECK(s.returns[0].name.empty());
    CHECK(s.returns[1].type.base == Base::Tensor);
  }
  SECTION("sort: named returns") {
    Schema s = parse_schema("aten::sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)");
    CHECK(s.args[1].default_value->int_value == Int(-1));
    REQUIRE(s.returns.size() == 2);
    CHECK(s.returns[0].name == "values");
    CHECK(s.returns[1].name == "indices");
  }
  SECTION("add_.Tensor: in place") {
    Schema s = parse_schema("aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)");
    CHECK(s.name == "add_");
    CHECK(s.args[0].type.alias == "a!");
    CHECK(s.args[0].type.is_write());
    CHECK_FALSE(s.args[1].type.is_write());
    CHECK(s.returns[0].type.is_write());
    CHECK(s.op_name() == "aten.add_.Tensor");
  }
  SECTION("to.dtype: optional enums") {
    Schema s = parse_schema("aten::to.dtype(Tensor(a) self, ScalarType dtype, bool non_blocking=False, bool copy=False, "
                            "MemoryFormat? memory_format=None) -> Tensor(a)");
    CHECK(s.args[1].type.base == Base::ScalarType);
    CHECK(s.args[4].type.base == Base::MemoryFormat);
    CHECK(s.args[4].type.optional);
    CHECK(s.args[4].default_value->kind == Kind::None);
    CHECK(s.returns[0].type.alias == "a");
  }
  SECTION("full: keyword-only factory arguments") {
    Schema s = parse_schema("aten::full(SymInt[] size, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, "
                            "Device? device=None, bool? pin_memory=None) -> Tensor");
    REQUIRE(s.args.size() == 6);
    const bool kw[] = {false, false, true, true, true, true};
    const Base base[] = {Base::SymInt, Base::Scalar, Base::ScalarType, Base::Layout, Base::Device, Base::Bool};
    for (size_t i = 0; i < 6; ++i) {
      CAPTURE(i);
      CHECK(s.args[i].kwarg_only == kw[i]);
      CHECK(s.args[i].type.base == base[i]);
    }
    CHECK(s.args[0].type.list);
    CHECK(s.find_arg("pin_memory") == 5);
  }
  SECTION("small ones") {
    Schema a = parse_schema("aten::sym_size.int(Tensor self, int dim) -> SymInt");
    CHECK(a.returns[0].type.base == Base::SymInt);
    CHECK(a.op_name() == "aten.sym_size.int");
    Schema b = parse_schema("aten::_assert_scalar(Scalar self, str assert_msg) -> ()");
    CHECK(b.returns.empty());
    CHECK(b.args[1].type.base == Base::Str);
    Schema c = parse_schema("aten::gelu(Tensor self, *, str approximate=\"none\") -> Tensor");
    CHECK(c.args[1].default_value->kind == Kind::Str);
    CHECK(c.args[1].default_value->string_value == "none");
    CHECK(c.args[1].default_value->text == "\"none\"");
    Schema d = parse_schema("aten::mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor");
    CHECK(d.args[1].type.list_size == 1);
    CHECK(d.args[1].type.optional);
    CHECK_FALSE(d.args[1].default_value);
    CHECK(d.args[3].kwarg_only);
    Schema e = parse_schema("aten::clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor");
    CHECK(e.args[1].kwarg_only);
    CHECK(e.op_name() == "aten.clone.default");
  }
}

TEST_CASE("schema: types", "[schema]") {
  struct Row {
    const char *type;
    Base base;
    bool list;
    int list_size;  // -1: none
    bool optional, element_optional;
    const char *alias;
    bool alias_on_list, write;
  };
  const Row rows[] = {
      {"Tensor", Base::Tensor, false, -1, false, false, "", false, false},
      {"Tensor(a!)", Base::Tensor, false, -1, false, false, "a!", false, true},
      {"Tensor(a)", Base::Tensor, false, -1, false, false, "a", false, false},
      {"Tensor(a -> *)", Base::Tensor, false, -1, false, false, "a -> *", false, false},
      {"Tensor(b|a)", Base::Tensor, false, -1, false, false, "b|a", false, false},
      {"Tensor?", Base::Tensor, false, -1, true, false, "", false, false},
      {"Tensor?[]", Base::Tensor, true, -1, false, true, "", false, false},
      {"Tensor[]", Base::Tensor, true, -1, false, false, "", false, false},
      {"Tensor(b!)[]", Base::Tensor, true, -1, false, false, "b!", false, true},
      {"Tensor[](a!)", Base::Tensor, true, -1, false, false, "a!", true, true},
      {"int", Base::Int, false, -1, false, false, "", false, false},
      {"int[2]", Base::Int, true, 2, false, false, "", false, false},
      {"int[1]?", Base::Int, true, 1, true, false, "", false, false},
      {"int[]?", Base::Int, true, -1, true, false, "", false, false},
      {"SymInt[]?", Base::SymInt, true, -1, true, false, "", false, false},
      {"SymInt[6]", Base::SymInt, true, 6, false, false, "", false, false},
      {"bool[3]", Base::Bool, true, 3, false, false, "", false, false},
      {"float[]?", Base::Float, true, -1, true, false, "", false, false},
      {"float?", Base::Float, false, -1, true, false, "", false, false},
      {"complex", Base::Complex, false, -1, false, false, "", false, false},
      {"str?", Base::Str, false, -1, true, false, "", false, false},
      {"str[1]", Base::Str, true, 1, false, false, "", false, false},
      {"Scalar", Base::Scalar, false, -1, false, false, "", false, false},
      {"ScalarType?", Base::ScalarType, false, -1, true, false, "", false, false},
      {"Layout?", Base::Layout, false, -1, true, false, "", false, false},
      {"Device", Base::Device, false, -1, false, false, "", false, false},
      {"MemoryFormat", Base::MemoryFormat, false, -1, false, false, "", false, false},
      {"Generator?", Base::Generator, false, -1, true, false, "", false, false},
      {"Dimname[]", Base::Dimname, true, -1, false, false, "", false, false},
      {"Storage", Base::Storage, false, -1, false, false, "", false, false},
      {"Stream", Base::Stream, false, -1, false, false, "", false, false},
      {"Any", Base::Any, false, -1, false, false, "", false, false},
      {"AnyEnumType", Base::AnyEnum, false, -1, false, false, "", false, false},
      {"NoneType", Base::None, false, -1, false, false, "", false, false},
      {"t", Base::TypeVar, false, -1, false, false, "", false, false},
      {"t[](a!)", Base::TypeVar, true, -1, false, false, "a!", true, true},
      {"t(*)", Base::TypeVar, false, -1, false, false, "*", false, false},
      {"Dict(str, t)(a)", Base::Dict, false, -1, false, false, "a", false, false},
      {"__torch__.torch.classes.rnn.CellParamsBase[]", Base::Class, true, -1, false, false, "", false, false},
  };
  for (const Row &r : rows) {
    CAPTURE(r.type);
    Schema s = parse_schema(std::string("aten::f(") + r.type + " x) -> ()");
    REQUIRE(s.args.size() == 1);
    const SchemaType &t = s.args[0].type;
    CHECK(t.base == r.base);
    CHECK(t.list == r.list);
    CHECK(t.list_size == (r.list_size < 0 ? std::optional<int>() : std::optional<int>(r.list_size)));
    CHECK(t.optional == r.optional);
    CHECK(t.element_optional == r.element_optional);
    CHECK(t.alias == r.alias);
    CHECK(t.alias_on_list == r.alias_on_list);
    CHECK(t.is_write() == r.write);
    CHECK(t.str() == r.type);
  }
  Schema d = parse_schema("aten::copy.Dict_str(Dict(str, t)(a) self) -> Dict(str, t)");
  const SchemaType &dict = d.args[0].type;
  REQUIRE(dict.contained.size() == 2);
  CHECK(dict.contained[0].base == Base::Str);
  CHECK(dict.contained[1].base == Base::TypeVar);
  CHECK(dict.contained[1].name == "t");
  CHECK(dict.base_str() == "Dict(str, t)");
  CHECK(d.returns[0].type.str() == "Dict(str, t)");
  Schema c = parse_schema("aten::f(__torch__.torch.classes.rnn.CellParamsBase[] params) -> ()");
  CHECK(c.args[0].type.name == "__torch__.torch.classes.rnn.CellParamsBase");
}

TEST_CASE("schema: defaults", "[schema]") {
  const double inf = std::numeric_limits<double>::infinity();
  struct Row {
    const char *arg;  // "type name=default"
    Kind kind;
    long long i;
    double f;
    bool b;
    const char *s;  // string_value
    std::vector<Int> is;
    std::vector<double> fs;
    std::vector<bool> bs;
    const char *text;
  };
  const Row rows[] = {
      {"Scalar alpha=1", Kind::Int, 1, 0, false, "", {}, {}, {}, "1"},
      {"int dim=-1", Kind::Int, -1, 0, false, "", {}, {}, {}, "-1"},
      {"SymInt ignore_index=-100", Kind::Int, -100, 0, false, "", {}, {}, {}, "-100"},
      {"int x=9223372036854775807", Kind::Int, INT64_MAX, 0, false, "", {}, {}, {}, "9223372036854775807"},
      {"ScalarType? dtype=4", Kind::Int, 4, 0, false, "", {}, {}, {}, "4"},
      {"float eps=1e-05", Kind::Float, 0, 1e-05, false, "", {}, {}, {}, "1e-05"},
      {"float eps=9.9999999999999995e-07", Kind::Float, 0, 9.9999999999999995e-07, false, "", {}, {}, {},
       "9.9999999999999995e-07"},
      {"Scalar beta=1.", Kind::Float, 0, 1.0, false, "", {}, {}, {}, "1."},
      {"Scalar s=0.33333333333333331", Kind::Float, 0, 0.33333333333333331, false, "", {}, {}, {},
       "0.33333333333333331"},
      {"float p=2", Kind::Float, 0, 2.0, false, "", {}, {}, {}, "2"},
      {"float lo=-inf", Kind::Float, 0, -inf, false, "", {}, {}, {}, "-inf"},
      {"float hi=inf", Kind::Float, 0, inf, false, "", {}, {}, {}, "inf"},
      {"bool keepdim=True", Kind::Bool, 0, 0, true, "", {}, {}, {}, "True"},
      {"bool? b=False", Kind::Bool, 0, 0, false, "", {}, {}, {}, "False"},
      {"str approximate=\"none\"", Kind::Str, 0, 0, false, "none", {}, {}, {}, "\"none\""},
      {"str reduction='mean'", Kind::Str, 0, 0, false, "mean", {}, {}, {}, "'mean'"},
      {"str s=\"a\\\"b\"", Kind::Str, 0, 0, false, "a\"b", {}, {}, {}, "\"a\\\"b\""},
      {"int[2] stride=[]", Kind::IntList, 0, 0, false, "", {}, {}, {}, "[]"},
      {"int[2] padding=[0, 0]", Kind::IntList, 0, 0, false, "", ints({0, 0}), {}, {}, "[0, 0]"},
      {"int[2] padding=[0,0]", Kind::IntList, 0, 0, false, "", ints({0, 0}), {}, {}, "[0,0]"},
      {"int[1] dim=[-2, -1]", Kind::IntList, 0, 0, false, "", ints({-2, -1}), {}, {}, "[-2, -1]"},
      {"SymInt[2] stride=[1, 1]", Kind::IntList, 0, 0, false, "", ints({1, 1}), {}, {}, "[1, 1]"},
      {"int[2] padding=0", Kind::Int, 0, 0, false, "", {}, {}, {}, "0"},
      {"float[] scales=[0.5, 2]", Kind::FloatList, 0, 0, false, "", {}, {0.5, 2.0}, {}, "[0.5, 2]"},
      {"float[]? scales=[]", Kind::FloatList, 0, 0, false, "", {}, {}, {}, "[]"},
      {"bool[3] mask=[True, False, True]", Kind::BoolList, 0, 0, false, "", {}, {}, {true, false, true},
       "[True, False, True]"},
      {"MemoryFormat memory_format=contiguous_format", Kind::Ident, 0, 0, false, "contiguous_format", {}, {}, {},
       "contiguous_format"},
      {"ScalarType dtype=long", Kind::Ident, 0, 0, false, "long", {}, {}, {}, "long"},
      {"int reduction=Mean", Kind::Ident, 0, 0, false, "Mean", {}, {}, {}, "Mean"},
      {"Tensor? weight=None", Kind::None, 0, 0, false, "", {}, {}, {}, "None"},
      {"int[1]? dim=None", Kind::None, 0, 0, false, "", {}, {}, {}, "None"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.arg);
    std::string text = std::string("aten::f(") + r.arg + ") -> Tensor";
    Schema s = parse_schema(text);
    CHECK(s.str() == text);
    REQUIRE(s.args.size() == 1);
    REQUIRE(s.args[0].default_value);
    const SchemaDefault &d = *s.args[0].default_value;
    CHECK(d.kind == r.kind);
    CHECK(d.text == r.text);
    if (r.kind == Kind::Int) CHECK(d.int_value == Int(r.i));
    if (r.kind == Kind::Float) CHECK(d.float_value == r.f);  // exact: the nearest double
    if (r.kind == Kind::Bool) CHECK(d.bool_value == r.b);
    CHECK(d.string_value == r.s);
    CHECK(d.ints == r.is);
    CHECK(d.floats == r.fs);
    CHECK(d.bools == r.bs);
  }
  Schema n = parse_schema("aten::f(float x=nan) -> Tensor");
  CHECK(std::isnan(n.args[0].default_value->float_value));
}

TEST_CASE("schema: every ATen overload of PyTorch 2.6 round-trips", "[schema]") {
  for (const char *file : {"all_ops.tsv", "core_ops.txt"}) {
    CAPTURE(file);
    std::vector<std::string> lines = read_schemas(file);
    CHECK(lines.size() == (std::string(file) == "all_ops.tsv" ? 2120u : 186u));
    size_t parsed = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (const std::string &line : lines) {
      Schema s = parse_schema(line);
      ++parsed;
      if (s.str() != line) FAIL_CHECK(line << "\n  re-printed as\n" << s.str());
      CHECK(s.qualified_name() == line.substr(0, line.find('(')));
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    CHECK(parsed == lines.size());
    CHECK(ms < 1000);  // ~3 ms optimized; generous for sanitizer builds
  }
}

TEST_CASE("schema: blanks between tokens are optional and not re-printed", "[schema]") {
  struct Row { const char *in, *out; };
  const Row rows[] = {
      {"  aten :: add . Tensor ( Tensor self , Tensor other , * , Scalar alpha = 1 ) -> Tensor  ",
       "aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor"},
      {"aten::f(Tensor( a | b ! -> * ) x, Tensor [ 3 ] ( c ) y, int[]? z=[ 1 , 2 ])->( Tensor ( a ! ) r , t ( * ) )",
       "aten::f(Tensor(a|b! -> *) x, Tensor[3](c) y, int[]? z=[ 1 , 2 ]) -> (Tensor(a!) r, t(*))"},
      {"aten::f() -> (Tensor)", "aten::f() -> Tensor"},
      {"aten::f()->()", "aten::f() -> ()"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.in);
    Schema s = parse_schema(r.in);
    CHECK(s.str() == r.out);
    CHECK(s.text == r.in);
  }
}

TEST_CASE("schema: errors name the column and quote the schema", "[schema]") {
  struct Row { const char *text; int column; const char *detail; };
  const Row rows[] = {
      // unclosed parentheses
      {"aten::add(Tensor self", 10, "unclosed '(' of the arguments"},
      {"aten::sort(Tensor self) -> (Tensor values, Tensor indices", 28, "unclosed '(' of the returns"},
      {"aten::f(Tensor(a! self) -> Tensor", 19, "expected ')' to close the alias annotation, found 'self'"},
      {"aten::f(Tensor(a!", 15, "unclosed '(' of an alias annotation"},
      {"aten::add(Tensor self, Tensor other -> Tensor", 37, "expected ',' or ')' in the arguments, found '->'"},
      // missing ->
      {"aten::f(Tensor self) Tensor", 22, "expected '->' after the arguments, found 'Tensor'"},
      {"aten::f(Tensor self)", 21, "expected '->' after the arguments, found end of schema"},
      // unknown types
      {"aten::f(Tensr self) -> Tensor", 9, "unknown type 'Tensr'"},
      {"aten::f(Tensor self) -> flaot", 25, "unknown type 'flaot'"},
      {"aten::f(int[][] x) -> Tensor", 14, "nested list types are not supported"},
      {"aten::f(Tensor(a)[](b) x) -> Tensor", 20, "a type takes one alias annotation"},
      {"aten::f(int[x] y) -> Tensor", 13, "expected a list size or ']', found 'x'"},
      {"aten::f(Dict(str t) x) -> Tensor", 18, "expected ',' between the key and value types of 'Dict', found 't'"},
      {"aten::f(Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, "
       "Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, Dict(str, t))))))))))))))))) x) -> ()",
       169, "'Dict' types nest too deeply"},
      // bad defaults
      {"aten::f(bool b=1) -> Tensor", 16, "default '1' does not fit type 'bool'"},
      {"aten::f(int x=None) -> Tensor", 15, "default None needs an optional type, not 'int'"},
      {"aten::f(float x=1.2.3) -> Tensor", 17, "malformed default value '1.2.3'"},
      {"aten::f(int[] x=0) -> Tensor", 17, "default '0' for 'int[]' must be a list"},
      {"aten::f(int x=[1]) -> Tensor", 15, "a list default needs a list type, not 'int'"},
      {"aten::f(int[2] x=[1, True]) -> Tensor", 22, "list element 'True' does not fit type 'int[2]'"},
      {"aten::f(int[2] x=[1, 2) -> Tensor", 23, "expected ',' or ']' in a list default, found ')'"},
      {"aten::f(str s=\"abc) -> Tensor", 15, "unterminated string"},
      {"aten::f(int x=) -> Tensor", 15, "expected a default value, found ')'"},
      {"aten::f(int x=170141183460469231731687303715884105728) -> Tensor", 15,
       "integer default 170141183460469231731687303715884105728 is out of range"},
      {"aten::f(Tensor x) -> (Tensor y=None)", 31, "returns take no default values"},
      // missing names
      {"aten::f(Tensor) -> Tensor", 15, "expected an argument name after 'Tensor', found ')'"},
      {"aten::f(Tensor?[] , int x) -> Tensor", 19, "expected an argument name after 'Tensor?[]', found ','"},
      {"aten::(Tensor x) -> Tensor", 7, "expected an operator name, found '('"},
      {"add(Tensor x) -> Tensor", 4, "expected '::' after the namespace 'add', found '('"},
      {"aten::add.(Tensor x) -> Tensor", 11, "expected an overload name after '.', found '('"},
      {"", 1, "expected an operator namespace, found end of schema"},
      // arguments
      {"aten::f(Tensor x, *, *, int y) -> Tensor", 22, "'*' appears twice"},
      {"aten::f(Tensor x, *) -> Tensor", 20, "expected ',' and an argument after '*', found ')'"},
      {"aten::f(Tensor x, int x) -> Tensor", 23, "duplicate argument name 'x'"},
      {"aten::f(Tensor x,) -> Tensor", 18, "expected a type, found ')'"},
      // trailing junk
      {"aten::f(Tensor self) -> Tensor foo", 32, "unexpected 'foo' after the returns"},
      {"aten::f(Tensor self) -> Tensor\tpt2_compliant_tag", 32, "unexpected 'pt2_compliant_tag' after the returns"},
      {"aten::f(Tensor self) -> (Tensor, Tensor))", 41, "unexpected ')' after the returns"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.text);
    try {
      parse_schema(r.text);
      FAIL("no error");
    } catch (const SchemaError &e) {
      CHECK(e.column() == r.column);
      CHECK(e.detail() == r.detail);
      CHECK(e.schema() == r.text);
      CHECK(e.kind() == "schema");
      CHECK(std::string(e.what()) ==
            "schema:" + std::to_string(r.column) + ": " + r.detail + " in \"" + r.text + "\"");
    }
  }
}

TEST_CASE("schema: no input crashes; whatever parses re-parses to itself", "[schema]") {
  std::vector<std::string> seeds = read_schemas("core_ops.txt");
  const std::string alphabet = "()[]<>,.*?!|-=:'\" \tabTensorint0123456789eNoneTrue";
  uint64_t state = 0x9E3779B97F4A7C15ULL;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  size_t parsed = 0, rejected = 0;
  auto probe = [&](const std::string &text) {
    try {
      Schema s = parse_schema(text);
      ++parsed;
      std::string again = s.str();
      Schema t = parse_schema(again);
      if (t.str() != again) FAIL_CHECK(text << "\n  re-printed as\n" << again << "\n  then as\n" << t.str());
    } catch (const SchemaError &e) {
      ++rejected;
      if (e.column() < 1 || static_cast<size_t>(e.column()) > text.size() + 1) FAIL_CHECK(text << ": " << e.what());
    }
  };
  for (const std::string &seed : seeds) {
    for (size_t n = 0; n <= seed.size(); ++n) probe(seed.substr(0, n));  // every prefix
    for (int k = 0; k < 20; ++k) {  // random edits
      std::string m = seed;
      for (int e = 0, edits = 1 + static_cast<int>(next() % 3); e < edits; ++e) {
        size_t at = next() % (m.size() + 1);
        switch (next() % 3) {
        case 0: if (at < m.size()) m.erase(at, 1); break;
        case 1: m.insert(at, 1, alphabet[next() % alphabet.size()]); break;
        default: if (at < m.size()) m[at] = alphabet[next() % alphabet.size()]; break;
        }
      }
      probe(m);
    }
  }
  CHECK(parsed > 186);
  CHECK(rejected > 1000);
}
