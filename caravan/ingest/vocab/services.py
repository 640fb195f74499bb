"""Store vocabularies: a concept scheme, its concepts and their broader links, in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from caravan.catalogue.models import Concept, ConceptScheme
from caravan.core.langmap import LanguageMap, clean_language_map, normalize_tag
from caravan.ingest.vocab import AltLabels, Vocabulary, VocabularyConcept
from caravan.ingest.vocab.skos import read_skos_file

STARTER_VOCABULARY = Path(__file__).resolve().parent / "data" / "starter.ttl"
STARTER_SCHEME_CODE = "caravan-types"
BATCH_SIZE = 500

Link = tuple[int, int]


@dataclass(frozen=True)
class VocabularyImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class _Stored:
    pk: int
    uri: str
    pref_labels: LanguageMap
    alt_labels: AltLabels


@transaction.atomic
def vocabulary_import(*, vocabulary: Vocabulary) -> VocabularyImportCounts:
    """Create or update a concept scheme and its concepts; importing it again changes nothing.

    Concepts are matched on (scheme, notation). The vocabulary's labels win language by language;
    languages it does not label are kept (records may have added them), as are concepts and
    broader links of concepts that are missing from the file. A concept counts as updated when
    its URI, labels or broader concepts changed. Runs in a few queries per thousand concepts.
    """
    scheme = _scheme_ensure(vocabulary)
    stored = _stored_concepts(scheme)
    new = [concept for concept in vocabulary.concepts if concept.notation not in stored]
    changed = _changed_concepts(vocabulary.concepts, stored)
    Concept.objects.bulk_create(
        [_new_concept(scheme, concept) for concept in new], batch_size=BATCH_SIZE
    )
    Concept.objects.bulk_update(
        changed, ["uri", "pref_labels", "alt_labels"], batch_size=BATCH_SIZE
    )
    pks = dict(Concept.objects.filter(scheme=scheme).values_list("notation", "pk"))
    relinked = _broader_links_sync(scheme, vocabulary.concepts, pks)
    updated = {concept.pk for concept in changed} | relinked
    updated -= {pks[concept.notation] for concept in new}
    return VocabularyImportCounts(
        created=len(new),
        updated=len(updated),
        unchanged=len(vocabulary.concepts) - len(new) - len(updated),
    )


def starter_vocabulary_ensure() -> VocabularyImportCounts:
    """Import the starter vocabulary shipped with Caravan (object types and materials)."""
    vocabulary = read_skos_file(STARTER_VOCABULARY, code=STARTER_SCHEME_CODE)
    return vocabulary_import(vocabulary=vocabulary)


def _scheme_ensure(vocabulary: Vocabulary) -> ConceptScheme:
    scheme, _ = ConceptScheme.objects.get_or_create(code=vocabulary.code)
    titles = clean_language_map(vocabulary.titles) or scheme.titles
    uri = vocabulary.uri or scheme.uri
    if (titles, uri) != (scheme.titles, scheme.uri):
        scheme.titles, scheme.uri = titles, uri
        scheme.save(update_fields=["titles", "uri"])
    return scheme


def _stored_concepts(scheme: ConceptScheme) -> dict[str, _Stored]:
    rows = Concept.objects.filter(scheme=scheme).values_list(
        "notation", "pk", "uri", "pref_labels", "alt_labels"
    )
    return {
        notation: _Stored(pk=pk, uri=uri, pref_labels=pref or {}, alt_labels=alt or {})
        for notation, pk, uri, pref, alt in rows.iterator(chunk_size=2000)
    }


def _new_concept(scheme: ConceptScheme, concept: VocabularyConcept) -> Concept:
    return Concept(
        scheme=scheme,
        notation=concept.notation,
        uri=concept.uri,
        pref_labels=clean_language_map(concept.pref_labels),
        alt_labels=clean_alt_labels(concept.alt_labels),
    )


def _changed_concepts(
    concepts: Iterable[VocabularyConcept], stored: dict[str, _Stored]
) -> list[Concept]:
    changed = []
    for concept in concepts:
        before = stored.get(concept.notation)
        if before is None:
            continue
        after = Concept(
            pk=before.pk,
            uri=concept.uri or before.uri,
            pref_labels={**before.pref_labels, **clean_language_map(concept.pref_labels)},
            alt_labels={**before.alt_labels, **clean_alt_labels(concept.alt_labels)},
        )
        if (after.uri, after.pref_labels, after.alt_labels) != (
            before.uri,
            before.pref_labels,
            before.alt_labels,
        ):
            changed.append(after)
    return changed


def clean_alt_labels(alt_labels: dict[str, list[str]]) -> AltLabels:
    """Alternative labels with canonical tags, stripped, without empty texts or repeats."""
    cleaned: AltLabels = {}
    for tag, texts in alt_labels.items():
        kept = [text.strip() for text in texts if isinstance(text, str) and text.strip()]
        if kept:
            merged = cleaned.setdefault(normalize_tag(tag), [])
            merged += [text for text in dict.fromkeys(kept) if text not in merged]
    return cleaned


def _broader_links_sync(
    scheme: ConceptScheme, concepts: Sequence[VocabularyConcept], pks: dict[str, int]
) -> set[int]:
    """Make the broader links of the vocabulary's concepts those the file gives.

    Returns the pks of the concepts whose broader links changed.
    """
    through: Any = Concept.broader.through
    wanted: set[Link] = {
        (pks[concept.notation], pks[notation])
        for concept in concepts
        for notation in concept.broader
        if notation in pks
    }
    in_file = {pks[concept.notation] for concept in concepts}
    existing: dict[Link, int] = {
        (from_pk, to_pk): link_pk
        for link_pk, from_pk, to_pk in through.objects.filter(
            from_concept__scheme=scheme, to_concept__scheme=scheme
        ).values_list("pk", "from_concept_id", "to_concept_id")
    }
    stale = [link for link in existing if link[0] in in_file and link not in wanted]
    missing = [link for link in wanted if link not in existing]
    stale_pks = [existing[link] for link in stale]
    for start in range(0, len(stale_pks), BATCH_SIZE):
        through.objects.filter(pk__in=stale_pks[start : start + BATCH_SIZE]).delete()
    through.objects.bulk_create(
        [through(from_concept_id=from_pk, to_concept_id=to_pk) for from_pk, to_pk in missing],
        batch_size=BATCH_SIZE,
    )
    return {from_pk for from_pk, _ in [*stale, *missing]}
