"""Flask extensions that blueprints need to reach: created here, initialised in the factory."""

from flask_wtf.csrf import CSRFError, CSRFProtect

from i18n import _


class SpeakingCSRFProtect(CSRFProtect):
    """Refuses a form without a good CSRF token in the reader's language: Flask-WTF words
    its reasons in English (forms.fields.CSRF_MESSAGES marks them for the catalogue)."""

    def _error_response(self, reason):
        raise CSRFError(_(reason))


# The JSON API authenticates with bearer tokens, never the session cookie, so its blueprint
# is exempt (see views.register_blueprints); every HTML form keeps CSRF protection.
csrf = SpeakingCSRFProtect()
