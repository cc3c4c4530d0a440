"""The benchmark harness's pure parts: generated projects load, the report keeps its prose."""
from __future__ import annotations

import sys

import pytest
from support import ROOT

sys.path.insert(0, str(ROOT))   # bench/ is a folder of the repository, not installed

from bench import gen, report  # noqa: E402
from composer.loader import LoadOptions, load  # noqa: E402


@pytest.mark.parametrize("kind", sorted(gen.KINDS))
def test_every_generated_project_loads(kind, tmp_path):
    folder = gen.KINDS[kind](tmp_path / kind, 7)
    loaded = load(LoadOptions(project_directory=str(folder), project_name="p", environ={},
                              cwd=str(folder)))
    assert len(loaded.project.services) == 7
    for service in loaded.project.services.values():
        assert service.init is True


def test_dag_layers_depend_on_two_services_of_the_layer_above():
    edges = gen.dag_edges(30)
    layers = gen.dag_layers(30)
    assert [len(layer) for layer in layers] == [6, 6, 6, 6, 6]
    assert all(edges[i] == [] for i in layers[0])
    for above, layer in zip(layers, layers[1:]):
        assert all(len(edges[i]) == 2 and set(edges[i]) <= set(above) for i in layer)


def test_large_project_merges_the_override_and_reads_dotenv(tmp_path):
    folder = gen.KINDS["large"](tmp_path / "large", 11)
    loaded = load(LoadOptions(project_directory=str(folder), environ={}, cwd=str(folder)))
    assert loaded.project.name == "bench-large"
    first = loaded.project.services["s000"]
    assert first.environment["OVERRIDDEN"] == "yes"
    assert first.environment["TEAM"] == "platform"
    assert "OVERRIDDEN" not in loaded.project.services["s001"].environment


def test_report_write_keeps_the_text_around_the_markers(tmp_path):
    path = tmp_path / "RESULTS.md"
    report.write(path, f"{report.START}\nold\n{report.END}\n")
    path.write_text("intro\n" + path.read_text() + "findings\n")
    report.write(path, f"{report.START}\nnew\n{report.END}\n")
    text = path.read_text()
    assert "intro" in text and "findings" in text and "new" in text and "old" not in text


def test_goal_verdicts_compare_medians_with_the_reference_and_the_floor():
    res = report.Results(subject="a", reference="b")
    res.add("config-1000", "a", [1.0, 1.2, 0.9])
    res.add("config-1000", "b", [5.0])
    res.add("up-indep-30", "a", [1.1])
    res.add("up-indep-30", "floor p=4", [1.2])
    res.add("up-indep-30", "floor p=8", [1.0])
    assert report.verdict(res, "config-1000") == ("≤ 0.25 × b", "met")
    assert report.verdict(res, "up-indep-30")[1].startswith("**missed** (1.10×")
    assert res.floor("up-indep-30") == ("floor p=8", 1.0)
