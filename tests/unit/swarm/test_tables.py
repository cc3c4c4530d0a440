"""Rows of stack ls / services / ps from the engine's listings."""
from __future__ import annotations

from composer.engine.swarm_names import NAMESPACE
from composer.swarmtables import ls_rows, ps_rows, services_rows
from swarmhelp import NODE


def svc(sid, name, stack, mode=None, running=1, desired=1, ports=()):
    return {"ID": sid, "Spec": {"Name": name, "Labels": {NAMESPACE: stack},
                                "Mode": mode or {"Replicated": {"Replicas": desired}},
                                "TaskTemplate": {"ContainerSpec": {"Image": "busybox@sha256:ab"}}},
            "ServiceStatus": {"RunningTasks": running, "DesiredTasks": desired},
            "Endpoint": {"Ports": list(ports)}}


def test_ls_counts_services_per_stack():
    rows = ls_rows([svc("1", "a_x", "a"), svc("2", "a_y", "a"), svc("3", "b_x", "b")])
    assert rows == [{"Name": "a", "Services": "2"}, {"Name": "b", "Services": "1"}]


def test_services_rows():
    rows = services_rows([svc("abcdefabcdef123", "a_web", "a", running=1, desired=2,
                              ports=[{"PublishedPort": 8080, "TargetPort": 80,
                                      "Protocol": "tcp"}]),
                          svc("2", "a_agent", "a", mode={"Global": {}})])
    assert rows == [
        {"ID": "2", "Name": "a_agent", "Mode": "global", "Replicas": "1/1", "Image": "busybox",
         "Ports": ""},
        {"ID": "abcdefabcdef", "Name": "a_web", "Mode": "replicated", "Replicas": "1/2",
         "Image": "busybox", "Ports": "*:8080->80/tcp"}]


def test_ps_rows_newest_task_of_a_slot_first():
    spec = {"ContainerSpec": {"Image": "busybox"}}
    tasks = [{"ID": "old", "ServiceID": "1", "Slot": 1, "NodeID": "n1", "Spec": spec,
              "CreatedAt": "2024-01-01T00:00:00Z", "DesiredState": "shutdown",
              "Status": {"State": "failed", "Err": "exit 1", "Timestamp": "2024-01-01T00:00:01Z"}},
             {"ID": "new", "ServiceID": "1", "Slot": 1, "NodeID": "n1", "Spec": spec,
              "CreatedAt": "2024-01-01T00:00:02Z", "DesiredState": "running",
              "Status": {"State": "running", "Timestamp": "2024-01-01T00:00:03Z",
                         "PortStatus": {"Ports": [{"PublishedPort": 30001, "TargetPort": 80}] * 2}}}]
    rows = ps_rows(tasks, [svc("1", "a_web", "a")], [NODE])
    assert [(r["ID"], r["Name"], r["Node"], r["DesiredState"], r["Error"], r["Ports"])
            for r in rows] == [("new", "a_web.1", "node1", "Running", "", "*:30001->80/tcp"),
                               ("old", " \\_ a_web.1", "node1", "Shutdown", "exit 1", "")]
    assert rows[0]["CurrentState"].startswith("Running ")
