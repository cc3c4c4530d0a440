"""composer as a library: what the CLI and the tests call.

    loaded = load_project(LoadOptions(...))      # files → canonical dict + typed model
    engine = connect()                           # the local engine (docker SDK)
    plan = plan_up(loaded, engine, UpOptions())  # pure planner over observed state
    apply(plan, loaded.project, engine, sink)    # executor
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from composer.loader import Loaded, LoadOptions, load
from composer.plan import Plan

if TYPE_CHECKING:
    from composer.engine.base import Engine, Observed
    from composer.executor import Sink
    from composer.planner import DownOptions, UpOptions


def load_project(opts: LoadOptions, check_graph: bool = True) -> Loaded:
    """Load and validate; a dependency cycle is rejected here, before any engine call."""
    loaded = load(opts)
    if check_graph:
        # networkx is imported only when there is a problem to name (planner_graph)
        from composer.planner_graph import Deps

        Deps(loaded.project, loaded.locate)
    return loaded


def connect() -> "Engine":
    """The local engine. On a unix socket, reads go without the docker SDK and the SDK is
    imported only when something is to change (engine/local.py)."""
    from composer.engine.localread import LocalReader, socket_path

    path = socket_path()
    if path is None:
        return _docker_connect()
    from composer.engine.local import LocalEngine

    return LocalEngine(LocalReader(path), _docker_connect)


def _docker_connect() -> "Engine":
    from composer.engine.docker import connect as docker_connect

    return docker_connect()


def image_refs(loaded: Loaded) -> list[str]:
    from composer.planner import image_ref

    p = loaded.project
    return sorted({image_ref(p, s) for s in p.services.values()})


def observe(engine: "Engine", loaded: Loaded) -> "Observed":
    from composer.planner import resource_names

    networks, volumes = resource_names(loaded.project)
    return engine.observe(loaded.project.name, image_refs(loaded), networks, volumes)


def plan_up(loaded: Loaded, engine: "Engine", opts: "UpOptions") -> Plan:
    from composer.planner import plan_up as _plan_up

    check_externals(loaded, engine)
    return _plan_up(loaded.project, observe(engine, loaded), opts)


def check_externals(loaded: Loaded, engine: "Engine") -> None:
    """Every external network and volume a service uses must be on the engine before
    anything is created (docker compose's words; it finds a missing volume only after it
    made the networks)."""
    from composer.errors import ConfigError, ConfigErrors

    p = loaded.project
    nets = {n.name for s in p.services.values() if not s.network_mode for n in s.networks}
    vols = {m.source for s in p.services.values() for m in s.mounts
            if m.type == "volume" and m.source}
    problems = []
    for kind, keys, declared in (("network", nets, p.networks), ("volume", vols, p.volumes)):
        for key in sorted(keys):
            res = declared.get(key)
            if res is None or not res.external or engine.exists(kind, res.name):
                continue
            text = (f"network {res.name} declared as external, but could not be found"
                    if kind == "network" else f'external volume "{res.name}" not found')
            where = loaded.locate((f"{kind}s", key)) if loaded.locate else None
            problems.append(ConfigError(text, where,
                                        f"create it first: docker {kind} create {res.name}"))
    if problems:
        raise ConfigErrors(problems)


def plan_down(project_name: str, loaded: Loaded | None, engine: "Engine",
              opts: "DownOptions") -> Plan:
    from composer.planner import plan_down as _plan_down

    observed = engine.observe(project_name)
    return _plan_down(loaded.project if loaded else None, observed, opts)


def apply(plan: Plan, loaded: Loaded | None, engine: "Engine", sink: "Sink", *,
          stop_timeout: int | None = None, wait_timeout: float | None = None,
          parallel: int = 8) -> None:
    from composer.executor import RunContext, execute

    ctx = RunContext(project=loaded.project if loaded else None, engine=engine, sink=sink,
                     stop_timeout=stop_timeout, wait_timeout=wait_timeout,
                     images=dict(plan.images))
    execute(plan, ctx, parallel=parallel)
