//===- main.cpp - The symshape command-line tool ---------------------------===//
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "symshape/reason/smt.h"
#include "symshape/version.h"

namespace symshape::cli {

std::string read_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void draw_progress(size_t done, size_t total, const std::string &label) {
  int width = 40, filled = static_cast<int>(width * done / total);
  std::cerr << "\r[" << std::string(static_cast<size_t>(filled), '#')
            << std::string(static_cast<size_t>(width - filled), ' ') << "] " << done << "/" << total
            << (label.empty() ? "" : " " + label + "          ") << (done == total ? "\n" : "") << std::flush;
}

void report_error(const std::exception &e, const std::string &text) {
  std::cerr << "symshape: error: " << e.what() << "\n";
  if (auto *pe = dynamic_cast<const ParseError *>(&e); pe && !text.empty()) {
    // Show the offending line with a caret under the column.
    int line = 1;
    size_t start = 0;
    for (size_t i = 0; i < text.size() && line < pe->line(); ++i)
      if (text[i] == '\n') {
        ++line;
        start = i + 1;
      }
    size_t end = text.find('\n', start);
    std::string l = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::cerr << "  " << l << "\n  " << std::string(static_cast<size_t>(std::max(0, pe->column() - 1)), ' ')
              << "^\n";
  }
}

} // namespace symshape::cli

int main(int argc, char **argv) {
  using namespace symshape::cli;
  CLI::App app{"symshape: a symbolic shape engine with SMT (Z3) backing"};
  app.require_subcommand(0, 1);
  bool show_version = false;
  app.add_flag("--version", show_version, "print the symshape and Z3 versions");
  int exit_code = kExitOk;
  add_expr_commands(app, exit_code);
  add_replay_command(app, exit_code);
  add_rules_commands(app, exit_code);
  add_walk_command(app, exit_code);
  add_verify_command(app, exit_code);
  add_bench_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    app.exit(e);
    return kExitInputError;
  } catch (const UsageError &e) {
    report_error(e);
    return kExitInputError;
  } catch (const std::exception &e) {
    report_error(e);
    return kExitInputError;
  }
  if (show_version) {
    std::cout << "symshape " << SYMSHAPE_VERSION << " (" << SYMSHAPE_GIT_HASH << ")\n"
              << "z3 " << symshape::z3_version() << "\n";
    return kExitOk;
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return kExitInputError;
  }
  return exit_code;
}
