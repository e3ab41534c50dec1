import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from ocop_portal.emails import pending_emails_send
from ocop_portal.errors import ApplicationError
from ocop_portal.models import OutboundEmail
from products.models import Certificate
from registrations.models import DocumentType, Registration, RegistrationEvent, Scorecard
from registrations.services import dossiers, national, workflow
from tests.factories import ProductFactory, StaffUserFactory
from tests.factories.registrations import (
    FORM,
    CouncilUserFactory,
    advance,
    choices_by_points,
    draft_make,
    member_of,
    owner,
    pdf,
    required_documents_add,
    round_with_council,
    small_sheet,
)

S = Registration.State


@pytest.mark.django_db
def test_whole_loop_from_draft_to_public_stars(staff, django_capture_on_commit_callbacks):
    # Arrange: a cooperative manager, a product, the active sheet, a round with 3 members.
    user = member_of()
    cooperative = user.membership.cooperative
    product = ProductFactory(cooperative=cooperative, name="Gạo nếp cái hoa vàng")
    sheet = small_sheet()
    round_ = round_with_council(3)
    members = [m.user for m in round_.memberships.order_by("pk")]

    # Draft: form, full self-assessment, every required document but the lab test.
    registration = dossiers.registration_start(cooperative=cooperative, product=product, by=user)
    dossiers.registration_update(registration=registration, by=user, **FORM)
    dossiers.self_assessment_save(
        registration=registration, by=user, choices=choices_by_points(sheet, [20, 10, 25, 30, 5])
    )
    required_documents_add(registration, user, skip=("lab-test",))

    # Submit refused: the exact missing document named, nothing changed.
    with pytest.raises(ApplicationError, match=r"The dossier cannot be sent yet\. Still missing") as refused:
        dossiers.registration_submit(registration=registration, by=user)
    assert refused.value.extra["missing"] == ["Document missing: Phiếu kiểm nghiệm sản phẩm."]
    registration.refresh_from_db()
    assert registration.state == S.DRAFT

    lab_test = DocumentType.objects.get(code="lab-test")
    dossiers.document_add(registration=registration, doc_type=lab_test, content=pdf(), original_name="kn.pdf", by=user)
    dossiers.registration_submit(registration=registration, by=user)
    workflow.registration_return(registration=registration, by=staff, note="Phiếu kiểm nghiệm quá 12 tháng.")
    dossiers.registration_resubmit(registration=registration, by=user, note="Đã thay phiếu mới.")
    workflow.registration_commune_check(registration=registration, by=staff)
    workflow.registrations_assign_round(registrations=[registration], round=round_, by=staff)

    # Three scorecards: 70, 75 and 80 points → average 75 → 4 stars.
    for member, points in zip(members, ([20, 10, 5, 30, 5], [20, 20, 0, 30, 5], [20, 10, 25, 20, 5]), strict=True):
        workflow.scorecard_save(
            registration=registration, member=member, choices=choices_by_points(sheet, points), submit=True
        )
    totals = sorted(Scorecard.objects.filter(registration=registration, kind="council").values_list("total", flat=True))
    assert totals == [70, 75, 80]
    workflow.registration_finalize(registration=registration, by=staff)
    registration.refresh_from_db()
    assert (registration.state, registration.average_score, registration.result_stars) == (
        S.SCORED,
        Decimal("75.00"),
        4,
    )

    decision_date = timezone.localdate() - datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.registration_certify(
            registration=registration, by=staff, decision_number="1234/QĐ-UBND", decision_date=decision_date
        )

    # Assert: certificate, dossier, product's public stars, audit trail.
    registration.refresh_from_db()
    certificate = registration.certificate
    assert (certificate.stars, certificate.score, certificate.decision_number) == (4, Decimal("75.00"), "1234/QĐ-UBND")
    assert certificate.product_code == f"37-14608-001-{decision_date.year}"
    assert certificate.issuer == Certificate.Issuer.PROVINCE
    assert registration.state == S.CERTIFIED
    product.refresh_from_db()
    assert (product.stars, product.certified_at) == (4, decision_date)
    assert list(registration.events.values_list("from_state", "to_state")) == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "resubmitted"),
        ("resubmitted", "commune_checked"),
        ("commune_checked", "under_review"),
        ("under_review", "scored"),
        ("scored", "certified"),
    ]
    assert registration.events.get(to_state="returned").note == "Phiếu kiểm nghiệm quá 12 tháng."
    assert registration.events.get(to_state="returned").actor == staff


def _in_state(state: str, staff) -> Registration:
    """A complete dossier put in `state` (scored with 4 stars, certified with a certificate)."""
    registration = draft_make()
    if state in (S.DRAFT, S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.COMMUNE_CHECKED, S.UNDER_REVIEW, S.WITHDRAWN):
        return advance(registration, state, staff=staff)
    advance(registration, S.UNDER_REVIEW, staff=staff)
    Registration.objects.filter(pk=registration.pk).update(state=state, average_score=75, result_stars=4)
    registration.refresh_from_db()
    return registration


def _coop(registration):
    return owner(registration)


TRANSITIONS = {
    "submit": ([S.DRAFT], lambda r, staff: dossiers.registration_submit(registration=r, by=_coop(r))),
    "resubmit": ([S.RETURNED], lambda r, staff: dossiers.registration_resubmit(registration=r, by=_coop(r))),
    "withdraw": (
        [S.DRAFT, S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.COMMUNE_CHECKED],
        lambda r, staff: dossiers.registration_withdraw(registration=r, by=_coop(r)),
    ),
    "edit form": (
        [S.DRAFT, S.RETURNED],
        lambda r, staff: dossiers.registration_update(registration=r, by=_coop(r), contact_name="Lê Văn Bình"),
    ),
    "self-assess": (
        [S.DRAFT, S.RETURNED],
        lambda r, staff: dossiers.self_assessment_save(
            registration=r, by=_coop(r), choices=choices_by_points(r.sheet, [0, 0, 0, 0, 0])
        ),
    ),
    "add document": (
        [S.DRAFT, S.RETURNED],
        lambda r, staff: dossiers.document_add(
            registration=r,
            doc_type=DocumentType.objects.get(code="photos"),
            content=pdf(),
            original_name="x.pdf",
            by=_coop(r),
        ),
    ),
    "return": (
        [S.SUBMITTED, S.RESUBMITTED, S.COMMUNE_CHECKED],
        lambda r, staff: workflow.registration_return(registration=r, by=staff, note="Bổ sung."),
    ),
    "commune check": (
        [S.SUBMITTED, S.RESUBMITTED],
        lambda r, staff: workflow.registration_commune_check(registration=r, by=staff),
    ),
    "assign round": (
        [S.COMMUNE_CHECKED],
        lambda r, staff: workflow.registrations_assign_round(registrations=[r], round=round_with_council(1), by=staff),
    ),
    "finalize": ([S.UNDER_REVIEW], lambda r, staff: workflow.registration_finalize(registration=r, by=staff)),
    "forward": (
        [S.SCORED],
        lambda r, staff: national.registration_forward_national(
            registration=r, by=staff, ministry="Bộ Nông nghiệp và Môi trường"
        ),
    ),
    "national decision": (
        [S.FORWARDED_NATIONAL],
        lambda r, staff: national.registration_national_decide(
            registration=r,
            by=staff,
            decision_number="781/QĐ-BNNMT",
            decision_date=timezone.localdate(),
            ministry="Bộ Nông nghiệp và Môi trường",
            stars=5,
        ),
    ),
    "not certify": (
        [S.SCORED, S.FORWARDED_NATIONAL, S.NATIONAL_LOWER],
        lambda r, staff: workflow.registration_not_certify(registration=r, by=staff, note="Chưa đạt."),
    ),
    "certify": (
        [S.SCORED, S.NATIONAL_LOWER],
        lambda r, staff: workflow.registration_certify(
            registration=r, by=staff, decision_number="1/QĐ", decision_date=timezone.localdate()
        ),
    ),
}
CASES = [
    (name, state)
    for name, (allowed, _call) in TRANSITIONS.items()
    for state in S.values
    if state not in allowed and not (name == "certify" and state == S.CERTIFIED)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "state"), CASES, ids=[f"{n}-from-{s}" for n, s in CASES])
def test_transition_when_state_is_wrong_is_refused_and_nothing_changes(name, state, staff):
    registration = _in_state(state, staff)
    before = (
        Registration.objects.filter(pk=registration.pk).values().get(),
        RegistrationEvent.objects.count(),
        OutboundEmail.objects.count(),
        registration.documents.count(),
        list(registration.scorecards.values_list("total", flat=True)),
    )
    _allowed, call = TRANSITIONS[name]

    with pytest.raises(ApplicationError, match=r"(?i)nothing was (changed|assigned)") as refused:
        call(registration, staff)

    after = (
        Registration.objects.filter(pk=registration.pk).values().get(),
        RegistrationEvent.objects.count(),
        OutboundEmail.objects.count(),
        registration.documents.count(),
        list(registration.scorecards.values_list("total", flat=True)),
    )
    assert after == before
    assert "nothing" in refused.value.message.lower() or "only" in refused.value.message.lower()


@pytest.mark.django_db
def test_certify_when_already_certified_says_someone_else_did(staff):
    registration = _in_state(S.SCORED, staff)
    workflow.registration_certify(
        registration=registration, by=staff, decision_number="9/QĐ-UBND", decision_date=timezone.localdate()
    )

    with pytest.raises(ApplicationError, match="has just been certified by someone else") as refused:
        workflow.registration_certify(
            registration=registration, by=staff, decision_number="10/QĐ-UBND", decision_date=timezone.localdate()
        )

    code = Certificate.objects.get().product_code
    assert refused.value.message == (
        f"This dossier has just been certified by someone else (product code {code}); nothing was changed."
    )
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_staff_transition_when_actor_is_cooperative_is_refused(staff):
    registration = advance(draft_make(), S.SUBMITTED, staff=staff)

    with pytest.raises(ApplicationError, match="Only Alliance staff"):
        workflow.registration_commune_check(registration=registration, by=owner(registration))

    registration.refresh_from_db()
    assert registration.state == S.SUBMITTED


@pytest.mark.django_db
def test_submit_when_actor_is_another_cooperative_is_refused():
    registration = draft_make()
    stranger = member_of()

    with pytest.raises(ApplicationError, match="own members"):
        dossiers.registration_submit(registration=registration, by=stranger)

    registration.refresh_from_db()
    assert registration.state == S.DRAFT


@pytest.mark.django_db
def test_scorecard_when_member_not_on_round_is_refused(staff):
    registration = advance(draft_make(), S.UNDER_REVIEW, staff=staff)
    outsider = CouncilUserFactory()

    with pytest.raises(ApplicationError, match="not on the council"):
        workflow.scorecard_save(
            registration=registration, member=outsider, choices=choices_by_points(registration.sheet, [0] * 5)
        )

    assert not Scorecard.objects.filter(member=outsider).exists()


@pytest.mark.django_db
def test_scorecard_hand_in_when_incomplete_is_refused_and_not_submitted(staff):
    registration = advance(draft_make(), S.UNDER_REVIEW, staff=staff)
    member = registration.round.memberships.first().user
    partial = dict(list(choices_by_points(registration.sheet, [20, 10, 5, 30, 5]).items())[:3])

    with pytest.raises(ApplicationError, match="2 criteria have no answer yet"):
        workflow.scorecard_save(registration=registration, member=member, choices=partial, submit=True)

    assert not Scorecard.objects.filter(member=member).exists()


@pytest.mark.django_db
def test_finalize_when_a_member_has_not_handed_in_is_refused(staff):
    registration = advance(draft_make(), S.UNDER_REVIEW, staff=staff)
    first, *others = [m.user for m in registration.round.memberships.all()]
    workflow.scorecard_save(
        registration=registration,
        member=first,
        choices=choices_by_points(registration.sheet, [20] * 2 + [25, 30, 5]),
        submit=True,
    )

    with pytest.raises(ApplicationError, match="2 council member"):
        workflow.registration_finalize(registration=registration, by=staff)

    registration.refresh_from_db()
    assert (registration.state, registration.average_score) == (S.UNDER_REVIEW, None)


@pytest.mark.django_db
def test_assign_round_when_one_dossier_not_checked_assigns_none(staff):
    ready = advance(draft_make(), S.COMMUNE_CHECKED, staff=staff)
    not_ready = advance(draft_make(), S.SUBMITTED, staff=staff)
    round_ = round_with_council()

    with pytest.raises(ApplicationError, match=f"not: {not_ready.reference}"):
        workflow.registrations_assign_round(registrations=[ready, not_ready], round=round_, by=staff)

    assert set(Registration.objects.values_list("state", "round")) == {(S.COMMUNE_CHECKED, None), (S.SUBMITTED, None)}


@pytest.mark.django_db
def test_assign_round_batch_moves_each_with_one_event_and_tells_the_council(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    first = advance(draft_make(), S.COMMUNE_CHECKED, staff=staff)
    second = advance(draft_make(), S.COMMUNE_CHECKED, staff=staff)
    round_ = round_with_council(3)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.registrations_assign_round(registrations=[first.pk, second.pk], round=round_, by=staff)

    assert set(Registration.objects.values_list("state", "round")) == {(S.UNDER_REVIEW, round_.pk)}
    assert RegistrationEvent.objects.filter(to_state=S.UNDER_REVIEW).count() == 2
    council = sorted(round_.memberships.values_list("user__email", flat=True))
    council_mail = [m for m in mailoutbox if m.to[0] in council]
    assert sorted(m.to[0] for m in council_mail) == council
    assert all(first.reference in m.body and second.reference in m.body for m in council_mail)
    cooperative_mail = [m for m in mailoutbox if m.to[0] not in council]
    assert sorted(m.to[0] for m in cooperative_mail) == sorted([owner(first).email, owner(second).email])


@pytest.mark.django_db
def test_submit_email_goes_out_only_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    registration = draft_make()
    staff_member = StaffUserFactory(email="canbo@lmhtx.vn")

    with django_capture_on_commit_callbacks() as callbacks:
        dossiers.registration_submit(registration=registration, by=owner(registration))
        assert mailoutbox == []
        assert OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).count() == 2
    for callback in callbacks:
        callback()

    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted([owner(registration).email, staff_member.email])
    cooperative_mail = next(m for m in mailoutbox if m.to == [owner(registration).email])
    assert registration.reference in cooperative_mail.subject
    assert "Đã gửi — đang chờ kiểm tra" in cooperative_mail.subject
    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count() == 2


@pytest.mark.django_db
def test_transition_when_broker_unreachable_is_saved_and_email_sent_later(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    registration = advance(draft_make(), S.SUBMITTED, staff=staff)
    OutboundEmail.objects.all().delete()  # the submission's own emails are not the subject here

    with (
        mock.patch("ocop_portal.tasks.send_email.delay", side_effect=ConnectionError("redis down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.registration_return(registration=registration, by=staff, note="Thiếu nhãn sản phẩm.")

    registration.refresh_from_db()
    assert registration.state == S.RETURNED
    assert mailoutbox == []
    pending = OutboundEmail.objects.get(status=OutboundEmail.Status.PENDING)
    assert pending.to == [owner(registration).email]

    sent = pending_emails_send(older_than_seconds=0)

    assert sent == 1
    assert mailoutbox[0].to == [owner(registration).email]
    assert "Thiếu nhãn sản phẩm." in mailoutbox[0].body
    assert pending_emails_send(older_than_seconds=0) == 0


@pytest.mark.django_db
def test_return_email_when_sent_has_the_note_not_the_internal_one(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    registration = advance(draft_make(), S.SUBMITTED, staff=staff)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.registration_return(
            registration=registration, by=staff, note="Bổ sung nhãn.", internal_note="Chị Lan kiểm tra lại."
        )

    (message,) = mailoutbox
    assert "Bổ sung nhãn." in message.body
    assert "Chị Lan" not in message.body
