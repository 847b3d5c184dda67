//===- cli.h - Shared helpers of the symshape command-line tool ------------===//
//
// Exit codes, the same for every subcommand (docs/cli.md):
//   0  answered (proved / holds)
//   1  refuted, violated or inconsistent (a counterexample was printed)
//   2  usage or input error (the message points at the problem)
//   3  unknown (a solver limit was hit)
//
//===----------------------------------------------------------------------===//
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "symshape/expr/errors.h"

namespace symshape::cli {

constexpr int kExitOk = 0;
constexpr int kExitRefuted = 1;
constexpr int kExitInputError = 2;
constexpr int kExitUnknown = 3;

/// Thrown by commands for a user mistake: printed, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The whole file (binary-safe).  Throws UsageError "cannot read PATH".
std::string read_text(const std::string &path);

/// Prints "symshape: error: <what>" and, for a ParseError in `text`, the
/// offending line with a caret under the column.
void report_error(const std::exception &e, const std::string &text = "");

/// Draws "\r[#####     ] done/total label" on stderr (a newline at the end).
void draw_progress(size_t done, size_t total, const std::string &label = "");

/// Registers the expression commands: simplify, eval, bound.
void add_expr_commands(CLI::App &app, int &exit_code);
/// Registers `replay`.
void add_replay_command(CLI::App &app, int &exit_code);
/// Registers `rules list | coverage | check`.
void add_rules_commands(CLI::App &app, int &exit_code);
/// Registers `walk`.
void add_walk_command(CLI::App &app, int &exit_code);
/// Registers `verify`.
void add_verify_command(CLI::App &app, int &exit_code);
/// Registers `bench run | record`.
void add_bench_commands(CLI::App &app, int &exit_code);

} // namespace symshape::cli
