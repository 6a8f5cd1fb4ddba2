"""Claim suggestions (issue #21): a first pass over a source's text that proposes claims for
an editor to accept, edit, merge or dismiss.

Rules, not a model: a sentence splitter (`sentences`), a bilingual lexicon of reporting cues
(`cues`), the dossier's names and aliases plus capitalised names in the text (`names`), the
subject of a reporting verb when no such name stands before it (`subjects`), and
date phrases read by `fuzzy_date` against the source's publication date (`dates`). `suggester`
joins them over plain data, so the benchmark (`evaluation`) runs without a database; `queue`
reads a stored source, leaves out what is already quoted or was dismissed, and records a
dismissal. Every suggestion lists the cues that made it, so an editor can see why. Nothing
here saves a claim: that stays the editor's action through the claim form.
"""
