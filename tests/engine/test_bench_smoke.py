"""The benchmark harness at smoke size: it must run and write its table (never a time)."""
from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys

from support import ROOT, leftovers


def _impls() -> list[str]:
    impls = ["--impl", f"composer={shlex.quote(sys.executable)} -m composer"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        impls += ["--impl", "docker compose=docker compose"]
    return impls


def test_smoke_run_writes_the_table_and_leaves_nothing(docker_client, tmp_path):
    out, raw = tmp_path / "RESULTS.md", tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--smoke", "--out", str(out),
                           "--json", str(raw), *_impls()],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]

    text = out.read_text()
    assert "<!-- bench:results:start -->" in text and "<!-- bench:results:end -->" in text
    for title in ("start-up (`version`)", "`config`, 3 services", "cold `up -d`, 2 independent",
                  "no-op `up -d`, 2 running", "`down`, 2 services", "layered DAG of 4",
                  "chain of depth 3", "health gate: dependency healthy"):
        assert title in text, title

    data = json.loads(raw.read_text())
    assert not data["failures"]
    assert data["samples"]["up-indep-2"].keys() >= {"composer", "floor p=2"}
    assert data["samples"]["health-gap"]["composer"]
    assert data["projects"]
    for project in data["projects"]:
        assert leftovers(docker_client, project) == {"containers": [], "networks": [],
                                                     "volumes": []}
