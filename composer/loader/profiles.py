"""Profiles: services with `profiles:` run only when one of them is active."""
from __future__ import annotations

from composer.errors import ConfigError, ConfigErrors
from composer.loader.environment import Environment
from composer.loader.locator import Locator


def active_profiles(flags: tuple[str, ...], env: Environment, named: tuple[str, ...],
                    data: dict) -> tuple[str, ...]:
    """`--profile` flags, else COMPOSE_PROFILES; a service named on the command line
    enables its own profiles."""
    active = list(flags)
    if not active and env.get("COMPOSE_PROFILES"):
        active = [p.strip() for p in env.get("COMPOSE_PROFILES").split(",") if p.strip()]
    services = data.get("services") or {}
    for name in named:
        for p in (services.get(name) or {}).get("profiles") or []:
            if p not in active:
                active.append(p)
    return tuple(active)


def is_enabled(service: dict, active: tuple[str, ...]) -> bool:
    profiles = (service or {}).get("profiles") or []
    return not profiles or "*" in active or any(p in active for p in profiles)


def apply_profiles(data: dict, active: tuple[str, ...], locator: Locator) -> dict:
    services = data.get("services") or {}
    enabled = {n: s for n, s in services.items() if is_enabled(s, active)}
    if len(enabled) == len(services):
        return data
    errors = []
    for name, svc in enabled.items():
        deps = (svc or {}).get("depends_on") or []
        items = deps.items() if isinstance(deps, dict) else ((d, {}) for d in deps)
        kept = {}
        for dep, spec in items:
            if dep in enabled:
                kept[dep] = spec
            elif dep in services and (spec or {}).get("required", True) is False:
                continue
            elif dep in services:
                errors.append(ConfigError(
                    f'service "{name}" depends on service "{dep}", which is disabled '
                    f"(its profiles {', '.join(services[dep].get('profiles'))} are not active; "
                    "use --profile)", locator.locate(("services", name, "depends_on", dep))))
            else:
                kept[dep] = spec
        if isinstance(deps, dict) and len(kept) != len(deps):
            enabled[name] = {**svc, "depends_on": kept}
    if errors:
        raise ConfigErrors(errors)
    return {**data, "services": enabled}
