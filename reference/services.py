"""The one write path for provenance: which sources a record cites, and the rule that every fact
record cites at least one.

A record's citations are its own, or — for a record written together with the record it belongs
to (a participation, interception or statement written with its patrol) and naming no sources of
its own — inherited: copies of that record's sources marked ``inherited``, kept in step with them,
so a reader can tell the two apart. Opinion pieces are never inherited: they are cited only for
what they themselves said.

Every writer (the API, the admin, spreadsheet imports, the loader) calls these functions.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import replace_links

from .models import Citation, SourceKind

NO_SOURCE = "Cite at least one source: every fact record says where it comes from."
ONLY_OPINION = (
    "Its records without sources of their own (participations, armaments, …) would inherit this "
    "record's, but it cites only opinion pieces: cite a report too, or give them their own."
)


@transaction.atomic
def save_record(record, *, sources=None):
    """Write a fact record (its fields validated by the caller's ``full_clean()``) and, when
    given, exactly the sources it cites; then its heirs settle and the record must cite a
    source, or the whole write is refused (``ValidationError`` keyed ``sources``)."""
    record.save()
    if sources is not None:
        cite(record, sources)
    settle(record)
    return record


def citations_of(record):
    return Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("source")


def own_sources(record):
    """The sources ``record`` cites itself (not those it inherited), in citation order."""
    return [c.source for c in citations_of(record) if not c.inherited]


def inheritable(sources):
    """What a record's heirs inherit of ``sources``: all but opinion pieces."""
    return [source for source in sources if source.kind != SourceKind.OPINION]


def cite(record, sources):
    """Make ``record`` cite exactly ``sources`` as its own, keeping the citations that stay (and
    their locators); what it inherited gives way to its own. The records inheriting from it
    follow. Rows are created and deleted one by one, so history and the signals that stamp the
    record as edited see each."""
    existing = {citation.source_id: citation for citation in citations_of(record)}
    wanted = {source.pk: source for source in sources}
    for key, citation in existing.items():
        if key in wanted and citation.inherited:
            citation.inherited = False
            citation.save()
    replace_links(
        existing,
        wanted,
        lambda source: Citation.objects.create(content_object=record, source=source),
    )
    heirs_follow(record)


def inherit(record, parent_sources, existing=None):
    """A record written with the record it belongs to and naming no sources of its own cites
    that record's (inheritable) sources, marked inherited. A record with sources of its own
    keeps them. ``existing``: its citations, when the caller has read them already."""
    if existing is None:
        existing = citations_of(record)
    existing = {citation.source_id: citation for citation in existing}
    if any(not citation.inherited for citation in existing.values()):
        return
    replace_links(
        existing,
        {source.pk: source for source in inheritable(parent_sources)},
        lambda source: Citation.objects.create(
            content_object=record, source=source, inherited=True
        ),
    )


def heirs_follow(record):
    """The records inheriting from ``record`` that cite nothing, or only what they inherited,
    cite its inheritable sources as they now are (their citations read in one query per kind
    of heir). Returns the heirs left citing nothing (``record`` cites only opinion, say)."""
    heirs = record.source_heirs()
    if not heirs:
        return []
    sources = own_sources(record)
    cited = citations_by_record(heirs)
    uncited = []
    for heir in heirs:
        rows = cited.get(_key(heir), [])
        if all(citation.inherited for citation in rows):
            inherit(heir, sources, existing=rows)
            if not inheritable(sources):
                uncited.append(heir)
    return uncited


def citations_by_record(records):
    """``{(content type id, id): [citations]}`` for ``records``, one query per model."""
    by_model = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record.pk)
    found = {}
    for model, pks in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        rows = Citation.objects.filter(content_type=content_type, object_id__in=pks)
        for citation in rows.select_related("source").order_by("pk"):
            found.setdefault(_target(citation), []).append(citation)
    return found


def settle_citations(record):
    """After a record's citations were edited (row by row in the admin's inline, or on their
    own): once it cites sources of its own, what it inherited gives way; the records inheriting
    from it follow, and none may be left citing nothing."""
    citations = list(citations_of(record))
    if any(not citation.inherited for citation in citations):
        for citation in citations:
            if citation.inherited:
                citation.delete()
    refuse_uncited(heirs_follow(record))


def refuse_uncited(records):
    for record in records:
        require_sources(record)


NO_PARENT = (
    "It cited only the sources it inherited, and now belongs to no record to inherit them "
    "from: name its own sources."
)


def settle_inherited(record):
    """A record citing only what it inherited follows the record it now belongs to (a
    participation moved to another patrol cites that patrol's sources); belonging to none, it
    must name its own."""
    citations = list(citations_of(record))
    if not inherits_only(record, citations):
        return
    parent = record.source_parent()
    if parent is None:
        raise ValidationError({"sources": NO_PARENT})
    inherit(record, own_sources(parent), existing=citations)


def inherits_only(record, citations=None):
    """Whether ``record`` cites sources, all of them inherited."""
    citations = list(citations_of(record)) if citations is None else citations
    return bool(citations) and all(citation.inherited for citation in citations)


def settle(record):
    """After a record was written with the records that inherit from it (a patrol with its
    participations, an aircraft type with its armaments): what it inherited settles, its own
    citations displace inherited ones, its heirs follow it, and then it and every heir must
    cite a source (raised inside the write's transaction, a refusal rolls it all back)."""
    settle_inherited(record)
    settle_citations(record)
    require_sources(record)


@transaction.atomic
def save_citation(citation):
    """A citation written on its own (the citations resource, the citation admin): it is the
    record's own; the record's inherited citations give way and its heirs follow; a citation
    moved to another record may not leave the first citing nothing."""
    previous = Citation.objects.filter(pk=citation.pk).first() if citation.pk else None
    citation.inherited = False
    citation.save()
    settle_citations(citation.content_object)
    if previous is not None and _target(previous) != _target(citation):
        left = previous.content_object
        if left is not None:
            settle_citations(left)
            require_sources(left, field="record_id")
    return citation


@transaction.atomic
def delete_citation(citation):
    """Delete a citation written on its own; the record it leaves must still cite a source."""
    record = citation.content_object
    citation.delete()
    if record is not None:
        require_sources(record, field="record_id")
        refuse_uncited(heirs_follow(record))


def last_citations(citations):
    """Of ``citations``, those whose deletion, with the others, leaves their record citing
    nothing: ``{citation: record}``."""
    by_record = {}
    for citation in citations:
        by_record.setdefault(_target(citation), []).append(citation)
    orphaned = {}
    for (content_type_id, object_id), going in by_record.items():
        kept = Citation.objects.filter(content_type_id=content_type_id, object_id=object_id)
        if not kept.exclude(pk__in=[c.pk for c in going]).exists():
            record = going[0].content_object
            if record is not None:
                orphaned.update(dict.fromkeys(going, record))
    return orphaned


def _target(citation):
    return (citation.content_type_id, citation.object_id)


def _key(record):
    return (ContentType.objects.get_for_model(record).pk, record.pk)


def require_sources(record, field="sources"):
    """Refuse a write that would leave ``record`` citing nothing (raised inside the write's
    transaction, it rolls the write back)."""
    if not citations_of(record).exists():
        name = record._meta.verbose_name
        raise ValidationError({field: f"{NO_SOURCE} ({name} “{record}” cites none.)"})
