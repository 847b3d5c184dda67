//===- symshape/frontend/export_program.h - torch.export programs ----------===//
//
// Reads the serialized program of a torch.export `.pt2` archive (the JSON
// member `serialized_exported_program.json`, schema 8.2 as PyTorch 2.6
// writes it; see ../shared/corpus/README.md and docs/formats.md) into a
// graph::Graph the walker can run:
//
//   * placeholders take the symbolic sizes the program recorded -- its own
//     symbols (`s0`), derived sizes (`2*s0`), shared dims -- declared in the
//     ShapeEnv with hints from the recorded examples and ranges from
//     `range_constraints`, narrowed to [2, inf] for sizes as PyTorch's
//     ShapeEnv does (never duck-sized by hint);
//   * every node's target becomes an op name ("aten.add.Tensor",
//     "operator.mul"), every Argument kind of the schema an Arg, every
//     output a named value (tuple and list outputs name each element);
//   * torch.cond branches become subgraphs;
//   * the recorded metadata of every value (`tensor_values`,
//     `sym_int_values`, `sym_bool_values`) is kept for rebinding and for
//     `symshape walk --check`.
//
// Errors name the JSON location ("graph.nodes[3].inputs[1]: unknown
// argument kind 'as_foo'").
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "symshape/graph/graph.h"
#include "symshape/shape_env/shape_env.h"

namespace symshape::frontend {

struct ExportProgram {
  graph::Graph graph;
  /// Recorded metadata per value name (all graphs, subgraphs included).
  std::unordered_map<std::string, rules::Value> recorded;
  /// User inputs and outputs by name, in order.
  std::vector<std::string> user_inputs, user_outputs;
  /// `range_constraints` as recorded (keys are sympy strings: "s0", "2*s0").
  std::vector<std::pair<std::string, ValueRange>> range_constraints;
  std::string verifier; ///< "TRAINING" or "ATEN"
};

/// Parses the program JSON and declares its input symbols in `env`.
/// Throws ValueError naming the place.
ExportProgram load_export_program(std::string_view json_text, ShapeEnv &env);

/// The JSON text of a program file: a `.pt2` archive's
/// `serialized_exported_program.json` member, or the file itself.
/// Throws ValueError.
std::string read_program_file(const std::string &path);

} // namespace symshape::frontend
