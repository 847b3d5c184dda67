//===- symshape/frontend/shapes_script.h - `.shapes` ShapeEnv scripts ------===//
//
// Runs a `.shapes` script (docs/shapes-script.md; the format PyTorch's
// reference runner also reads) against a ShapeEnv and collects what the
// format specifies: per-command results, produce_guards, runtime asserts,
// replacements, ranges, symbols and errors.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/expr/errors.h"
#include "symshape/reason/value_range.h"
#include "symshape/shape_env/shape_env.h"

namespace symshape {

struct ScriptResult {
  struct Entry {
    int line;
    std::string command, expr, value;
    bool stronger = false; ///< decided where PyTorch raises or answers false
    std::string tier;      ///< which tier of the cascade decided (if any)
  };
  struct ErrorEntry {
    std::optional<int> line; ///< nullopt: found at produce_guards
    std::string command, kind;
    bool expected = false;
    std::string message;
  };
  std::vector<Entry> results;
  std::vector<std::string> guards, static_guards, runtime_asserts;
  std::vector<std::string> dropped_guards; ///< minimized away (with reasons)
  std::string guard_validation;
  std::vector<std::pair<std::string, std::string>> replacements;
  std::vector<std::pair<std::string, ValueRange>> ranges;
  std::vector<std::pair<std::string, std::string>> symbols;
  std::vector<ErrorEntry> errors;
  /// The ShapeEnv snapshot after the script (ScriptOptions::snapshot).
  std::string snapshot;
  /// The produced guard set with provenance (docs/formats.md).
  std::string guards_json;
  /// 0 ran to its end; 1 a command failed unannounced or an expect_error was
  /// not met.  (A malformed script throws ScriptError instead: exit 2.)
  int exit_code = 0;
};

/// A malformed script: unknown command, syntax error, unknown name.
class ScriptError : public ParseError {
public:
  ScriptError(std::string file, int line, int column, const std::string &message)
      : ParseError(line, column, message), file_(std::move(file)) {}
  const std::string &file() const { return file_; }

private:
  std::string file_;
};

struct ScriptOptions {
  /// Minimize the produced guards (proved equivalent).
  bool minimize_guards = true;
  /// Fill ScriptResult::snapshot and guards_json.
  bool snapshot = false;
  /// Settings applied before the script's own `env` line.
  ShapeEnvSettings settings;
};

/// Runs the script.  Throws ScriptError when it is malformed.
ScriptResult run_shapes_script(std::string_view text, const std::string &filename,
                               const ScriptOptions &options = {});

/// The script's lines, numbered from 1 by their index + 1 (a final line
/// without '\n' counts; no trailing empty line).
std::vector<std::string> script_lines(std::string_view text);

namespace detail {
class ScriptRunner;
}

/// A script run one line at a time, for tools that ask their own questions
/// of the ShapeEnv a script set up (the query benchmark: the setup lines run
/// here, the final question is timed apart).  produce_guards is not run.
class ScriptSession {
public:
  explicit ScriptSession(std::string filename, const ScriptOptions &options = {});
  ~ScriptSession();
  /// One line, as run_shapes_script runs it.  Throws ScriptError when it is
  /// malformed; a failing command is recorded in partial().errors.
  void run_line(int line, const std::string &text);
  ShapeEnv &env();
  /// An expression in the script's names (sources, script names, symbols).
  Expr expr(const std::string &text, int line, int column);
  /// Results and errors so far.
  const ScriptResult &partial() const;

private:
  std::unique_ptr<detail::ScriptRunner> runner_;
};

/// The `--format json` output of `symshape replay` (docs/formats.md).
std::string script_result_json(const ScriptResult &r);
/// The `--format text` output.
std::string script_result_text(const ScriptResult &r);

} // namespace symshape
