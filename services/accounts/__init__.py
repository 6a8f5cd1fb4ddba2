"""Who may do what: editor accounts and passwords, API tokens, and rate limits counted in the
database so they hold across server processes."""
