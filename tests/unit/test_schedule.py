"""schedule.run_graph: dependency order, results visible to later steps, stop after a failure."""
from __future__ import annotations

import _thread
import threading

import pytest

from composer.errors import EngineError
from composer.plan import Step
from composer.schedule import message, run_graph


def _step(i, *after):
    return Step(i, "create", f"service:s{i}", "test", tuple(after))


def test_each_step_runs_after_the_steps_it_waits_for_and_sees_their_results():
    seen = []
    lock = threading.Lock()
    results = {}

    def run(step):
        with lock:
            assert all(a in results for a in step.after), step
            seen.append(step.id)
        return f"r{step.id}"

    out = run_graph([_step(1), _step(2, 1), _step(3, 1), _step(4, 2, 3)], run, 4,
                    results=results)
    assert out.results is results and results == {1: "r1", 2: "r2", 3: "r3", 4: "r4"}
    assert seen[0] == 1 and seen[-1] == 4
    assert not out.failures and not out.skipped


def test_after_a_failure_nothing_new_starts_and_the_rest_is_skipped():
    failed = []

    def run(step):
        if step.id == 2:
            raise EngineError("no room")
        return ""

    out = run_graph([_step(1), _step(2, 1), _step(3, 2), _step(4, 3)], run, 2,
                    on_failure=lambda: failed.append(True))
    assert [(s.id, m) for s, m in out.failures] == [(2, "no room")]
    assert [s.id for s in out.skipped] == [3, 4]
    assert failed == [True]


def test_ctrl_c_calls_the_interrupt_hook_and_is_raised():
    hook = []
    release = threading.Event()

    def run(step):
        _thread.interrupt_main()   # Ctrl-C reaches the main thread while it waits
        release.wait(5)

    with pytest.raises(KeyboardInterrupt):
        run_graph([_step(1), _step(2, 1)], run, 1, on_interrupt=lambda: hook.append(True))
    assert hook == [True]   # returned without waiting for the running step
    release.set()


def test_unexpected_errors_are_marked_as_such():
    assert message(EngineError("gone")) == "gone"
    assert message(ValueError("x")) == "unexpected error: ValueError: x"
