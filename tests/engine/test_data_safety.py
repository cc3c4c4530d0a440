"""What composer must never destroy: objects of others (no compose labels, or a container
holding the project's network), named and anonymous volumes across down/up and recreate,
external volumes on `down -v`, and images other than the ones `--rmi` names."""
from __future__ import annotations

import docker.errors
import pytest

from support import leftovers, sweep
from enginehelp import LABEL, containers, ok

NAMED = """
services:
  app:
    image: busybox:latest
    command: sleep 300
    init: true
    volumes: [data:/data, /anon, ext:/ext]
volumes:
  data: {}
  ext: {external: true, name: %s}
"""


@pytest.fixture
def foreign(docker_client, project_name):
    """Objects made directly with the SDK (no compose labels); removed after the test, once
    the project's containers (which may use them) are gone."""
    made = []
    yield made
    sweep(docker_client, project_name)
    for obj in reversed(made):
        try:
            obj.remove(force=True) if hasattr(obj, "kill") else obj.remove()
        except docker.errors.APIError:
            pass


def _sh(composer, project, folder, script):
    return ok(composer("-p", project, "exec", "-T", "app", "sh", "-c", script, cwd=folder))


# -- objects that are not the project's ---------------------------------------------------------

def test_container_name_taken_by_a_foreign_container(composer, project_name, docker_client,
                                                     write, foreign):
    taken = f"{project_name}-mine"
    other = docker_client.containers.run("busybox:latest", "sleep 300", detach=True,
                                         init=True, name=taken)
    foreign.append(other)
    folder = write("compose.yaml", "services:\n  web:\n    image: busybox:latest\n"
                   f"    container_name: {taken}\n    command: sleep 300\n").parent
    up = composer("-p", project_name, "up", "-d", cwd=folder)
    assert up.returncode == 1
    assert "Traceback" not in up.stderr
    assert f"service web: container name {taken} is taken" in up.stderr
    assert f"does not belong to project {project_name}" in up.stderr
    other.reload()
    assert (other.id, other.status, other.name) == (foreign[0].id, "running", taken)
    ok(composer("-p", project_name, "down", "-v", cwd=folder))
    other.reload()
    assert other.status == "running"


def test_down_leaves_unlabelled_objects_named_like_the_project(composer, project_name,
                                                               docker_client, write, foreign):
    net = docker_client.networks.create(f"{project_name}_default")
    vol = docker_client.volumes.create(f"{project_name}_data")
    box = docker_client.containers.create("busybox:latest", "true",
                                          name=f"{project_name}-app-1")
    foreign.extend([box, net, vol])
    folder = write("compose.yaml", NAMED % "unused").parent
    down = ok(composer("-p", project_name, "down", "-v", "--remove-orphans", cwd=folder))
    assert "Remov" not in down
    for obj in (net, vol, box):
        obj.reload()    # raises NotFound if it went


def test_up_refuses_a_foreign_network_with_the_projects_name(composer, project_name,
                                                             docker_client, write, foreign):
    net = docker_client.networks.create(f"{project_name}_default")
    foreign.append(net)
    folder = write("compose.yaml", "services:\n  web: {image: busybox:latest, "
                   "command: sleep 300, init: true}\n").parent
    up = composer("-p", project_name, "up", "-d", cwd=folder)
    assert up.returncode == 1, up.stderr
    assert f"network {project_name}_default already exists and does not belong" in up.stderr
    ok(composer("-p", project_name, "down", cwd=folder))
    net.reload()


def test_down_names_the_container_that_holds_the_network(composer, project_name,
                                                         docker_client, write, foreign):
    folder = write("compose.yaml", "services:\n  web: {image: busybox:latest, "
                   "command: sleep 300, init: true}\n").parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    holder = docker_client.containers.run("busybox:latest", "sleep 300", detach=True,
                                          init=True, name=f"{project_name}-holder",
                                          network=f"{project_name}_default")
    foreign.append(holder)
    down = composer("-p", project_name, "down", cwd=folder)
    text = down.stdout + down.stderr
    assert down.returncode == 0 and "Traceback" not in text, text
    assert f"network {project_name}_default is still in use by {project_name}-holder" in text
    assert f"Network {project_name}_default  Resource is still in use" in text
    assert f"Network {project_name}_default  Removed" not in text
    holder.reload()
    assert holder.status == "running"
    assert leftovers(docker_client, project_name)["networks"] == [f"{project_name}_default"]
    docker_client.networks.get(f"{project_name}_default").disconnect(holder)
    down = ok(composer("-p", project_name, "down", cwd=folder))
    assert f"Network {project_name}_default  Removed" in down
    assert leftovers(docker_client, project_name)["networks"] == []


# -- volumes ----------------------------------------------------------------------------------

def test_named_volume_survives_down_and_up(composer, project_name, docker_client, write,
                                           foreign):
    ext = docker_client.volumes.create(f"{project_name}-ext")
    foreign.append(ext)
    folder = write("compose.yaml", NAMED % ext.name).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    _sh(composer, project_name, folder, "echo kept > /data/f; echo ext > /ext/f")
    ok(composer("-p", project_name, "down", cwd=folder))
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert _sh(composer, project_name, folder, "cat /data/f /ext/f") .split() == ["kept", "ext"]


def test_a_foreign_volume_with_the_projects_name_is_used_and_kept(composer, project_name,
                                                                 docker_client, write,
                                                                 foreign):
    vol = docker_client.volumes.create(f"{project_name}_data")
    foreign.append(vol)
    folder = write("compose.yaml", NAMED.replace(", ext:/ext", "") % "unused").parent
    up = ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert f'volume "{project_name}_data" already exists but was not created' in up
    assert f"Volume {project_name}_data  Created" not in up
    _sh(composer, project_name, folder, "echo theirs > /data/f")
    ok(composer("-p", project_name, "down", "-v", cwd=folder))
    vol.reload()
    assert vol.attrs["Labels"] in (None, {})
    check = docker_client.containers.run("busybox:latest", "cat /data/f", remove=True,
                                         volumes={vol.name: {"bind": "/data"}})
    assert check.strip() == b"theirs"


def test_down_v_removes_only_the_projects_volumes(composer, project_name, docker_client,
                                                  write, foreign):
    ext = docker_client.volumes.create(f"{project_name}-ext")
    stranger = docker_client.volumes.create(f"{project_name}_other")
    foreign.extend([ext, stranger])
    folder = write("compose.yaml", NAMED % ext.name).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    anon = [m["Name"] for m in containers(docker_client, project_name)[
        f"{project_name}-app-1"].attrs["Mounts"] if m["Destination"] == "/anon"]
    down = ok(composer("-p", project_name, "down", "-v", cwd=folder))
    assert ext.name not in down
    ext.reload()
    stranger.reload()
    assert leftovers(docker_client, project_name)["volumes"] == []
    assert not docker_client.volumes.list(filters={"name": anon[0]})


def test_anonymous_volume_survives_a_recreate(composer, project_name, docker_client, write):
    folder = write("compose.yaml", NAMED.replace(", ext:/ext", "") % "unused").parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    first = containers(docker_client, project_name)[f"{project_name}-app-1"].id
    _sh(composer, project_name, folder, "echo anon > /anon/f")
    ok(composer("-p", project_name, "up", "-d", "--force-recreate", cwd=folder))
    assert containers(docker_client, project_name)[f"{project_name}-app-1"].id != first
    assert _sh(composer, project_name, folder, "cat /anon/f").strip() == "anon"
    write("compose.yaml", NAMED.replace(", ext:/ext", "").replace("sleep 300", "sleep 301")
          % "unused")
    ok(composer("-p", project_name, "up", "-d", cwd=folder))     # a config change too
    assert _sh(composer, project_name, folder, "cat /anon/f").strip() == "anon"


# -- images -----------------------------------------------------------------------------------

BUILT = """
services:
  plain:
    build: {context: ., dockerfile_inline: "FROM busybox:latest\\nRUN echo %(p)s > /p"}
    command: sleep 300
    init: true
  tagged:
    build: {context: ., dockerfile_inline: "FROM busybox:latest\\nRUN echo %(p)s > /t"}
    image: %(p)s-custom:v1
    command: sleep 300
    init: true
"""


def _image(client, ref):
    try:
        return client.images.get(ref).id
    except docker.errors.ImageNotFound:
        return None


@pytest.mark.parametrize("rmi, plain_gone, tagged_gone", [("local", True, False),
                                                         ("all", True, True)])
def test_down_rmi(composer, project_name, docker_client, write, rmi, plain_gone, tagged_gone):
    folder = write("compose.yaml", BUILT % {"p": project_name}).parent
    ok(composer("-p", project_name, "up", "-d", "--build", cwd=folder))
    plain, tagged = f"{project_name}-plain", f"{project_name}-custom:v1"
    assert _image(docker_client, plain) and _image(docker_client, tagged)
    busybox = _image(docker_client, "busybox:latest")
    try:
        down = ok(composer("-p", project_name, "down", "--rmi", rmi, cwd=folder))
        assert (f"Image {plain}:latest  Removed" in down) == plain_gone
        assert (f"Image {tagged}  Removed" in down) == tagged_gone
        assert (_image(docker_client, plain) is None) == plain_gone
        assert (_image(docker_client, tagged) is None) == tagged_gone
        assert _image(docker_client, "busybox:latest") == busybox
    finally:
        for ref in (plain, tagged):
            if _image(docker_client, ref):
                docker_client.images.remove(ref, force=True)


def test_a_missing_external_network_or_volume_stops_up_before_anything_is_made(
        composer, project_name, docker_client, write, foreign):
    net, vol = f"{project_name}-extnet", f"{project_name}-extvol"
    folder = write("compose.yaml", f"""
services:
  app: {{image: busybox:latest, command: sleep 300, init: true, networks: [ext],
        volumes: [vol:/v]}}
  other: {{image: busybox:latest, command: sleep 300, init: true}}
networks:
  ext: {{external: true, name: {net}}}
volumes:
  vol: {{external: true, name: {vol}}}
""").parent
    res = composer("-p", project_name, "up", "-d", cwd=folder)
    assert res.returncode == 1
    assert res.stderr.splitlines() == [
        f"error: compose.yaml:7:3: networks.ext: network {net} declared as external, but "
        f"could not be found (create it first: docker network create {net})",
        f'compose.yaml:9:3: volumes.vol: external volume "{vol}" not found (create it '
        f"first: docker volume create {vol})"]
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}
    foreign.append(docker_client.networks.create(net))
    foreign.append(docker_client.volumes.create(vol))
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert docker_client.containers.get(f"{project_name}-app-1").status == "running"
