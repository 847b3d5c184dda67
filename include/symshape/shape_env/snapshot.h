//===- symshape/shape_env/snapshot.h - Saving and loading a ShapeEnv -------===//
//
// The whole state -- settings, symbols (hints, sources, ranges, origins),
// inputs, replacements, divisibility, guards, runtime asserts with their
// provenance -- as versioned JSON (docs/formats.md, "ShapeEnv snapshot").
// Expressions are written in the lossless dialect, so load(save(env)) holds
// the very same nodes, and save(load(text)) == text for any saved text.
// Derived state (axioms, the Z3 fact index, caches) is rebuilt on load.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "symshape/shape_env/guards.h"
#include "symshape/shape_env/shape_env.h"

namespace symshape {

constexpr int kSnapshotSchemaVersion = 1;

/// The snapshot of `env` as JSON text.
std::string save_snapshot(const ShapeEnv &env);
/// Rebuilds a ShapeEnv.  Throws ValueError naming the offending field
/// (e.g. "snapshot: symbols[2].range: expected [lo, hi]").
std::unique_ptr<ShapeEnv> load_snapshot(std::string_view json);

/// A produced guard set as JSON, each guard with its kind and provenance
/// (docs/formats.md, "Guard set").
std::string guard_set_json(const GuardSet &gs);

} // namespace symshape
