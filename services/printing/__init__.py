"""The printed dossier: the briefing assembled as plain data, and HTML turned into a PDF."""
