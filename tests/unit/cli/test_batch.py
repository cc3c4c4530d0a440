"""Container actions in dependency levels; dry runs report without acting."""
import pytest

from composer.batch import Batch, levels, run_batch, with_dependencies
from composer.errors import EngineError
from cli_helpers import container


class Recorder:
    def __init__(self):
        self.lines = []

    def step_started(self, step, label):
        self.lines.append(f"{label} started")

    def step_done(self, step, label):
        self.lines.append(f"{label} done")

    def step_failed(self, step, label, error):
        self.lines.append(f"{label} failed: {error}")


DEPS = {"web": {"api"}, "api": {"db", "cache"}, "worker": {"db"}}


def test_levels_put_dependencies_first_and_sort_names():
    assert levels(["web", "api", "db", "cache", "worker"], DEPS) == [
        ["cache", "db"], ["api", "worker"], ["web"]]
    assert levels(["web", "db"], DEPS) == [["db", "web"]]   # api not part of this run


def test_with_dependencies_is_transitive():
    assert with_dependencies(["web"], DEPS) == ["api", "cache", "db", "web"]


def test_reverse_batch_acts_on_dependents_first():
    done = []
    cs = [container(name="p-db-1", service="db"), container(name="p-web-1", service="web")]
    run_batch(Batch("stop", lambda c: done.append(c.name), reverse=True, parallel=1), cs,
              {"web": {"db"}}, Recorder())
    assert done == ["p-web-1", "p-db-1"]


def test_dry_run_reports_with_the_prefix_and_does_nothing():
    sink, done = Recorder(), []
    run_batch(Batch("kill", done.append, dry_run=True), [container()], {}, sink)
    assert done == [] and sink.lines == ["DRY-RUN MODE -  Container p-web-1 started",
                                         "DRY-RUN MODE -  Container p-web-1 done"]


def test_failure_is_reported_and_stops_later_levels():
    def fail(c):
        raise EngineError(f"cannot stop {c.name}")

    sink = Recorder()
    cs = [container(name="p-db-1", service="db"), container(name="p-web-1", service="web")]
    with pytest.raises(EngineError, match="cannot stop p-db-1"):
        run_batch(Batch("start", fail), cs, {"web": {"db"}}, sink)
    assert sink.lines == ["Container p-db-1 started", "Container p-db-1 failed: cannot stop p-db-1"]
