"""composer: a Compose-file orchestrator, a drop-in for docker compose."""

__version__ = "0.1.0"
