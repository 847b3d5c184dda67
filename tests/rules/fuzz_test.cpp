// Seeded fuzzers: mangled rule files and mangled torch.export programs must
// give a clear error (symshape::Error) or load -- never crash or hang.  Run
// under ASan/UBSan (README) to catch memory errors too.
#include <catch2/catch.hpp>

#include <random>

#include "symshape/frontend/export_program.h"
#include "symshape/graph/walker.h"
#include "symshape/rules/registry.h"

using symshape::Error;
using symshape::ShapeEnv;
using symshape::rules::RuleRegistry;

namespace {

std::string mutate(const std::string &text, std::mt19937 &rng) {
  static const char kChars[] = "()[]{}:,.=+-*/%<>!@#\"' \n\tabcxyz0123456789_";
  std::string s = text;
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < edits && !s.empty(); ++k) {
    size_t at = rng() % s.size();
    switch (rng() % 4) {
    case 0: s.erase(at, 1 + rng() % 8); break;
    case 1: s.insert(at, 1, kChars[rng() % (sizeof(kChars) - 1)]); break;
    case 2: s[at] = kChars[rng() % (sizeof(kChars) - 1)]; break;
    case 3: s.resize(at); break; // truncation
    }
  }
  return s;
}

} // namespace

TEST_CASE("fuzz: mangled rule files load or fail with an error", "[rules][fuzz]") {
  std::mt19937 rng(20261126);
  const auto &files = RuleRegistry::standard_files();
  int loaded = 0, rejected = 0;
  for (int round = 0; round < 300; ++round) {
    const auto &[name, text] = files[static_cast<size_t>(round) % files.size()];
    std::string bad = mutate(text, rng);
    RuleRegistry reg;
    try {
      // The prelude first so that the other files can link.
      if (name != "rules/prelude.py") reg.load(files[0].second, files[0].first);
      reg.load(bad, name);
      ++loaded;
    } catch (const Error &) {
      ++rejected;
    }
  }
  CHECK(loaded + rejected == 300);
  CHECK(rejected > 100); // most mutations break something
}

TEST_CASE("fuzz: mangled torch.export programs load and walk or fail with an error", "[graph][fuzz]") {
  std::mt19937 rng(7);
  std::string text = symshape::frontend::read_program_file(std::string(SYMSHAPE_TEST_DATA_DIR) +
                                                           "/corpus/reshape_flatten.pt2");
  auto reg = RuleRegistry::standard();
  int walked = 0, rejected = 0;
  for (int round = 0; round < 200; ++round) {
    std::string bad = mutate(text, rng);
    ShapeEnv env;
    try {
      auto prog = symshape::frontend::load_export_program(bad, env);
      symshape::graph::walk(prog.graph, env, *reg, {});
      ++walked;
    } catch (const Error &) {
      ++rejected;
    }
  }
  CHECK(walked + rejected == 200);
  CHECK(rejected > 50);
}
