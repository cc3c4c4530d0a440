"""Secrets inside the container, as docker compose v2.40.3 puts them there: a file secret
is bind-mounted read-only as the host file is (its uid/gid/mode are ignored, with docker
compose's warning); an environment secret is written with the mode, uid and gid given."""
from __future__ import annotations

from enginehelp import ok
from support import run_composer

COMPOSE = """
services:
  a:
    image: busybox:latest
    command:
      - sh
      - -c
      - >-
        stat -c '%n %a %u %g' /run/secrets/s /run/secrets/e;
        grep ' /run/secrets/s ' /proc/mounts | cut -d' ' -f4 | cut -d, -f1;
        (echo x > /run/secrets/s) 2>/dev/null && echo s-writable || echo s-readonly;
        cat /run/secrets/s
    secrets:
      - source: s
        mode: 0400
        uid: "1000"
        gid: "1001"
      - source: e
        mode: 0440
        uid: "7"
        gid: "8"
secrets:
  s:
    file: ./s.txt
  e:
    environment: SECRET_VAR
"""


def test_secret_file_is_read_only_and_environment_secret_has_its_mode(project_name, write):
    folder = write("compose.yaml", COMPOSE).parent
    (folder / "s.txt").write_text("file-secret\n")
    (folder / "s.txt").chmod(0o640)
    res = run_composer("-p", project_name, "up", "--abort-on-container-exit", cwd=folder,
                       env={"SECRET_VAR": "env-secret"})
    out = ok(res)
    lines = [line.split("|", 1)[1].strip() for line in res.stdout.splitlines() if "|" in line]
    assert lines == [f"/run/secrets/s 640 {_ids(folder)}",
                     "/run/secrets/e 440 7 8", "ro", "s-readonly", "file-secret"]
    assert "secrets `uid`, `gid` and `mode` are not supported, they will be ignored" in out
    assert (folder / "s.txt").read_text() == "file-secret\n"
    assert "env-secret" not in out                      # progress output never shows it


def _ids(folder) -> str:
    st = (folder / "s.txt").stat()
    return f"{st.st_uid} {st.st_gid}"


UNSET = """
services:
  a:
    image: busybox:latest
    command: cat /run/secrets/set /run/secrets/unset
    secrets: [set, unset]
secrets:
  set:
    environment: SET_VAR
  unset:
    environment: UNSET_VAR
"""


def test_environment_secret_whose_variable_is_unset_is_an_error(project_name, write):
    folder = write("compose.yaml", UNSET).parent
    res = run_composer("-p", project_name, "up", "-d", cwd=folder,
                       env={"SET_VAR": "set-secret-4411"})
    assert res.returncode == 1
    assert (f'environment variable "UNSET_VAR" required by secret "{project_name}_unset" '
            "is not set") in res.stderr
    assert "Traceback" not in res.stderr
    assert "set-secret-4411" not in res.stdout + res.stderr


def test_plan_and_dry_run_leave_secret_values_out(project_name, write):
    folder = write("compose.yaml", COMPOSE).parent
    (folder / "s.txt").write_text("file-secret-5150\n")
    env = {"SECRET_VAR": "env-secret-5150"}
    for args in (["plan"], ["plan", "--format", "json"], ["up", "--dry-run"],
                 ["--dry-run", "up"]):
        res = run_composer("-p", project_name, *args, cwd=folder, env=env)
        assert res.returncode == 2, (args, res.stderr)
        assert "service:a:1 create" in res.stdout or '"create"' in res.stdout
        assert "5150" not in res.stdout + res.stderr, args
