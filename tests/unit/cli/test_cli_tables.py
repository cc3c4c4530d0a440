"""Tables and JSON as docker's CLI writes them."""
from composer.humanize import ago, binary_size, human_duration, human_size, parse_time
from composer.tables import format_table, to_json


def test_columns_are_widest_cell_plus_padding_and_at_least_minwidth():
    text = format_table(["NAME", "STATUS", "CONFIG FILES"],
                        [["refx", "exited(1), running(1)", "/tmp/ref/compose.yaml"]],
                        minwidth=20)
    assert text.splitlines() == [
        "NAME                STATUS                  CONFIG FILES",
        "refx                exited(1), running(1)   /tmp/ref/compose.yaml",
    ]


def test_last_column_is_not_padded_and_empty_cells_keep_the_layout():
    text = format_table(["NAME", "PORTS"], [["refx-db-1", ""]])
    assert text == "NAME        PORTS\nrefx-db-1   \n"


def test_top_layout_uses_minwidth_4_and_padding_2():
    text = format_table(["SERVICE", "#", "C"], [["db", "1", "0"]], minwidth=4, padding=2)
    assert text.splitlines() == ["SERVICE  #   C", "db       1   0"]


def test_json_is_compact_and_escapes_like_go():
    assert to_json({"Ports": "1->2", "a": [1]}) == '{"Ports":"1-\\u003e2","a":[1]}'


def test_durations_read_as_docker_writes_them():
    assert [human_duration(s) for s in (0.4, 1, 59, 61, 119, 3599, 3600, 7200, 86400 * 3,
                                        86400 * 20, 86400 * 90, 86400 * 800)] == [
        "Less than a second", "1 second", "59 seconds", "About a minute", "About a minute",
        "59 minutes", "About an hour", "2 hours", "3 days", "2 weeks", "3 months", "2 years"]
    assert ago(1000, now=1002) == "2 seconds ago"


def test_sizes_decimal_for_images_binary_for_memory():
    assert human_size(1986119) == "1.99MB"
    assert human_size(0) == "0B"
    assert human_size(1170) == "1.17kB"
    assert binary_size(348 * 1024) == "348KiB"
    assert binary_size(23.54 * 1024 ** 3) == "23.54GiB"


def test_engine_times_with_nanoseconds_parse():
    assert parse_time("1970-01-01T00:00:10.5Z") == 10.5
    assert parse_time("1970-01-01T00:00:10.123456789Z") == 10.123456789
    assert parse_time("0001-01-01T00:00:00Z") == 0.0
