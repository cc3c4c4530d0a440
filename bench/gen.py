"""Generate benchmark projects as folders holding compose files.

    .venv/bin/python -m bench.gen KIND N DIR     # KIND: independent, chain, dag, large, health

Every runnable service uses `busybox:latest` with `init: true` and a long sleep, so that
`down` measures orchestration, not a process ignoring SIGTERM. Shapes:

- independent(n)  n services with no dependencies
- chain(n)        s000 ← s001 ← … : each service depends on the one before (depth n)
- dag(n)          layers of width ⌈√n⌉; each service depends on two of the layer above
- health(n)       a chain of depth n gated by `service_healthy`; every service has a fast
                  healthcheck, so the gap "dependency healthy → dependent started" shows
- large(n)        n services using many keys: environment maps and lists, labels, long and
                  short ports and volumes, healthchecks, `x-` anchors merged with `<<`,
                  interpolation from `.env`, plus `compose.override.yaml` (for `config`)

Files are written as text (no YAML library), so the output is byte-for-byte stable.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

from bench.gen_large import large

IMAGE = "busybox:latest"
SLEEP = '["sleep", "86400"]'


def name(i: int) -> str:
    return f"s{i:03d}"


def _service(i: int, depends: list[str] = (), condition: str | None = None,
             extra: str = "") -> str:
    lines = [f"  {name(i)}:", f"    image: {IMAGE}", "    init: true", f"    command: {SLEEP}"]
    if depends and condition:
        lines.append("    depends_on:")
        for d in depends:
            lines += [f"      {d}:", f"        condition: {condition}"]
    elif depends:
        lines.append("    depends_on: [" + ", ".join(depends) + "]")
    return "\n".join(lines) + "\n" + extra


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (folder / rel).write_text(text)
    return folder


def independent(folder: Path, n: int) -> Path:
    body = "".join(_service(i) for i in range(n))
    return _write(folder, {"compose.yaml": "services:\n" + body})


def chain(folder: Path, n: int) -> Path:
    body = "".join(_service(i, [name(i - 1)] if i else []) for i in range(n))
    return _write(folder, {"compose.yaml": "services:\n" + body})


def dag_layers(n: int) -> list[list[int]]:
    """Service indexes by layer: width ⌈√n⌉, the last layer possibly narrower."""
    width = max(1, math.isqrt(n - 1) + 1) if n > 1 else 1
    return [list(range(start, min(start + width, n))) for start in range(0, n, width)]


def dag_edges(n: int) -> dict[int, list[int]]:
    """Each service depends on two services of the layer above (one if it has one)."""
    layers = dag_layers(n)
    edges: dict[int, list[int]] = {i: [] for i in range(n)}
    for above, layer in zip(layers, layers[1:]):
        for k, i in enumerate(layer):
            picks = {above[k % len(above)], above[(k + 1) % len(above)]}
            edges[i] = sorted(picks)
    return edges


def dag(folder: Path, n: int) -> Path:
    edges = dag_edges(n)
    body = "".join(_service(i, [name(d) for d in edges[i]]) for i in range(n))
    return _write(folder, {"compose.yaml": "services:\n" + body})


HEALTH = """    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
      timeout: 2s
      retries: 30
"""


def health(folder: Path, n: int) -> Path:
    body = "".join(_service(i, [name(i - 1)] if i else [], "service_healthy", HEALTH)
                   for i in range(n))
    return _write(folder, {"compose.yaml": "services:\n" + body})


def health_edges(n: int) -> list[tuple[str, str]]:
    """(dependency, dependent) pairs of the health chain."""
    return [(name(i - 1), name(i)) for i in range(1, n)]


KINDS = {"independent": independent, "chain": chain, "dag": dag, "health": health,
         "large": large}


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in KINDS:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    KINDS[argv[0]](Path(argv[2]), int(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
