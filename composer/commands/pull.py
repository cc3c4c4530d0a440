"""`composer pull`: pull the images of services; each service reports its own result.

When an image cannot be pulled the error names the service and the image; a service that
has a `build:` section only warns, since its image can be built instead.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded, warn
from composer.errors import ComposerError, ConfigError, EngineError

if TYPE_CHECKING:
    from composer.plan import Step


def transfer(items: list[tuple[str, str]], fn: Callable[[str, Step], None], sink,
             parallel: int, action: str) -> dict[str, str]:
    """Run fn(image, step) for each (service, image) at once; service → error message."""
    from concurrent.futures import ThreadPoolExecutor

    from composer.plan import Step

    def one(pair: tuple[int, tuple[str, str]]) -> tuple[str, str | None]:
        n, (service, image) = pair
        step = Step(n, action, f"service:{service}", action, args={"image": image})
        sink.step_started(step, service)
        try:
            fn(image, step)
        except ComposerError as e:
            sink.step_failed(step, service, str(e))
            return service, str(e)
        sink.step_done(step, service)
        return service, None

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        results = list(pool.map(one, enumerate(items, 1)))
    return {s: e for s, e in results if e}


def selected(loaded, services, include_deps: bool) -> list:
    project = loaded.project
    names = list(services or sorted(project.services))
    if include_deps and services:
        from composer.batch import dependencies_of, with_dependencies

        names = [n for n in with_dependencies(names, dependencies_of(project))
                 if n in project.services]
    return [project.services[n] for n in names]


def run_pull(g: GlobalOptions, *, services, quiet, ignore_failures, include_deps, policy,
             ignore_buildable) -> int:
    from composer.commands.targets import target
    from composer.planner import image_ref

    if policy not in ("missing", "always"):
        raise ConfigError(f'invalid --policy "{policy}": expected missing or always')
    t = target(g, services, need_file=True)
    items, buildable = [], set()
    for svc in selected(t.loaded, services, include_deps):
        if svc.build is not None and (not svc.image or ignore_buildable):
            continue
        if svc.pull_policy in ("build", "never"):
            continue
        ref = image_ref(t.project, svc)
        if policy == "missing" and t.engine.image_id(ref):
            continue
        items.append((svc.name, ref))
        if svc.build is not None:
            buildable.add(svc.name)
    if g.dry_run:
        for s, ref in items:
            print(f"would pull {ref} for service {s}")
        return 0
    sink = make_sink(g, "Pulling") if not quiet else _quiet()
    with sink:
        errors = transfer(items, lambda ref, step: t.engine.pull_image(
            ref, lambda line: sink.step_log(step, line)), sink, g.workers, "pull")
    refs = dict(items)
    hard = {s: e for s, e in errors.items() if s not in buildable}
    for s in sorted(set(errors) - set(hard)):
        warn(f"service {s}: image {refs[s]} could not be pulled; it must be built from "
             f"source: composer build {s}")
    if hard and not ignore_failures:
        raise EngineError("\n".join(f"service {s}: cannot pull image {refs[s]}: "
                                    f"{_reason(e, refs[s])}" for s, e in sorted(hard.items())))
    return 0


def _reason(message: str, ref: str) -> str:
    prefix = f"pulling image {ref}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _quiet():
    from composer.ui import QuietSink

    return QuietSink()


@app.command()
def pull(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Pull without printing progress "
                                                            "information"),
    ignore_pull_failures: bool = typer.Option(False, "--ignore-pull-failures",
                                              help="Pull what it can and ignores images with "
                                                   "pull failures"),
    include_deps: bool = typer.Option(False, "--include-deps", help="Also pull services "
                                                                    "declared as dependencies"),
    policy: str = typer.Option("always", "--policy", help="Apply pull policy (missing|always)"),
    ignore_buildable: bool = typer.Option(False, "--ignore-buildable",
                                          help="Ignore images that can be built"),
) -> None:
    """Pull service images."""
    run_guarded(ctx, run_pull, services=tuple(services or ()), quiet=quiet,
                ignore_failures=ignore_pull_failures, include_deps=include_deps,
                policy=policy, ignore_buildable=ignore_buildable)
