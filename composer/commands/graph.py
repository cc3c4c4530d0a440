"""`composer graph`: the services and what each needs, as a tree, DOT, Mermaid or JSON."""
from __future__ import annotations

import typer

from composer.cliapp import app
from composer.clictx import GlobalOptions, run_guarded, warn
from composer.errors import ConfigError

FORMATS = ("tree", "dot", "mermaid", "json")


def run_graph(g: GlobalOptions, *, format: str, live: bool) -> int:
    from composer import graphview
    from composer.api import load_project
    from composer.graph import build_graph

    if format not in FORMATS:
        raise ConfigError(f"unknown format {format!r}; expected one of: " + ", ".join(FORMATS))
    loaded = load_project(g.load_options(), check_graph=False)
    for w in loaded.warnings:
        warn(w)
    project = loaded.project
    states = None
    if live:
        from composer.api import connect
        from composer.graphlive import node_states

        states = node_states(sorted(project.services), connect().observe(project.name))
    view = graphview.make_view(project, build_graph(project), states)
    if format == "tree":
        from composer.terminal import console

        console(g.ansi).print(graphview.to_tree(view))
    else:
        render = {"dot": graphview.to_dot, "mermaid": graphview.to_mermaid,
                  "json": graphview.to_json}[format]
        print(render(view))
    return 0


@app.command()
def graph(
    ctx: typer.Context,
    format: str = typer.Option("tree", "--format", help="tree, dot, mermaid or json"),
    live: bool = typer.Option(False, "--live",
                              help="Colour each service by its containers' state and health"),
) -> None:
    """Show the services' dependency graph, edges labelled by kind."""
    run_guarded(ctx, run_graph, format=format, live=live)
