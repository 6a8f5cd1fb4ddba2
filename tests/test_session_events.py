"""Every session factory keeps the derived state in step, however many came before it.

The suite builds an app, and so a session factory, per test. SQLAlchemy keys its event
registry by id(target): when a factory's session class had been collected and a new one
took its id, a guard asking "already listened?" answered yes, and the new factory's flushes
moved neither the dossier's last change nor its facet counts. Pages were then served from
before a write, about one full run in five. This test made that happen every time.
"""

from __future__ import annotations

import gc

from sqlalchemy import select

from db import engine_of, make_engine, session_factory
from models import Dossier, FacetCount
from tests.factories import make_claim, make_dossier

FACTORIES = 40


def test_every_new_factory_counts_and_dates_its_writes(app):
    url = engine_of(app).url.render_as_string(hide_password=False)
    engine = make_engine(url)
    with session_factory(engine)() as session:
        make_dossier(session, slug="counted")
        session.commit()
    try:
        for number in range(1, FACTORIES + 1):
            gc.collect()  # frees the last factory's session class, so its id may be reused
            with session_factory(engine)() as session:
                dossier = session.scalars(select(Dossier).where(Dossier.slug == "counted")).one()
                before = dossier.changed_at
                make_claim(session, dossier, statement=f"Claim {number}")
                session.commit()
                assert dossier.changed_at > before, f"factory {number} left the last change"
                total = session.scalar(
                    select(FacetCount.count).where(
                        FacetCount.dossier_id == dossier.id, FacetCount.facet == "total"
                    )
                )
                assert total == number, f"factory {number} left the count at {total}"
    finally:
        engine.dispose()
