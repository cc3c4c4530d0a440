"""Convergence verdicts from one reading of a service and its tasks."""
from __future__ import annotations

import pytest

from composer.engine.swarm_names import SPEC_HASH
from composer.engine.swarm_state import SwarmNode
from composer.engine.swarm_wait import eligible_nodes, evaluate, wait_converged
from composer.errors import EngineError

NEW = {"ContainerSpec": {"Image": "busybox", "Env": ["A=2"]}, "ForceUpdate": 0}
OLD = {"ContainerSpec": {"Image": "busybox", "Env": ["A=1"]}, "ForceUpdate": 0}
NODES = [SwarmNode(id="n1", hostname="a", role="manager", ready=True, active=True,
                   labels={"zone": "x"}),
         SwarmNode(id="n2", hostname="b", role="worker", ready=True, active=True),
         SwarmNode(id="n3", hostname="c", role="worker", ready=False, active=True)]


def service(replicas=2, template=NEW, update=None, mode=None, spec_hash="h1"):
    spec = {"Labels": {SPEC_HASH: spec_hash}, "TaskTemplate": {**template, "Runtime": "container"},
            "Mode": mode or {"Replicated": {"Replicas": replicas}}}
    return {"Spec": spec, **({"UpdateStatus": update} if update else {})}


def task(state="running", desired="running", template=NEW, err="", stamp="2024-01-01T00:00:01Z"):
    return {"Spec": template, "DesiredState": desired,
            "Status": {"State": state, "Err": err, "Timestamp": stamp}}


def test_converged_when_all_current_tasks_run():
    p = evaluate(service(), [task(), task(), task("shutdown", "shutdown", OLD)], NODES, "h1")
    assert (p.state, p.text()) == ("converged", "2/2 running")


def test_an_older_task_still_wanted_means_converging():
    p = evaluate(service(), [task(), task("starting"), task(template=OLD)], NODES, "h1")
    assert (p.state, p.running, p.desired) == ("converging", 1, 2)


def test_an_update_in_progress_means_converging():
    p = evaluate(service(update={"State": "updating"}), [task(), task()], NODES, "h1")
    assert p.state == "converging"


def test_repeated_failures_fail_with_the_latest_task_error():
    tasks = [task("failed", "shutdown", err="task: non-zero exit (1)", stamp="2024-01-01T00:00:01Z"),
             task("failed", "shutdown", err="task: non-zero exit (2)", stamp="2024-01-01T00:00:03Z"),
             task("rejected", "shutdown", err="No such image: x", stamp="2024-01-01T00:00:02Z"),
             task("starting")]
    p = evaluate(service(), tasks, NODES, "h1")
    assert (p.state, p.error) == ("failed", "task: non-zero exit (2)")


def test_failed_tasks_of_an_older_spec_do_not_count():
    tasks = [task("failed", "shutdown", OLD, err="boom")] * 3 + [task(), task()]
    assert evaluate(service(), tasks, NODES, "h1").state == "converged"


def test_failed_with_nothing_retrying_is_stuck():
    p = evaluate(service(replicas=1), [task("failed", "shutdown", err="exit 1")], NODES, "h1")
    assert (p.state, p.error) == ("stuck", "exit 1")


def test_a_paused_update_fails():
    p = evaluate(service(update={"State": "paused", "Message": "update paused due to failure"}),
                 [task("failed", "shutdown", err="exit 3")], NODES, "h1")
    assert p.state == "failed"
    assert p.error == "the update was paused: update paused due to failure; last task error: exit 3"


def test_a_rolled_back_spec_fails():
    p = evaluate(service(spec_hash="h0", update={"State": "rollback_completed",
                                                 "Message": "rollback completed"}),
                 [task(), task()], NODES, "h1")
    assert (p.state, p.error) == ("failed", "the service was rolled back: rollback completed")


def test_a_pending_task_reports_its_scheduling_error():
    p = evaluate(service(), [task(), task("pending", err="no suitable node")], NODES, "h1")
    assert (p.state, p.pending) == ("converging", "no suitable node")
    assert p.text() == "1/2 running (no suitable node)"


def test_global_services_want_one_task_per_eligible_node():
    g = service(mode={"Global": {}})
    assert evaluate(g, [task(), task()], NODES, "h1").state == "converged"
    assert eligible_nodes(NODES, ["node.role==manager"]) == 1
    assert eligible_nodes(NODES, ["node.role != manager"]) == 1
    assert eligible_nodes(NODES, ["node.labels.zone == x", "node.hostname==a"]) == 1
    assert eligible_nodes(NODES, ["node.labels.zone==y"]) == 0


def test_wait_returns_after_settling_and_raises_with_the_error():
    readings = iter([(service(), [task("starting"), task()])] + [(service(), [task(), task()])] * 5)
    seen = []
    wait_converged(lambda: next(readings), lambda: NODES, "h1", timeout=5,
                   log=seen.append, settle=0.01, poll=0.01)
    assert seen[:2] == ["1/2 running", "2/2 running"]
    failing = [task("failed", "shutdown", err="task: non-zero exit (1)")] * 3
    with pytest.raises(EngineError, match=r"^cannot converge: task: non-zero exit \(1\)$"):
        wait_converged(lambda: (service(), failing), lambda: NODES, "h1", timeout=5,
                       log=seen.append, poll=0.01)


def test_wait_gives_up_on_a_task_that_cannot_be_scheduled():
    stuck = [task(), task("pending", err="no suitable node (max replicas per node limit exceed)")]
    with pytest.raises(EngineError, match="a task cannot be scheduled: no suitable node"):
        wait_converged(lambda: (service(), stuck), lambda: NODES, "h1", timeout=5,
                       log=lambda _: None, pending_grace=0.05, poll=0.01)


def test_wait_times_out():
    slow = [task("starting"), task("starting")]
    with pytest.raises(EngineError, match=r"did not converge within 0.05s \(0/2 running\)"):
        wait_converged(lambda: (service(), slow), lambda: NODES, "h1", timeout=0.05,
                       log=lambda _: None, poll=0.01)
