"""Application logic: plain functions that take a session, add and flush, and never commit.

Grouped by capability; imports flow one way (see the contracts in pyproject.toml):
- `reading`: what a reader sees (filters, search, the timeline, facets, the overview strip,
  caches, and the claim, entity, source and timeline pages assembled as plain data);
- `editing`: changing the dossier (field readers, claim/source/entity writes, revisions,
  one-time form tokens, Markdown rendered at write time);
- `interchange`: data in and out (serialisation, the JSON API's input, queries and writes,
  the OpenAPI document, imports, exports, feeds and the seed files);
- `printing`: the briefing document and its PDF;
- `accounts`: editor accounts, API tokens, rate limits;
- `operations`: running an instance (backups).
"""
