"""Flask extensions that blueprints need to reach: created here, initialised in the factory."""

from flask_wtf.csrf import CSRFProtect

# The JSON API authenticates with bearer tokens, never the session cookie, so its blueprint
# is exempt (see views.register_blueprints); every HTML form keeps CSRF protection.
csrf = CSRFProtect()
