"""The explorer index's HTML read as a person (or a screen reader) reads it: the form's controls
and their labels, the headings, the table of patrols, the export links, the charts' data and
the map's layers. Shared by the tests of the index (tests/explorer/test_index_*.py)."""

import json
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "area", "col"}


class IndexPage(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.controls = []  # {tag, type, id, name, value, checked}
        self.options = defaultdict(list)  # a select's name -> its options' values
        self.labels = {}  # a label's "for" -> its text
        self.headings = []  # (level, text)
        self.rows = []  # the patrol table's rows: slugs in order
        self.cells = {}  # slug -> the texts of its cells
        self.exports = {}  # data-export -> href
        self.data = {}  # json_script id -> its value
        self.maps = []  # each [data-map]'s attributes
        self.header_scopes = []  # the scope of every <th>
        self.tables = defaultdict(list)  # a chart's table (data-chart-table) -> rows of texts
        self.not_mapped = ""
        self._stack = []  # open elements: (tag, attrs, text parts)
        self._select = None
        self.feed(html)

    # -- parsing ---------------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            self.controls.append(
                {
                    "tag": tag,
                    "type": attrs.get("type", "text"),
                    "id": attrs.get("id"),
                    "name": attrs.get("name"),
                    "value": attrs.get("value", ""),
                    "checked": "checked" in attrs,
                }
            )
        elif tag == "select":
            self._select = attrs.get("name")
            self.controls.append(
                {
                    "tag": tag,
                    "type": "select",
                    "id": attrs.get("id"),
                    "name": attrs.get("name"),
                    "value": None,
                    "checked": False,
                }
            )
        elif tag == "option" and self._select:
            self.options[self._select].append((attrs.get("value"), "selected" in attrs))
        elif tag == "a" and "data-export" in attrs:
            self.exports[attrs["data-export"]] = attrs["href"]
        elif tag == "tr" and "data-slug" in attrs:
            self.rows.append(attrs["data-slug"])
            self.cells[attrs["data-slug"]] = []
        elif tag == "th":
            self.header_scopes.append(attrs.get("scope"))
        if tag == "tr" and self._chart_table():
            self.tables[self._chart_table()].append([])
        elif "data-map" in attrs:
            self.maps.append(attrs)
        if tag not in VOID:
            self._stack.append((tag, attrs, []))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        while self._stack:
            open_tag, attrs, parts = self._stack.pop()
            text = " ".join("".join(parts).split())
            if self._stack:
                self._stack[-1][2].append("".join(parts))
            if open_tag == tag:
                self._closed(tag, attrs, text, "".join(parts))
                return

    def handle_data(self, data):
        if self._stack:
            self._stack[-1][2].append(data)

    def _closed(self, tag, attrs, text, raw):
        if tag == "label" and attrs.get("for"):
            self.labels[attrs["for"]] = text
        elif tag in ("h1", "h2", "h3"):
            self.headings.append((int(tag[1]), text))
        elif tag == "script" and attrs.get("type") == "application/json":
            self.data[attrs["id"]] = json.loads(raw)
        elif tag in ("td", "th") and self.rows and self._in_patrol_row():
            self.cells[self.rows[-1]].append(text)
        elif tag in ("td", "th") and self._chart_table():
            self.tables[self._chart_table()][-1].append(text)
        elif attrs.get("data-swap") == "map-notes":
            self.not_mapped = text

    def _chart_table(self):
        for tag, attrs, _ in reversed(self._stack):
            if tag == "table":
                return attrs.get("data-chart-table")
        return None

    def _in_patrol_row(self):
        return any(tag == "tr" and "data-slug" in attrs for tag, attrs, _ in self._stack)

    # -- reading -----------------------------------------------------------------------------

    def table(self, name):
        """A chart's table as ``{row header: {column header: cell text}}``."""
        header, *rows = self.tables[name]
        return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}

    def offered(self):
        """``{name: [values]}`` the form offers: checkboxes, radios and options."""
        found = defaultdict(list)
        for control in self.controls:
            if control["type"] in ("checkbox", "radio"):
                found[control["name"]].append(control["value"])
        for name, options in self.options.items():
            found[name] += [value for value, _ in options]
        return dict(found)

    def chosen(self):
        """``[(name, value)]`` the form holds: ticked boxes, selected options, filled fields."""
        found = []
        for control in self.controls:
            if control["type"] in ("checkbox", "radio"):
                if control["checked"]:
                    found.append((control["name"], control["value"]))
            elif control["tag"] == "input" and control["value"]:
                found.append((control["name"], control["value"]))
        for name, options in self.options.items():
            found += [(name, value) for value, selected in options if selected]
        return found


def query_of(url, without=()):
    """The query string of ``url`` as a sorted list of pairs, leaving out ``without``."""
    return sorted((k, v) for k, v in parse_qsl(urlsplit(url).query) if k not in without)
