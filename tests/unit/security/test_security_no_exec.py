"""`.env` values and interpolated compose values are text, never commands: `$(…)` and
backticks stay as written, as docker compose v2.40.3 keeps them (`config` output below is
what `docker compose config` prints for the same files), and nothing is run."""
from support import run_composer


def test_command_substitution_is_kept_literally_and_never_run(tmp_path):
    m = tmp_path / "ran"
    (tmp_path / ".env").write_text(
        f"A=$(touch {m}1)\nB=`touch {m}2`\nC=\"$(touch {m}3)\"\nD='`touch {m}4`'\n")
    (tmp_path / "compose.yaml").write_text(f"""\
services:
  s:
    image: busybox
    environment:
      A: ${{A}}
      B: ${{B}}
      C: ${{C}}
      D: ${{D}}
      E: "$(touch {m}5)"
      F: "`touch {m}6`"
    labels:
      x: ${{NOPE:-$(touch {m}7)}}
""")
    res = run_composer("-p", "sec", "config", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout == f"""\
name: sec
services:
  s:
    environment:
      A: $$(touch {m}1)
      B: '`touch {m}2`'
      C: $$(touch {m}3)
      D: '`touch {m}4`'
      E: $$(touch {m}5)
      F: '`touch {m}6`'
    image: busybox
    labels:
      x: $$(touch {m}7)
    networks:
      default: null
networks:
  default:
    name: sec_default
"""
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env", "compose.yaml"]
