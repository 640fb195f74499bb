"""The cooperation network: institutions as nodes, their shared records as weighted edges.

- ``links``: every cooperation a reader may see (agreements, loans, joint exhibitions,
  exchange and training programmes), as dated pairs of institutions, read through the
  domains' own visibility selectors.
- ``graph``: the pairs folded into edges (counts per kind, last date, a recency-decayed
  weight), the graph's metrics (networkx) and a deterministic layout.
- ``partners``: members who have never cooperated, ranked by how their collections complement
  each other.
- ``selectors``: the network a reader sees for the platform or one alliance, cached.
- ``svg`` and ``exports``: the picture (inline and as a file) and the CSV tables.
"""
