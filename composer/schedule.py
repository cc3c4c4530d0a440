"""Run a plan's steps on a thread pool, each as soon as the steps it waits for are done.

Shared by the local executor (executor.py) and the swarm one (swarmapply.py); what a step
does is theirs. After a failure nothing new starts; the steps running finish. On Ctrl-C
the pool is shut down without waiting and queued steps are dropped.
"""
from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from composer.errors import ComposerError
from composer.plan import Step


@dataclass(slots=True)
class Outcome:
    results: dict[int, Any] = field(default_factory=dict)        # step id → what it returned
    failures: list[tuple[Step, str]] = field(default_factory=list)
    skipped: list[Step] = field(default_factory=list)            # never started


def run_graph(steps: Iterable[Step], run: Callable[[Step], Any], parallel: int = 8,
              on_failure: Callable[[], None] | None = None,
              on_interrupt: Callable[[], None] | None = None,
              results: dict[int, Any] | None = None) -> Outcome:
    """Run every step with `run`, in dependency order, `parallel` at a time.
    `on_failure` is called after each failed step, `on_interrupt` on Ctrl-C (re-raised);
    `results` (filled as steps finish, so later steps can read what earlier ones made)."""
    steps = list(steps)
    pending = {s.id: s for s in steps}
    outcome = Outcome(results={} if results is None else results)
    pool = ThreadPoolExecutor(max_workers=max(1, parallel))
    interrupted = False
    try:
        _drive(pool, run, pending, outcome, on_failure)
    except KeyboardInterrupt:
        interrupted = True
        if on_interrupt:
            on_interrupt()
        raise
    finally:
        pool.shutdown(wait=not interrupted, cancel_futures=interrupted)
    outcome.skipped = [s for s in steps if s.id in pending]
    return outcome


def _drive(pool: ThreadPoolExecutor, run: Callable[[Step], Any], pending: dict[int, Step],
           outcome: Outcome, on_failure: Callable[[], None] | None) -> None:
    running: dict[Future, Step] = {}
    done: set[int] = set()
    while pending or running:
        if not outcome.failures:
            for sid, step in sorted(pending.items()):
                if all(a in done for a in step.after):
                    del pending[sid]
                    running[pool.submit(run, step)] = step
        if not running:
            break
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for fut in sorted(finished, key=lambda f: running[f].id):
            step = running.pop(fut)
            error = fut.exception()
            if error is None:
                outcome.results[step.id] = fut.result()
                done.add(step.id)
            else:
                outcome.failures.append((step, message(error)))
                if on_failure:
                    on_failure()


def message(error: BaseException) -> str:
    """What a failed step says: composer's own errors as they are, anything else marked."""
    if isinstance(error, ComposerError):
        return str(error)
    return f"unexpected error: {type(error).__name__}: {error}"
