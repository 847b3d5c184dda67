//===- scenarios_test.cpp - Every PyTorch 2.6 scenario, by the contract ----===//
//
// tests/data/scenarios/ holds the `.shapes` scripts and what real PyTorch
// 2.6's ShapeEnv answered (NAME.torch.json, copied from shared/scenarios).
// Each must agree by the agreement contract (frontend/agreement.h): equal
// where PyTorch is exact, equivalent (Z3) where forms may differ, and
// stronger only with a proof.
//
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "symshape/frontend/agreement.h"
#include "symshape/frontend/shapes_script.h"

using namespace symshape;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path &p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
} // namespace

TEST_CASE("every PyTorch 2.6 scenario agrees by the contract", "[frontend][scenarios]") {
  fs::path dir = fs::path(SYMSHAPE_TEST_DATA_DIR) / "scenarios";
  std::vector<fs::path> scripts;
  for (const auto &e : fs::directory_iterator(dir))
    if (e.path().extension() == ".shapes") scripts.push_back(e.path());
  std::sort(scripts.begin(), scripts.end());
  REQUIRE(scripts.size() >= 83);
  size_t stronger = 0;
  for (const fs::path &p : scripts) {
    DYNAMIC_SECTION(p.filename().string()) {
      ScriptResult r = run_shapes_script(slurp(p), p.filename().string());
      CHECK(r.exit_code == 0);
      fs::path ref = p;
      ref.replace_extension(".torch.json");
      AgreementReport a = compare_with_reference(r, slurp(ref));
      for (const auto &m : a.mismatches) FAIL_CHECK(m);
      stronger += a.stronger.size();
      // Every guard set symshape emits was proved equivalent to its raw
      // decisions (translation validation).
      CHECK(r.guard_validation == "proved");
    }
  }
}
