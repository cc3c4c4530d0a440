"""Removing a network the engine says is in use: named users are an error at once; with
no container attached (a stale endpoint of a busy engine) it is tried again for a while,
then named as stale. The engine cannot be made to do this on demand, hence a stand-in API."""
from __future__ import annotations

import docker.errors
import pytest

from composer.engine.docker_resources import ResourceOps
from composer.errors import NetworkInUse

IN_USE = docker.errors.APIError(
    "403", explanation="error while removing network: network p_default id 1f has active "
                       "endpoints")


class FakeAPI:
    def __init__(self, refusals: int, containers: dict):
        self.refusals = refusals
        self.containers = containers
        self.calls = 0

    def remove_network(self, ref):
        self.calls += 1
        if self.calls <= self.refusals:
            raise IN_USE

    def inspect_network(self, ref):
        return {"Containers": self.containers}


def _ops(api):
    ops = ResourceOps()
    ops.api = api
    return ops


def test_a_stale_endpoint_that_clears_is_waited_out():
    api = FakeAPI(refusals=2, containers={})
    _ops(api).remove_network("p_default", "1f", settle=5)
    assert api.calls == 3


def test_a_stale_endpoint_that_stays_is_named_as_such():
    api = FakeAPI(refusals=99, containers={})
    with pytest.raises(NetworkInUse, match="no container is attached .a stale endpoint."):
        _ops(api).remove_network("p_default", "1f", settle=0.5)
    assert api.calls >= 2


def test_a_container_still_attached_is_named_at_once():
    api = FakeAPI(refusals=99, containers={"abc": {"Name": "other-1"}})
    with pytest.raises(NetworkInUse, match="still in use by other-1;"):
        _ops(api).remove_network("p_default", "1f", settle=5)
    assert api.calls == 1
