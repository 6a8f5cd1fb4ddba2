"""The entity page: what is said of a person or organisation in public and in private."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Claim, Entity
from models.base import utcnow
from models.vocabulary import EntityKind, Visibility
from tests.conftest import claim_by_key
from tests.factories import delete, make_claim, make_dossier
from tests.helpers import soup


def summary_id(article) -> int:
    return int(article["id"].rsplit("-", 1)[1])


def meetings(page, section: str = "comparison") -> list[dict]:
    """Each "where they meet" row of a section: the left claim and (phrase, right claim)."""
    rows = []
    for pair in page.select(f"section.{section} ol.pairs > li.pair"):
        public = summary_id(pair.select_one(".pair-public article"))
        links = [
            (
                row.select_one(".relation-type").get_text(strip=True),
                summary_id(row.select_one(".pair-private article")),
            )
            for row in pair.select(".pair-row")
        ]
        rows.append({"public": public, "links": links})
    return rows


def column_ids(page, side: str) -> set[int]:
    return {summary_id(a) for a in page.select(f".column-{side} article.claim")}


def test_tsmc_chief_public_remark_stands_opposite_the_private_promise(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    page = soup(client.get("/entities/tsmc"))

    first = meetings(page)[0]
    assert first["public"] == wei.id
    assert first["links"][0] == ("contradicts", promise.id)
    pair = page.select_one("ol.pairs > li.pair")
    assert "pair-tension" in pair["class"]
    assert "too aggressive" in pair.select_one(".pair-public .statement").get_text()
    assert "privately promised" in pair.select_one(".pair-private .statement").get_text()


def test_tsmc_columns_split_on_and_off_the_record(client, db_session):
    page = soup(client.get("/entities/tsmc"))
    public_side = {m["public"] for m in meetings(page)} | column_ids(page, "public")
    private_side = {i for m in meetings(page) for _, i in m["links"]} | column_ids(page, "private")
    kinds = {
        claim.id: claim.attribution.value
        for claim in db_session.scalars(
            select(Claim).where(Claim.id.in_(public_side | private_side))
        )
    }
    assert {kinds[i] for i in public_side} <= {"public", "report", "analysis", "data"}
    assert {kinds[i] for i in private_side} <= {"insider", "private"}
    assert claim_by_key(db_session, "chipmaker-executives-rejected-plan").id in private_side


def test_altman_private_account_of_the_figure_meets_what_others_report(client, db_session):
    reticence = claim_by_key(db_session, "altman-rarely-discusses-publicly")
    composition = claim_by_key(db_session, "seven-trillion-composition")
    wsj = claim_by_key(db_session, "wsj-seven-trillion-fundraising")
    page = soup(client.get("/entities/sam-altman"))

    found = {m["public"]: m["links"] for m in meetings(page, "others")}
    assert ("updated by", composition.id) in found[wsj.id]
    # His private promise to announce the plan supersedes nothing he said in public.
    assert reticence.id not in found


def test_altman_page_opens_with_his_own_words_not_with_others_about_him(client, db_session):
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    page = soup(client.get("/entities/sam-altman"))
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert headings.index("Sam Altman in public, in private") < headings.index(
        "What others say about Sam Altman"
    )
    comparison = page.select_one("section.comparison")
    assert "No public statement by Sam Altman is recorded" in comparison.get_text()
    assert wei.id not in {summary_id(a) for a in comparison.select("article.claim")}
    assert wei.id in {summary_id(a) for a in page.select("section.others article.claim")}
    # His own private remarks come first in the private column, insiders after.
    kinds = [
        a.select_one(".attribution-tag").get_text(strip=True)
        for a in comparison.select(".column-private article.claim")
    ]
    assert kinds[:3] == ["Private remark"] * 3 and "Private remark" not in kinds[3:]


def test_an_organisation_counts_its_peoples_public_words_as_its_own(client, db_session):
    dossier = make_dossier(db_session, "ho-speaks")
    said = make_claim(
        db_session, dossier, statement="Ho spoke", attribution="public", speaker="richard-ho"
    )
    db_session.commit()
    page = soup(client.get("/entities/openai"))
    assert said.id in column_ids(page, "public")
    assert "Richard Ho" in page.select_one(".comparison-lede").get_text()


def test_relation_colour_and_arrow_say_what_the_relation_is(client):
    page = soup(client.get("/entities/sam-altman"))
    rows = {
        row.select_one(".relation-type").get_text(strip=True): row
        for row in page.select(".pair-row")
    }
    tones = {
        phrase: (
            [c for c in row["class"] if c.startswith("tone-")],
            row.select_one(".pair-arrow").get_text(),
        )
        for phrase, row in rows.items()
    }
    assert tones["contradicts"] == (["tone-tension"], "↔")
    assert tones["supports"] == (["tone-agreement"], "→")
    assert tones["supported by"] == (["tone-agreement"], "←")
    assert tones["updated by"] == (["tone-change"], "←")


def test_altman_private_remarks_are_all_in_the_private_column(client, db_session):
    page = soup(client.get("/entities/sam-altman"))
    private_side = {i for m in meetings(page) for _, i in m["links"]} | column_ids(page, "private")
    private_remarks = db_session.scalars(
        select(Claim.id).where(Claim.attribution == "private", Claim.speaker.has(slug="sam-altman"))
    ).all()
    assert len(private_remarks) == 3
    assert set(private_remarks) <= private_side


def test_every_claim_naming_the_entity_is_listed_in_time_order(client, db_session):
    tsmc = db_session.scalar(select(Entity).where(Entity.slug == "tsmc"))
    page = soup(client.get("/entities/tsmc"))
    ids = [int(a["id"].removeprefix("claim-")) for a in page.select(".timeline article.claim")]
    claims = {c.id: c for c in db_session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    assert len(ids) == 6
    assert all(tsmc in claim.entities for claim in _with_entities(db_session, ids))
    assert ids == sorted(ids, key=lambda i: (claims[i].timeline_date, i))


def _with_entities(session, ids):
    return session.scalars(
        select(Claim).where(Claim.id.in_(ids)).options(selectinload(Claim.entities))
    ).all()


def test_the_breakdown_opens_the_timeline_filtered_to_that_kind_and_year(client, db_session):
    page = soup(client.get("/entities/tsmc"))
    table = page.select_one("table.breakdown")
    years = [th.get_text() for th in table.select("thead th")][1:-2]
    assert years == ["2023", "2024"]
    insider_row = next(
        row for row in table.select("tbody tr") if "Insider says" in row.th.get_text()
    )
    cell = insider_row.select("td a")[years.index("2024")]
    query = parse_qs(urlsplit(cell["href"]).query)
    assert query == {
        "entity": ["tsmc"],
        "attribution": ["insider"],
        "from": ["2024"],
        "to": ["2024"],
    }
    timeline = soup(client.get(cell["href"]))
    assert len(timeline.select("article.claim")) == int(cell.get_text())


def test_deleted_claims_leave_the_entity_page(client, db_session):
    promise = claim_by_key(db_session, "tsmc-leaders-private-promise")
    delete(db_session, promise)
    db_session.commit()
    page = soup(client.get("/entities/tsmc"))
    assert not page.select(f"[id$='-{promise.id}']")
    assert all(promise.id not in [i for _, i in m["links"]] for m in meetings(page))


def test_claims_of_unlisted_and_private_dossiers_stay_off_the_entity_page(client, db_session):
    for visibility in (Visibility.PRIVATE, Visibility.UNLISTED):
        hidden = make_dossier(db_session, f"hidden-{visibility.value}", visibility=visibility)
        make_claim(db_session, hidden, statement=f"Secret {visibility}", entities=["tsmc"])
    db_session.commit()
    text = soup(client.get("/entities/tsmc")).get_text()
    assert "Secret" not in text


def test_an_entity_with_no_claims_says_so(editor_client, db_session):
    # Only editors see it: readers see an entity once a public claim names it (issue #18).
    db_session.add(Entity(slug="nobody", name="Nobody", kind=EntityKind.PERSON))
    db_session.commit()
    page = soup(editor_client.get("/entities/nobody"))
    assert "Nothing on or off the record names Nobody yet." in page.get_text()


def test_a_merged_entity_redirects_to_the_one_it_was_merged_into(client, db_session):
    tsmc = db_session.scalar(select(Entity).where(Entity.slug == "tsmc"))
    db_session.add(
        Entity(slug="tsmc-old", name="TSMC (old)", kind=tsmc.kind, merged_into_id=tsmc.id)
    )
    db_session.commit()
    response = client.get("/entities/tsmc-old")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/entities/tsmc")


def test_unknown_and_deleted_entities_are_404(client, db_session):
    assert client.get("/entities/no-such-entity").status_code == 404
    db_session.scalar(select(Entity).where(Entity.slug == "apple")).deleted_at = utcnow()
    db_session.commit()
    assert client.get("/entities/apple").status_code == 404


def test_long_entity_histories_are_paged_without_loss(client, db_session):
    dossier = make_dossier(db_session, "long")
    made = [
        make_claim(db_session, dossier, event_date="2024-02-02", entities=["broadcom"])
        for _ in range(55)
    ]
    db_session.commit()
    expected = {claim.id for claim in made} | {
        claim.id
        for claim in db_session.scalars(
            select(Claim).where(Claim.entities.any(Entity.slug == "broadcom"))
        )
    }
    seen, url = [], "/entities/broadcom"
    while url:
        page = soup(client.get(url))
        seen += [
            int(a["id"].removeprefix("claim-")) for a in page.select(".timeline article.claim")
        ]
        link = page.select_one('.pager a[rel="next"]')
        url = link["href"] if link else None
    assert len(seen) == len(set(seen)) and set(seen) == expected


def test_a_bad_page_position_gives_the_page_with_a_message(client):
    page = soup(client.get("/entities/tsmc?after=nonsense"))
    assert "page position is not valid" in page.select_one(".notice-error").get_text()
    assert page.select(".timeline article.claim")


def test_the_head_has_a_canonical_url_and_a_description(client):
    page = soup(client.get("/entities/tsmc"))
    assert page.select_one('link[rel="canonical"]')["href"].endswith("/entities/tsmc")
    assert "TSMC" in page.select_one('meta[name="description"]')["content"]


def test_the_breakdown_adds_up_and_every_number_matches_its_timeline(client):
    """Each year's number is the claims its link shows; All years counts each claim once;
    the last column counts the claims shown under more than one year."""
    page = soup(client.get("/entities/sam-altman"))
    table = page.select_one("table.breakdown")
    years = [th.get_text() for th in table.select("thead th")][1:-2]
    assert years
    for row in table.select("tbody tr"):
        cells = row.select("td")
        seen: dict[int, int] = {}
        for year, cell in zip(years, cells[: len(years)], strict=True):
            link = cell.a
            if link is None:
                continue
            shown = card_ids_of(client, link["href"])
            assert len(shown) == int(link.get_text()), (row.th.get_text(strip=True), year)
            for claim_id in shown:
                seen[claim_id] = seen.get(claim_id, 0) + 1
        total_link = cells[len(years)].a
        assert set(card_ids_of(client, total_link["href"])) == set(seen)
        assert int(total_link.get_text()) == len(seen)
        spanning = cells[len(years) + 1].get_text(" ", strip=True).split()[0]
        assert int(spanning) == sum(1 for count in seen.values() if count > 1)


def card_ids_of(client, href: str) -> list[int]:
    page = soup(client.get(href + "&per_page=200" if "?" in href else href))
    return [int(a["id"].removeprefix("claim-")) for a in page.select("article.claim")]


def test_the_json_twin_answers_the_same_questions_as_the_page(client, db_session):
    page = soup(client.get("/entities/sam-altman"))
    twin = client.get("/api/v1/entities/sam-altman").get_json()
    assert twin["in_public"] == {"claims": [], "total": 0}
    comparison = page.select_one("section.comparison")
    private_ids = {summary_id(a) for a in comparison.select("article.claim")}
    assert set(twin["in_private"]["claims"]) == private_ids
    # In "what others say", the right-hand side of a pair is the entity's own words.
    said_by_others = "section.others > article.claim, section.others .pair-public article.claim"
    others = {summary_id(a) for a in page.select(said_by_others)}
    assert set(twin["others_say"]["claims"]) == others
    wei = claim_by_key(db_session, "tsmc-ceo-plan-too-aggressive")
    assert wei.id in twin["others_say"]["claims"]
