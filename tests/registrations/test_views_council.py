import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registrations.models import Scorecard
from registrations.scoring import sheet_load
from tests.factories.registrations import CouncilUserFactory, advance, draft_make, member_of, round_with_council


def _member(registration):
    return registration.round.memberships.order_by("pk").first().user


@pytest.mark.django_db
def test_council_pages_when_anonymous_redirect_to_login(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)

    for url in ["/dossiers/council/", f"/dossiers/council/{registration.pk}/"]:
        assert client.get(url)["Location"].startswith("/accounts/login/?next="), url


@pytest.mark.django_db
def test_council_pages_when_not_council_or_not_on_round_answer_404(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    url = f"/dossiers/council/{registration.pk}/"

    client.force_login(member_of(registration.cooperative))
    assert client.get("/dossiers/council/").status_code == 404
    assert client.get(url).status_code == 404
    client.force_login(CouncilUserFactory())  # a council member, but not on this round
    assert client.get(url).status_code == 404
    assert client.post(url, {"hand_in": "1"}).status_code == 404
    assert not Scorecard.objects.filter(kind="council").exists()


@pytest.mark.django_db
def test_council_page_when_dossier_not_under_review_answers_404(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    member = _member(registration)
    registration.state = "scored"
    registration.save(update_fields=["state"])
    client.force_login(member)

    assert client.get(f"/dossiers/council/{registration.pk}/").status_code == 404


@pytest.mark.django_db
def test_council_list_shows_only_dossiers_of_my_rounds(client, staff):
    mine = advance(draft_make(), "under_review", staff=staff)
    advance(draft_make(), "under_review", staff=staff)  # another round
    client.force_login(_member(mine))

    response = client.get("/dossiers/council/")

    assert [r.pk for r in response.context["registrations"]] == [mine.pk]
    assert "Chưa chấm" in response.content.decode()


@pytest.mark.django_db
def test_scoring_when_handed_in_complete_saves_submitted_card(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    member = _member(registration)
    view = sheet_load(registration.sheet)
    best = {f"c{c.pk}": max(c.options.all(), key=lambda o: o.points).pk for c in view.criteria}
    client.force_login(member)

    response = client.post(f"/dossiers/council/{registration.pk}/", {**best, "hand_in": "1"})

    card = Scorecard.objects.get(kind="council", member=member)
    assert response["Location"] == "/dossiers/council/"
    assert card.total == 100 and card.submitted_at is not None


@pytest.mark.django_db
def test_scoring_when_hand_in_incomplete_shows_message_and_is_not_handed_in(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    member = _member(registration)
    first = sheet_load(registration.sheet).criteria[0]
    client.force_login(member)

    response = client.post(
        f"/dossiers/council/{registration.pk}/", {f"c{first.pk}": first.options.first().pk, "hand_in": "1"}
    )

    assert response.status_code == 200
    assert "Còn 4 tiêu chí chưa chấm" in response.content.decode()
    assert not Scorecard.objects.filter(kind="council", member=member, submitted_at__isnull=False).exists()


@pytest.mark.django_db
def test_scoring_page_never_shows_other_members_scores(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    first, second = [m.user for m in registration.round.memberships.order_by("pk")][:2]
    view = sheet_load(registration.sheet)
    from registrations.services import workflow

    workflow.scorecard_save(
        registration=registration,
        member=second,
        choices={c.pk: max(c.options.all(), key=lambda o: o.points).pk for c in view.criteria},
        submit=True,
    )
    client.force_login(first)

    page = client.get(f"/dossiers/council/{registration.pk}/").content.decode()

    assert second.full_name not in page
    assert "data-total>0<" in page


@pytest.mark.django_db
def test_council_list_when_3_or_30_dossiers_uses_same_queries(client, staff):
    round_ = round_with_council(1)
    member = round_.memberships.get().user
    for _ in range(3):
        advance(draft_make(), "under_review", staff=staff, round_=round_)
    client.force_login(member)
    client.get("/dossiers/council/")

    with CaptureQueriesContext(connection) as three:
        assert len(client.get("/dossiers/council/").context["registrations"]) == 3
    for _ in range(27):
        advance(draft_make(), "under_review", staff=staff, round_=round_)
    with CaptureQueriesContext(connection) as thirty:
        assert len(client.get("/dossiers/council/").context["registrations"]) == 30

    assert len(thirty) == len(three)
