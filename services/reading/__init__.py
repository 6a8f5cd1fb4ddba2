"""What a reader sees: filters, search, the timeline, facets, the overview strip, the caches
keyed by a dossier's last change (kept by services.editing.last_change), and each page
(timeline, claim, entity, source) assembled as plain data for a template or the API. Nothing
here writes, and nothing here imports editing."""
