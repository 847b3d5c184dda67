"""The query type and helpers shared by the generators and bench/corpus_gen.py.

A query is a ``.shapes`` script that uses only the setup commands ``SETUP_COMMANDS`` and ends with
exactly one question (``QUESTION_COMMANDS``); ``Query.text()`` renders it with its description
lines, ``# family:`` and ``# size:``.  ``MAX_BOUNDED_POINTS`` caps the box of a bounded variant.
"""

from __future__ import annotations

from dataclasses import dataclass

SETUP_COMMANDS = {"env", "input", "scalar", "unbacked", "unbacked_bool", "size_like", "range", "check"}
QUESTION_COMMANDS = {"known", "bound"}
MAX_BOUNDED_POINTS = 200_000


@dataclass
class Query:
    group: str
    name: str
    desc: list[str]
    body: list[str]
    family: str
    size: int | None = None
    bounded: bool = False  # a bounded variant: every symbol must get a finite range

    def text(self) -> str:
        lines = ["# " + d if d else "#" for d in self.desc]
        lines.append(f"# family: {self.family}")
        if self.size is not None:
            lines.append(f"# size: {self.size}")
        lines += self.body
        return "\n".join(lines) + "\n"

    def validate_format(self) -> None:
        cmds = [ln.split(None, 1)[0] for ln in self.body if ln.strip() and not ln.startswith("#")]
        assert cmds, self.name
        assert cmds[-1] in QUESTION_COMMANDS, (self.name, cmds[-1])
        for c in cmds[:-1]:
            assert c in SETUP_COMMANDS, (self.name, c)
        if "env" in cmds:
            assert cmds[0] == "env" and cmds.count("env") == 1, self.name


def split_cmd(line: str) -> tuple[str, str]:
    s = line.strip()
    parts = s.split(None, 1)
    return parts[0], (parts[1] if len(parts) > 1 else "")
