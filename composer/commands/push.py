"""`composer push`: push the images of services that are built and named (`build` and
`image`); other services are skipped."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded
from composer.errors import EngineError


def run_push(g: GlobalOptions, *, services, quiet, ignore_failures, include_deps) -> int:
    from composer.commands.pull import _quiet, selected, transfer
    from composer.commands.targets import target
    from composer.planner import image_ref
    from composer.plan import Step

    t = target(g, services, need_file=True)
    items, skipped = [], []
    for svc in selected(t.loaded, services, include_deps):
        if svc.build is None or not svc.image:
            skipped.append(svc.name)
        else:
            items.append((svc.name, image_ref(t.project, svc)))
    if g.dry_run:
        for s, ref in items:
            print(f"would push {ref} for service {s}")
        return 0
    sink = make_sink(g, "Pushing") if not quiet else _quiet()
    with sink:
        for n, name in enumerate(skipped, 1):
            sink.step_done(Step(n, "skip", f"service:{name}", "no build or no image"), name)
        errors = transfer(items, lambda ref, step: t.engine.push_image(
            ref, lambda line: sink.step_log(step, line)), sink, g.workers, "push")
    refs = dict(items)
    if errors and not ignore_failures:
        raise EngineError("\n".join(f"service {s}: cannot push image {refs[s]}: "
                                    f"{e.removeprefix(f'pushing image {refs[s]}: ')}"
                                    for s, e in sorted(errors.items())))
    return 0


@app.command()
def push(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Push without printing progress "
                                                            "information"),
    ignore_push_failures: bool = typer.Option(False, "--ignore-push-failures",
                                              help="Push what it can and ignores images with "
                                                   "push failures"),
    include_deps: bool = typer.Option(False, "--include-deps", help="Also push images of "
                                                                    "services declared as "
                                                                    "dependencies"),
) -> None:
    """Push service images."""
    run_guarded(ctx, run_push, services=tuple(services or ()), quiet=quiet,
                ignore_failures=ignore_push_failures, include_deps=include_deps)
