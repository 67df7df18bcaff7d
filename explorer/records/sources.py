"""Every source a page rests on, with its reliability grade and what on the page cites it.

The page's own record comes first (its sources in citation order), then the sources only its
rows cite or only claims name, by title. A row that inherited its parent's sources (written
with it, naming none of its own) adds nothing: the parent's line already says it.
"""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class SourceRow:
    source: object
    main: bool = False  # cited by the page's own record
    rows: Counter = field(default_factory=Counter)  # {kind of row: how many cite it}
    claims: int = 0

    def cited_for(self, main_label):
        """What cites the source, as a list of phrases: "this patrol", "2 interceptions"…"""
        parts = [main_label] if self.main else []
        for (singular, plural), n in self.rows.items():
            parts.append(f"{n} {singular if n == 1 else plural}")
        if self.claims:
            parts.append(f"{self.claims} claim{'' if self.claims == 1 else 's'}")
        return parts


def kind_of(record):
    meta = record._meta
    return str(meta.verbose_name), str(meta.verbose_name_plural)


def source_rows(main, rows, main_label):
    """``[(source row, "what cites it")]`` for the page's record ``main`` and its ``rows``."""
    found = {}

    def row_for(source):
        if source.pk not in found:
            found[source.pk] = SourceRow(source)
        return found[source.pk]

    for citation in main.prefetched("citations"):
        row_for(citation.source).main = True
    for record in [main, *rows]:
        for citation in record.prefetched("citations"):
            if record is not main and not citation.inherited:
                row_for(citation.source).rows[kind_of(record)] += 1
        for claim in record.claim_list:
            row_for(claim.source).claims += 1
    ordered = sorted(found.values(), key=lambda row: (not row.main, row.source.title.casefold()))
    main_order = {citation.source_id: n for n, citation in enumerate(main.prefetched("citations"))}
    ordered.sort(key=lambda row: main_order.get(row.source.pk, len(main_order)))
    return [(row, "; ".join(row.cited_for(main_label))) for row in ordered]
