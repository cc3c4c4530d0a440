"""`composer port`: the public address a service container publishes a port on."""
from __future__ import annotations

import typer

from composer.cliapp import Service, app
from composer.clictx import GlobalOptions, run_guarded
from composer.errors import ConfigError, EngineError


def run_port(g: GlobalOptions, *, service, private_port, protocol, index) -> int:
    from composer.commands.targets import target

    if not private_port.isdigit():
        raise ConfigError(f"invalid port {private_port!r}: expected a number")
    t = target(g, (service,))
    found = t.containers((service,), states=("running",), index=index)
    if not found:
        suffix = f" container #{index}" if index not in (None, 1) else ""
        raise EngineError(f'service "{service}" is not running{suffix}')
    c = found[0]
    for p in c.ports:
        if p.get("PrivatePort") == int(private_port) and p.get("Type", "tcp") == protocol \
                and p.get("PublicPort"):
            print(f"{p.get('IP', '')}:{p['PublicPort']}")
            return 0
    published = ", ".join(f"{p['PublicPort']}/{p.get('Type', 'tcp')}" for p in c.ports
                          if p.get("PublicPort"))
    raise EngineError(f"no port {private_port}/{protocol} for container {c.name}: {published}")


@app.command()
def port(
    ctx: typer.Context,
    service: str = Service,
    private_port: str = typer.Argument(..., metavar="PRIVATE_PORT"),
    protocol: str = typer.Option("tcp", "--protocol", help="tcp or udp"),
    index: int = typer.Option(1, "--index", help="Index of the container if service has "
                                                 "multiple replicas"),
) -> None:
    """Print the public port for a port binding."""
    run_guarded(ctx, run_port, service=service, private_port=private_port, protocol=protocol,
                index=index)
