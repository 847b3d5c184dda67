//===- workload_env.h - The guard workload on a ShapeEnv ---------------------===//
//
// What the ShapeEnv benchmarks and the instruction probe share: a fresh
// ShapeEnv with the workload's inputs (50 tensors of rank 2, dynamic dims),
// its guards and questions parsed over their sources, and the guards that
// the hint decides.
//
//===----------------------------------------------------------------------===//
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "symshape/shape_env/shape_env.h"
#include "workload.h"

struct LoadedWorkload {
  std::unique_ptr<symshape::ShapeEnv> env;
  std::vector<symshape::Expr> guards, queries;
};

/// A fresh ShapeEnv with the workload's inputs, and its guards and
/// questions parsed against it.
LoadedWorkload load_workload(const GuardWorkload &w);

/// The indices of the guards whose `evaluate` records a guard when they are
/// evaluated in order on a fresh ShapeEnv (the others are decided statically;
/// leaving them out changes no state).
std::vector<size_t> hint_decided_guards(const GuardWorkload &w);
