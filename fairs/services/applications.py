"""The booth applications: the cooperative applies, edits until the deadline and withdraws;
staff accept, put on the reserve list or refuse, allocate booths and correct outcomes; the
cooperative reports its outcomes. Each write: one transaction, the rows that two people could
change at once locked, one audit row (ApplicationLog), emails queued through the outbox."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError, raise_validation
from ocop_portal.guards import require_staff
from showcase.cache import public_pages_invalidate

from .. import eligibility
from ..models import Application, ApplicationLog, ApplicationProduct, ApplicationSupport, Event, OutcomeReport
from . import notify

S = Application.Status
MAX_PRODUCTS = 10
MAX_BOOTH_STAFF = 6


@dataclass
class SupportWanted:
    """One support item the cooperative asks for, with the cost it states when the rule is a
    share of a cost other than the booth fee."""

    support_id: int
    cost_vnd: int | None = None


def _today() -> datetime.date:
    return timezone.localdate()


def _check_open(event: Event):
    if event.status != Event.Status.OPEN:
        raise ApplicationError(
            _("This event does not take applications (%(status)s).") % {"status": event.get_status_display()}
        )
    if _today() > event.application_deadline:
        raise ApplicationError(
            _("The application deadline (%(date)s) has passed; nothing was saved.")
            % {"date": event.application_deadline.strftime("%d/%m/%Y")}
        )


def _check_products(*, event, cooperative, products) -> list:
    products = list(dict.fromkeys(products))
    if not products:
        raise ApplicationError(_("Choose at least one product to show."), field="products")
    if len(products) > MAX_PRODUCTS:
        raise ApplicationError(_("Choose at most %(count)s products.") % {"count": MAX_PRODUCTS}, field="products")
    foreign = [p for p in products if p.cooperative_id != cooperative.pk]
    if foreign:
        raise ApplicationError(
            _("“%(product)s” is not a product of your cooperative.") % {"product": foreign[0].name}, field="products"
        )
    refused = [v.reason for v in eligibility.verdicts(event=event, products=products) if not v.eligible]
    if refused:
        raise ApplicationError(" ".join(refused), field="products")
    return products


def _check_booth_staff(booth_staff) -> list[dict]:
    people = []
    for person in booth_staff or []:
        name = " ".join(str(person.get("name", "")).split())
        phone = " ".join(str(person.get("phone", "")).split())
        if name or phone:
            if not name:
                raise ApplicationError(_("Give the name of each person who will staff the booth."), field="booth_staff")
            people.append({"name": name[:150], "phone": phone[:20]})
    if len(people) > MAX_BOOTH_STAFF:
        raise ApplicationError(
            _("At most %(count)s people per booth.") % {"count": MAX_BOOTH_STAFF}, field="booth_staff"
        )
    return people


def _write_supports(*, application, event, booth_type, supports: list[SupportWanted]):
    offered = {s.pk: s for s in event.supports.all()}
    application.support_requests.all().delete()
    rows = []
    for wanted in supports:
        support = offered.get(int(wanted.support_id))
        if support is None:
            raise ApplicationError(_("This support is not offered for this event."), field="supports")
        cost = wanted.cost_vnd
        if cost is not None and cost < 0:
            raise ApplicationError(_("A cost cannot be negative."), field="supports")
        if support.kind == support.Kind.BOOTH_FEE:
            cost = booth_type.fee_vnd
        elif support.needs_cost and not cost:
            raise ApplicationError(
                _("Give the expected cost of “%(support)s” to ask for its share.")
                % {"support": support.get_kind_display()},
                field="supports",
            )
        rows.append(
            ApplicationSupport(
                application=application, support=support, cost_vnd=cost, granted_vnd=support.granted_for(cost_vnd=cost)
            )
        )
    ApplicationSupport.objects.bulk_create(rows)


def _write_products(application, products):
    application.shown_products.all().delete()
    ApplicationProduct.objects.bulk_create(
        [ApplicationProduct(application=application, product=p, position=i) for i, p in enumerate(products)]
    )


def _log(application, action, *, by=None, note=""):
    ApplicationLog.objects.create(application=application, action=action, actor=by, note=note)


def application_submit(
    *,
    event: Event,
    cooperative,
    booth_type,
    products,
    supports: list[SupportWanted] = (),
    booth_staff=(),
    notes: str = "",
    by,
) -> Application:
    """Apply for a booth at an open event before its deadline, with the cooperative's own
    eligible products. Side effects: the application, its products and support requests, an
    audit row, an email to the cooperative (receipt) and one to the staff."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        _check_open(event)
        if booth_type is None or booth_type.event_id != event.pk:
            raise ApplicationError(_("Choose one of the booth types of this event."), field="booth_type")
        products = _check_products(event=event, cooperative=cooperative, products=products)
        if Application.objects.active().filter(event=event, cooperative=cooperative).exists():
            raise ApplicationError(_("Your cooperative has already applied to this event."))
        application = Application(
            event=event,
            cooperative=cooperative,
            booth_type=booth_type,
            booth_staff=_check_booth_staff(booth_staff),
            notes=notes.strip(),
            created_by=by,
        )
        try:
            application.full_clean()
        except ValidationError as error:
            raise_validation(error)
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            raise ApplicationError(_("Your cooperative has already applied to this event."))
        _write_products(application, products)
        _write_supports(application=application, event=event, booth_type=booth_type, supports=list(supports))
        _log(application, ApplicationLog.Action.SUBMITTED, by=by)
        notify.application_received(application=application)
    return application


def _lock(application) -> Application:
    return Application.objects.select_for_update().select_related("event", "cooperative").get(pk=application.pk)


EDITABLE = [S.SUBMITTED, S.RESERVE, S.ACCEPTED]


def application_update(
    *, application, booth_type, products, supports: list[SupportWanted] = (), booth_staff=(), notes="", by
) -> Application:
    """Change an application until the deadline (not once refused or withdrawn). Side effects:
    products, support requests, people and notes replaced; an audit row."""
    with transaction.atomic():
        locked = _lock(application)
        event = locked.event
        if locked.status not in EDITABLE:
            raise ApplicationError(
                _("This application can no longer be changed (%(status)s).") % {"status": locked.cooperative_label}
            )
        if _today() > event.application_deadline:
            raise ApplicationError(
                _("The application deadline (%(date)s) has passed; nothing was saved.")
                % {"date": event.application_deadline.strftime("%d/%m/%Y")}
            )
        if booth_type is None or booth_type.event_id != event.pk:
            raise ApplicationError(_("Choose one of the booth types of this event."), field="booth_type")
        products = _check_products(event=event, cooperative=locked.cooperative, products=products)
        locked.booth_type = booth_type
        locked.booth_staff = _check_booth_staff(booth_staff)
        locked.notes = notes.strip()
        locked.save(update_fields=["booth_type", "booth_staff", "notes", "updated_at"])
        _write_products(locked, products)
        _write_supports(application=locked, event=event, booth_type=booth_type, supports=list(supports))
        _log(locked, ApplicationLog.Action.EDITED, by=by)
        if locked.status == S.ACCEPTED:
            public_pages_invalidate()
    return locked


def application_withdraw(*, application, by, note: str = "") -> Application:
    """The cooperative withdraws before the event starts; an accepted application frees its
    booth. Side effects: status, booth number cleared, an audit row, an email to the staff."""
    with transaction.atomic():
        locked = _lock(application)
        if locked.status not in EDITABLE:
            raise ApplicationError(
                _("This application can no longer be withdrawn (%(status)s).") % {"status": locked.cooperative_label}
            )
        if _today() >= locked.event.starts_on:
            raise ApplicationError(_("The event has started; please call the Alliance's staff."))
        was_accepted = locked.status == S.ACCEPTED
        locked.status = S.WITHDRAWN
        locked.booth_number = ""
        locked.save(update_fields=["status", "booth_number", "updated_at"])
        _log(locked, ApplicationLog.Action.WITHDRAWN, by=by, note=note.strip())
        notify.application_withdrawn(application=locked)
        if was_accepted:
            public_pages_invalidate()
    return locked


DECISIONS = {
    S.ACCEPTED: ApplicationLog.Action.ACCEPTED,
    S.RESERVE: ApplicationLog.Action.RESERVE,
    S.REFUSED: ApplicationLog.Action.REFUSED,
}


def application_decide(*, application, decision: str, note: str = "", by) -> Application:
    """Staff accept an application, put it on the reserve list or refuse it, with a note to the
    cooperative (required to refuse). Accepting never exceeds the event's booth count: the event
    row is locked while the accepted applications are counted, so two staff accepting at the
    same moment cannot both take the last booth. Side effects: status, decision, an audit row,
    an email to the cooperative; the public exhibitor list."""
    require_staff(by)
    if decision not in DECISIONS:
        raise ApplicationError(_("Choose accept, reserve list or refuse."))
    note = (note or "").strip()
    if decision == S.REFUSED and not note:
        raise ApplicationError(_("Say why the application is refused; the cooperative reads it."), field="note")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=application.event_id)
        locked = _lock(application)
        if locked.status == S.WITHDRAWN:
            raise ApplicationError(_("The cooperative has withdrawn this application."))
        if locked.status == decision:
            raise ApplicationError(
                _("This application is already “%(status)s”; nothing was changed.")
                % {"status": locked.get_status_display()}
            )
        if event.status == Event.Status.CANCELLED:
            raise ApplicationError(_("The event is cancelled."))
        if decision == S.ACCEPTED:
            taken = Application.objects.filter(event=event, status=S.ACCEPTED).count()
            if taken >= event.booth_count:
                raise ApplicationError(
                    _(
                        "All %(count)s booths are already given; put the application on the reserve list or add booths to the event."
                    )
                    % {"count": event.booth_count}
                )
        was_accepted = locked.status == S.ACCEPTED
        locked.status = decision
        locked.decision_note = note
        locked.decided_at = timezone.now()
        locked.decided_by = by
        fields = ["status", "decision_note", "decided_at", "decided_by", "updated_at"]
        if decision != S.ACCEPTED:
            locked.booth_number = ""
            fields.append("booth_number")
        locked.save(update_fields=fields)
        _log(locked, DECISIONS[decision], by=by, note=note)
        notify.application_decided(application=locked)
        if was_accepted or decision == S.ACCEPTED:
            public_pages_invalidate()
    return locked


def booths_allocate(*, event: Event, numbers: dict[int, str], by) -> list[Application]:
    """Give booth numbers to accepted applications: {application id: "A12"}. A number is used once
    in an event unless both applications chose a shared booth; an empty number clears it.
    All or nothing. Side effects: booth numbers, an audit row and an email per application whose
    number changed to a new one; the public exhibitor list."""
    require_staff(by)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        accepted = {
            a.pk: a
            for a in Application.objects.select_for_update(of=("self",))
            .select_related("booth_type", "cooperative")
            .filter(event=event, status=S.ACCEPTED)
        }
        wanted = {}
        for pk, number in numbers.items():
            application = accepted.get(int(pk))
            if application is None:
                raise ApplicationError(_("Booths go to accepted applications only."))
            wanted[application.pk] = " ".join(str(number or "").split()).upper()[:20]
        final = {pk: wanted.get(pk, a.booth_number) for pk, a in accepted.items()}
        holders: dict[str, list[Application]] = {}
        for pk, number in final.items():
            if number:
                holders.setdefault(number, []).append(accepted[pk])
        for number, sharing in holders.items():
            if len(sharing) > 1 and not all(a.booth_type.is_shared for a in sharing):
                raise ApplicationError(
                    _("Booth %(number)s is given twice (%(names)s); only shared booths take several cooperatives.")
                    % {"number": number, "names": ", ".join(a.cooperative.name for a in sharing)}
                )
        changed = []
        for pk, number in wanted.items():
            application = accepted[pk]
            if application.booth_number == number:
                continue
            application.booth_number = number
            application.save(update_fields=["booth_number", "updated_at"])
            _log(application, ApplicationLog.Action.BOOTH, by=by, note=number)
            if number:
                notify.booth_allocated(application=application)
            changed.append(application)
        if changed:
            public_pages_invalidate()
    return changed


def event_booth_count_check(*, event: Event, booth_count: int) -> None:
    """Refuse a booth count below the booths already given (the event row locked)."""
    if event.pk is None:
        return
    Event.objects.select_for_update().filter(pk=event.pk).first()
    taken = Application.objects.filter(event_id=event.pk, status=S.ACCEPTED).count()
    if booth_count < taken:
        raise ApplicationError(
            _("%(taken)s booths are already given to accepted cooperatives; the number of booths cannot be lower.")
            % {"taken": taken},
            field="booth_count",
        )


# --- Outcomes ---------------------------------------------------------------------------------

OUTCOME_FIELDS = ["sales_vnd", "contracts_count", "contracts_value_vnd", "contract_buyers", "new_buyers", "note"]


def _outcome_values(values: dict) -> dict:
    clean = {}
    for field in ("sales_vnd", "contracts_count", "contracts_value_vnd", "new_buyers"):
        value = values.get(field) or 0
        if int(value) < 0:
            raise ApplicationError(_("A figure cannot be negative."), field=field)
        clean[field] = int(value)
    if clean["contracts_value_vnd"] and not clean["contracts_count"]:
        raise ApplicationError(
            _("Give the number of orders or contracts that make this value."), field="contracts_count"
        )
    clean["contract_buyers"] = (values.get("contract_buyers") or "").strip()
    clean["note"] = (values.get("note") or "").strip()
    return clean


def outcome_report(*, application, values: dict, by) -> OutcomeReport:
    """The cooperative reports (or updates) what it achieved at an event it exhibited at, once
    the event has begun. Side effects: the report (history kept), an audit row."""
    clean = _outcome_values(values)
    with transaction.atomic():
        locked = _lock(application)
        if locked.status != S.ACCEPTED:
            raise ApplicationError(_("Only an exhibitor reports outcomes."))
        if _today() < locked.event.starts_on:
            raise ApplicationError(_("Outcomes can be reported from the first day of the event."))
        report = OutcomeReport.objects.filter(application=locked).first() or OutcomeReport(application=locked)
        for field, value in clean.items():
            setattr(report, field, value)
        report.reported_by = by
        report._change_reason = "reported by the cooperative"
        report.full_clean()
        report.save()
        _log(locked, ApplicationLog.Action.OUTCOME, by=by)
        if locked.event.outcomes_published:
            public_pages_invalidate()
    return report


def outcome_correct(*, report: OutcomeReport, values: dict, note: str, by) -> OutcomeReport:
    """Staff correct a reported outcome, saying why. Side effects: the report (its history shows
    the change and who made it), an audit row with the reason."""
    require_staff(by)
    if not note or not note.strip():
        raise ApplicationError(_("Say what was corrected and why."), field="note")
    clean = _outcome_values(values)
    with transaction.atomic():
        locked = OutcomeReport.objects.select_for_update().select_related("application__event").get(pk=report.pk)
        for field, value in clean.items():
            setattr(locked, field, value)
        locked._change_reason = note.strip()[:100]
        locked.full_clean()
        locked.save()
        _log(locked.application, ApplicationLog.Action.OUTCOME_CORRECTED, by=by, note=note.strip())
        if locked.application.event.outcomes_published:
            public_pages_invalidate()
    return locked


# --- Reminders --------------------------------------------------------------------------------

REMINDER_DAYS = 3


def reminders_send(*, today: datetime.date | None = None, days_before: int = REMINDER_DAYS) -> list[Application]:
    """Remind each accepted exhibitor of an event starting within `days_before` days (once:
    `reminder_sent_at` is set under a row lock, so running twice sends nothing twice)."""
    today = today or _today()
    ids = list(
        Application.objects.filter(
            status=S.ACCEPTED,
            reminder_sent_at__isnull=True,
            event__starts_on__gte=today,
            event__starts_on__lte=today + datetime.timedelta(days=days_before),
        )
        .exclude(event__status=Event.Status.CANCELLED)
        .values_list("pk", flat=True)
    )
    sent = []
    for pk in ids:
        with transaction.atomic():
            locked = Application.objects.select_for_update().select_related("event", "cooperative").get(pk=pk)
            if locked.reminder_sent_at or locked.status != S.ACCEPTED:
                continue
            locked.reminder_sent_at = timezone.now()
            locked.save(update_fields=["reminder_sent_at"])
            _log(locked, ApplicationLog.Action.REMINDER)
            notify.event_reminder(application=locked)
            sent.append(locked)
    return sent
