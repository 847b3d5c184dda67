//===- cmd_rules.cpp - `symshape rules list | coverage | check` ------------===//
//
//   symshape rules list [--load FILE]...        every op with its rule's file:line
//   symshape rules coverage PROGRAM [--load F]  ops of a torch.export program
//                                               (.pt2 or its JSON) without a rule
//   symshape rules check [FILES]... [--dump]    parse and type-check rule files
//
//===----------------------------------------------------------------------===//
#include <fstream>
#include <iostream>
#include <map>

#include <set>
#include <sstream>

#include "cli.h"
#include "symshape/frontend/export_program.h"
#include "symshape/rules/check.h"
#include "symshape/rules/registry.h"
#include "symshape/rules/syntax.h"

namespace symshape::cli {

namespace {

using rules::RuleRegistry;


// The op of every call node, subgraphs (torch.cond branches, ...) included.
void collect_ops(const graph::Graph &g, std::map<std::string, int> &ops) {
  for (size_t v = 0; v < g.size(); ++v)
    if (g.node(v).kind == graph::Node::Kind::Call) ++ops[g.node(v).op];
  for (const auto &sub : g.subgraphs) collect_ops(sub, ops);
}

void load_extra(RuleRegistry &reg, const std::vector<std::string> &files) {
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto &f : files) texts.emplace_back(f, read_text(f));
  if (!texts.empty()) reg.load(texts);
}

// Ops the graph walker handles itself rather than by a rule.
bool structural(const std::string &op) {
  return op == "operator.getitem" || op.rfind("higher_order.", 0) == 0;
}

} // namespace

void add_rules_commands(CLI::App &app, int &exit_code) {
  CLI::App *rules = app.add_subcommand("rules", "the meta-rule library: list, coverage, check");
  rules->require_subcommand(1);

  auto *list = rules->add_subcommand("list", "print every op that has a rule, with the rule's file:line");
  static std::vector<std::string> list_load;
  list->add_option("--load", list_load, "also load these rule files");
  list->callback([&exit_code] {
    auto reg = RuleRegistry::standard();
    load_extra(*reg, list_load);
    auto all = reg->rules();
    for (const auto *r : all) std::cout << r->op << "  " << r->where << "\n";
    std::cout << all.size() << " rules\n";
    exit_code = kExitOk;
  });

  auto *coverage = rules->add_subcommand("coverage", "list the ops of a torch.export program without a rule");
  static std::string program;
  static std::vector<std::string> cov_load;
  coverage->add_option("PROGRAM", program, "a .pt2 archive or its serialized_exported_program.json")->required();
  coverage->add_option("--load", cov_load, "also load these rule files");
  coverage->callback([&exit_code] {
    auto reg = RuleRegistry::standard();
    load_extra(*reg, cov_load);
    // The same reader as `walk` (zip, PyTorch's non-JSON floats, subgraphs).
    std::map<std::string, int> ops;
    try {
      ShapeEnv env;
      frontend::ExportProgram prog = frontend::load_export_program(frontend::read_program_file(program), env);
      collect_ops(prog.graph, ops);
    } catch (const Error &e) {
      throw UsageError(program + ": not a torch.export program: " + e.what());
    }
    int with_rule = 0, missing = 0;
    for (const auto &[op, n] : ops) {
      if (structural(op)) continue;
      if (reg->find(op)) ++with_rule;
      else {
        ++missing;
        std::cout << "no rule: " << op << " (" << n << " node" << (n == 1 ? "" : "s") << ")\n";
      }
    }
    for (const auto &[op, n] : ops)
      if (structural(op)) std::cout << "walker: " << op << " (" << n << " node" << (n == 1 ? "" : "s") << ")\n";
    std::cout << "ops " << with_rule + missing << ": with a rule " << with_rule << ", without " << missing << "\n";
    exit_code = missing ? kExitRefuted : kExitOk;
  });

  auto *check = rules->add_subcommand(
      "check", "parse and type-check rule files, then run their rules on argument tables (default: the standard library)");
  static std::vector<std::string> files;
  static bool dump = false, syntax_only = false;
  static std::string allowlist_file;
  static size_t max_cases = 48;
  check->add_option("FILES", files, "rule files to check against the standard library");
  check->add_flag("--dump", dump, "print the parsed functions of FILES");
  check->add_flag("--syntax-only", syntax_only, "parse and type-check only");
  check->add_option("--allowlist", allowlist_file, "ops whose undecided sizes are allowed: 'op  reason' per line");
  check->add_option("--max-cases", max_cases, "argument combinations per rule (default 48)");
  check->callback([&exit_code] {
    auto reg = std::make_unique<RuleRegistry>();
    size_t nfiles = 0;
    try {
      reg->load(RuleRegistry::standard_files());
      nfiles = RuleRegistry::standard_files().size();
      std::vector<std::pair<std::string, std::string>> texts;
      for (const auto &f : files) texts.emplace_back(f, read_text(f));
      if (!texts.empty()) {
        reg->load(texts);
        nfiles = texts.size();
      }
      if (dump)
        for (const auto &[name, text] : texts) {
          rules::Module m = rules::parse_rule_file(text, name);
          for (const auto &fn : m.functions) std::cout << rules::dump(*fn) << "\n";
        }
    } catch (const rules::RuleSyntaxError &e) {
      std::cerr << "symshape: error: " << e.what() << "\n";
      exit_code = kExitInputError;
      return;
    }
    // Count the rules of FILES (or of the whole library without FILES).
    size_t nrules = 0;
    for (const auto *r : reg->rules()) {
      bool mine = files.empty();
      for (const auto &f : files) mine = mine || r->where.rfind(f + ":", 0) == 0;
      nrules += mine;
    }
    std::cout << "ok: " << nrules << " rule" << (nrules == 1 ? "" : "s") << " in " << nfiles << " file"
              << (nfiles == 1 ? "" : "s") << "\n";
    exit_code = kExitOk;
    if (syntax_only) return;
    rules::RuleCheckOptions opt;
    opt.max_cases = max_cases;
    if (!allowlist_file.empty()) opt.allowlist = rules::parse_allowlist(read_text(allowlist_file), allowlist_file);
    std::vector<std::string> ops; // the rules of FILES, or all
    if (!files.empty())
      for (const auto *r : reg->rules())
        for (const auto &f : files)
          if (r->where.rfind(f + ":", 0) == 0) ops.push_back(r->op);
    if (!files.empty() && ops.empty()) return;
    rules::RuleCheckReport rep = rules::check_rules(*reg, ops, opt);
    for (const auto &i : rep.issues)
      std::cout << i.kind << ": " << i.op << " (" << i.where << "): " << i.message
                << (i.args.empty() ? "" : "\n    case: " + i.args) << "\n";
    for (const auto &a : rep.allowed) std::cout << "allowed: " << a << "\n";
    std::cout << rep.summary() << "\n";
    exit_code = rep.issues.empty() ? kExitOk : kExitRefuted;
  });
}

} // namespace symshape::cli
