"""Executor ordering and cancellation, on an in-memory engine (what the engine does is
tested in tests/engine; here only when the executor asks for what)."""
from __future__ import annotations

import threading
import time

import pytest

from composer.errors import EngineError
from composer.executor import ExecutionError, NullSink, RunContext, execute
from composer.loader import LoadOptions, load
from composer.plan import PlanBuilder


class FakeEngine:
    """Containers are dicts; `slow` delays a container's start; `fail` makes it raise."""

    def __init__(self, slow=None, fail=(), never_ready=(), image="sha256:new"):
        self.slow = slow or {}
        self.fail = set(fail)
        self.never_ready = set(never_ready)
        self.image = image
        self.containers: dict[str, dict] = {}
        self.log: list[tuple[float, str, str]] = []
        self.lock = threading.Lock()
        self.t0 = time.monotonic()

    def note(self, what: str, name: str) -> None:
        with self.lock:
            self.log.append((time.monotonic() - self.t0, what, name))

    def first(self, what: str, name: str) -> float:
        return next(t for t, w, n in self.log if w == what and n == name)

    def image_id(self, ref):
        return self.image

    def create_container(self, project, service, number, name, image_id, image=None,
                         anonymous=None):
        cid = f"{name}@{len(self.containers)}"
        self.containers[cid] = {"name": name, "image": image_id}
        self.note("create", name)
        return cid

    def start_container(self, cid):
        name = self.containers[cid]["name"]
        self.note("start", name)
        time.sleep(self.slow.get(name, 0))
        if name in self.fail:
            raise EngineError(f"container {name} exited with code 3")
        self.note("started", name)

    def wait_condition(self, ids, condition, timeout, cancel=None):
        names = {self.containers[c]["name"] for c in ids}
        self.note("wait", ",".join(sorted(names)))
        if names & self.never_ready:
            if cancel is not None and cancel.wait(min(timeout or 5, 5)):
                raise EngineError("cancelled: another step failed")
            raise EngineError("timed out")

    def container_image(self, cid):
        return self.containers[cid]["image"]

    def anonymous_volumes(self, cid):
        return {}

    def stop_container(self, cid, timeout):
        self.note("stop", self.containers[cid]["name"])

    def rename_container(self, cid, name):
        pass

    def remove_container(self, cid, volumes=False):
        self.note("remove", self.containers.pop(cid)["name"])

    def logs_tail(self, cid, lines=10):
        return ""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n" + "".join(f"  {n}: {{image: busybox:latest}}\n" for n in "abcd"))
    return load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="p")).project


def create_and_start(b: PlanBuilder, name: str, after=(), ready=()) -> tuple[int, int]:
    c = b.add("create", f"service:{name}:1", "new", after, service=name, number=1,
              name=f"p-{name}-1")
    s = b.add("start", f"service:{name}:1", "created", [c, *ready], service=name, number=1,
              create_step=c)
    return c, s


def run(plan, engine, project):
    ctx = RunContext(project=project, engine=engine, sink=NullSink(), wait_timeout=10)
    execute(plan, ctx, parallel=8)
    return ctx


def test_a_step_starts_when_its_own_dependencies_hold_not_a_whole_level(project):
    b = PlanBuilder()
    create_and_start(b, "a")                       # slow, and nothing waits for it
    cb, sb = create_and_start(b, "b")
    create_and_start(b, "c", after=[cb], ready=[sb])
    engine = FakeEngine(slow={"p-a-1": 0.6})
    run(b.build(), engine, project)
    # c (same "level" as a's dependents would be) started long before a finished starting
    assert engine.first("start", "p-c-1") < engine.first("started", "p-a-1") - 0.3
    assert engine.first("started", "p-b-1") < engine.first("start", "p-c-1")


def test_a_failure_skips_dependents_and_cancels_running_waits(project):
    b = PlanBuilder()
    ca, sa = create_and_start(b, "a")
    wait_a = b.add("wait", "service:a", "healthy", [sa], service="a", condition="service_healthy")
    create_and_start(b, "d", ready=[wait_a])
    cb, sb = create_and_start(b, "b")
    create_and_start(b, "c", after=[cb], ready=[sb])
    engine = FakeEngine(slow={"p-b-1": 0.2}, fail={"p-b-1"}, never_ready={"p-a-1"})
    t0 = time.monotonic()
    with pytest.raises(ExecutionError) as e:
        run(b.build(), engine, project)
    assert time.monotonic() - t0 < 2        # a's wait (5 s) was cancelled, not waited out
    text = str(e.value)
    assert text.splitlines()[0] == "Container p-b-1: container p-b-1 exited with code 3"
    assert "not started because of this: Container p-c-1, Container p-d-1" in text
    assert "cancelled" not in text
    started = {n for _, w, n in engine.log if w == "start"}
    assert started == {"p-a-1", "p-b-1"}


def test_an_optional_dependency_that_never_gets_ready_only_warns(project):
    b = PlanBuilder()
    ca, sa = create_and_start(b, "a")
    w = b.add("wait", "service:a", "healthy", [sa], service="a", condition="service_healthy",
              optional=True)
    create_and_start(b, "b", ready=[w])
    warnings = []
    sink = NullSink()
    sink.warning = warnings.append
    engine = FakeEngine(never_ready={"p-a-1"})
    ctx = RunContext(project=project, engine=engine, sink=sink, wait_timeout=0.2)
    execute(b.build(), ctx)
    assert [n for _, w_, n in engine.log if w_ == "started"] == ["p-a-1", "p-b-1"]
    assert len(warnings) == 1 and "optional dependency a" in warnings[0]


@pytest.mark.parametrize("old_image,replaced", [("sha256:new", False), ("sha256:old", True)])
def test_a_conditional_recreate_replaces_only_when_the_image_changed(project, old_image,
                                                                     replaced):
    engine = FakeEngine(image="sha256:new")
    engine.containers["old"] = {"name": "p-a-1", "image": old_image}
    b = PlanBuilder()
    r = b.add("recreate", "service:a:1", "if the build gives a new id", service="a", number=1,
              name="p-a-1", container_id="old", old_name="p-a-1", only_if="image")
    b.add("recreate", "service:b:1", "if a is recreated", [r], service="b", number=1,
          name="p-b-1", container_id="oldb", old_name="p-b-1", only_if_steps=[r])
    engine.containers["oldb"] = {"name": "p-b-1", "image": "sha256:new"}
    ctx = run(b.build(), engine, project)
    assert ("old" not in engine.containers) is replaced
    assert ("oldb" not in engine.containers) is replaced
    assert (r in ctx.replaced) is replaced


def test_applying_a_plan_reuses_the_image_ids_observed_when_planning(tmp_path):
    from composer import api
    from composer.engine.base import Observed
    from composer.loader import LoadOptions as Opts, load as load_project
    from composer.planner import plan_up

    (tmp_path / "compose.yaml").write_text(
        "services:\n" + "".join(f"  {n}: {{image: busybox:latest}}\n" for n in "abc"))
    loaded = load_project(Opts(cwd=str(tmp_path), environ={}, project_name="p"))
    plan = plan_up(loaded.project, Observed(images={"busybox:latest": "sha256:seen"}))
    assert plan.images == {"busybox:latest": "sha256:seen"}

    class NoLookups(FakeEngine):
        def image_id(self, ref):
            raise AssertionError(f"image {ref} looked up again")

        def create_network(self, project, network):
            return network.name

    engine = NoLookups()
    api.apply(plan, loaded, engine, NullSink())
    assert sorted(c["image"] for c in engine.containers.values()) == ["sha256:seen"] * 3


class RecordingSink(NullSink):
    def __init__(self):
        self.done: list[tuple[str, str]] = []
        self.warnings: list[str] = []

    def step_done(self, step, label):
        from composer.ui import words
        self.done.append((label, words(step)[1]))

    def warning(self, text):
        self.warnings.append(text)


class BusyNetworkEngine(FakeEngine):
    def remove_network(self, name, id=None):
        from composer.errors import NetworkInUse
        raise NetworkInUse(name, ["intruder"])


def test_a_network_still_in_use_is_left_with_a_warning_naming_its_user(project):
    b = PlanBuilder()
    b.add("remove_network", "network:p_default", "down", name="p_default", id="abc",
          in_use_ok=True)
    sink = RecordingSink()
    execute(b.build(), RunContext(project=project, engine=BusyNetworkEngine(), sink=sink))
    assert sink.done == [("Network p_default", "Resource is still in use")]
    assert sink.warnings == ["network p_default is still in use by intruder; disconnect or "
                             "remove it, then run `down` again"]


def test_a_network_in_use_is_an_error_where_it_must_go(project):
    b = PlanBuilder()
    b.add("remove_network", "network:p_default", "stack removed", name="p_default")
    with pytest.raises(ExecutionError, match="still in use by intruder"):
        execute(b.build(), RunContext(project=project, engine=BusyNetworkEngine(),
                                      sink=NullSink()))
