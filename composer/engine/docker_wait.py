"""Wait for containers to reach a condition by following the engine's event stream.

The stream is opened first (replaying from just before now), the current state is read
once, and then only events move the wait forward: no polling, no sleeps. A timeout is
given to the engine as `until`, so the stream ends on its own.
"""
from __future__ import annotations

import time

from composer.engine.docker import translated
from composer.errors import EngineError

_WHAT = {"service_healthy": "healthy", "service_completed_successfully": "completed successfully",
         "service_running": "running"}


class _Failed(Exception):
    pass


def _judge(condition: str, state: dict) -> bool | str:
    """True when the condition holds, a failure message when it never will, else False."""
    status = state.get("Status")
    health = (state.get("Health") or {}).get("Status")
    code = state.get("ExitCode")
    if condition == "service_completed_successfully":
        if status in ("exited", "dead"):
            return True if code == 0 else f"exited with code {code}"
        return False
    if status in ("exited", "dead"):
        return f"exited with code {code}"
    if condition == "service_running":
        return status == "running" or False
    if condition == "service_healthy":
        if health == "healthy":
            return True
        if health == "unhealthy":
            return "is unhealthy"
        return False
    return True


def wait_condition(engine, container_ids: list[str], condition: str,
                   timeout: float | None) -> None:
    if condition == "service_started" or not container_ids:
        return
    api = engine.api
    start = time.time()
    until = int(start + timeout) + 1 if timeout else None
    pending = set(container_ids)
    with translated("waiting for containers"):
        stream = api.events(since=int(start) - 1, until=until, decode=True,
                            filters={"type": "container", "container": list(pending)})
        try:
            for cid in list(pending):
                state = api.inspect_container(cid)
                if condition == "service_healthy" and not (state.get("State") or {}).get("Health"):
                    raise EngineError(f"container {state['Name'].lstrip('/')} has no "
                                      "healthcheck configured")
                verdict = _judge(condition, state.get("State") or {})
                if verdict is True:
                    pending.discard(cid)
                elif verdict:
                    raise _failure(engine, state, verdict)
            for event in stream if pending else ():
                cid = event.get("id") or (event.get("Actor") or {}).get("ID")
                action = event.get("Action") or event.get("status") or ""
                if cid not in pending:
                    continue
                if action.startswith(("health_status", "die", "start", "stop", "kill")):
                    state = api.inspect_container(cid)
                    verdict = _judge(condition, state.get("State") or {})
                    if verdict is True:
                        pending.discard(cid)
                        if not pending:
                            break
                    elif verdict:
                        raise _failure(engine, state, verdict)
        finally:
            stream.close()
    if pending:
        names = ", ".join(sorted(api.inspect_container(c)["Name"].lstrip("/") for c in pending))
        raise EngineError(f"timed out after {timeout:g}s waiting for {names} to be "
                          f"{_WHAT.get(condition, condition)}")


def _failure(engine, state: dict, verdict: str) -> EngineError:
    name = state["Name"].lstrip("/")
    tail = engine.logs_tail(state["Id"], 10).rstrip()
    logs = ("\n  last log lines:\n" + "\n".join("    " + ln for ln in tail.splitlines())
            if tail else "")
    return EngineError(f"container {name} {verdict}{logs}")
