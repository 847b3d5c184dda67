"""Ground-truth labelling of the benchmark corpus, independent of symshape.

Used by bench/corpus_truth.py (the command-line entry point: arguments, per-file driver, header
rewriting, summary).  Modules:

  * ir     -- the expression IR (nested tuples), its helpers and its rendering as Python;
  * script -- parsing a `.shapes` query script into symbols, facts and the question (QueryError);
  * brute  -- domain computation (ranges, interval arithmetic, division checks) and brute force;
  * smt    -- SMT-LIB2 encoding and running z3 / cvc5;
  * label  -- the Labeller: domain, truth and evidence of one parsed query.

Standard library only.
"""

from .label import Labeller
from .script import QueryError, parse_script

__all__ = ["Labeller", "QueryError", "parse_script"]
