"""What an error page says, in the reader's language (issue #20). Views abort with their own
translated description; errors Werkzeug raises itself (an unknown address, a wrong method)
carry its English words, which are translated here."""

from __future__ import annotations

from i18n import N_, _

# Werkzeug's own descriptions, word for word (tests/test_forms_french.py checks them), so
# that gettext finds them.
WERKZEUG_DESCRIPTIONS = (
    N_("The browser (or proxy) sent a request that this server could not understand."),
    N_(
        "You don't have the permission to access the requested resource. It is either "
        "read-protected or not readable by the server."
    ),
    N_(
        "The requested URL was not found on the server. If you entered the URL manually "
        "please check your spelling and try again."
    ),
    N_("The method is not allowed for the requested URL."),
    N_(
        "A conflict happened while processing the request. The resource might have been "
        "modified while the request was being processed."
    ),
    N_("This user has exceeded an allotted request count. Try again later."),
)


def page_description(error: BaseException) -> str:
    """The description an error page shows: the view's own (already in the reader's
    language), or Werkzeug's default, translated."""
    description = str(getattr(error, "description", None) or "")
    return _(description) if description in WERKZEUG_DESCRIPTIONS else description
