"""Spreadsheet cells that a spreadsheet cannot run: text it would read as a formula is quoted.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets (OWASP, "CSV injection"); a file downloaded
from here must not run one on a reader's machine. Such text is written with a single quote in
front (``'=1+2``), which a spreadsheet shows as text. Numbers stay numbers: only text cells are
quoted, so ``-12`` in a number column is still a number, while the text ``-12`` is quoted.

Reading a file back undoes exactly what writing did, so an exported file imports unchanged:
text that already begins with a quote before such a character (or before another quote) is
quoted once more on the way out, and one quote comes off on the way in. Other text keeps its
leading quote (``'tis`` stays ``'tis``). JSON is never quoted: it holds the text exactly.
"""

FORMULA_STARTS = frozenset("=+-@\t\r")
QUOTE = "'"


def quoted(text):
    """Whether ``text`` is a quoted cell: one quote comes off when it is read back."""
    return text[:1] == QUOTE and (text[1:2] in FORMULA_STARTS or text[1:2] == QUOTE)


def neutralise(text):
    """The cell for ``text``: quoted if a spreadsheet would run it, or if reading it back would
    otherwise take a quote off."""
    if text[:1] in FORMULA_STARTS or quoted(text):
        return QUOTE + text
    return text


def restore(value):
    """The text a cell written by ``neutralise`` holds; anything not text is left as it is."""
    if isinstance(value, str) and quoted(value):
        return value[1:]
    return value
