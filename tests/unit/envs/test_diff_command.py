"""`composer diff A B` on the example: every differing key, exit status, json, colour."""
from __future__ import annotations

import json

from envhelpers import write_files
from support import ROOT

from composer.keypath import render
from composer.loader import LoadOptions, load

EXAMPLE = ROOT / "examples" / "compose" / "environments"


def leaves(value, path=()):
    """Every leaf key path of a config, with its value."""
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list) and value:
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))
    else:
        yield render(path), json.dumps(value)


def canonical(name: str) -> dict:
    return load(LoadOptions(cwd=str(EXAMPLE), environ={}, env_name=name)).canonical


def covered(path: str, by: set[str]) -> bool:
    return any(path == p or path.startswith(p + ".") or path.startswith(p + "[") for p in by)


def test_diff_staging_prod_names_every_key_that_differs(composer):
    done = composer("diff", "staging", "prod", "--format", "json", cwd=EXAMPLE)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["from"] == "staging" and report["to"] == "prod" and not report["equal"]
    named = {c["path"] for c in report["changes"]}
    a, b = dict(leaves(canonical("staging"))), dict(leaves(canonical("prod")))
    differing = {p for p in set(a) | set(b) if a.get(p) != b.get(p)}
    assert differing and all(covered(p, named) for p in differing)
    assert all(any(covered(p, {n}) for p in differing) for n in named)  # nothing extra
    changes = {c["path"]: c for c in report["changes"]}
    assert changes["services.worker.deploy.replicas"] == {
        "path": "services.worker.deploy.replicas", "change": "changed", "from": 1, "to": 2}
    assert changes["services.probe"]["change"] == "added"
    assert changes["services.web.restart"] == {"path": "services.web.restart",
                                               "change": "added", "to": "always"}


def test_diff_text_form_and_removed_keys(composer):
    done = composer("diff", "prod", "base", cwd=EXAMPLE)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["--- prod", "+++ base"]
    assert '~ services.web.environment.LOG_LEVEL: "warn" → "debug"' in lines
    assert any(line.startswith("- services.worker: {") for line in lines)
    assert "\x1b[" not in done.stdout            # no colour when piped


def test_diff_is_coloured_with_ansi_always(composer):
    done = composer("--ansi", "always", "diff", "base", "staging", cwd=EXAMPLE)
    assert done.returncode == 1
    assert "\x1b[32m+ services.worker:" in done.stdout
    assert "\x1b[33m~ services.web.environment.GREETING: " in done.stdout


def test_equal_environments_exit_0(composer, tmp_path):
    write_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x:${T}\n",
                           ".env": "T=1\n", ".env.same": "T=1\n"})
    done = composer("diff", "base", "same", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "no differences between base and same\n"
    done = composer("diff", "base", "same", "--format", "json", cwd=tmp_path)
    assert json.loads(done.stdout) == {"from": "base", "to": "same", "equal": True,
                                       "changes": []}


def test_unknown_environment_exits_2(composer):
    done = composer("diff", "staging", "qa", cwd=EXAMPLE)
    assert done.returncode == 2
    assert "unknown environment 'qa'; known environments: base, prod, staging" in done.stderr
