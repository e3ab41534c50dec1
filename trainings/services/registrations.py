"""Registrations: a cooperative (or staff on its behalf) signs up named people; the seats are
counted under a lock on the course row so the capacity is never exceeded, however many register
at the same moment; a freed seat goes to the first on the waiting list at once (emailed). Staff
approve, refuse (with a note) and move people between the waiting list and the seats. Each
write: one transaction, one audit row per registration (TrainingLog), emails through the outbox."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError
from ocop_portal.guards import require_staff

from ..models import Course, Registration, TrainingLog
from . import notify
from .common import log, public_pages_changed, today

S = Registration.Status
A = TrainingLog.Action
MAX_PEOPLE_AT_ONCE = 20


def _lock_course(course_id: int) -> Course:
    return Course.objects.select_for_update().get(pk=course_id)


def _lock(registration: Registration) -> tuple[Course, Registration]:
    """Lock the course first (every seat change does, in that order), then the registration."""
    course = _lock_course(registration.course_id)
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("cooperative", "person")
        .get(pk=registration.pk)
    )
    locked.course = course
    return course, locked


def seats_taken(course: Course) -> int:
    return Registration.objects.filter(course=course).seated().count()


def _check_open_for(course: Course, *, staff: bool) -> None:
    if course.status == Course.Status.CANCELLED:
        raise ApplicationError(_("This course has been cancelled; nothing was saved."))
    if staff:
        if course.status == Course.Status.DRAFT:
            raise ApplicationError(_("Publish the course (status open) before registering participants."))
        return
    if course.status != Course.Status.OPEN:
        raise ApplicationError(
            _("This course does not take registrations (%(status)s); nothing was saved.")
            % {"status": course.get_status_display()}
        )
    day = today()
    if day < course.registration_opens_on:
        raise ApplicationError(
            _("Registration opens on %(date)s; nothing was saved.")
            % {"date": course.registration_opens_on.strftime("%d/%m/%Y")}
        )
    if day > course.registration_closes_on:
        raise ApplicationError(
            _("Registration closed on %(date)s; nothing was saved.")
            % {"date": course.registration_closes_on.strftime("%d/%m/%Y")}
        )


def _check_people(*, course, cooperative, people) -> list:
    people = list(dict.fromkeys(people))
    if not people:
        raise ApplicationError(_("Choose at least one participant."), field="people")
    if len(people) > MAX_PEOPLE_AT_ONCE:
        raise ApplicationError(
            _("Register at most %(count)s people at a time.") % {"count": MAX_PEOPLE_AT_ONCE}, field="people"
        )
    for person in people:
        if person.cooperative_id != cooperative.pk or not person.is_active:
            raise ApplicationError(
                _("“%(name)s” is not a person of %(cooperative)s; nothing was saved.")
                % {"name": person.full_name, "cooperative": cooperative.name},
                field="people",
            )
    taken = set(
        Registration.objects.filter(course=course, person__in=people).active().values_list("person_id", flat=True)
    )
    for person in people:
        if person.pk in taken:
            raise ApplicationError(
                _("“%(name)s” is already registered for this course; nothing was saved.") % {"name": person.full_name},
                field="people",
            )
    return people


def _next_waiting_position(course) -> int:
    last = Registration.objects.filter(course=course, status=S.WAITING).order_by("-waiting_position").first()
    return (last.waiting_position if last else 0) + 1


def _renumber_waiting(course) -> None:
    """Positions 1, 2, 3… in the current order (after someone left the list)."""
    changed = []
    for position, registration in enumerate(Registration.objects.filter(course=course).waiting(), start=1):
        if registration.waiting_position != position:
            registration.waiting_position = position
            changed.append(registration)
    if changed:
        Registration.objects.bulk_update(changed, ["waiting_position"])


def _seat_status(course) -> str:
    return S.PENDING if course.needs_approval else S.CONFIRMED


def registration_create(*, course: Course, cooperative, people, by, staff: bool = False) -> list[Registration]:
    """Register `people` (Persons of `cooperative`) for `course`: each gets a seat while seats are
    free (pending when the course needs approval, confirmed otherwise), then a place on the
    waiting list. `staff=True`: staff register on the cooperative's behalf (the registration
    dates do not apply, the capacity does).

    Side effects: locks the course row; the registrations, an audit row each, an email each
    (received / confirmed / waiting). Raises ApplicationError (nothing saved) when the course
    is not open, a person is not of the cooperative or already registered."""
    if staff:
        require_staff(by)
    with transaction.atomic():
        course = _lock_course(course.pk)
        _check_open_for(course, staff=staff)
        people = _check_people(course=course, cooperative=cooperative, people=people)
        free = course.capacity - seats_taken(course)
        position = _next_waiting_position(course)
        created = []
        for person in people:
            registration = Registration(
                course=course, cooperative=cooperative, person=person, created_by=by if by else None
            )
            if free > 0:
                registration.status = _seat_status(course)
                free -= 1
            else:
                registration.status = S.WAITING
                registration.waiting_position = position
                position += 1
            registration.save()
            created.append(registration)
            note = _("by the Alliance on the cooperative's behalf") if staff else ""
            log(course, A.REGISTERED, registration=registration, by=by, note=note)
            if registration.status == S.WAITING:
                log(course, A.WAITING, registration=registration, by=by)
            kind = {S.PENDING: "received", S.CONFIRMED: "confirmed", S.WAITING: "waiting"}[registration.status]
            notify.registration_email(registration=registration, kind=kind)
        public_pages_changed()
    return created


def promote_waiting(course: Course, *, by=None, exclude=()) -> list[Registration]:
    """Give the free seats to the first on the waiting list (the caller holds the course lock).
    Side effects: their status, an audit row and a 'promoted' email each; the list renumbered."""
    free = course.capacity - seats_taken(course)
    promoted = []
    if free > 0:
        candidates = (
            Registration.objects.filter(course=course)
            .waiting()
            .exclude(pk__in=[r.pk for r in exclude])
            .select_related("cooperative", "person")[:free]
        )
        for registration in candidates:
            registration.status = _seat_status(course)
            registration.waiting_position = None
            registration.course = course
            registration.save(update_fields=["status", "waiting_position", "updated_at"])
            log(course, A.PROMOTED, registration=registration, by=by)
            notify.registration_email(registration=registration, kind="promoted")
            promoted.append(registration)
    _renumber_waiting(course)
    return promoted


def _leave(course, registration, *, status, by, action, note="") -> Registration:
    had_seat = registration.has_seat
    registration.status = status
    registration.waiting_position = None
    if note:
        registration.staff_note = note
    registration.save(update_fields=["status", "waiting_position", "staff_note", "updated_at"])
    log(course, action, registration=registration, by=by, note=note)
    if had_seat:
        promote_waiting(course, by=by)
        public_pages_changed()
    else:
        _renumber_waiting(course)
    return registration


def registration_withdraw(*, registration: Registration, by) -> Registration:
    """The cooperative (or staff) withdraws a participant before the course is held; a seat it
    frees goes to the first on the waiting list. Raises ApplicationError when it is no longer
    standing or the course is over."""
    with transaction.atomic():
        course, registration = _lock(registration)
        if not registration.is_active:
            raise ApplicationError(_("This registration is no longer standing."))
        if course.status in (Course.Status.HELD, Course.Status.CANCELLED):
            raise ApplicationError(_("The course is over; a registration can no longer be withdrawn."))
        return _leave(course, registration, status=S.WITHDRAWN, by=by, action=A.WITHDRAWN)


def registration_approve(*, registration: Registration, by, note: str = "") -> Registration:
    """Staff confirm a pending registration (which already holds a seat). Email: confirmed."""
    require_staff(by)
    with transaction.atomic():
        course, registration = _lock(registration)
        if registration.status == S.WAITING:
            return _to_seat(course, registration, by=by, note=note)
        if registration.status != S.PENDING:
            raise ApplicationError(
                _("Only a registration waiting for approval can be approved (this one: %(status)s).")
                % {"status": registration.get_status_display()}
            )
        registration.status = S.CONFIRMED
        registration.staff_note = note.strip() or registration.staff_note
        registration.decided_at = timezone.now()
        registration.decided_by = by
        registration.save(update_fields=["status", "staff_note", "decided_at", "decided_by", "updated_at"])
        log(course, A.CONFIRMED, registration=registration, by=by, note=note)
        notify.registration_email(registration=registration, kind="confirmed")
    return registration


def registration_refuse(*, registration: Registration, by, note: str = "") -> Registration:
    """Staff refuse a standing registration, with a note the cooperative reads; a seat it frees
    goes to the first on the waiting list. Email: refused."""
    require_staff(by)
    with transaction.atomic():
        course, registration = _lock(registration)
        if not registration.is_active:
            raise ApplicationError(_("This registration is no longer standing."))
        registration.decided_at = timezone.now()
        registration.decided_by = by
        registration.save(update_fields=["decided_at", "decided_by"])
        _leave(course, registration, status=S.REFUSED, by=by, action=A.REFUSED, note=note.strip())
        notify.registration_email(registration=registration, kind="refused")
    return registration


def _to_seat(course, registration, *, by, note: str = "") -> Registration:
    if seats_taken(course) >= course.capacity:
        raise ApplicationError(
            _("The course is full (%(capacity)s seats): move someone to the waiting list or raise the capacity first.")
            % {"capacity": course.capacity}
        )
    registration.status = S.CONFIRMED
    registration.waiting_position = None
    registration.decided_at = timezone.now()
    registration.decided_by = by
    registration.staff_note = note.strip() or registration.staff_note
    registration.save(
        update_fields=["status", "waiting_position", "decided_at", "decided_by", "staff_note", "updated_at"]
    )
    log(course, A.PROMOTED, registration=registration, by=by, note=note)
    notify.registration_email(registration=registration, kind="promoted")
    _renumber_waiting(course)
    public_pages_changed()
    return registration


def registration_to_seat(*, registration: Registration, by, note: str = "") -> Registration:
    """Staff give a seat to someone on the waiting list (confirmed at once), when a seat is free."""
    require_staff(by)
    with transaction.atomic():
        course, registration = _lock(registration)
        if registration.status != S.WAITING:
            raise ApplicationError(_("Only someone on the waiting list can be moved to a seat."))
        return _to_seat(course, registration, by=by, note=note)


def registration_to_waiting(*, registration: Registration, by, note: str = "") -> Registration:
    """Staff move a seated participant to the end of the waiting list; the seat goes to the first
    of those already waiting (if any). Email: waiting."""
    require_staff(by)
    with transaction.atomic():
        course, registration = _lock(registration)
        if not registration.has_seat:
            raise ApplicationError(_("Only a participant with a seat can be moved to the waiting list."))
        registration.status = S.WAITING
        registration.waiting_position = _next_waiting_position(course)
        registration.staff_note = note.strip() or registration.staff_note
        registration.save(update_fields=["status", "waiting_position", "staff_note", "updated_at"])
        log(course, A.WAITING, registration=registration, by=by, note=note)
        notify.registration_email(registration=registration, kind="waiting")
        promote_waiting(course, by=by, exclude=[registration])
        registration.refresh_from_db()
    return registration
