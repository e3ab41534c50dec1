import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ocop_portal.models import TimeStampedModel
from ocop_portal.uploads import get_private_storage


def venue_text(address: str, commune: str) -> str:
    """A course's venue as printed: "15 Lê Hồng Phong, Phường Hoa Lư"."""
    return ", ".join(part for part in (address, commune) if part)


class Topic(models.Model):
    """A subject a course covers (OCOP cycle, value chain…), a list staff edit. A topic that
    counts toward the leaders' target makes its courses count for the plan's
    "100% of leaders trained"."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    counts_toward_leaders_target = models.BooleanField(
        _("counts toward the leaders' target"),
        default=False,
        help_text=_("A leader who attends a course on this topic counts as trained."),
    )
    position = models.PositiveSmallIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class CourseQuerySet(models.QuerySet):
    def public(self):
        """Courses the public may see: everything but drafts."""
        return self.exclude(status=Course.Status.DRAFT)

    def upcoming(self, today=None):
        """Public courses, not cancelled, with a session today or later."""
        today = today or timezone.localdate()
        return self.public().exclude(status=Course.Status.CANCELLED).filter(sessions__date__gte=today).distinct()

    def open_for_registration(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            status=Course.Status.OPEN, registration_opens_on__lte=today, registration_closes_on__gte=today
        )

    def with_dates(self):
        """Annotates first_day / last_day (the first and last session's date)."""
        return self.annotate(first_day=models.Min("sessions__date"), last_day=models.Max("sessions__date"))


class Course(TimeStampedModel):
    """A training course, workshop or study tour the Alliance runs, with one or more sessions."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training course")
        WORKSHOP = "workshop", _("Workshop")
        STUDY_TOUR_IN = "study_tour_in", _("Study tour in the province")
        STUDY_TOUR_OUT = "study_tour_out", _("Study tour outside the province")

    class Organiser(models.TextChoices):
        ALLIANCE = "alliance", _("A department of the Alliance")
        PARTNER = "partner", _("A partner")

    class Audience(models.TextChoices):
        LEADERS = "leaders", _("Cooperative leaders")
        MEMBERS = "members", _("Cooperative members")
        PROGRAMME_STAFF = "programme_staff", _("Staff of the programme")
        EVERYONE = "everyone", _("Leaders and members")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for registration")
        CLOSED = "closed", _("Registration closed")
        HELD = "held", pgettext_lazy("course", "Held")
        CANCELLED = "cancelled", pgettext_lazy("course", "Cancelled")

    class CertificateRule(models.TextChoices):
        ALL_SESSIONS = "all", _("Attended every session")
        AT_LEAST = "at_least", _("Attended at least N sessions")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TRAINING)
    topics = models.ManyToManyField(Topic, blank=True, related_name="courses", verbose_name=_("topics"))
    organiser = models.CharField(_("organiser"), max_length=10, choices=Organiser.choices, default=Organiser.ALLIANCE)
    organiser_name = models.CharField(
        _("organiser's name"), max_length=255, blank=True, help_text=_("e.g. Ban Tuyên truyền – Đào tạo")
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.LEADERS)
    description = models.TextField(_("description"), blank=True)
    programme_document = models.FileField(
        _("programme (public document)"),
        upload_to="trainings/programmes/%Y/",
        blank=True,
        help_text=_("PDF shown on the public course page."),
    )
    venue_commune = models.ForeignKey(
        "places.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune / ward of the venue"),
    )
    venue_address = models.CharField(_("venue address"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("For a course held online."))
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("How many participants can have a seat."))
    registration_opens_on = models.DateField(_("registration opens on"))
    registration_closes_on = models.DateField(_("registration closes on"))
    needs_approval = models.BooleanField(
        _("registrations need staff approval"),
        default=False,
        help_text=_("Otherwise a registration with a free seat is confirmed at once."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    certificate_rule = models.CharField(
        _("certificate rule"), max_length=10, choices=CertificateRule.choices, default=CertificateRule.ALL_SESSIONS
    )
    certificate_min_sessions = models.PositiveSmallIntegerField(
        _("sessions needed for the certificate"),
        null=True,
        blank=True,
        help_text=_("Only for the rule 'at least N sessions'."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-registration_opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_closes_on__gte=models.F("registration_opens_on")),
                name="course_registration_dates_ordered",
                violation_error_message=_("Registration cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name="course_capacity_positive",
                violation_error_message=_("The capacity must be at least 1."),
            ),
            models.CheckConstraint(
                condition=models.Q(certificate_rule="all", certificate_min_sessions__isnull=True)
                | models.Q(
                    certificate_rule="at_least", certificate_min_sessions__isnull=False, certificate_min_sessions__gte=1
                ),
                name="course_certificate_rule_consistent",
                violation_error_message=_(
                    "For the rule 'at least N sessions' give N (1 or more); leave it empty otherwise."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "registration_closes_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainings:course", kwargs={"slug": self.slug})

    @property
    def topic_names(self) -> list[str]:
        """The topics' names, as a card prints them (reads a prefetch of `topics` if there is one)."""
        return [topic.name for topic in self.topics.all()]

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.venue_address

    @property
    def venue(self) -> str:
        return venue_text(self.venue_address, str(self.venue_commune) if self.venue_commune_id else "")

    def accepts_registrations_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.registration_opens_on <= day <= self.registration_closes_on


def _material_upload_to(instance, filename):
    return f"trainings/materials/{instance.course_id}/{filename}"


class Material(TimeStampedModel):
    """A file for the participants (slides, handouts): private storage, streamed by a view only to
    staff and to cooperatives with a standing registration for the course."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials", verbose_name=_("course"))
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), storage=get_private_storage, upload_to=_material_upload_to)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("course material")
        verbose_name_plural = _("course materials")
        ordering = ["course", "pk"]

    def __str__(self):
        return self.title


class Session(models.Model):
    """One sitting of a course: a day (or half-day) with its hours and place."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course"))
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255, blank=True, help_text=_("Empty: the course's venue."))
    title = models.CharField(_("content"), max_length=255, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["course", "date", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.course} — {self.date:%d/%m/%Y} {self.starts_at:%H:%M}"

    @property
    def hours(self) -> float:
        start = datetime.datetime.combine(self.date, self.starts_at)
        end = datetime.datetime.combine(self.date, self.ends_at)
        return round((end - start).total_seconds() / 3600, 2)

    @property
    def starts(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.starts_at))

    @property
    def ends(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.ends_at))

    @property
    def where(self) -> str:
        return self.place or self.course.venue or self.course.online_url
