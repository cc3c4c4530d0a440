"""A container attached to a network that was removed or re-created since is recreated."""
from __future__ import annotations

from composer.engine.base import Observed, ObservedContainer, ObservedResource
from composer.loader import LoadOptions, load
from composer.planner import plan_up


def project(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  web: {image: x}\n")
    return load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="p")).project


def web(network_id: str) -> ObservedContainer:
    return ObservedContainer(id="id-web", name="p-web-1", service="web", number=1,
                             oneoff=False, state="exited", health=None, image_id="i",
                             labels={}, networks=("p_default",),
                             network_ids={"p_default": network_id})


def test_a_removed_network_is_created_and_its_users_recreated(tmp_path):
    plan = plan_up(project(tmp_path), Observed(containers=(web("old"),),
                                               images={"x:latest": "i"}))
    assert plan.render() == "\n".join([
        "#1 network:default create_network — network p_default does not exist",
        "#2 service:web:1 recreate — its network p_default was removed and is re-created "
        "(after #1)",
        "#3 service:web:1 start — recreated (after #2)",
    ])


def test_a_network_re_created_under_its_name_recreates_its_users(tmp_path):
    observed = Observed(containers=(web("old"),), images={"x:latest": "i"},
                        networks=(ObservedResource("p_default", "new", {}),))
    plan = plan_up(project(tmp_path), observed)
    assert plan.render().splitlines()[0] == \
        "#1 service:web:1 recreate — its network p_default was re-created"
