"""The offer made after saving a claim that confirms, refutes or contradicts another: update
the other claim's status and confidence with one click, or leave it (issue #15)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from db import get_session
from forms.claims import StatusOfferForm
from i18n import _, percent
from models.vocabulary import likelihood
from services.editing import status_offers
from services.editing.revisions import StaleVersion
from views import editing_common as common
from web.sign_in import safe_next


def offers_page(claim_id: int):
    """The updates the claim's links suggest (those to the `linked` claims, if given);
    straight on to `next` when there are none."""
    claim = common.claim_for_edit(claim_id)
    onward = safe_next(request.args.get("next") or url_for("claims.detail", claim_id=claim.id))
    linked = set(request.args.getlist("linked", type=int))
    offers = [o for o in status_offers.offers_for(claim) if not linked or o.target.id in linked]
    if not offers:
        return redirect(onward)
    forms = [
        StatusOfferForm(
            formdata=None,
            version=str(offer.target.version),
            status=offer.status.value,
            confidence=str(offer.confidence),
        )
        for offer in offers
    ]
    pairs = list(zip(offers, forms, strict=True))
    return render_template(
        "editing/status_offers.html",
        claim=claim,
        offers=pairs,
        offers_count=len(pairs),
        onward=onward,
    )


def accept_offer(claim_id: int):
    """Take an offered status and confidence for claim `claim_id`; back to the offers."""
    form = StatusOfferForm()
    if earlier := common.earlier(form):
        return earlier
    back = safe_next(request.args.get("back"))
    if not form.validate():
        flash(_("This offer is out of date: look at the claim and edit it instead."), "error")
        return redirect(back)
    target = common.claim_for_edit(claim_id)
    try:
        errors = status_offers.accept(
            get_session(), target, form.status.data, form.confidence.data, common.user(),
            form.expected_version,
        )  # fmt: skip
    except StaleVersion:
        flash(
            _(
                "Claim %(number)s changed since this offer was made: nothing was updated.",
                number=claim_id,
            ),
            "error",
        )
        return redirect(back)
    if errors:
        flash(
            _(
                "Claim %(number)s was not updated: %(reasons)s",
                number=claim_id,
                reasons=" ".join(errors.values()),
            ),
            "error",
        )
        return redirect(back)
    confidence = int(form.confidence.data)
    message = _(
        "Claim %(number)s is now %(status)s, %(confidence)s (%(likelihood)s).",
        number=claim_id,
        status=target.status.label.lower(),
        confidence=percent(confidence / 100),
        likelihood=likelihood(confidence),
    )
    return common.done(form, back, message)
