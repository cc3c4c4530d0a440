"""Find where a value of the merged project came from: the file, line and column.

Each parsed document is registered in order as a layer; the last layer that has a key
path is the one whose value won the merge, so it is the one an error points at. A path
that no layer has (a key that is missing) is placed at its nearest ancestor that some
layer has.

`extends` adds fallbacks: in the document that defines `services.web`, a path under it
that the document does not have is looked for under the service it extends, in that
service's own document (and so on along the chain).
"""
from __future__ import annotations

from composer.errors import Location
from composer.keypath import KeyPath, render
from composer.loader.yamlread import YamlDoc

_MAX_HOPS = 32


class Locator:
    def __init__(self) -> None:
        self._layers: list[tuple[YamlDoc, KeyPath, KeyPath]] = []
        self._extends: dict[tuple[int, str], tuple[YamlDoc, str]] = {}

    def add(self, doc: YamlDoc, project_prefix: KeyPath = (), doc_prefix: KeyPath = ()) -> None:
        self._layers.append((doc, project_prefix, doc_prefix))

    def add_extends(self, doc: YamlDoc, service: str, base_doc: YamlDoc, base: str) -> None:
        """In `doc`, `services.<service>` inherits from `services.<base>` of `base_doc`."""
        self._extends.setdefault((id(doc), service), (base_doc, base))

    def locate(self, path: KeyPath) -> Location:
        for depth in range(len(path), -1, -1):
            sub = path[:depth]
            for doc, pprefix, dprefix in reversed(self._layers):
                if sub[:len(pprefix)] != pprefix:
                    continue
                found = self._in_doc(doc, dprefix + sub[len(pprefix):])
                if found is not None:
                    doc, inner = found
                    loc = doc.locate(inner)
                    return Location(loc.file, loc.line, loc.col, render(path),
                                    exact=loc.exact and depth == len(path))
        first = self._layers[0][0].filename if self._layers else None
        return Location(first, None, None, render(path))

    __call__ = locate

    def locate_item(self, path: KeyPath, item) -> Location:
        """The item at `path` (a list index) of the merged project, found by its value in
        the layer that wrote it: merging lists from several files moves indexes."""
        if isinstance(item, (str, int, float)) and not isinstance(item, bool) and path:
            text, list_path = str(item), path[:-1]
            for doc, pprefix, dprefix in reversed(self._layers):
                if list_path[:len(pprefix)] != pprefix:
                    continue
                inner = dprefix + list_path[len(pprefix):]
                items = doc.positions().items.get(inner) if doc.has(inner) else None
                if items and text in items:
                    loc = doc.locate(inner + (items.index(text),))
                    return Location(loc.file, loc.line, loc.col, render(path), exact=loc.exact)
        return self.locate(path)

    def documents(self) -> list[YamlDoc]:
        """Every document read, the project's layers first, then the extended ones."""
        docs = {id(d): d for d, _, _ in self._layers}
        for base, _ in self._extends.values():
            docs.setdefault(id(base), base)
        return list(docs.values())

    def _in_doc(self, doc: YamlDoc, path: KeyPath) -> tuple[YamlDoc, KeyPath] | None:
        for _ in range(_MAX_HOPS):
            if doc.has(path):
                return doc, path
            if len(path) < 3 or path[0] != "services":
                return None
            base = self._extends.get((id(doc), path[1]))
            if base is None:
                return None
            doc, path = base[0], ("services", base[1]) + path[2:]
        return None
