"""The supply–demand conference's matchmaking: buyers register on the public form, confirm their
email and are approved by staff; they pick the exhibitors they want to meet; producers accept or
decline; staff generate the meeting schedule (fairs.scheduling), move a meeting if they must,
email everyone their timetable, and record each meeting's outcome."""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError, raise_validation
from ocop_portal.guards import require_staff

from ..models import Application, Buyer, Event, Meeting, MeetingRequest
from ..scheduling import Pair, schedule_meetings
from . import notify_matchmaking as notify

CONFIRM_SALT = "fairs.buyer-confirm"
ACCESS_SALT = "fairs.buyer-access"
CONFIRM_MAX_AGE = 7 * 24 * 3600


# --- Tokens -----------------------------------------------------------------------------------


def buyer_confirm_token(buyer: Buyer) -> str:
    return signing.dumps({"b": buyer.pk, "e": buyer.email.lower()}, salt=CONFIRM_SALT)


def buyer_access_token(buyer: Buyer) -> str:
    """The signed part of the buyer's own link: it opens their picks and timetable, nothing else."""
    return signing.dumps({"b": buyer.pk}, salt=ACCESS_SALT, compress=True)


def buyer_from_access_token(token: str) -> Buyer | None:
    """The approved buyer a link belongs to, or None (forged, or the buyer is not approved)."""
    try:
        data = signing.loads(token, salt=ACCESS_SALT)
    except signing.BadSignature:
        return None
    return Buyer.objects.select_related("event").filter(pk=data.get("b"), status=Buyer.Status.APPROVED).first()


# --- Buyers -----------------------------------------------------------------------------------


def buyer_register(*, event: Event, data: dict, language: str = "vi") -> Buyer:
    """A buyer registers for a conference on the public form. Side effects: the Buyer (status
    unconfirmed) and an email with a confirmation link (valid 7 days)."""
    from ..selectors import buyer_registration_open

    if not buyer_registration_open(event):
        raise ApplicationError(_("Registration for this conference is closed."))
    buyer = Buyer(event=event, language=language[:8], **data)
    buyer.email = buyer.email.strip().lower()
    try:
        buyer.full_clean()
    except ValidationError as error:
        raise_validation(error)
    try:
        with transaction.atomic():
            buyer.save()
            notify.buyer_confirm_request(buyer=buyer, token=buyer_confirm_token(buyer))
    except IntegrityError:
        raise ApplicationError(_("This email address is already registered for this conference."), field="email")
    return buyer


def buyer_confirm(*, token: str) -> Buyer:
    """The buyer clicked the link in the email: the address is theirs. Side effects: status
    confirmed, an email to the staff. Running it twice changes nothing."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise ApplicationError(_("This confirmation link has expired; please register again."))
    except signing.BadSignature:
        raise ApplicationError(_("This confirmation link is not valid."))
    with transaction.atomic():
        buyer = Buyer.objects.select_for_update().select_related("event").filter(pk=data.get("b")).first()
        if buyer is None or buyer.email.lower() != data.get("e"):
            raise ApplicationError(_("This confirmation link is not valid."))
        if buyer.status == Buyer.Status.UNCONFIRMED:
            buyer.status = Buyer.Status.CONFIRMED
            buyer.email_confirmed_at = timezone.now()
            buyer.save(update_fields=["status", "email_confirmed_at", "updated_at"])
            notify.buyer_waiting(buyer=buyer)
    return buyer


def buyer_decide(*, buyer: Buyer, approve: bool, note: str = "", by) -> Buyer:
    """Staff approve a confirmed buyer (who is emailed their own link) or reject them (a note is
    required and emailed)."""
    require_staff(by)
    note = (note or "").strip()
    if not approve and not note:
        raise ApplicationError(_("Say why the buyer is not approved; the buyer reads it."), field="note")
    with transaction.atomic():
        locked = Buyer.objects.select_for_update().select_related("event").get(pk=buyer.pk)
        if locked.status == Buyer.Status.UNCONFIRMED:
            raise ApplicationError(_("The buyer has not confirmed their email address yet."))
        target = Buyer.Status.APPROVED if approve else Buyer.Status.REJECTED
        if locked.status == target:
            return locked
        locked.status = target
        locked.decision_note = note
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.save(update_fields=["status", "decision_note", "decided_at", "decided_by", "updated_at"])
        notify.buyer_decided(buyer=locked, token=buyer_access_token(locked) if approve else "")
    return locked


def buyer_picks_set(*, buyer: Buyer, applications) -> list[MeetingRequest]:
    """The buyer's choice of exhibitors to meet (replaces the previous choice; a request that
    already has a meeting stays). Only exhibitors accepted at the buyer's conference can be
    picked. Side effects: MeetingRequests added and removed, an email to each newly asked
    producer."""
    if buyer.status != Buyer.Status.APPROVED:
        raise ApplicationError(_("Your registration has not been approved yet."))
    wanted = {a.pk for a in applications}
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=buyer.event_id)
        valid = set(
            Application.objects.filter(event=event, status=Application.Status.ACCEPTED, pk__in=wanted).values_list(
                "pk", flat=True
            )
        )
        if wanted - valid:
            raise ApplicationError(_("Choose among the exhibitors of this conference."))
        existing = {r.application_id: r for r in MeetingRequest.objects.filter(buyer=buyer)}
        scheduled = set(Meeting.objects.filter(buyer=buyer).values_list("application_id", flat=True))
        MeetingRequest.objects.filter(buyer=buyer).exclude(application_id__in=wanted | scheduled).delete()
        new = [MeetingRequest(buyer=buyer, application_id=pk) for pk in sorted(wanted - set(existing))]
        MeetingRequest.objects.bulk_create(new)
        for request in MeetingRequest.objects.filter(buyer=buyer, application_id__in=[r.application_id for r in new]):
            notify.meeting_requested(request=request)
    return list(MeetingRequest.objects.filter(buyer=buyer).select_related("application__cooperative"))


def request_answer(*, request: MeetingRequest, accept: bool, by) -> MeetingRequest:
    """The producer accepts or declines a buyer's request to meet. A declined request that was
    already scheduled loses its meeting."""
    with transaction.atomic():
        locked = MeetingRequest.objects.select_for_update().select_related("application").get(pk=request.pk)
        if locked.application.status != Application.Status.ACCEPTED:
            raise ApplicationError(_("Only an exhibitor answers buyers."))
        locked.status = MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answered_at", "updated_at"])
        if not accept:
            Meeting.objects.filter(request=locked, outcome=Meeting.Outcome.PENDING).delete()
    return locked


# --- The schedule -----------------------------------------------------------------------------


def session_slots(event: Event) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The meeting slots of the conference's matchmaking session, in local time."""
    if not (event.meeting_day and event.meeting_start and event.meeting_end and event.slot_minutes):
        return []
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(event.meeting_day, event.meeting_start), tz)
    end = timezone.make_aware(datetime.datetime.combine(event.meeting_day, event.meeting_end), tz)
    step = datetime.timedelta(minutes=event.slot_minutes)
    slots = []
    while start + step <= end:
        slots.append((start, start + step))
        start += step
    return slots


def _check_settings(event: Event) -> list:
    if not event.is_conference:
        raise ApplicationError(_("Meetings are scheduled for supply–demand conferences only."))
    if not (event.meeting_day and event.meeting_start and event.meeting_end):
        raise ApplicationError(_("Set the matchmaking day and hours first."))
    if event.meeting_end <= event.meeting_start:
        raise ApplicationError(_("The meetings must end after they start."), field="meeting_end")
    if not event.starts_on <= event.meeting_day <= event.ends_on:
        raise ApplicationError(_("The matchmaking day must be one of the conference's days."), field="meeting_day")
    if event.table_count < 1:
        raise ApplicationError(_("Give the number of meeting tables."), field="table_count")
    slots = session_slots(event)
    if not slots:
        raise ApplicationError(_("Not even one meeting fits between these hours."), field="meeting_end")
    return slots


def schedule_settings_save(*, event: Event, values: dict, by) -> Event:
    """Staff set the matchmaking session (day, hours, minutes per meeting, tables)."""
    require_staff(by)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        for field in ("meeting_day", "meeting_start", "meeting_end", "slot_minutes", "table_count"):
            setattr(locked, field, values[field])
        _check_settings(locked)
        if Meeting.objects.filter(event=locked).exclude(outcome=Meeting.Outcome.PENDING).exists():
            raise ApplicationError(_("Meeting outcomes are recorded: the session can no longer change."))
        locked._history_user = by
        locked.save()
    return locked


def schedule_generate(*, event: Event, by):
    """Build the schedule from the requests both sides agreed to (replacing a previous one, as
    long as no meeting outcome is recorded). Returns the scheduler's result: what was placed and
    the pairs that did not fit. Side effects: Meeting rows."""
    require_staff(by)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        slots = _check_settings(locked)
        if Meeting.objects.filter(event=locked).exclude(outcome=Meeting.Outcome.PENDING).exists():
            raise ApplicationError(_("Meeting outcomes are already recorded; the schedule cannot be generated again."))
        requests = list(
            MeetingRequest.objects.filter(
                application__event=locked,
                application__status=Application.Status.ACCEPTED,
                buyer__status=Buyer.Status.APPROVED,
                status=MeetingRequest.Status.ACCEPTED,
            ).order_by("pk")
        )
        if not requests:
            raise ApplicationError(_("No request is accepted by both sides yet: nothing to schedule."))
        result = schedule_meetings(
            [Pair(key=r.pk, buyer=r.buyer_id, producer=r.application_id) for r in requests],
            slots=len(slots),
            tables=locked.table_count,
        )
        Meeting.objects.filter(event=locked).delete()
        Meeting.objects.bulk_create(
            [
                Meeting(
                    event=locked,
                    request_id=placement.pair.key,
                    buyer_id=placement.pair.buyer,
                    application_id=placement.pair.producer,
                    table_number=placement.table,
                    starts_at=slots[placement.slot][0],
                    ends_at=slots[placement.slot][1],
                )
                for placement in result.placed
            ]
        )
    return result


def meeting_move(*, meeting: Meeting, table_number: int, starts_at: datetime.time, by) -> Meeting:
    """Move one meeting to another table or time of the session. Refused when the time is not
    a slot of the session, the table does not exist, or the buyer, the producer or the table has
    another meeting overlapping it."""
    require_staff(by)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=meeting.event_id)
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        slots = {start.time(): (start, end) for start, end in session_slots(event)}
        if starts_at not in slots:
            raise ApplicationError(
                _("Meetings start on the session's slots (%(first)s, every %(minutes)s minutes).")
                % {"first": event.meeting_start.strftime("%H:%M"), "minutes": event.slot_minutes},
                field="starts_at",
            )
        if not 1 <= table_number <= event.table_count:
            raise ApplicationError(
                _("There are tables 1 to %(count)s.") % {"count": event.table_count}, field="table_number"
            )
        start, end = slots[starts_at]
        overlapping = Meeting.objects.filter(event=event, starts_at__lt=end, ends_at__gt=start).exclude(pk=locked.pk)
        clash = (
            overlapping.filter(buyer_id=locked.buyer_id).first()
            or overlapping.filter(application_id=locked.application_id).first()
            or overlapping.filter(table_number=table_number).first()
        )
        if clash is not None:
            raise ApplicationError(
                _("This overlaps the meeting at %(time)s, table %(table)s (%(buyer)s × %(producer)s).")
                % {
                    "time": timezone.localtime(clash.starts_at).strftime("%H:%M"),
                    "table": clash.table_number,
                    "buyer": clash.buyer.company,
                    "producer": clash.application.cooperative.name,
                }
            )
        locked.table_number, locked.starts_at, locked.ends_at = table_number, start, end
        locked.full_clean()
        locked.save(update_fields=["table_number", "starts_at", "ends_at"])
    return locked


def meeting_outcome_record(*, meeting: Meeting, outcome: str, contract_value_vnd: int | None, note: str, by) -> Meeting:
    """Staff record what came of a meeting; a signed contract needs its value."""
    require_staff(by)
    if outcome not in Meeting.Outcome.values:
        raise ApplicationError(_("Choose the outcome of the meeting."), field="outcome")
    if outcome == Meeting.Outcome.CONTRACT and not contract_value_vnd:
        raise ApplicationError(_("Give the value of the signed contract."), field="contract_value_vnd")
    if contract_value_vnd is not None and contract_value_vnd < 0:
        raise ApplicationError(_("A value cannot be negative."), field="contract_value_vnd")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        locked.outcome = outcome
        locked.contract_value_vnd = contract_value_vnd if outcome == Meeting.Outcome.CONTRACT else None
        locked.outcome_note = (note or "").strip()
        locked.outcome_by = by
        locked.save(update_fields=["outcome", "contract_value_vnd", "outcome_note", "outcome_by"])
    return locked


def timetables_send(*, event: Event, by) -> dict:
    """Email each approved buyer and each exhibitor its own timetable (with the buyer's link)."""
    require_staff(by)
    meetings = list(
        Meeting.objects.filter(event=event).select_related("buyer", "application__cooperative").order_by("starts_at")
    )
    if not meetings:
        raise ApplicationError(_("Generate the schedule first."))
    by_buyer, by_application = {}, {}
    for meeting in meetings:
        by_buyer.setdefault(meeting.buyer, []).append(meeting)
        by_application.setdefault(meeting.application, []).append(meeting)
    with transaction.atomic():
        for buyer, items in by_buyer.items():
            notify.buyer_timetable(buyer=buyer, meetings=items, token=buyer_access_token(buyer))
        for application, items in by_application.items():
            notify.exhibitor_timetable(application=application, meetings=items)
    return {"buyers": len(by_buyer), "exhibitors": len(by_application)}


def buyer_link(buyer: Buyer) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(buyer.language or "vi"):
        return settings.SITE_URL + reverse("fairs:buyer_page", kwargs={"token": buyer_access_token(buyer)})
