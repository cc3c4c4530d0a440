"""Find where a value of the merged project came from: the file, line and column.

Each parsed file is registered in order; the last file that has a key path is the one
whose value won the merge, so it is the one an error points at. A path no file has
(a key that is missing) is placed at its nearest ancestor that some file has.
"""
from __future__ import annotations

from composer.errors import Location
from composer.keypath import KeyPath, render
from composer.loader.yamlread import YamlDoc


class Locator:
    def __init__(self) -> None:
        self._docs: list[tuple[YamlDoc, KeyPath, KeyPath]] = []

    def add(self, doc: YamlDoc, project_prefix: KeyPath = (), doc_prefix: KeyPath = ()) -> None:
        self._docs.append((doc, project_prefix, doc_prefix))

    def locate(self, path: KeyPath) -> Location:
        for depth in range(len(path), -1, -1):
            sub = path[:depth]
            for doc, pprefix, dprefix in reversed(self._docs):
                if sub[:len(pprefix)] != pprefix:
                    continue
                inner = dprefix + sub[len(pprefix):]
                if doc.has(inner):
                    loc = doc.locate(inner)
                    return Location(loc.file, loc.line, loc.col, render(path))
        first = self._docs[0][0].filename if self._docs else None
        return Location(first, None, None, render(path))

    __call__ = locate
