"""--format templates: fields, json, and the table prefix."""
import pytest

from composer.errors import ConfigError
from composer.gotemplate import render

ROWS = [{"Name": "p-web-1", "State": "running", "Publishers": [{"URL": "127.0.0.1"}]},
        {"Name": "p-db-1", "State": "exited", "Publishers": []}]


def test_fields_one_line_per_row():
    assert render("{{.Name}} {{ .State }}", ROWS, {}) == "p-web-1 running\np-db-1 exited\n"


def test_json_of_row_and_of_field():
    out = render("{{json .Publishers}}", ROWS, {})
    assert out == '[{"URL":"127.0.0.1"}]\n[]\n'
    assert render("{{json .}}", ROWS[:1], {}).startswith('{"Name":"p-web-1"')


def test_table_prefix_adds_headers_and_aligns_tab_separated_columns():
    out = render(r"table {{.Name}}\t{{.State}}", ROWS, {"Name": "NAME"})
    assert out.splitlines() == ["NAME      STATE", "p-web-1   running", "p-db-1    exited"]


def test_unknown_field_is_a_config_error_listing_fields():
    with pytest.raises(ConfigError, match="unsupported template action {{.Nope}}.*Name"):
        render("{{.Nope}}", ROWS, {})
