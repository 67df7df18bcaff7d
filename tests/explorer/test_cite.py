"""'Cite this record': the page's title, its permalink (the absolute URL of the page), the data
set's version it shows (the digest the API's X-Dataset-Version gives) and the access date, in
plain text and as a BibTeX @misc entry whose fields a BibTeX reader gets back as written."""

import datetime
import html

import pytest
from django.test import RequestFactory
from django.utils import timezone

from curation.version import current
from explorer.cite import RecordCitation, bibtex_key, cite, latex_text
from tests import factories
from tests.explorer.record_html import page

VERSION = "sha256:" + "ab" * 32


def parse_bibtex(text):
    """``(entry type, key, {field: value})`` of one BibTeX entry, values with their outer
    braces removed (inner braces kept, as BibTeX keeps them)."""
    text = text.strip()
    assert text.startswith("@") and text.endswith("}")
    kind, _, rest = text[1:].partition("{")
    key, _, body = rest[:-1].partition(",")
    fields, position = {}, 0
    while True:
        equals = body.find("=", position)
        if equals < 0:
            break
        name = body[position:equals].strip().strip(",").strip()
        start = body.index("{", equals)
        depth, end = 0, start
        for end in range(start, len(body)):
            if body[end] == "{" and body[end - 1] != "\\":
                depth += 1
            elif body[end] == "}" and body[end - 1] != "\\":
                depth -= 1
                if depth == 0:
                    break
        assert depth == 0, f"unbalanced braces in {name}"
        assert name not in fields, f"{name} given twice"
        fields[name] = body[start + 1 : end]
        position = end + 1
    return kind, key.strip(), fields


def citation(title="1st China–Russia joint strategic air patrol"):
    return RecordCitation(
        title=title,
        url="https://aviation.example/patrols/joint-patrol-1/",
        version=VERSION,
        accessed=datetime.date(2025, 3, 4),
        key="aviation-patrol-joint-patrol-1",
    )


def test_the_bibtex_entry_names_title_address_version_and_access_date():
    kind, key, fields = parse_bibtex(citation().bibtex)

    assert (kind, key) == ("misc", "aviation-patrol-joint-patrol-1")
    assert fields == {
        "author": "{Strategic aviation reference}",
        "title": "{1st China–Russia joint strategic air patrol}",
        "howpublished": r"\url{https://aviation.example/patrols/joint-patrol-1/}",
        "url": "https://aviation.example/patrols/joint-patrol-1/",
        "note": f"Dataset version {VERSION}",
        "urldate": "2025-03-04",
    }


def test_the_plain_text_citation():
    assert citation().text == (
        "Strategic aviation reference. “1st China–Russia joint strategic air patrol.” "
        f"https://aviation.example/patrols/joint-patrol-1/ (dataset version {VERSION}; "
        "accessed 2025-03-04)."
    )


def test_latex_markup_in_a_title_is_escaped_and_the_braces_stay_balanced():
    title = r"R&D: 50% of {the} $cost_1 #2 ~ ^ \ done"

    _, _, fields = parse_bibtex(citation(title).bibtex)

    assert fields["title"] == "{" + latex_text(title) + "}"
    assert latex_text(title) == (
        r"R\&D: 50\% of \{the\} \$cost\_1 \#2 \textasciitilde{} \textasciicircum{} "
        r"\textbackslash{} done"
    )


def test_a_key_is_letters_digits_and_hyphens():
    assert bibtex_key("aircraft-type", "tu-95ms") == "aviation-aircraft-type-tu-95ms"
    assert bibtex_key("source", "a_b.c d") == "aviation-source-a-b-c-d"


@pytest.mark.django_db
def test_cite_builds_the_permalink_from_the_request_and_reads_the_version(settings):
    settings.ALLOWED_HOSTS = ["aviation.example"]
    request = RequestFactory().get("/patrols/x/?ignored=1", HTTP_HOST="aviation.example")

    made = cite(request, "Title", "patrol", "x", "/patrols/x/")

    assert made.url == "http://aviation.example/patrols/x/"
    assert made.version == current()
    assert made.accessed == timezone.localdate()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "path", "title"),
    [
        (lambda: factories.PatrolFactory(slug="p-1", name="A patrol"), "/patrols/p-1/", "A patrol"),
        (
            lambda: factories.AircraftTypeFactory(slug="h-6k", designation="H-6K"),
            "/aircraft-types/h-6k/",
            "H-6K",
        ),
        (
            lambda: factories.SourceFactory(slug="s-1", title="A & B report"),
            "/sources/s-1/",
            "A & B report",
        ),
    ],
)
def test_every_record_page_cites_itself(client, factory, path, title):
    factory()

    html_page = page(client.get(path))

    block = html_page.by_id("cite")
    values = [dd.text for dd in block.find("dl").find_all("dd")]
    url = f"http://testserver{path}"
    assert values == [title, url, current(), timezone.localdate().isoformat()]
    assert block.find("a", cls="permalink").attrs["href"] == url
    assert current() in html_page.find("footer").text
    bibtex = html.unescape(block.by_id("citation-bibtex").text)  # the page's text, as copied
    _, key, fields = parse_bibtex(bibtex)
    assert key == bibtex_key(path.split("/")[1].rstrip("s"), path.split("/")[2])
    assert fields["title"] == "{" + latex_text(title) + "}"
    assert fields["howpublished"] == rf"\url{{{url}}}"
    assert fields["note"] == f"Dataset version {current()}"
    assert fields["urldate"] == timezone.localdate().isoformat()
    assert block.by_id("citation-text").text.startswith(
        f"Strategic aviation reference. “{title}.” {url} "
    )
