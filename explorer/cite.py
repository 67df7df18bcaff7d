"""How to cite a record page: its title, its permalink, the data set's version it shows and the
day it was read, in plain text and as a BibTeX ``@misc`` entry.

The version is the data set's digest (``curation.version.current``, as the API's
``X-Dataset-Version`` header gives it), so a citation names the exact state it read: an export
of that state has the same digest. The permalink is the page's own absolute URL, built from
the request (the host the reader used), never from the query string.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from curation.version import current

SITE = "Strategic aviation reference"

# What BibTeX (and LaTeX under it) reads as markup in a field's text, escaped to print as is.
LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
LATEX_PATTERN = re.compile("|".join(re.escape(char) for char in LATEX_SPECIAL))


def latex_text(text):
    """``text`` with every character LaTeX reads as markup escaped."""
    return LATEX_PATTERN.sub(lambda match: LATEX_SPECIAL[match.group()], text)


def bibtex_key(kind, slug):
    """A citation key of letters, digits and hyphens: ``aviation-patrol-joint-patrol-1``."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", f"aviation-{kind}-{slug}").strip("-")


@dataclass(frozen=True)
class RecordCitation:
    title: str
    url: str
    version: str
    accessed: date
    key: str

    @property
    def text(self):
        """The plain-text citation, one line."""
        return (
            f"{SITE}. “{self.title}.” {self.url} (dataset version {self.version}; "
            f"accessed {self.accessed.isoformat()})."
        )

    @property
    def bibtex(self):
        """The ``@misc`` entry: the title braced whole (BibTeX styles keep its capitals), the
        URL in ``\\url{}`` as ``howpublished`` and again as ``url``, the version as the note."""
        fields = [
            ("author", f"{{{SITE}}}"),
            ("title", f"{{{latex_text(self.title)}}}"),
            ("howpublished", f"\\url{{{self.url}}}"),
            ("url", self.url),
            ("note", f"Dataset version {self.version}"),
            ("urldate", self.accessed.isoformat()),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}"


def cite(request, title, kind, slug, path, version=None):
    """The citation of the page at ``path`` (the record ``kind``/``slug``), read now, of the data
    set's current version (or ``version`` when the caller has read it already)."""
    return RecordCitation(
        title=title,
        url=request.build_absolute_uri(path),
        version=version if version is not None else current(),
        accessed=timezone.localdate(),
        key=bibtex_key(kind, slug),
    )
