"""Element paths in linear time (private).

Findings name elements by a path with 1-based positions among same-named siblings
(``/Verzuimmeldingen/Wrkgvr[1]/Wrknmr[2]/Gebdat``). Counting preceding siblings for each
element would be quadratic in a parent with many children; :class:`Paths` numbers a
parent's children once, the first time one of them is asked for, and remembers every
prefix it built. :meth:`Paths.resolve` finds the element libxml2 means by the path in a
schema error (``/*/*[2]/*[13]`` for elements in a default namespace, ``v:Wrknmr[2]`` for
prefixed ones, positions as libxml2 counts them), with the same kind of cache.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

__all__ = ["Paths", "line_of", "localname", "text_of"]

_STEP = re.compile(r"^(.*?)(?:\[(\d+)\])?$")


def line_of(el: etree._Element) -> int | None:
    """The element's source line (lxml's stubs type it loosely)."""
    line: Any = el.sourceline
    return line if isinstance(line, int) else None


def localname(el: etree._Element) -> str:
    """The element's local name."""
    tag = el.tag
    assert isinstance(tag, str)
    return tag.rpartition("}")[2]


def text_of(el: etree._Element) -> str | None:
    """The text of a simple element, joined around comments and processing instructions.

    None for an element without text; child elements' own content is not included.
    """
    if len(el) == 0:
        return el.text
    parts = [el.text or ""]
    parts.extend(node.tail or "" for node in el)
    return "".join(parts)


class Paths:
    """Paths of the elements of one tree, each parent's children numbered once."""

    def __init__(self) -> None:
        self._position: dict[etree._Element, int] = {}
        self._prefix: dict[etree._Element, str] = {}
        self._kids: dict[tuple[etree._Element, str], list[etree._Element]] = {}
        self._resolved: dict[str, etree._Element | None] = {}

    def number_children(self, parent: etree._Element) -> None:
        """Number the child elements of ``parent`` among their same-named siblings."""
        counts: dict[Any, int] = {}
        position = self._position
        for child in parent.iterchildren(etree.Element):
            n = counts.get(child.tag, 0) + 1
            counts[child.tag] = n
            position[child] = n

    def position(self, el: etree._Element) -> int:
        """``el``'s 1-based position among its same-named siblings."""
        pos = self._position.get(el)
        if pos is None:
            parent = el.getparent()
            if parent is None:
                return 1
            self.number_children(parent)
            pos = self._position[el]
        return pos

    def _full(self, el: etree._Element) -> str:
        """The path with a position on every step but the root's."""
        done = self._prefix.get(el)
        if done is not None:
            return done
        chain: list[etree._Element] = []
        node: etree._Element | None = el
        while node is not None and node not in self._prefix:
            chain.append(node)
            node = node.getparent()
        base = self._prefix[node] if node is not None else ""
        for item in reversed(chain):
            if item.getparent() is None:
                base = "/" + localname(item)
            else:
                base = f"{base}/{localname(item)}[{self.position(item)}]"
            self._prefix[item] = base
        return base

    def path(self, el: etree._Element, *, leaf_index: bool | None = None) -> str:
        """The finding path of ``el``.

        The root carries no position; the last step carries none when ``el`` has no child
        nodes (a leaf with simple content), unless ``leaf_index`` says otherwise.
        """
        parent = el.getparent()
        if parent is None:
            return "/" + localname(el)
        index = leaf_index if leaf_index is not None else len(el) != 0
        if index:
            return self._full(el)
        return f"{self._full(parent)}/{localname(el)}"

    def resolve(self, root: etree._Element, path: str | None) -> etree._Element | None:
        """The element libxml2 names by ``path`` in ``root``'s tree, or None."""
        if not path or not path.startswith("/"):
            return None
        if path in self._resolved:
            return self._resolved[path]
        steps = path.split("/")[2:]
        node: etree._Element | None = root
        for step in steps:
            match = _STEP.match(step)
            if match is None or node is None:
                node = None
                break
            kids = self._children(node, match.group(1))
            index = int(match.group(2) or 1)
            node = kids[index - 1] if 0 < index <= len(kids) else None
        self._resolved[path] = node
        return node

    def _children(self, node: etree._Element, name: str) -> list[etree._Element]:
        key = (node, name)
        kids = self._kids.get(key)
        if kids is None:
            if name == "*":
                kids = list(node.iterchildren(etree.Element))
            else:
                prefix, _, local = name.rpartition(":")
                if prefix:
                    kids = [
                        c
                        for c in node.iterchildren(etree.Element)
                        if c.prefix == prefix and localname(c) == local
                    ]
                else:  # an element in no namespace
                    kids = [c for c in node.iterchildren(etree.Element) if c.tag == local]
            self._kids[key] = kids
        return kids
