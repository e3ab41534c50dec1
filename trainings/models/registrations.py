import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ocop_portal.models import TimeStampedModel

from .courses import Course, Session

# Ticket codes are typed by staff from a phone: no 0/O, 1/I/L.
TICKET_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TICKET_LENGTH = 10


def ticket_code_new() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations still standing: pending, confirmed or waiting."""
        return self.filter(status__in=Registration.ACTIVE_STATUSES)

    def seated(self):
        """Registrations holding a seat (confirmed, or pending the staff's approval)."""
        return self.filter(status__in=Registration.SEATED_STATUSES)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("waiting_position", "pk")

    def for_lists(self):
        return self.select_related("course", "cooperative", "person")


class Registration(TimeStampedModel):
    """One named participant (a Person of the cooperative) signed up for a course.

    Seats: `pending` (awaiting approval) and `confirmed` hold a seat; `waiting` is on the waiting
    list at `waiting_position` (1 = next to get a seat); `refused`, `withdrawn` and `cancelled`
    (the course was cancelled) are over. One standing registration per person and course."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Seat confirmed")
        WAITING = "waiting", _("On the waiting list")
        REFUSED = "refused", pgettext_lazy("training registration", "Refused")
        WITHDRAWN = "withdrawn", pgettext_lazy("training registration", "Withdrawn")
        CANCELLED = "cancelled", pgettext_lazy("training registration", "Course cancelled")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITING)
    SEATED_STATUSES = (Status.PENDING, Status.CONFIRMED)

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("course"))
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.PROTECT,
        related_name="training_registrations",
        verbose_name=_("cooperative"),
    )
    person = models.ForeignKey(
        "cooperatives.Person",
        on_delete=models.PROTECT,
        related_name="training_registrations",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    waiting_position = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    staff_note = models.TextField(_("note from the Alliance"), blank=True)
    ticket_code = models.CharField(_("ticket code"), max_length=16, unique=True, default=ticket_code_new)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("course registration")
        verbose_name_plural = _("course registrations")
        ordering = ["course", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "person"],
                condition=models.Q(status__in=["pending", "confirmed", "waiting"]),
                name="registration_once_per_person_and_course",
                violation_error_message=_("This person is already registered for this course."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="waiting", waiting_position__isnull=False)
                | (~models.Q(status="waiting") & models.Q(waiting_position__isnull=True)),
                name="registration_waiting_position_iff_waiting",
            ),
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self):
        return f"{self.person} — {self.course}"

    def get_absolute_url(self):
        return reverse("trainings:registration", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def has_seat(self) -> bool:
        return self.status in self.SEATED_STATUSES


class Attendance(models.Model):
    """A participant was present at a session. Unique per (registration, session): scanning a
    ticket twice counts once (trainings.services.attendance_mark is idempotent)."""

    class Method(models.TextChoices):
        SCAN = "scan", _("QR code scanned")
        TYPED = "typed", _("Ticket code typed")
        SHEET = "sheet", _("From the paper sign-in sheet")
        IMPORT = "import", _("Imported")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("registration")
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices, default=Method.SCAN)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attendance_once_per_session"),
        ]

    def __str__(self):
        return f"{self.registration.person} — {self.session}"


class TrainingLog(models.Model):
    """The audit trail of trainings: one row per thing that happened to a course or a
    registration (who, when, what, note)."""

    class Action(models.TextChoices):
        COURSE_CREATED = "course_created", _("Course created")
        COURSE_CHANGED = "course_changed", _("Course changed")
        COURSE_CANCELLED = "course_cancelled", _("Course cancelled")
        REGISTERED = "registered", _("Registered")
        CONFIRMED = "confirmed", _("Seat confirmed")
        WAITING = "waiting", _("Put on the waiting list")
        PROMOTED = "promoted", _("Moved from the waiting list to a seat")
        REFUSED = "refused", pgettext_lazy("training registration", "Refused")
        WITHDRAWN = "withdrawn", pgettext_lazy("training registration", "Withdrawn")
        ATTENDED = "attended", _("Attendance marked")
        ATTENDANCE_REMOVED = "attendance_removed", _("Attendance removed")
        INVITED = "invited", _("Invited to a course")
        REMINDER = "reminder", _("Reminder sent")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="log")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, null=True, blank=True, related_name="log")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["course", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.course}"
