"""Reading the record pages in tests: their HTML as a small element tree from the standard
library's parser (look-ups by id, tag and class; each element's text as a person reads it), and
the number of queries an answer makes."""

import re
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def text(self):
        """The text inside, whitespace collapsed."""
        parts = []

        def walk(node):
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no {tag or 'element'} {cls or ''} {attrs} in {self!r}"
        return found[0]

    def by_id(self, id_):
        return self.find(id=id_)

    def links(self):
        """``{text: href}`` of the links inside."""
        return {link.text: link.attrs.get("href") for link in self.find_all("a")}


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def page(response):
    """The response's HTML as an element tree."""
    tree = Tree()
    tree.feed(response.content.decode())
    return tree.root


def row_cells(row):
    """A table row's cells (its ``th`` and ``td``), as text."""
    return [cell.text for cell in row.children if not isinstance(cell, str)]


def queries_for(client, path):
    """How many queries one answer of ``path`` makes, once the process's caches are warm (the
    content types a generic relation looks up are read once per process, not per answer)."""
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)
