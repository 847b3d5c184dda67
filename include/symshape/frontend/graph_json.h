//===- symshape/frontend/graph_json.h - symshape's own graph format --------===//
//
// A small JSON format a user can write by hand (docs/formats.md, "Graph";
// examples/graphs/):
//
//   {"format": "symshape.graph", "schema_version": 1,
//    "inputs": [{"name": "x", "sizes": [8, 64], "dims": ["dynamic", "static"], "dtype": "float32"},
//               {"name": "n", "scalar": 5}],
//    "nodes": [{"name": "h", "op": "aten.relu.default", "args": ["%x"]},
//              {"name": "parts", "op": "aten.split.Tensor", "args": ["%h", 4],
//               "kwargs": {"dim": 1}, "outputs": ["a", "b"]}],
//    "outputs": ["%a"]}
//
// Inputs get symbols from their example sizes by a per-dim policy ("duck",
// the default, "dynamic", "static", or {"min": 2, "max": 64} for a ranged
// dynamic dim), exactly like ShapeEnv::create_tensor.  Node arguments:
// "%name" refers to a value, other JSON is a constant (strings, numbers,
// booleans, null, lists), {"dtype": "int64"} / {"memory_format":
// "channels_last"} / {"device": "cpu"} name the enums.  Nodes may appear in
// any order: the walk sorts them topologically, ties by position.
//
// Errors name the JSON place: "nodes[2].args[0]: unknown value '%y'".
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/graph/graph.h"
#include "symshape/shape_env/shape_env.h"

namespace symshape::frontend {

/// Example sizes to use instead of the file's, by input name.
using InputSizes = std::map<std::string, std::vector<Int>>;

/// Reads the format and creates the inputs' symbols in `env`.  Throws
/// ValueError naming the place.
graph::Graph load_graph_json(std::string_view text, ShapeEnv &env, const InputSizes &overrides = {});

/// True when `text` looks like symshape's graph format (its "format" key).
bool is_graph_json(std::string_view text);

} // namespace symshape::frontend
