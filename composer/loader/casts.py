"""Type casts applied to interpolated strings at known key paths.

After `${VAR}` substitution a value is a string; where the specification wants a number
or a boolean, docker compose casts it (`replicas: "${N}"` → 3). A table keyed by key-path
patterns says which cast applies where.
"""
from __future__ import annotations

from composer.keypath import PatternTable
from composer.loader.units import UnitError, parse_bytes


class CastError(ValueError):
    pass


def _expected(what: str, text: str) -> CastError:
    """`expected <what>, got <text>`, in the words of the schema's errors."""
    from composer.loader.schema_messages import found

    return CastError(f"expected {what}, got {found(text)}")


_TRUE = {"true", "yes", "on", "y"}
_FALSE = {"false", "no", "off", "n"}
_YAML11_WORDS = {"yes", "on", "y", "no", "off", "n"}


def to_bool(text: str, warn=None):
    low = text.lower()
    if low in _TRUE or low in _FALSE:
        if low in _YAML11_WORDS and warn:
            warn(f'"{text}" for boolean is not supported by YAML 1.2, please use '
                 f"`{'true' if low in _TRUE else 'false'}`")
        return low in _TRUE
    raise _expected("a boolean (true or false)", text)


def to_int(text: str, warn=None):
    try:
        return int(text.strip())
    except ValueError:
        raise _expected("an integer", text) from None


def to_float(text: str, warn=None):
    try:
        return float(text.strip())
    except ValueError:
        raise _expected("a number", text) from None


def to_bytes(text: str, warn=None):
    try:
        return parse_bytes(text)
    except UnitError as e:
        raise CastError(str(e)) from None


def _svc(*parts: str) -> str:
    return "services.*." + ".".join(parts)


CAST_RULES = {
    _svc("configs[].mode"): to_int,
    _svc("secrets[].mode"): to_int,
    _svc("cpu_count"): to_int,
    _svc("cpu_percent"): to_float,
    _svc("cpu_period"): to_int,
    _svc("cpu_quota"): to_int,
    _svc("cpu_rt_period"): to_int,
    _svc("cpu_rt_runtime"): to_int,
    _svc("cpus"): to_float,
    _svc("cpu_shares"): to_int,
    _svc("init"): to_bool,
    _svc("deploy.replicas"): to_int,
    _svc("deploy.update_config.parallelism"): to_int,
    _svc("deploy.update_config.max_failure_ratio"): to_float,
    _svc("deploy.rollback_config.parallelism"): to_int,
    _svc("deploy.rollback_config.max_failure_ratio"): to_float,
    _svc("deploy.restart_policy.max_attempts"): to_int,
    _svc("deploy.placement.max_replicas_per_node"): to_int,
    _svc("deploy.resources.limits.cpus"): to_float,
    _svc("deploy.resources.reservations.cpus"): to_float,
    _svc("deploy.resources.limits.pids"): to_int,
    _svc("healthcheck.retries"): to_int,
    _svc("healthcheck.disable"): to_bool,
    _svc("oom_kill_disable"): to_bool,
    _svc("oom_score_adj"): to_int,
    _svc("pids_limit"): to_int,
    _svc("ports[].target"): to_int,
    _svc("privileged"): to_bool,
    _svc("read_only"): to_bool,
    _svc("scale"): to_int,
    _svc("stdin_open"): to_bool,
    _svc("tty"): to_bool,
    _svc("ulimits.*"): to_int,
    _svc("ulimits.*.hard"): to_int,
    _svc("ulimits.*.soft"): to_int,
    _svc("volumes[].read_only"): to_bool,
    _svc("volumes[].volume.nocopy"): to_bool,
    _svc("volumes[].tmpfs.size"): to_bytes,
    _svc("depends_on.*.required"): to_bool,
    _svc("depends_on.*.restart"): to_bool,
    _svc("build.no_cache"): to_bool,
    _svc("build.pull"): to_bool,
    _svc("build.privileged"): to_bool,
    _svc("networks.*.priority"): to_int,
    _svc("networks.*.gw_priority"): to_int,
    _svc("attach"): to_bool,
    _svc("use_api_socket"): to_bool,
    "networks.*.external": to_bool,
    "networks.*.internal": to_bool,
    "networks.*.attachable": to_bool,
    "networks.*.enable_ipv4": to_bool,
    "networks.*.enable_ipv6": to_bool,
    "volumes.*.external": to_bool,
    "secrets.*.external": to_bool,
    "configs.*.external": to_bool,
    "include[].required": to_bool,
    _svc("env_file[].required"): to_bool,
}
CASTS = PatternTable(CAST_RULES)

