"""Secrets and configs versioned by content; networks as attachable overlays."""
from __future__ import annotations

import pytest

from composer.engine.swarm_names import NAMESPACE, SOURCE, versioned
from composer.engine.swarm_objects import desired_objects, network_spec, used_networks
from composer.errors import ConfigError
from swarmhelp import project

FILE = """
services:
  web:
    image: busybox
    secrets: [from_file, from_env]
    configs: [inline, ext]
secrets:
  from_file: {file: ./s.txt, labels: {owner: me}}
  from_env: {environment: TOKEN}
configs:
  inline: {content: "port=1"}
  ext: {external: true, name: shared_conf}
"""


def objects(tmp_path, secret="one", token="t1"):
    p = project(tmp_path, FILE, files={"s.txt": secret}, environ={"TOKEN": token})
    return desired_objects(p, "st", p.services.values())


def test_each_source_gives_its_content_and_labels(tmp_path):
    got = objects(tmp_path)
    assert got[("secret", "from_file")].data == b"one"
    assert got[("secret", "from_env")].data == b"t1"
    assert got[("config", "inline")].data == b"port=1"
    assert got[("secret", "from_file")].labels == {"owner": "me", NAMESPACE: "st",
                                                   SOURCE: "from_file"}
    ext = got[("config", "ext")]
    assert (ext.external, ext.name) == (True, "shared_conf")


def test_names_are_versioned_by_content(tmp_path):
    first = objects(tmp_path)
    same = objects(tmp_path)
    changed = objects(tmp_path, secret="two")
    name = first[("secret", "from_file")].name
    assert name.startswith("st_from_file-") and len(name) == len("st_from_file-") + 10
    assert same[("secret", "from_file")].name == name
    assert changed[("secret", "from_file")].name != name
    # the others did not change
    assert changed[("secret", "from_env")].name == first[("secret", "from_env")].name


def test_versioned_names_fit_the_engine_limit():
    assert len(versioned("x" * 80, "a" * 64)) == 64


def test_unset_environment_variable_is_an_error(tmp_path):
    p = project(tmp_path, FILE, files={"s.txt": "x"}, environ={})
    with pytest.raises(ConfigError, match="secrets.from_env.environment: environment "
                                          "variable TOKEN is not set"):
        desired_objects(p, "st", p.services.values())


def test_networks_are_attachable_overlays_labelled_with_the_stack(tmp_path):
    p = project(tmp_path, """
services:
  web: {image: busybox, networks: [front]}
networks:
  front:
    internal: true
    labels: {a: b}
    ipam: {config: [{subnet: 10.9.0.0/24}]}
  unused: {}
""")
    nets = used_networks(p, p.services.values())
    assert [n.key for n in nets] == ["front"]
    assert network_spec("st", nets[0]) == {
        "name": "st_front", "driver": "overlay", "attachable": True, "scope": "swarm",
        "internal": True, "labels": {"a": "b", NAMESPACE: "st"},
        "ipam": {"Driver": "default", "Config": [{"Subnet": "10.9.0.0/24"}], "Options": {}}}
