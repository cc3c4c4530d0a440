"""The example web app on the real engine: up → serve → down -v leaves nothing."""
from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from support import ROOT, leftovers

WEBAPP = ROOT / "examples" / "compose" / "webapp"


def published_port(client, project: str, service: str, target: str) -> int:
    c = client.containers.list(filters={"label": [f"com.docker.compose.project={project}",
                                                  f"com.docker.compose.service={service}"]})[0]
    return int(c.attrs["NetworkSettings"]["Ports"][target][0]["HostPort"])


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


def test_webapp_up_serves_and_down_leaves_nothing(composer, project_name, docker_client, tmp_path):
    # publish on a free port, so that a running demo on 9009 does not get in the way
    override = tmp_path / "ports.yaml"
    override.write_text('services:\n  web:\n    ports: !override ["127.0.0.1::9009"]\n')
    args = ["-p", project_name, "-f", str(WEBAPP / "compose.yaml"), "-f", str(override)]
    up = composer(*args, "up", "-d", "--build", "--wait")
    assert up.returncode == 0, up.stderr
    port = published_port(docker_client, project_name, "web", "9009/tcp")
    assert "<html" in get(f"http://127.0.0.1:{port}/hello").lower()
    assert "pong" in json.loads(get(f"http://127.0.0.1:{port}/api/ping")).values()
    # web reaches api by the link's alias (`links: [api:backend]`)
    hits = json.loads(get(f"http://127.0.0.1:{port}/cgi-bin/hits"))
    assert hits["service"] == "api" and hits["hits"] >= 1, hits

    state = leftovers(docker_client, project_name)
    assert sorted(state["containers"]) == [f"{project_name}-api-1", f"{project_name}-web-1"]
    assert state["networks"] == [f"{project_name}_default"]
    assert state["volumes"] == [f"{project_name}_logvolume01"]

    # the dependency (api, reached through the link) started before web
    api = docker_client.containers.get(f"{project_name}-api-1").attrs["State"]["StartedAt"]
    web = docker_client.containers.get(f"{project_name}-web-1").attrs["State"]["StartedAt"]
    assert api < web

    down = composer(*args, "down", "-v", "--rmi", "local")   # the images it built go too
    assert down.returncode == 0, down.stderr
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}


def test_labels_are_the_ones_docker_compose_sets(composer, project_name, docker_client, write):
    compose = write("compose.yaml", "services:\n  a:\n    image: busybox:latest\n"
                    "    command: sleep 300\n    init: true\n")
    assert composer("-p", project_name, "up", "-d", cwd=compose.parent).returncode == 0
    c = docker_client.containers.get(f"{project_name}-a-1")
    labels = c.labels
    for key, want in {"com.docker.compose.project": project_name,
                      "com.docker.compose.service": "a",
                      "com.docker.compose.container-number": "1",
                      "com.docker.compose.oneoff": "False",
                      "com.docker.compose.project.working_dir": str(compose.parent),
                      "com.docker.compose.project.config_files": str(compose)}.items():
        assert labels[key] == want
    assert len(labels["com.docker.compose.config-hash"]) == 64
    assert labels["com.docker.compose.version"]
    net = docker_client.networks.get(f"{project_name}_default")
    assert net.attrs["Labels"]["com.docker.compose.network"] == "default"


def test_cycle_is_rejected_before_the_engine_is_touched(composer, project_name, docker_client,
                                                        write):
    compose = write("compose.yaml", "services:\n  a: {image: busybox:latest, depends_on: [b]}\n"
                    "  b: {image: busybox:latest, depends_on: [a]}\n")
    up = composer("-p", project_name, "up", "-d", cwd=compose.parent)
    assert up.returncode == 1
    assert "dependency cycle between services: a -> b -> a" in up.stderr
    assert "Traceback" not in up.stderr
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}
