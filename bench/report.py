"""Turn the collected samples into bench/RESULTS.md: the machine, the table, the goals.

The generated part sits between two markers in RESULTS.md; whatever is written around
them (the profile findings) is kept when the table is regenerated.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"

# row id → (what it is compared with, the largest allowed ratio)
GOALS = {
    "startup": ("ref", 1.0),
    "config-1000": ("ref", 0.25),
    "up-indep-10": ("floor", 1.05),
    "up-indep-30": ("floor", 1.05),
    "down-indep-30": ("floor", 1.05),
    "noop-indep-30": ("ref", 1.0),
}

TITLES = [
    (r"startup", "start-up (`version`)"),
    (r"config-(\d+)", "`config`, {0} services (large file + override + .env)"),
    (r"up-indep-(\d+)", "cold `up -d`, {0} independent services"),
    (r"noop-indep-(\d+)", "no-op `up -d`, {0} running services"),
    (r"noopfull-indep-(\d+)", "no-op `up -d`, {0} running services, the whole way "
                               "(COMPOSER_UP_MEMO=0)"),
    (r"down-indep-(\d+)", "`down`, {0} services"),
    (r"up-dag-(\d+)", "cold `up -d`, layered DAG of {0}"),
    (r"down-dag-(\d+)", "`down`, layered DAG of {0}"),
    (r"up-chain-(\d+)", "cold `up -d`, chain of depth {0}"),
    (r"down-chain-(\d+)", "`down`, chain of depth {0}"),
    (r"up-health-(\d+)", "`up -d`, health-gated chain of {0} (1 s healthchecks)"),
    (r"health-gap", "health gate: dependency healthy → dependent started (per edge)"),
]


def title(row: str) -> str:
    for pattern, text in TITLES:
        m = re.fullmatch(pattern, row)
        if m:
            return text.format(*m.groups())
    return row


@dataclass
class Results:
    """Samples by row and implementation, failures, and the implementations' roles."""

    subject: str                               # the implementation under test (composer)
    reference: str | None                      # what it is compared with (docker compose)
    samples: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    failures: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, row: str, impl: str, values: list[float]) -> None:
        self.samples.setdefault(row, {}).setdefault(impl, []).extend(values)

    def fail(self, row: str, impl: str, message: str) -> None:
        self.failures.setdefault(row, {}).setdefault(impl, []).append(message)

    def rows(self) -> list[str]:
        return list(dict.fromkeys(list(self.samples) + list(self.failures)))

    def median(self, row: str, impl: str) -> float | None:
        values = self.samples.get(row, {}).get(impl)
        return statistics.median(values) if values else None

    def floor(self, row: str) -> tuple[str, float] | None:
        """The best floor: the pool size whose median is lowest."""
        found = [(m, impl) for impl in self.samples.get(row, {}) if impl.startswith("floor")
                 and (m := self.median(row, impl)) is not None]
        if not found:
            return None
        m, impl = min(found)
        return impl, m


def cell(values: list[float] | None, failed: list[str] | None = None) -> str:
    if not values:
        return f"failed ×{len(failed)}" if failed else "—"
    text = f"{statistics.median(values):.3f}"
    if len(values) > 1:
        text += f" ({min(values):.3f}–{max(values):.3f})"
    if failed:
        text += f", failed ×{len(failed)}"
    return text


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b else "—"


def verdict(res: Results, row: str) -> tuple[str, str]:
    goal = GOALS.get(row)
    if goal is None:
        return "", ""
    against, limit = goal
    mine = res.median(row, res.subject)
    if against == "ref":
        other = res.median(row, res.reference) if res.reference else None
        text = f"≤ {limit:g} × {res.reference or 'reference'}"
    else:
        best = res.floor(row)
        other = best[1] if best else None
        text = f"≤ {limit:g} × floor"
    if mine is None or not other:
        return text, "not measured"
    r = mine / other
    return text, "met" if r <= limit else f"**missed** ({r:.2f}×, {r / limit - 1:+.0%})"


def table(res: Results) -> list[str]:
    cli = [res.subject] + ([res.reference] if res.reference else [])
    head = ["scenario"] + cli + ["floor"]
    if res.reference:
        head.append(f"{res.subject} ÷ {res.reference}")
    head += [f"{res.subject} ÷ floor", "goal", "status"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in res.rows():
        samples, failures = res.samples.get(row, {}), res.failures.get(row, {})
        best = res.floor(row)
        cells = [title(row)] + [cell(samples.get(i), failures.get(i)) for i in cli]
        cells.append(f"{cell(samples.get(best[0]))} [{best[0][6:]}]" if best else "—")
        mine = res.median(row, res.subject)
        if res.reference:
            cells.append(ratio(mine, res.median(row, res.reference)))
        cells.append(ratio(mine, best[1] if best else None))
        cells += list(verdict(res, row))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def floor_detail(res: Results) -> list[str]:
    pools = sorted({i for r in res.samples.values() for i in r if i.startswith("floor")},
                   key=lambda i: int(i.rpartition("=")[2]))
    if not pools:
        return []
    lines = ["| floor by pool size | " + " | ".join(p[6:] for p in pools) + " |",
             "|" + "---|" * (len(pools) + 1)]
    for row in res.rows():
        if any(p in res.samples.get(row, {}) for p in pools):
            lines.append(f"| {title(row)} | "
                         + " | ".join(cell(res.samples[row].get(p)) for p in pools) + " |")
    return lines


def failures(res: Results) -> list[str]:
    out = []
    for row, by_impl in res.failures.items():
        for impl, messages in by_impl.items():
            out.append(f"- {title(row)}, {impl}: {messages[0]}"
                       + (f" (and {len(messages) - 1} more)" if len(messages) > 1 else ""))
    return ["", "Failures:", ""] + out if out else []


def machine_lines(machine: dict) -> list[str]:
    return [f"- {key}: {value}" for key, value in machine.items()]


def render(res: Results, machine: dict, command: str) -> str:
    parts = [START, "", f"Measured with `{command}`; all times in seconds, median "
             "(min–max) of the runs; ratios are of medians. The floor is the best pool "
             "size [in brackets] of bench/floor.py.", "", *machine_lines(machine), "",
             *table(res), "", *floor_detail(res), *failures(res), "", END]
    return "\n".join(parts) + "\n"


SKELETON = """# Benchmarks

Reproduce with the command in the README's "Benchmarks" section.

{block}
## Where the time goes

(profile findings go here; this part is kept when the table is regenerated)
"""


def write(path: Path, block: str) -> None:
    """Put the generated block into path, keeping everything outside the markers."""
    if path.exists():
        text = path.read_text()
        if START in text and END in text:
            before, _, rest = text.partition(START)
            _, _, after = rest.partition(END)
            path.write_text(before + block.rstrip("\n") + after)
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SKELETON.format(block=block))
