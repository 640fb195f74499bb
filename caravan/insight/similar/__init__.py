"""Similar objects: related objects in other members' collections, each with its reasons.

Two steps, so that a catalogue of a million records costs one index query per object:

1. `candidates` asks the Tantivy index a "more like this" query built from the object's
   concepts (those it is linked to and those its words name in any language), makers, period
   and words, with the reader's visibility and the object's own institution excluded.
2. `ranking` scores a few hundred candidates with explicit features — IDF-weighted shared
   concepts (and broader ones), same maker, overlapping dates, same place, shared words — and
   keeps, for each suggestion, the reasons a reader is shown.

A record with no subject indexing is given the concepts its words, makers and types carry in the
records members did index (`model`: counted over the catalogue by a background task, stored as
one file, used when present), counted below the concepts a cataloguer linked.

`selectors.similar_objects` is the entry point (cached per object, reader's scope and index
position); `selectors.checklist_suggestions` does the same for an exhibition's checklist.
"""
