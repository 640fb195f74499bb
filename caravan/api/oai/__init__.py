"""The OAI-PMH 2.0 data provider at /oai: the pooled public catalogue for aggregators.

`views.oai_endpoint` reads the request; `protocol` checks its arguments; `verbs` answers each
of the six verbs from `selectors` (what may be harvested: exactly the public catalogue, plus the
public records withdrawn since, as deleted records); `formats` turns an object into oai_dc,
LIDO 1.1 or EDM; `tokens` signs the resumption tokens. See docs/oai-pmh.md.
"""
