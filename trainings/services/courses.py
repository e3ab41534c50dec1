"""Writes on courses, their sessions and materials (staff): save with the capacity checked
against the seats taken, cancel (everyone registered is told), tell the participants of a change."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError, raise_validation
from ocop_portal.guards import require_staff
from ocop_portal.text import unique_slug

from ..models import Course, Material, Registration, Session, TrainingLog
from . import notify
from .common import log, public_pages_changed
from .registrations import promote_waiting, seats_taken

A = TrainingLog.Action


def _clean(obj, *, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise_validation(error)


def course_save(*, course: Course, by, topics=None) -> Course:
    """Create or update `course` (an instance carrying the new values, e.g. from a form).

    The capacity cannot go below the seats already taken; raising it gives the new seats to the
    waiting list at once. Side effects: locks the course row; history and audit rows; the
    public pages. Raises ApplicationError (nothing saved) on a refused value."""
    require_staff(by)
    with transaction.atomic():
        created = course.pk is None
        if created:
            if not course.slug:
                course.slug = unique_slug(Course, course.title, fallback="khoa-hoc")
            course.created_by = by
        else:
            Course.objects.select_for_update().get(pk=course.pk)
            taken = seats_taken(course)
            if course.capacity is not None and course.capacity < taken:
                raise ApplicationError(
                    _("The capacity cannot be below the %(taken)s seats already taken; nothing was saved.")
                    % {"taken": taken},
                    field="capacity",
                )
        if course.certificate_rule == Course.CertificateRule.ALL_SESSIONS:
            course.certificate_min_sessions = None
        _clean(course)
        course._history_user = by
        course.save()
        if topics is not None:
            course.topics.set(topics)
        log(course, A.COURSE_CREATED if created else A.COURSE_CHANGED, by=by)
        if not created:
            promote_waiting(course, by=by)
        public_pages_changed()
    return course


def session_save(*, session: Session, by) -> Session:
    """Add or change a session (it must end after it starts). Raises ApplicationError."""
    require_staff(by)
    with transaction.atomic():
        Course.objects.select_for_update().get(pk=session.course_id)
        if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
            raise ApplicationError(_("A session must end after it starts."), field="ends_at")
        _clean(session)
        session.save()
        log(session.course, A.COURSE_CHANGED, by=by, note=str(session))
        public_pages_changed()
    return session


def session_delete(*, session: Session, by) -> None:
    require_staff(by)
    with transaction.atomic():
        if session.attendances.exists():
            raise ApplicationError(_("Attendance was taken at this session: it cannot be deleted."))
        course = session.course
        note = str(session)
        session.delete()
        log(course, A.COURSE_CHANGED, by=by, note=note)
        public_pages_changed()


def material_add(*, course: Course, title: str, file, by, original_name: str = "") -> Material:
    """Store a file (already checked by ocop_portal.uploads) for the course's participants."""
    require_staff(by)
    with transaction.atomic():
        material = Material(
            course=course,
            title=title.strip() or file.name,
            original_name=(original_name or file.name)[:255],
            size=file.size,
            uploaded_by=by,
        )
        material.file.save(file.name, file, save=False)
        material.save()
        log(course, A.COURSE_CHANGED, by=by, note=_("Material added: %(title)s") % {"title": material.title})
    return material


def material_delete(*, material: Material, by) -> None:
    require_staff(by)
    with transaction.atomic():
        course = material.course
        title = material.title
        material.file.delete(save=False)
        material.delete()
        log(course, A.COURSE_CHANGED, by=by, note=_("Material removed: %(title)s") % {"title": title})


def _standing(course):
    return Registration.objects.filter(course=course).active().select_related("cooperative", "person", "course")


def course_change_notify(*, course: Course, by, message: str) -> int:
    """Tell everyone standing (seated or waiting) that the course changed, with staff's message.
    Returns how many were emailed."""
    require_staff(by)
    message = message.strip()
    if not message:
        raise ApplicationError(_("Write what changed."), field="message")
    with transaction.atomic():
        registrations = list(_standing(course))
        for registration in registrations:
            notify.registration_email(registration=registration, kind="changed", message=message)
        log(course, A.COURSE_CHANGED, by=by, note=message)
    return len(registrations)


def course_cancel(*, course: Course, by, message: str = "") -> Course:
    """Cancel the course: every standing registration becomes 'course cancelled' and is emailed.
    Side effects: locks the course row; audit rows; the public pages."""
    require_staff(by)
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        if locked.status == Course.Status.CANCELLED:
            raise ApplicationError(_("This course is already cancelled."))
        if locked.status == Course.Status.HELD:
            raise ApplicationError(_("A course that was held cannot be cancelled."))
        registrations = list(_standing(locked))
        locked.status = Course.Status.CANCELLED
        locked._history_user = by
        locked.save(update_fields=["status", "updated_at"])
        for registration in registrations:
            registration.status = Registration.Status.CANCELLED
            registration.waiting_position = None
            registration.save(update_fields=["status", "waiting_position", "updated_at"])
            notify.registration_email(registration=registration, kind="cancelled", message=message.strip())
        log(locked, A.COURSE_CANCELLED, by=by, note=message.strip())
        public_pages_changed()
    return locked


def course_status_set(*, course: Course, status: str, by) -> Course:
    """Open, close or mark held (cancelling goes through course_cancel)."""
    require_staff(by)
    if status == Course.Status.CANCELLED:
        return course_cancel(course=course, by=by)
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        if locked.status == Course.Status.CANCELLED:
            raise ApplicationError(_("This course is already cancelled."))
        locked.status = status
        locked._history_user = by
        locked.save(update_fields=["status", "updated_at"])
        log(locked, A.COURSE_CHANGED, by=by, note=locked.get_status_display())
        public_pages_changed()
    return locked
