"""The down plan: dependents stop first; orphans go with --remove-orphans or when the
project is named by -p alone; one-off containers stay."""
from __future__ import annotations

from composer.engine.base import Observed, ObservedContainer, ObservedResource
from composer.loader import LoadOptions, load
from composer.planner import DownOptions, plan_down


def project(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  db: {image: x}\n  web: {image: x, depends_on: [db]}\n"
        "volumes:\n  data: {}\n")
    return load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="p")).project


def container(service, number=1, state="running", oneoff=False):
    name = f"p-{service}-{'run-x' if oneoff else number}"
    return ObservedContainer(id=f"id-{name}", name=name, service=service, number=number,
                             oneoff=oneoff, state=state, health=None, image_id="i", labels={})


def test_down_by_name_stops_dependents_first_removes_orphans_and_leaves_run_containers(
        tmp_path):
    observed = Observed(
        containers=(container("db"), container("web"), container("gone", state="exited"),
                    container("web", oneoff=True)),
        networks=(ObservedResource("p_default", "n1", {}),),
        volumes=(ObservedResource("p_data", "p_data", {}),))
    plan = plan_down(project(tmp_path), observed, DownOptions(volumes=True, by_name=True))
    assert plan.render() == "\n".join([
        "#1 container:p-web-1 stop — project is going down",
        "#2 container:p-web-1 remove — project is going down (after #1)",
        "#3 container:p-db-1 stop — project is going down (after #1)",
        "#4 container:p-db-1 remove — project is going down (after #3)",
        "#5 container:p-gone-1 remove — project is going down (orphan: service gone is not "
        "in the project; -p without -f takes every service down) (exited)",
        "#6 network:p_default remove_network — project is going down (after #2, #4, #5)",
        "#7 volume:p_data remove_volume — down -v (after #2, #4, #5)",
    ])
    assert plan.steps[5].args["in_use_ok"] is True
    assert [w.split(" is still")[0] for w in plan.warnings] == ["one-off container p-web-run-x"]


def test_down_with_files_leaves_orphans_unless_told(tmp_path):
    observed = Observed(containers=(container("db"), container("gone")),
                        networks=(ObservedResource("p_default", "n1", {}),), volumes=())
    kept = plan_down(project(tmp_path), observed, DownOptions())
    assert [s.resource for s in kept.steps] == ["container:p-db-1", "container:p-db-1",
                                                "network:p_default"]
    assert kept.steps[-1].args["in_use_ok"] is True   # gone-1 still holds it: a warning
    gone = plan_down(project(tmp_path), observed, DownOptions(remove_orphans=True))
    assert "container:p-gone-1" in [s.resource for s in gone.steps]
    assert "(orphan: service gone is not in the project)" in gone.render()


def test_remove_orphans_also_removes_stopped_one_off_containers_and_warns_of_running_ones(
        tmp_path):
    observed = Observed(
        containers=(container("web", oneoff=True, state="exited"),
                    ObservedContainer(id="id-live", name="p-db-run-y", service="db", number=1,
                                      oneoff=True, state="running", health=None, image_id="i",
                                      labels={})),
        networks=(ObservedResource("p_default", "n1", {}),))
    plain = plan_down(project(tmp_path), observed)
    assert plain.render() == "#1 network:p_default remove_network — project is going down"
    plan = plan_down(project(tmp_path), observed, DownOptions(remove_orphans=True))
    assert plan.render() == "\n".join([
        "#1 container:p-web-run-x remove — --remove-orphans: one-off container of web "
        "(exited)",
        "#2 network:p_default remove_network — project is going down (after #1)",
    ])
    assert plan.warnings == plain.warnings == (
        "one-off container p-db-run-y is still running and left in place, as docker compose "
        "does: `kill --remove-orphans` stops one-off containers, then `down --remove-orphans` "
        "removes them (and the network they held)",)
