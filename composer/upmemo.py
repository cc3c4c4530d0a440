"""A no-op `up` remembered, so that the next identical one answers without loading.

An `up -d` that finds every container as it should be spends nearly all its time (about
0.15 s) importing and running the loader and the planner, to conclude that nothing is to
be done. When such a run ends — or an `up -d` that changed the project plans once more at
its end (a few ms) and finds nothing left to do — it notes:

- what its answer could depend on: the command line, the working directory, the whole
  environment, whether the streams are terminals, and composer's own code (the size and
  time of each of its files);
- every look the loader and the config hash took at the file system (readlog.py): which
  files exist, what each directory listed holds, a digest of each file read;
- every engine read it made (the unix-socket reader's GETs), with a digest of the answer
  leaving out only what changes by itself ("Up 5 minutes" counts as "Up");
- what it printed.

The next run with the same command line, directory, environment and code takes every one
of those looks and engine reads again. Loader and planner are functions of exactly these
answers, so when every answer is the same they would conclude the same: the run prints
what was printed then and exits 0. Any difference, a missing or unreadable note, another
run holding the project's lock, or anything unexpected, and the command goes the whole
way as usual (and notes again if nothing was to be done).

COMPOSER_UP_MEMO=0 turns this off. The notes are small JSON files in
$XDG_CACHE_HOME/composer/up-memo (default ~/.cache/composer/up-memo).
"""
from __future__ import annotations

import json
import os
import sys
TYPE_CHECKING = False   # typing costs ~3 ms to import; only checkers need it
if TYPE_CHECKING:
    from typing import Any, Callable, Sequence

from composer import readlog

VERSION = "1"
KEEP = 200            # notes kept; the oldest go when there are more
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_CODE_DIRS = ("", "loader", "engine", "commands", "schema")

ARMED: str | None = None   # the key of the command line a recorder may note (set by replay)


def enabled(environ=os.environ) -> bool:
    return environ.get("COMPOSER_UP_MEMO", "1").strip().lower() not in ("0", "false", "no",
                                                                        "off")


def memo_dir(environ=os.environ) -> str:
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "composer", "up-memo")


def eligible(argv: Sequence[str]) -> bool:
    """A command line that may be remembered: `up` after plain global options, no stdin
    file, no dry run."""
    from composer.fastpath import skip_globals

    start = skip_globals(argv)
    return (start is not None and argv[start] == "up" and "--dry-run" not in argv
            and not any(a == "-" or a.endswith("=-") for a in argv) and enabled())


def key(argv: Sequence[str]) -> str:
    """Everything besides the file system and the engine that an answer depends on,
    written without ambiguity (a value holding a newline cannot pass for two)."""
    parts = [VERSION, sys.version, sys.executable, os.getcwd(), os.getuid(),
             [s.isatty() for s in (sys.stdin, sys.stdout, sys.stderr)], list(argv),
             sorted(os.environ.items()), _code_stamp(), _libraries_stamp()]
    return readlog.digest(json.dumps(parts).encode())


def _code_stamp() -> list[str]:
    out = []
    for sub in _CODE_DIRS:
        folder = os.path.join(_PACKAGE, sub)
        with os.scandir(folder) as entries:
            for e in entries:
                if e.name.endswith((".py", ".json")):
                    st = e.stat()
                    out.append(f"{sub}/{e.name}:{st.st_size}:{st.st_mtime_ns}")
    out.sort()
    return out


def _libraries_stamp() -> list[str]:
    """The installed distributions (name, version, when installed) in every
    site-packages folder on the path: an upgraded PyYAML may parse differently."""
    out = []
    for folder in sys.path:
        if os.path.basename(folder) not in ("site-packages", "dist-packages"):
            continue
        try:
            with os.scandir(folder) as entries:
                for e in entries:
                    if e.name.endswith((".dist-info", ".egg-info")):
                        out.append(f"{folder}/{e.name}:{e.stat().st_mtime_ns}")
        except OSError:
            continue
    out.sort()
    return out


def steady(url: str, status: int, body: Any) -> str:
    """A digest of an engine answer, leaving out what changes on its own."""
    path = url.partition("?")[0]
    if status >= 400 or path.startswith(("/networks/", "/volumes/")):
        shown: Any = status           # an error, or an existence check: the status says it
    elif path == "/containers/json" and isinstance(body, list):
        shown = [{**c, "Status": _steady_status(c.get("Status") or "")} for c in body]
    elif path.startswith("/images/") and isinstance(body, dict):
        shown = body.get("Id")
    else:
        shown = body
    return readlog.digest(json.dumps(shown, sort_keys=True).encode())


def _steady_status(status: str) -> str:
    """'Up 5 minutes (healthy)' → 'Up (healthy)'; 'Exited (1) 2 hours ago' → 'Exited (1)'."""
    out = [status.partition(" ")[0]]
    rest = status
    while (i := rest.find("(")) >= 0 and (j := rest.find(")", i)) >= 0:
        out.append(rest[i:j + 1])
        rest = rest[j + 1:]
    return " ".join(out)


def _note_path(k: str) -> str:
    return os.path.join(memo_dir(), f"{k}.json")


# -- answering from a note ---------------------------------------------------------------

def replay(argv: Sequence[str]) -> bool:
    """Print what the remembered run printed, when every answer is still the same."""
    global ARMED
    if not eligible(argv):
        return False
    try:
        ARMED = key(argv)
        with open(_note_path(ARMED), encoding="utf-8") as f:
            note = json.load(f)
        if note.get("version") != VERSION or not _same(note):
            return False
    except Exception:   # noqa: BLE001 - any doubt: go the whole way
        return False
    sys.stdout.write(note["stdout"])
    sys.stderr.write(note["stderr"])
    return True


def _same(note: dict) -> bool:
    for what, path, answer in note["reads"]:
        if readlog.answer(what, path) != answer:
            return False
    from composer.projectlock import hold_path

    if hold_path(note["lock"], note["project"], wait=False) is None:
        return False      # another run is changing the project: wait for it the usual way
    for url, digest in note["gets"]:
        if steady(url, *_answer(note["socket"], url)) != digest:
            return False
    return True


def _answer(socket_path: str, url: str) -> tuple[int, Any]:
    """The engine's answer as LocalReader parses it (an error's body does not count)."""
    from composer.engine.unixhttp import http_get

    status, body = http_get(socket_path, url, 60)
    return status, (json.loads(body) if body and status < 400 else None)


# -- noting a run ------------------------------------------------------------------------

class Recorder:
    """Notes one `up` run: its file system looks, its engine reads and its output."""

    def __init__(self, key: str):
        self.key = key
        self.reads = readlog.start()
        self.gets: list[list] = []
        self.spoiled = False
        self.preamble: tuple[str, str] | None = None
        self.reader: Any = None
        self._streams: tuple | None = (sys.stdout, sys.stderr)
        sys.stdout, sys.stderr = _Tee(sys.stdout), _Tee(sys.stderr)

    def watch(self, engine: Any) -> None:
        """Note the engine reads of `engine` (only the local unix-socket engine says)."""
        reader = getattr(engine, "reader", None)
        if reader is None or not hasattr(reader, "on_answer"):
            self.spoiled = True
            return
        self.reader, self.engine = reader, engine
        reader.on_answer = self._answer

    def _answer(self, url: str, status: int, body: Any) -> None:
        self.gets.append([url, steady(url, status, body)])

    def mark(self) -> None:
        """The project is loaded: what was printed so far is what any run of it prints
        first (the loader's warnings)."""
        self.preamble = ("".join(sys.stdout.text), "".join(sys.stderr.text))

    def say(self, message: str) -> None:
        """The project lock's 'waiting' message: this run's reads are not a steady state."""
        self.spoiled = True
        print(message, file=sys.stderr, flush=True)

    def keep(self, project: str) -> None:
        """The run changed nothing: note it, with what it printed."""
        if self.reader is not None and getattr(self.engine, "sdk_calls", 1) == 0:
            self._write(project, "".join(sys.stdout.text), "".join(sys.stderr.text))

    def settle(self, project: str, replan: Callable, report: Callable) -> None:
        """The run changed the project and is done: plan again (`replan()`, its engine reads
        noted afresh); when that plan changes nothing, note it with what `report(plan)`
        prints after the loader's warnings — what the next identical `up` would print."""
        if self.reader is None or self.spoiled or self.preamble is None:
            return
        self.gets = []
        calls = getattr(self.engine, "sdk_calls", None)
        plan = replan()
        if calls is None or self.engine.sdk_calls != calls or not all(
                step.action == "keep" for step in plan.steps):
            return      # reads went through the SDK (not noted), or there is more to do
        import io

        streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err = io.StringIO(), io.StringIO()
        try:
            report(plan)
        finally:
            sys.stdout, sys.stderr = streams
        self._write(project, self.preamble[0] + out.getvalue(), self.preamble[1] + err.getvalue())

    def _write(self, project: str, stdout: str, stderr: str) -> None:
        if self.spoiled:
            return
        from composer.projectlock import lock_path

        note = {"version": VERSION, "project": project, "socket": self.reader.path,
                "lock": lock_path(project), "reads": list(self.reads), "gets": self.gets,
                "stdout": stdout, "stderr": stderr}
        try:
            _write(_note_path(self.key), note)
        except OSError:
            pass        # a read-only home: no note, no harm

    def pause(self) -> None:
        """Give the streams back (what follows is not a no-op's output); looks and reads
        are still noted, for settle(). Once; later calls do nothing."""
        if self._streams is None:
            return
        for s in (sys.stdout, sys.stderr):
            if isinstance(s, _Tee):
                s.flush()
        sys.stdout, sys.stderr = self._streams
        self._streams = None

    def close(self) -> None:
        """Stop noting and give the streams back."""
        self.pause()
        readlog.stop()
        if self.reader is not None:
            self.reader.on_answer = None


def recorder() -> Recorder | None:
    """A recorder when replay() armed one for this command line, else None."""
    global ARMED
    armed, ARMED = ARMED, None
    return Recorder(armed) if armed is not None else None


def _write(path: str, note: dict) -> None:
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(note, f)
    os.replace(tmp, path)
    names = [n for n in os.listdir(folder) if n.endswith(".json")]
    if len(names) > KEEP:
        stamped = sorted(names, key=lambda n: os.stat(os.path.join(folder, n)).st_mtime)
        for n in stamped[:len(names) - KEEP]:
            try:
                os.remove(os.path.join(folder, n))
            except OSError:
                pass


class _Tee:
    """A stream that keeps a copy of what is written through it."""

    def __init__(self, stream):
        self._stream = stream
        self.text: list[str] = []

    def write(self, s: str) -> int:
        self.text.append(s)
        return self._stream.write(s)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
