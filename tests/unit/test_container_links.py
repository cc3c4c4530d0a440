"""Links in the container create body: by container name (the engine does not resolve a
link given by id), with the aliases docker compose gives."""
from __future__ import annotations

from composer.engine.docker_create import create_body
from composer.loader import LoadOptions, load


def _links(tmp_path, text: str) -> list[str]:
    (tmp_path / "compose.yaml").write_text(text)
    p = load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="m")).project
    body = create_body(p, p.services["web"], 1, "busybox", "sha256:x",
                       resolve=lambda s: "0123456789ab")
    (endpoint,) = body["NetworkingConfig"]["EndpointsConfig"].values()
    return endpoint.get("Links", [])


def test_each_container_of_a_linked_service_is_linked_by_name_under_each_alias(tmp_path):
    links = _links(tmp_path, """
services:
  web:
    image: busybox
    links: [api:backend, db]
    external_links: [legacy-cache:cache]
  api: {image: busybox, scale: 2}
  db: {image: busybox, container_name: the-db}
""")
    assert links == ["m-api-1:backend", "m-api-1:api-1", "m-api-1:m-api-1",
                     "m-api-2:backend", "m-api-2:api-2", "m-api-2:m-api-2",
                     "the-db:db", "the-db:db-1", "the-db:m-db-1",
                     "legacy-cache:cache"]
    assert not any("0123456789ab" in link for link in links)


def test_no_links_no_key(tmp_path):
    assert _links(tmp_path, "services:\n  web: {image: busybox}\n") == []
