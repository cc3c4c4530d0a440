"""Which environments a folder has."""
from __future__ import annotations

from envhelpers import write_files

from composer.loader.environments import names


def test_names_from_overlays_and_env_files(tmp_path):
    write_files(tmp_path, {"compose.yaml": "", "compose.prod.yaml": "",
                           "docker-compose.qa.yml": "", ".env.ci": "", ".env": "",
                           "compose.override.yaml": "", "compose.base.yaml": "",
                           "compose.a.b.yaml": "", ".env.local.example": "",
                           "notes.staging.yaml": ""})
    (tmp_path / "compose.dir.yaml").mkdir()
    assert names(str(tmp_path)) == ["base", "ci", "prod", "qa"]
