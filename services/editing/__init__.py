"""Changing a dossier: raw fields read into checked inputs (one reading for forms, the API and
imports), the writes for claims, sources and entities, the revisions every change leaves
(recorded in revisions, shown by revision_display), the dossier's last change that every
write moves (last_change, a session event), the merge of two editors' saves of one object
(three_way, concurrent_edits), and one-time form tokens. Services here add and
flush; the caller commits."""
