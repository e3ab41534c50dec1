"""The cooperative's side of a dossier: start, edit, self-assess, attach documents, submit,
answer a return, withdraw. Every write checks the actor and the state under a row lock."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperatives.models import Membership
from ocop_portal.errors import ApplicationError, raise_validation
from products.models import Certificate
from registrations.models import Answer, CaseAnswer, Document, Registration, RegistrationEvent, Scorecard, ScoreSheet
from registrations.scoring import Card, card_check, sheet_load
from registrations.selectors import registration_missing

from .notify import state_changed_notify

FORM_FIELDS = [
    "contact_name",
    "contact_phone",
    "contact_email",
    "production_address",
    "product_description",
    "raw_materials",
    "annual_output",
    "sales_channels",
    "target_stars",
]
# Re-rating opens this many days before the certificate expires (the reminder goes out then).
RERATING_OPENS_DAYS = 180


def _member_of(user, cooperative_id) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and Membership.objects.filter(user=user, cooperative_id=cooperative_id).exists()
    )


def _require_member(user, registration):
    if not _member_of(user, registration.cooperative_id):
        raise ApplicationError(_("Only the cooperative's own members can change this dossier."))


def registration_lock(registration) -> Registration:
    """The dossier's row, locked until the end of the caller's transaction, with what the
    transitions read (cooperative and commune, product, sheet and version, round)."""
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("cooperative__commune", "product", "sheet__version", "round")
        .get(pk=registration.pk)
    )


def state_error(registration) -> ApplicationError:
    return ApplicationError(
        _("This is not possible while the dossier is “%(state)s”; nothing was changed.")
        % {"state": registration.get_state_display()}
    )


def event_record(*, registration, from_state, by, note="", internal_note="") -> RegistrationEvent:
    return RegistrationEvent.objects.create(
        registration=registration,
        actor=by if by and by.is_authenticated else None,
        from_state=from_state,
        to_state=registration.state,
        note=note,
        internal_note=internal_note,
    )


def state_move(*, registration: Registration, to: str, by, note="", internal_note="", notify=True, extra_fields=()):
    """Move a locked registration to `to`: saves it, writes the one audit event and queues the
    notification after commit. The caller holds the transaction and the lock."""
    from_state = registration.state
    registration.state = to
    registration.state_changed_at = timezone.now()
    registration.save(update_fields=["state", "state_changed_at", "updated_at", *extra_fields])
    event = event_record(
        registration=registration, from_state=from_state, by=by, note=note, internal_note=internal_note
    )
    if notify:
        state_changed_notify(registration=registration, from_state=from_state, note=note)
    return event


def _check_kind(*, product, kind, previous_certificate, today):
    valid = Certificate.objects.valid(on=today).filter(product=product).order_by("-decision_date").first()
    if kind == Registration.Kind.FIRST:
        if valid is not None:
            raise ApplicationError(
                _("This product already holds a valid certificate (%(code)s): choose an upgrade or a re-rating.")
                % {"code": valid.product_code},
                field="kind",
            )
        return None
    if previous_certificate is None:
        previous_certificate = valid or product.certificates.exclude(status=Certificate.Status.REVOKED).first()
    if previous_certificate is None or previous_certificate.product_id != product.pk:
        raise ApplicationError(
            _("An upgrade or a re-rating needs a certificate of this product; it has none."), field="kind"
        )
    if previous_certificate.status == Certificate.Status.REVOKED:
        raise ApplicationError(_("A revoked certificate cannot be re-rated or upgraded."), field="kind")
    if kind == Registration.Kind.RERATING:
        opens = previous_certificate.valid_until - datetime.timedelta(days=RERATING_OPENS_DAYS)
        if today < opens:
            raise ApplicationError(
                _("Re-rating of certificate %(code)s opens on %(date)s, %(days)s days before it expires.")
                % {
                    "code": previous_certificate.product_code,
                    "date": formats.date_format(opens, "d/m/Y"),
                    "days": RERATING_OPENS_DAYS,
                },
                field="kind",
            )
    return previous_certificate


def registration_start(
    *, cooperative, product, by, kind=Registration.Kind.FIRST, product_set=None, previous_certificate=None, **form
) -> Registration:
    """Open a draft dossier for one of the cooperative's products, on the active score sheet of
    its product set. Side effects: creates the registration, its empty self-assessment and the
    first audit event. Raises ApplicationError (wrong product, no sheet, a dossier already open,
    kind not possible)."""
    if not _member_of(by, cooperative.pk):
        raise ApplicationError(_("Only the cooperative's own members can start its dossiers."))
    if product.cooperative_id != cooperative.pk:
        raise ApplicationError(_("This product belongs to another producer."), field="product")
    product_set = product_set or product.product_set
    sheet = ScoreSheet.objects.active().filter(product_set=product_set).select_related("version").first()
    if sheet is None:
        raise ApplicationError(
            _("No score sheet has been loaded for the product set “%(set)s” yet. Please contact the Alliance.")
            % {"set": product_set},
            field="product_set",
        )
    previous = _check_kind(
        product=product, kind=kind, previous_certificate=previous_certificate, today=timezone.localdate()
    )
    unknown = set(form) - set(FORM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    registration = Registration(
        cooperative=cooperative,
        product=product,
        product_set=product_set,
        sheet=sheet,
        kind=kind,
        previous_certificate=previous,
        **form,
    )
    _full_clean(registration)
    try:
        with transaction.atomic():
            registration.save()
            Scorecard.objects.create(registration=registration, kind=Scorecard.Kind.SELF)
            event_record(registration=registration, from_state="", by=by)
    except IntegrityError:
        raise ApplicationError(
            _("This product already has a dossier in progress: open it from the list instead."), field="product"
        )
    return registration


def _full_clean(registration):
    try:
        registration.full_clean(exclude=["cooperative", "product", "product_set", "sheet", "previous_certificate"])
    except ValidationError as error:
        raise_validation(error)


def registration_update(*, registration: Registration, by, **form) -> Registration:
    """Save the registration form. Allowed to the cooperative while the dossier is a draft or
    returned to it. Side effects: updates the registration."""
    _require_member(by, registration)
    unknown = set(form) - set(FORM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = registration_lock(registration)
        if not locked.is_editable:
            raise state_error(locked)
        for name, value in form.items():
            setattr(locked, name, value)
        _full_clean(locked)
        locked.save(update_fields=[*form, "updated_at"])
    return locked


def answers_write(*, scorecard: Scorecard, view, choices: dict, cases: dict | None = None) -> Scorecard:
    """Write `choices` ({criterion_id: option_id or None}) and `cases` ({choice-of-case id:
    case id}) on a scorecard and recompute its total. Criteria and choices not given keep their
    answer. Answers to criteria of a case that is not (or no longer) the chosen one are not
    kept: only the chosen case counts. Refuses an option of another criterion, a case of
    another choice, and — the safety net — a card that would put a part above its maximum
    (scoring.card_check); the caller's transaction then saves nothing."""
    chosen = _cases_resolve(view, cases or {})
    resolved = {}
    for criterion_id, option_id in choices.items():
        criterion = view.criteria_by_id.get(int(criterion_id))
        if criterion is None:
            raise ApplicationError(_("This criterion is not on the dossier's score sheet."))
        option = None
        if option_id not in (None, ""):
            option = view.options_by_id.get(int(option_id))
            if option is None or option.criterion_id != criterion.pk:
                raise ApplicationError(
                    _("The option chosen for “%(criterion)s” does not belong to it.") % {"criterion": criterion.title}
                )
        resolved[criterion.pk] = option
    existing_cases = {a.choice_id: a for a in scorecard.case_answers.all()}
    card = Card(cases={choice_id: a.case_id for choice_id, a in existing_cases.items()})
    card.cases.update({choice_id: case.pk for choice_id, case in chosen.items()})
    existing = {a.criterion_id: a for a in scorecard.answers.all()}
    card.options = {cid: view.options_by_id.get(a.option_id) for cid, a in existing.items()}
    card.options.update(resolved)
    stale = [cid for cid in card.options if not view.applies(view.criteria_by_id[cid], card)]
    for cid in stale:
        del card.options[cid]
    scorecard.total = card_check(view, card)

    for choice_id, case in chosen.items():
        answer = existing_cases.get(choice_id)
        if answer is None:
            CaseAnswer.objects.create(scorecard=scorecard, choice_id=choice_id, case=case)
        elif answer.case_id != case.pk:
            answer.case = case
            answer.save(update_fields=["case"])
    Answer.objects.filter(scorecard=scorecard, criterion_id__in=[cid for cid in stale if cid in existing]).delete()
    to_create, to_update = [], []
    for criterion_id, option in resolved.items():
        if criterion_id in stale:
            continue
        answer = existing.get(criterion_id)
        if answer is None:
            to_create.append(Answer(scorecard=scorecard, criterion_id=criterion_id, option=option))
        elif answer.option_id != (option.pk if option else None):
            answer.option = option
            to_update.append(answer)
    Answer.objects.bulk_create(to_create)
    Answer.objects.bulk_update(to_update, ["option"])
    scorecard.save(update_fields=["total", "updated_at"])
    return scorecard


def _cases_resolve(view, cases: dict) -> dict:
    """{choice id: CriteriaCase} for the cases given, each checked to belong to its choice."""
    resolved = {}
    for choice_id, case_id in cases.items():
        if case_id in (None, ""):
            continue
        case = view.cases_by_id.get(int(case_id))
        if case is None or case.choice_id != int(choice_id):
            raise ApplicationError(_("The case chosen is not one of this score sheet's cases."))
        resolved[case.choice_id] = case
    return resolved


def self_assessment_save(*, registration: Registration, by, choices: dict, cases: dict | None = None) -> Scorecard:
    """Save (part of) the cooperative's self-assessment: options and, on a sheet with
    alternative cases, the case that applies. Side effects: answers, cases chosen and total."""
    _require_member(by, registration)
    with transaction.atomic():
        locked = registration_lock(registration)
        if not locked.is_editable:
            raise state_error(locked)
        card, _created = Scorecard.objects.get_or_create(registration=locked, kind=Scorecard.Kind.SELF)
        return answers_write(scorecard=card, view=sheet_load(locked.sheet), choices=choices, cases=cases)


def document_add(*, registration: Registration, doc_type, content, original_name: str, by) -> Document:
    """Attach a checked document (`content` from ocop_portal.uploads.document_clean) to the
    dossier, in the private storage. Side effects: stores the file and its row."""
    _require_member(by, registration)
    if not doc_type.is_active:
        raise ApplicationError(_("This document type is no longer accepted."), field="doc_type")
    with transaction.atomic():
        locked = registration_lock(registration)
        if not locked.is_editable:
            raise state_error(locked)
        document = Document(
            registration=locked,
            doc_type=doc_type,
            original_name=(original_name or content.name)[:255],
            size=content.size,
            uploaded_by=by,
        )
        document.file.save(content.name, content, save=False)
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def document_delete(*, document: Document, by) -> None:
    """Remove a document while the dossier is editable. Side effects: deletes the row, and the
    file once the transaction has committed."""
    registration = document.registration
    _require_member(by, registration)
    with transaction.atomic():
        locked = registration_lock(registration)
        if not locked.is_editable:
            raise state_error(locked)
        file = document.file
        name, storage = file.name, file.storage
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))


def _check_complete(registration):
    missing = registration_missing(registration)
    if missing:
        raise ApplicationError(
            _("The dossier cannot be sent yet. Still missing: %(items)s") % {"items": " ".join(missing)},
            extra={"missing": missing},
        )


def registration_submit(*, registration: Registration, by) -> Registration:
    """Send a draft to the Alliance (draft → submitted). Refused, with the exact list of what is
    missing, when a required document, a form field or a self-assessment answer is missing.
    Side effects: state, audit event, emails to the cooperative and the staff."""
    _require_member(by, registration)
    with transaction.atomic():
        locked = registration_lock(registration)
        if locked.state != Registration.State.DRAFT:
            raise state_error(locked)
        _check_complete(locked)
        locked.submitted_at = timezone.now()
        state_move(registration=locked, to=Registration.State.SUBMITTED, by=by, extra_fields=["submitted_at"])
    return locked


def registration_resubmit(*, registration: Registration, by, note: str = "") -> Registration:
    """Answer a return (returned → resubmitted), with the same checks as a first submission.
    Side effects: state, audit event (with the cooperative's answer), emails."""
    _require_member(by, registration)
    with transaction.atomic():
        locked = registration_lock(registration)
        if locked.state != Registration.State.RETURNED:
            raise state_error(locked)
        _check_complete(locked)
        state_move(registration=locked, to=Registration.State.RESUBMITTED, by=by, note=note.strip())
    return locked


def registration_withdraw(*, registration: Registration, by, note: str = "") -> Registration:
    """The cooperative withdraws its dossier (before the council starts). Side effects: state,
    audit event, emails."""
    _require_member(by, registration)
    with transaction.atomic():
        locked = registration_lock(registration)
        if locked.state not in Registration.WITHDRAWABLE_STATES:
            raise state_error(locked)
        state_move(registration=locked, to=Registration.State.WITHDRAWN, by=by, note=note.strip())
    return locked
