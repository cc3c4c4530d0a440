"""A no-op `up -d` remembered (upmemo.py): the next identical one answers from the note,
and anything that would change the answer — a file, the environment, a container, an
image, another run — sends it the whole way, which then does what is needed."""
from __future__ import annotations

import fcntl
import io
import json
import os
import threading
import time
from pathlib import Path

from enginehelp import ids, ok, states

FILE = """
services:
  api:
    image: ${API_IMAGE:-busybox:latest}
    command: sleep 300
    init: true
    secrets: [token]
    environment: {MODE: "${MODE:-one}"}
  web: {image: busybox:latest, command: sleep 300, init: true, depends_on: [api]}
secrets:
  token: {file: ./token.txt}
"""


def _notes(project: str) -> dict[str, tuple[int, str, str]]:
    """note file → (mtime_ns, stdout, stderr noted), for the notes of `project`."""
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "composer" / "up-memo"
    out = {}
    for p in folder.glob("*.json") if folder.is_dir() else ():
        note = json.loads(p.read_text())
        if note.get("project") == project:
            out[p.name] = (p.stat().st_mtime_ns, note["stdout"], note["stderr"])
    return out


def _replayed(composer, project: str, folder: Path, env: dict | None = None,
              *more: str) -> tuple[bool, str]:
    """Run `up -d`; → (whether it answered from a note, its output). Answered from a note:
    no note written and the output is one noted. (A run that goes the whole way and
    changes nothing writes its note, new or anew; one that changes something prints so.)"""
    before = _notes(project)
    time.sleep(0.01)
    done = composer("-p", project, *more, "up", "-d", cwd=folder, env=env)
    out = ok(done)
    after = _notes(project)
    replayed = after == before and (done.stdout, done.stderr) in [
        (stdout, stderr) for _, stdout, stderr in before.values()]
    return replayed, out


def _plan_is_empty(composer, project: str, folder: Path, env: dict | None = None,
                   *more: str) -> bool:
    done = composer("-p", project, *more, "plan", cwd=folder, env=env)
    assert done.returncode in (0, 2), done.stderr
    return done.returncode == 0


def test_a_no_op_up_is_answered_from_its_note_until_something_changes(
        composer, project_name, docker_client, write):
    folder = write("compose.yaml", FILE).parent
    write("token.txt", "one\n")
    api, web = f"{project_name}-api-1", f"{project_name}-web-1"

    # the up that creates the project plans again when done and notes the no-op it found
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert len(_notes(project_name)) == 1
    first = ids(docker_client, project_name)
    replayed, out = _replayed(composer, project_name, folder)
    assert replayed and f" Container {api}  Running" in out
    whole_way = ok(composer("-p", project_name, "up", "-d", cwd=folder,
                            env={"COMPOSER_UP_MEMO": "0"}))
    assert out == whole_way                             # word for word what it would print
    assert _replayed(composer, project_name, folder)[0]
    assert ids(docker_client, project_name) == first

    # a file the config hash reads (a secret's content) changed: api is recreated
    write("token.txt", "two\n")
    assert not _replayed(composer, project_name, folder)[0]
    after = ids(docker_client, project_name)
    assert after[api] != first[api] and after[web] == first[web]
    assert _replayed(composer, project_name, folder)[0]

    # a variable the file interpolates: a different environment is a different question
    two = {"MODE": "two"}
    assert not _replayed(composer, project_name, folder, env=two)[0]
    recreated = ids(docker_client, project_name)
    assert recreated[api] != after[api]
    assert "MODE=two" in docker_client.containers.get(recreated[api]).attrs["Config"]["Env"]
    assert _replayed(composer, project_name, folder, env=two)[0]

    # a container stopped behind composer's back is started again
    docker_client.containers.get(recreated[web]).stop(timeout=0)
    assert not _plan_is_empty(composer, project_name, folder, env=two)
    assert not _replayed(composer, project_name, folder, env=two)[0]
    assert states(docker_client, project_name)[web] == "running"
    assert _replayed(composer, project_name, folder, env=two)[0]

    # an override file that appears is read
    write("compose.override.yaml", "services:\n  web:\n    environment: {EXTRA: '1'}\n")
    assert not _replayed(composer, project_name, folder, env=two)[0]
    assert ids(docker_client, project_name)[web] != recreated[web]
    assert _replayed(composer, project_name, folder, env=two)[0]
    assert _plan_is_empty(composer, project_name, folder, env=two)


def test_an_image_that_moved_to_another_id_recreates_its_users(
        composer, project_name, docker_client, write):
    tag = f"{project_name}-img:latest"
    folder = write("compose.yaml", FILE).parent
    write("token.txt", "one\n")
    env = {"API_IMAGE": tag}
    api = f"{project_name}-api-1"
    try:
        docker_client.images.get("busybox:latest").tag(tag)
        ok(composer("-p", project_name, "up", "-d", cwd=folder, env=env))
        assert _replayed(composer, project_name, folder, env=env)[0]
        before = ids(docker_client, project_name)[api]
        docker_client.images.build(
            fileobj=io.BytesIO(f"FROM busybox:latest\nLABEL moved={project_name}\n".encode()),
            tag=tag, rm=True)
        assert not _replayed(composer, project_name, folder, env=env)[0]
        assert ids(docker_client, project_name)[api] != before
    finally:
        ok(composer("-p", project_name, "down", cwd=folder, env=env))
        docker_client.images.remove(tag, force=True)


def test_another_run_holding_the_project_is_waited_for_not_answered_for(
        composer, project_name, docker_client, write):
    from composer.projectlock import lock_path

    folder = write("compose.yaml", FILE).parent
    write("token.txt", "one\n")
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert _replayed(composer, project_name, folder)[0]

    fd = os.open(lock_path(project_name), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    timer = threading.Timer(1.5, lambda: (fcntl.flock(fd, fcntl.LOCK_UN), os.close(fd)))
    timer.start()
    try:
        out = ok(composer("-p", project_name, "up", "-d", cwd=folder))
    finally:
        timer.join()
    assert f"waiting for another composer run on project {project_name}" in out


def test_composer_up_memo_0_leaves_no_note(composer, project_name, docker_client, write):
    folder = write("compose.yaml", FILE).parent
    write("token.txt", "one\n")
    off = {"COMPOSER_UP_MEMO": "0"}
    ok(composer("-p", project_name, "up", "-d", cwd=folder, env=off))
    ok(composer("-p", project_name, "up", "-d", cwd=folder, env=off))
    assert _notes(project_name) == {}


def test_files_reached_through_links_are_compared_where_the_system_found_them(
        composer, project_name, docker_client, write):
    """`-f extra.yaml` that links to the environment's own file is read once; when the
    link moves to another file, that file counts. And `link/../x` is x beside the link's
    target: a note that tidied the path would compare a file nobody read."""
    folder = write("compose.yaml", "services:\n  a:\n    image: busybox:latest\n"
                   "    command: sleep 300\n    init: true\n    env_file:\n"
                   "      - path: ${PWD:-.}/link/../app.env\n        required: false\n").parent
    write("compose.prod.yaml", "services: {a: {environment: {BAR: prod}}}\n")
    write("other.yaml", "services: {a: {environment: {BAZ: other}}}\n")
    (folder / "real" / "sub").mkdir(parents=True)
    (folder / "link").symlink_to("real/sub")
    (folder / "extra.yaml").symlink_to("compose.prod.yaml")
    env, more = {"PWD": str(folder)}, ("--env", "prod", "-f", "extra.yaml")
    a = f"{project_name}-a-1"
    try:
        ok(composer("-p", project_name, *more, "up", "-d", cwd=folder, env=env))
        assert _replayed(composer, project_name, folder, env, *more)[0]
        first = ids(docker_client, project_name)[a]

        (folder / "extra.yaml").unlink()
        (folder / "extra.yaml").symlink_to("other.yaml")
        assert not _replayed(composer, project_name, folder, env, *more)[0]
        second = ids(docker_client, project_name)[a]
        assert second != first
        assert "BAZ=other" in docker_client.containers.get(second).attrs["Config"]["Env"]
        assert _replayed(composer, project_name, folder, env, *more)[0]

        (folder / "real" / "app.env").write_text("V=two\n")     # link/../app.env
        assert not _replayed(composer, project_name, folder, env, *more)[0]
        third = ids(docker_client, project_name)[a]
        assert "V=two" in docker_client.containers.get(third).attrs["Config"]["Env"]
        assert _plan_is_empty(composer, project_name, folder, env, *more)
    finally:
        ok(composer("-p", project_name, *more, "down", cwd=folder, env=env))
