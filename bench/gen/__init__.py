"""Generators of the benchmark corpus of symbolic reasoning queries (issue #8).

Used by bench/corpus_gen.py (the command-line entry point: arguments, writing the files, the
replay check, totals).  Modules:

  * common    -- the Query type (text, format validation), the command sets and shared helpers;
  * classic   -- gen_classic(): the classic hard cases, each as several queries (classic/);
  * families  -- gen_families(): scaling families, one statement per problem size (families/);
  * scenarios -- gen_scenarios(): one query per question of PyTorch's test scenarios (scenarios/).

Standard library only; the output is deterministic (fixed seeds only).
"""

from .classic import gen_classic
from .common import MAX_BOUNDED_POINTS, Query, split_cmd
from .families import gen_families
from .scenarios import gen_scenarios

__all__ = ["MAX_BOUNDED_POINTS", "Query", "gen_classic", "gen_families", "gen_scenarios", "split_cmd"]
