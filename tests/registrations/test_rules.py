"""The dossier rules (registrations/rules.py): who may score, read the documents, change or
withdraw a dossier, in which states."""

import pytest

from ocop_portal.guards import can
from registrations.models import Registration
from tests.factories.registrations import CouncilUserFactory, advance, draft_make, member_of, owner

S = Registration.State


def _in_state(registration, state):
    Registration.objects.filter(pk=registration.pk).update(state=state)
    registration.refresh_from_db()
    return registration


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "scores", "reads"),
    [
        (S.UNDER_REVIEW, True, True),
        (S.SCORED, False, True),
        (S.FORWARDED_NATIONAL, False, True),
        (S.CERTIFIED, False, False),
    ],
)
def test_council_member_of_the_round_scores_only_under_review_and_reads_until_decided(staff, state, scores, reads):
    registration = advance(draft_make(), "under_review", staff=staff)
    member = registration.round.memberships.first().user
    registration = _in_state(registration, state)

    assert can(member, "registrations.score_dossier", registration) is scores
    assert can(member, "registrations.download_document", registration) is reads
    assert not can(CouncilUserFactory(), "registrations.score_dossier", registration)
    assert not can(CouncilUserFactory(), "registrations.download_document", registration)


@pytest.mark.django_db
def test_change_dossier_when_draft_or_returned_only_and_only_for_its_cooperative(staff):
    registration = draft_make()
    user = owner(registration)

    assert can(user, "registrations.change_dossier", registration)
    assert not can(member_of(), "registrations.change_dossier", registration)
    assert not can(staff, "registrations.change_dossier", registration)
    assert can(user, "registrations.change_dossier", _in_state(registration, S.RETURNED))
    assert not can(user, "registrations.change_dossier", _in_state(registration, S.SUBMITTED))


@pytest.mark.django_db
@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.COMMUNE_CHECKED])
def test_withdraw_dossier_before_the_council_starts(state):
    registration = draft_make()

    assert can(owner(registration), "registrations.withdraw_dossier", _in_state(registration, state))
    assert not can(member_of(), "registrations.withdraw_dossier", registration)


@pytest.mark.django_db
@pytest.mark.parametrize("state", [S.UNDER_REVIEW, S.SCORED, S.CERTIFIED, S.WITHDRAWN])
def test_withdraw_dossier_refused_once_the_council_has_it_or_it_is_closed(state):
    registration = draft_make()

    assert not can(owner(registration), "registrations.withdraw_dossier", _in_state(registration, state))
