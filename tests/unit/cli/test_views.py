"""What ps, ls, events and stats print for the engine's data."""
from composer.commands.events import event_record, event_text, rfc3339nano
from composer.commands.ls import projects
from composer.containerrows import go_quote, ports_text, row
from composer.statsview import stats_row
from cli_helpers import container


def test_ps_json_has_docker_compose_fields_in_its_order():
    r = row(container(ports=({"IP": "127.0.0.1", "PrivatePort": 80, "PublicPort": 32775,
                              "Type": "tcp"},)), "p")
    assert list(r) == ["Command", "CreatedAt", "ExitCode", "Health", "ID", "Image", "Labels",
                       "LocalVolumes", "Mounts", "Name", "Names", "Networks", "Ports",
                       "Project", "Publishers", "RunningFor", "Service", "Size", "State",
                       "Status"]
    assert r["Command"] == '"sh -c \'echo hello; …"'
    assert r["ID"] == "e00796372856" and r["Networks"] == "p_default" and r["Size"] == "0B"
    assert r["Publishers"] == [{"URL": "127.0.0.1", "TargetPort": 80, "PublishedPort": 32775,
                                "Protocol": "tcp"}]
    assert r["Ports"] == "127.0.0.1:32775->80/tcp"


def test_ports_text_brackets_ipv6_and_shows_unpublished_ports():
    c = container(ports=({"IP": "::", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
                         {"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
                         {"PrivatePort": 9000, "Type": "udp"}))
    assert ports_text(c) == "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 9000/udp"


def test_go_quote_escapes_quotes_and_controls():
    assert go_quote('a "b"\n') == '"a \\"b\\"\\n"'


def test_ls_status_counts_states_per_project_sorted():
    cs = [container(name="p-a-1", state="running", labels={
              "com.docker.compose.project": "p",
              "com.docker.compose.project.config_files": "/x/compose.yaml"}),
          container(name="p-b-1", state="exited", labels={"com.docker.compose.project": "p"}),
          container(name="p-c-1", state="running", labels={"com.docker.compose.project": "p"}),
          container(name="a-x-1", state="created", labels={"com.docker.compose.project": "a"})]
    assert projects(cs) == [
        {"Name": "a", "Status": "created(1)", "ConfigFiles": ""},
        {"Name": "p", "Status": "exited(1), running(2)", "ConfigFiles": "/x/compose.yaml"}]


EVENT = {"Type": "container", "Action": "kill", "timeNano": 1764771694901903745,
         "Actor": {"ID": "e007", "Attributes": {"name": "p-web-1", "signal": "15",
                                                  "com.docker.compose.service": "web",
                                                  "com.docker.compose.project": "p"}}}


def test_events_json_record_hides_compose_labels_and_names_the_service():
    r = event_record(EVENT)
    assert r == {"action": "kill", "attributes": {"name": "p-web-1", "signal": "15"},
                 "id": "e007", "service": "web", "time": "2025-12-03T14:21:34.901903745Z",
                 "type": "container"}
    assert event_record({**EVENT, "Type": "network"}) is None


def test_events_text_line(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    import time
    time.tzset()
    assert event_text(event_record(EVENT)) == (
        "2025-12-03 14:21:34.901903 container kill e007 (name=p-web-1, signal=15)\n")


def test_rfc3339nano_trims_trailing_zeros():
    assert rfc3339nano(1_500_000_000) == "1970-01-01T00:00:01.5Z"
    assert rfc3339nano(2_000_000_000) == "1970-01-01T00:00:02Z"


def test_stats_row_computes_cpu_memory_io_like_docker():
    sample = {
        "cpu_stats": {"cpu_usage": {"total_usage": 2_000_000}, "system_cpu_usage": 200_000_000,
                      "online_cpus": 2},
        "precpu_stats": {"cpu_usage": {"total_usage": 1_000_000}, "system_cpu_usage": 100_000_000},
        "memory_stats": {"usage": 2 * 1024 * 1024, "limit": 1024 ** 3,
                         "stats": {"inactive_file": 1024 * 1024}},
        "networks": {"eth0": {"rx_bytes": 1170, "tx_bytes": 0}},
        "blkio_stats": {"io_service_bytes_recursive": [{"op": "read", "value": 4096},
                                                       {"op": "write", "value": 0}]},
        "pids_stats": {"current": 3}}
    r = stats_row(container(), sample)
    assert r == {"BlockIO": "4.1kB / 0B", "CPUPerc": "2.00%", "Container": container().id,
                 "ID": "e00796372856", "MemPerc": "0.10%", "MemUsage": "1MiB / 1GiB",
                 "Name": "p-web-1", "NetIO": "1.17kB / 0B", "PIDs": "3"}
