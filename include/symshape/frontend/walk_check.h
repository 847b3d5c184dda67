//===- symshape/frontend/walk_check.h - Walk results vs PyTorch's ----------===//
//
// `check_walk` compares a walked torch.export program with what PyTorch
// recorded: every node's sizes, strides and dtype against the program's own
// metadata (PyTorch 2.6 serializes every storage offset as 0, so offsets are
// only compared with a reference), and, given a corpus reference
// (`NAME.ref.json`, format symshape-corpus-ref/1), also storage offsets,
// unbacked bindings (symbol and key path) and runtime asserts.
//
// Expressions are compared up to equivalence under the ShapeEnv's final
// replacements (normalize, then decide), never as text.  Symbols carry the
// program's own names (the walker declares them and rebinds fresh unbacked
// symbols onto the recorded ones).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "symshape/frontend/export_program.h"
#include "symshape/graph/walker.h"

namespace symshape::frontend {

struct WalkCheck {
  size_t checked = 0, matched = 0, mismatched = 0, unsupported = 0;
  /// "MISMATCH node (op): what" / "UNSUPPORTED ..." / "ASSERT ..." lines.
  std::vector<std::string> lines;
  bool ok() const { return mismatched == 0 && unsupported == 0; }
  /// "checked N nodes: M matched, K mismatched, U unsupported"
  std::string summary() const;
};

/// Compares; `ref_json` is the text of a NAME.ref.json or null.  Throws
/// ValueError for a malformed reference.
WalkCheck check_walk(const ExportProgram &program, ShapeEnv &env, const graph::WalkResult &walk,
                     const std::string *ref_json = nullptr);

} // namespace symshape::frontend
