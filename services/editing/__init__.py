"""Changing a dossier: raw fields read into checked inputs (one reading for forms, the API and
imports), the writes for claims, sources and entities, the revisions every change leaves, and
one-time form tokens. Services here add and flush; the caller commits."""
