"""Wait for containers to reach a condition by following the engine's event stream.

The stream is opened first (replaying from just before now), the current state is read
once, and then only events move the wait forward: no polling, no sleeps. A timeout is
given to the engine as `until`, so the stream ends on its own; a cancel closes it.
"""
from __future__ import annotations

import time

from composer.engine.docker_translate import translated
from composer.engine.docker_faults import connection_failed
from composer.errors import EngineError

WHAT = {"service_healthy": "healthy", "service_completed_successfully": "completed successfully",
        "service_running": "running", "service_ready": "running (or healthy)"}
_MOVES = ("health_status", "die", "start", "stop", "kill", "oom", "destroy")


def judge(condition: str, state: dict) -> bool | str:
    """True when the condition holds, a failure message when it never will, else False."""
    status = state.get("Status")
    health = state.get("Health")
    code = state.get("ExitCode")
    if condition == "service_completed_successfully":
        if status in ("exited", "dead"):
            return True if code == 0 else f"exited with code {code}"
        return False
    if status in ("exited", "dead"):
        return f"exited with code {code}"
    if condition == "service_ready" and not health:
        condition = "service_running"
    if condition == "service_running":
        return status == "running" or False
    if condition in ("service_healthy", "service_ready"):
        if not health:
            return "has no healthcheck"
        if health.get("Status") == "healthy":
            return True
        if health.get("Status") == "unhealthy":
            return "is unhealthy" + _last_check(health)
        return False
    return True


def _last_check(health: dict) -> str:
    log = health.get("Log") or []
    if not log:
        return ""
    last = log[-1]
    output = (last.get("Output") or "").strip().splitlines()
    return f" (last check exited {last.get('ExitCode')}" + (f": {output[-1]})" if output else ")")


def wait_condition(engine, container_ids: list[str], condition: str, timeout: float | None,
                   cancel=None) -> None:
    if condition == "service_started" or not container_ids:
        return
    api = engine.api
    start = time.time()
    until = int(start + timeout) + 1 if timeout else None
    pending = set(container_ids)
    with translated("waiting for containers"):
        stream = api.events(since=int(start) - 1, until=until, decode=True,
                            filters={"type": "container", "container": sorted(pending)})
        forget = cancel.on_set(stream.close) if hasattr(cancel, "on_set") else (lambda: None)
        try:
            for cid in sorted(pending):
                _check(engine, cid, condition, pending)
            if pending:
                _follow(engine, stream, condition, pending)
        except (OSError, ValueError, AttributeError) as e:
            if not (cancel is not None and cancel.is_set()):
                raise EngineError(f"the engine's event stream broke: {e}") from None
        finally:
            forget()
            stream.close()
    if pending and cancel is not None and cancel.is_set():
        raise EngineError("cancelled: another step failed")
    if pending and (until is None or time.time() < until - 1):
        # the engine ends the stream only at `until`: before that, the connection went
        raise connection_failed("", "RemoteDisconnected")
    if pending:
        with translated("waiting for containers"):
            names = ", ".join(sorted(api.inspect_container(c)["Name"].lstrip("/")
                                     for c in pending))
        raise EngineError(f"timed out after {timeout:g}s waiting for {names} to be "
                          f"{WHAT.get(condition, condition)}")


def _follow(engine, stream, condition: str, pending: set[str]) -> None:
    for event in stream:
        cid = event.get("id") or (event.get("Actor") or {}).get("ID")
        action = event.get("Action") or event.get("status") or ""
        if cid in pending and action.startswith(_MOVES):
            _check(engine, cid, condition, pending)
            if not pending:
                return


def _check(engine, cid: str, condition: str, pending: set[str]) -> None:
    try:
        state = engine.api.inspect_container(cid)
    except Exception:  # noqa: BLE001 - a container removed meanwhile never gets there
        raise EngineError(f"container {cid[:12]} is gone") from None
    verdict = judge(condition, state.get("State") or {})
    if verdict is True:
        pending.discard(cid)
    elif verdict:
        raise _failure(engine, state, verdict)


def _failure(engine, state: dict, verdict: str) -> EngineError:
    name = state["Name"].lstrip("/")
    tail = engine.logs_tail(state["Id"], 10).rstrip()
    logs = ("\n  last log lines:\n" + "\n".join("    " + ln for ln in tail.splitlines())
            if tail else "")
    return EngineError(f"container {name} {verdict}{logs}")
