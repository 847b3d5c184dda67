//===- syntax_test.cpp - Rule files: parse tables and error locations ------===//
#include <catch2/catch.hpp>

#include "symshape/rules/syntax.h"

using namespace symshape;
using namespace symshape::rules;

namespace {
std::string parse_dump(const std::string &text) {
  Module m = parse_rule_file(text, "t.py");
  std::string out;
  for (auto &f : m.functions) out += dump(*f);
  return out;
}
} // namespace

TEST_CASE("rule syntax: a rule, decorators, types, slots", "[rules][syntax]") {
  const char *src = R"(from typing import List, Optional
import math

@rule("aten::mm(Tensor self, Tensor mat2) -> Tensor")
def mm(self: Tensor, mat2: Tensor) -> Tensor:
    check(self.dim() == 2, "self must be a matrix")
    return empty([self.size(0), mat2.size(1)], dtype=self.dtype)
)";
  CHECK(parse_dump(src) == R"(@rule "aten::mm(Tensor self, Tensor mat2) -> Tensor"
def mm(self: Tensor, mat2: Tensor) -> Tensor  [2 slots]
  (call check (compare (call (attr self#0 dim)) == 2) "self must be a matrix")
  return (call empty (list (call (attr self#0 size) 0) (call (attr mat2#1 size) 1)) dtype=(attr self#0 dtype))
)");
}

TEST_CASE("rule syntax: statements", "[rules][syntax]") {
  struct Row { const char *body, *dump; };
  const Row rows[] = {
      {"x = 1", "x#0 = 1"},
      {"a, b = t", "(tuple a#0 b#1) = t"},
      {"x = y = 2", "x#0 = y#1 = 2"},
      {"x += 1", "x#0 += 1"},
      {"out[i] = 3", "(index out i) = 3"},
      {"for i in range(n):\n        pass", "for i#0 in (call range n)\n    pass"},
      {"for i, s in enumerate(sizes):\n        continue", "for (tuple i#0 s#1) in (call enumerate sizes)\n    continue"},
      {"while k > 0:\n        k = k - 1\n        break", "while (compare k#0 > 0)\n    k#0 = (- k#0 1)\n    break"},
      {"if a:\n        x = 1\n    elif b:\n        x = 2\n    else:\n        x = 3",
       "if a\n    x#0 = 1\n  else\n    if b\n      x#0 = 2\n    else\n      x#0 = 3"},
      {"if a: return 1", "if a\n    return 1"},
      {"assert n >= 0, \"negative\"", "assert (compare n >= 0), \"negative\""},
      {"raise ShapeError(\"bad\")", "raise (call ShapeError \"bad\")"},
      {"return", "return"},
      {"return a, b", "return (tuple a b)"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.body);
    std::string text = std::string("def f():\n    ") + r.body + "\n";
    std::string got = parse_dump(text);
    std::string header = got.substr(0, got.find('\n') + 1);
    CHECK(got.substr(header.size()) == "  " + std::string(r.dump) + "\n");
  }
}

TEST_CASE("rule syntax: expressions and precedence", "[rules][syntax]") {
  struct Row { const char *expr, *dump; };
  const Row rows[] = {
      {"a + b * c", "(+ a (* b c))"},
      {"(a + b) * c", "(* (+ a b) c)"},
      {"a - b - c", "(- (- a b) c)"},
      {"-a ** 2", "(- (** a 2))"},
      {"a ** -b", "(** a (- b))"},
      {"a // b % c", "(% (// a b) c)"},
      {"a / 2.5", "(/ a 2.5)"},
      {"1e3", "1000.0"},
      {"0x10", "16"},
      {"a < b <= c", "(compare a < b <= c)"},
      {"x not in dims", "(compare x not in dims)"},
      {"x is not None", "(compare x is not None)"},
      {"not a and b or c", "(or (and (not a) b) c)"},
      {"a if c else b", "(ifexp c a b)"},
      {"[s for s in sizes if s != 1]", "(listcomp s#0 for s#0 in sizes if (compare s#0 != 1))"},
      {"[]", "(list)"},
      {"()", "(tuple)"},
      {"(a,)", "(tuple a)"},
      {"x[1:]", "(index x (slice 1 _ _))"},
      {"x[:-1]", "(index x (slice _ (- 1) _))"},
      {"x[::-1]", "(index x (slice _ _ (- 1)))"},
      {"x[i][j]", "(index (index x i) j)"},
      {"t.shape[0]", "(index (attr t shape) 0)"},
      {"f(a, b=2)", "(call f a b=2)"},
      {"'ab' \"cd\"", "\"abcd\""},
      {"'a\\nb'", "\"a\\nb\""},
      {"f(\n  a,\n  b)", "(call f a b)"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.expr);
    std::string got = parse_dump(std::string("def f():\n    return ") + r.expr + "\n");
    CHECK(got.substr(got.find('\n') + 1) == std::string("  return ") + r.dump + "\n");
  }
}

TEST_CASE("rule syntax: parameters with types and defaults", "[rules][syntax]") {
  CHECK(parse_dump("def f(x: List[int], y: Optional[Tensor] = None, z: Tuple[int, ...] = (), w=1) -> Tuple[Tensor, Tensor]:\n    pass\n") ==
        "def f(x: List[int], y: Optional[Tensor] = None, z: Tuple[int, ...] = (tuple), w: Any = 1) -> Tuple[Tensor, Tensor]  [4 slots]\n  pass\n");
}

TEST_CASE("rule syntax: errors name file:line:column", "[rules][syntax]") {
  struct Row { const char *text, *message; };
  const Row rows[] = {
      {"def f(:\n    pass\n", "t.py:1:7: expected a parameter name, found ':'"},
      {"def f():\nreturn 1\n", "t.py:2:1: expected an indented block"},
      {"def f():\n    x = (1 +\n", "t.py:2:9: '(' was never closed"},
      {"def f():\n    x = g(1,\n    y = 2\n", "t.py:2:10: '(' was never closed"},
      {"def f():\n    return a +\n", "t.py:2:15: expected an expression, found the end of the line"},
      {"def f():\n      x = 1\n    y = 2\n", "t.py:3:5: unindent does not match any outer indentation level"},
      {"def f():\n    class A: pass\n", "t.py:2:5: 'class' is not part of the rule language"},
      {"def f():\n    return {1: 2}\n", "t.py:2:12: dicts and sets are not part of the rule language"},
      {"def f():\n    return lambda x: x\n", "t.py:2:12: lambda is not part of the rule language"},
      {"def f():\n    def g(): pass\n", "t.py:2:5: nested functions are not part of the rule language"},
      {"def f(x: Foo):\n    pass\n", "t.py:1:10: unknown type 'Foo'"},
      {"def f(x=1, y):\n    pass\n", "t.py:1:12: a parameter without a default follows one with a default"},
      {"def f():\n    f(a=1, 2)\n", "t.py:2:12: a positional argument follows a keyword argument"},
      {"def f():\n    1 = x\n", "t.py:2:5: cannot assign to this expression"},
      {"def f():\n    return 'abc\n", "t.py:2:12: unterminated string literal"},
      {"def f():\n    return a $ b\n", "t.py:2:14: unexpected character '$'"},
      {"x = 1\n", "t.py:1:1: expected 'def' (only functions live at the top level of a rule file)"},
      {"@rule(aten)\ndef f(): pass\n", "t.py:1:7: decorator arguments must be string literals (an ATen schema)"},
      {"def f():\n    return a & b\n", "t.py:2:14: expected the end of the line, found '&'"},
      {"def f():\n    return [x for x in a for y in b]\n", "t.py:2:26: nested comprehensions are not part of the rule language"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.text);
    CHECK_THROWS_WITH(parse_rule_file(r.text, "t.py"), r.message);
  }
}
