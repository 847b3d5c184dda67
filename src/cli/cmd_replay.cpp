//===- cmd_replay.cpp - symshape replay FILE.shapes ------------------------===//
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "symshape/frontend/agreement.h"
#include "symshape/frontend/shapes_script.h"

namespace symshape::cli {

namespace {
void write_file(const std::string &path, const std::string &text) {
  std::ofstream out(path);
  if (!out) throw UsageError("cannot write " + path);
  out << text;
}

int run_replay(const std::string &path, const std::string &format, bool minimize, const std::string &compare,
               const std::string &snapshot, const std::string &guards_out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "symshape: error: cannot read " << path << "\n";
    return kExitInputError;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  ScriptOptions o;
  o.minimize_guards = minimize;
  o.snapshot = !snapshot.empty() || !guards_out.empty();
  try {
    ScriptResult r = run_shapes_script(buf.str(), path, o);
    if (!snapshot.empty()) write_file(snapshot, r.snapshot);
    if (!guards_out.empty()) write_file(guards_out, r.guards_json);
    if (!compare.empty()) {
      AgreementReport a = compare_with_reference(r, read_text(compare));
      for (const auto &m : a.mismatches) std::cout << "MISMATCH " << m << "\n";
      for (const auto &m : a.stronger) std::cout << "stronger " << m << "\n";
      std::cout << (a.agree() ? "agrees with " : "disagrees with ") << compare << "\n";
      return a.agree() ? r.exit_code : kExitRefuted;
    }
    std::cout << (format == "json" ? script_result_json(r) : script_result_text(r));
    return r.exit_code;
  } catch (const ScriptError &e) {
    std::cerr << "symshape: error: " << path << ":" << e.line() << ":" << e.column() << ": " << e.detail() << "\n";
    return kExitInputError;
  } catch (const std::exception &e) {
    report_error(e);
    return kExitInputError;
  }
}
} // namespace

void add_replay_command(CLI::App &app, int &exit_code) {
  auto *cmd = app.add_subcommand("replay", "run a .shapes ShapeEnv script (docs/shapes-script.md)");
  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto no_min = std::make_shared<bool>(false);
  auto compare = std::make_shared<std::string>();
  auto snapshot = std::make_shared<std::string>();
  auto guards_out = std::make_shared<std::string>();
  cmd->add_option("FILE", *path, "the script")->required();
  cmd->add_option("--format", *format, "output format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--no-minimize", *no_min, "emit PyTorch's guard set without dropping redundant guards");
  cmd->add_option("--compare", *compare,
                  "a reference output (e.g. PyTorch's NAME.torch.json): check the agreement contract instead of printing");
  cmd->add_option("--snapshot", *snapshot, "write the ShapeEnv snapshot (JSON, docs/formats.md) to this file");
  cmd->add_option("--guards-json", *guards_out, "write the produced guards with provenance (JSON) to this file");
  cmd->callback([&exit_code, path, format, no_min, compare, snapshot, guards_out] {
    exit_code = run_replay(*path, *format, !*no_min, *compare, *snapshot, *guards_out);
  });
}

} // namespace symshape::cli
