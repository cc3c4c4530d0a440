"""A rich console for a command's output that honours --ansi (and NO_COLOR, via rich)."""
from __future__ import annotations

from typing import TextIO


def console(ansi: str = "auto", file: TextIO | None = None):
    """never: plain text; always: colours even when piped; auto: colours on a terminal."""
    from rich.console import Console

    colour: dict = {}
    if ansi == "never":
        colour = {"no_color": True, "color_system": None}
    elif ansi == "always":
        colour = {"force_terminal": True}
    return Console(file=file, highlight=False, markup=False, emoji=False, soft_wrap=True,
                   **colour)
