"""Controlled vocabularies: SKOS and CIT readers, the bulk importer and label linking.

Readers (`skos`, `cit`) turn a file into plain `Vocabulary` values without touching the
database; `services.vocabulary_import` stores one; `linking.ConceptIndex` links the literal
terms and concept references of records to stored concepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from caravan.core.langmap import LanguageMap

AltLabels = dict[str, list[str]]


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read, with a one-line reason."""


@dataclass(frozen=True)
class VocabularyConcept:
    """One concept; `broader` holds the notations of its broader concepts in the same scheme."""

    notation: str
    uri: str = ""
    pref_labels: LanguageMap = field(default_factory=dict)
    alt_labels: AltLabels = field(default_factory=dict)
    broader: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """A concept scheme as read from a file; `problems` lists what was left out and why."""

    code: str
    uri: str = ""
    titles: LanguageMap = field(default_factory=dict)
    concepts: tuple[VocabularyConcept, ...] = ()
    problems: tuple[str, ...] = ()
