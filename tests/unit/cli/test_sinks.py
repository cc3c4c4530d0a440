"""Progress output: plain lines, JSON objects, and the modes --progress/--ansi choose."""
import io
import json

from composer.clictx import GlobalOptions
from composer.plan import Step
from composer.ui import JsonSink, LiveSink, PlainSink

STEP = Step(1, "create", "service:web:1", "no container yet")


def test_plain_lines_as_docker_compose_prints_them():
    out = io.StringIO()
    sink = PlainSink(out)
    sink.step_started(STEP, "Container p-web-1")
    sink.step_done(STEP, "Container p-web-1")
    assert out.getvalue() == " Container p-web-1  Creating\n Container p-web-1  Created\n"


def test_json_one_object_per_event_with_docker_compose_fields():
    out = io.StringIO()
    sink = JsonSink(out)
    sink.step_started(STEP, "Container p-web-1")
    sink.step_failed(STEP, "Container p-web-1", "boom")
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        {"id": "Container p-web-1", "status": "Creating"},
        {"id": "Container p-web-1", "text": "Error", "status": "boom"}]


def test_live_view_final_frame_has_header_marks_states_and_times():
    out = io.StringIO()
    with LiveSink("Running", out, force_terminal=True, color=False) as sink:
        sink.step_started(STEP, "Container p-web-1")
        sink.step_done(STEP, "Container p-web-1")
        sink.step_started(Step(2, "start", "service:db:1", ""), "Container p-db-1")
        sink.step_failed(Step(2, "start", "service:db:1", ""), "Container p-db-1", "bad\nmore")
    last = "[+]" + out.getvalue().rsplit("[+]", 1)[1]
    lines = [" ".join(line.split()) for line in last.splitlines()]
    assert lines[:3] == ["[+] Running 2/2", "✔ Container p-web-1 Created 0.0s",
                         "✘ Container p-db-1 Error bad 0.0s"]
    assert last.splitlines()[1].startswith(" ✔ Container p-web-1  Created ")


def _mode(monkeypatch, tty: bool, **kw) -> str:
    class Stream(io.StringIO):
        def isatty(self):
            return tty
    monkeypatch.delenv("NO_COLOR", raising=False)
    return GlobalOptions(**kw).progress_mode(Stream())


def test_auto_progress_is_live_on_a_terminal_and_plain_elsewhere(monkeypatch):
    assert _mode(monkeypatch, True) == "tty"
    assert _mode(monkeypatch, False) == "plain"
    assert _mode(monkeypatch, False, ansi="always") == "tty"
    assert _mode(monkeypatch, True, ansi="never") == "plain"
    assert _mode(monkeypatch, True, progress="json") == "json"


def test_no_color_turns_auto_ansi_into_never(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert GlobalOptions().ansi_mode() == "never"
    assert GlobalOptions(ansi="always").ansi_mode() == "always"
    assert not GlobalOptions().color()
