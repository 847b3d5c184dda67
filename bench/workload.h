//===- workload.h - The guard workload shared by symshape and PyTorch ------===//
//
// A deterministic mix of the guards PyTorch emits -- ranges, equalities,
// divisibility, linear relations of <= 3 symbols, a few products -- over
// 100 sizes (50 inputs of rank 2, dynamic dims, hints in [2, 64]).  Every
// guard is true at the hints (it is what `bool(SymBool)` recorded).  The same
// workload is printed as a `.shapes` script so that real PyTorch 2.6 runs
// it too (bench/torch/time_shapeenv.py).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct GuardWorkload {
  std::vector<int64_t> hints;         ///< size hint of dim i (tensor i/2, dim i%2)
  std::vector<std::string> guards;    ///< `guard` conditions, Python syntax over sources
  std::vector<std::string> queries;   ///< `known` questions asked after the guards
};

/// `n_guards` guards over `n_sizes` sizes (even), seeded.
GuardWorkload make_guard_workload(int n_guards, int n_sizes = 100, uint64_t seed = 42);

/// The workload as a `.shapes` script.
std::string workload_script(const GuardWorkload &w);

/// The source name of size i ("t3.size()[1]").
std::string size_source(int i);
