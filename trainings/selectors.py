"""Reads of trainings, each with a flat number of queries.

The contract with the plans app (plans/metrics/definitions.py reads them by name):
leader_coverage, leader_coverage_counts, leader_coverage_monthly, courses_held,
participants_attended and upcoming_public_events. A course belongs to a period by the date of
its first session."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Cooperative, Person

from .models import Attendance, Course, Material, Registration, Session
from .models.courses import venue_text

S = Registration.Status
NOT_COUNTED = (Course.Status.DRAFT, Course.Status.CANCELLED)


def _first_day():
    return Subquery(Session.objects.filter(course=OuterRef("pk")).order_by("date").values("date")[:1])


def _last_day():
    return Subquery(Session.objects.filter(course=OuterRef("pk")).order_by("-date").values("date")[:1])


def _seats():
    """The seats taken (pending + confirmed) as a subquery: a list needs no join and GROUP BY
    over every course column for the one count it shows."""
    taken = (
        Registration.objects.filter(course=OuterRef("pk"), status__in=Registration.SEATED_STATUSES)
        .order_by()
        .values("course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(taken), 0)


# --- The plans contract ------------------------------------------------------------------------


def _participation(start, end):
    """The dossiers and the certificates that make their cooperative take part in OCOP in
    [start, end]: a dossier submitted on or before `end` and not withdrawn before `start`, or a
    product certificate valid on some day of the period. The one statement of the rule: read
    per cooperative by participating_cooperatives, grouped by _coverage_dates."""
    from products.models import Certificate
    from registrations.models import Registration as Dossier

    dossiers = Dossier.objects.filter(submitted_at__date__lte=end).exclude(
        state=Dossier.State.WITHDRAWN, state_changed_at__date__lt=start
    )
    certificates = Certificate.objects.filter(valid_from__lte=end, valid_until__gte=start).exclude(
        Q(status=Certificate.Status.REVOKED) & (Q(revoked_on__isnull=True) | Q(revoked_on__lt=start))
    )
    return dossiers, certificates


def _within(cooperatives):
    """The `cooperatives` argument (a queryset or pks) as a value for `__in`, or None for all."""
    if cooperatives is None:
        return None
    return cooperatives.values("pk") if hasattr(cooperatives, "values") else cooperatives


def participating_cooperatives(*, start: datetime.date, end: datetime.date, cooperatives=None) -> QuerySet:
    """Cooperatives taking part in OCOP in [start, end] (the rule: `_participation`)."""
    dossiers, certificates = _participation(start, end)
    queryset = Cooperative.objects.filter(
        Exists(dossiers.filter(cooperative=OuterRef("pk")))
        | Exists(certificates.filter(product__cooperative=OuterRef("pk")))
    )
    within = _within(cooperatives)
    return queryset if within is None else queryset.filter(pk__in=within)


def counting_courses(*, start: datetime.date, end: datetime.date) -> QuerySet:
    """Courses that count toward the leaders' target in the period: a topic that counts, the
    first session inside [start, end], not a draft, not cancelled."""
    return (
        Course.objects.exclude(status__in=NOT_COUNTED)
        .filter(
            Exists(
                Course.topics.through.objects.filter(course=OuterRef("pk"), topic__counts_toward_leaders_target=True)
            )
        )
        .annotate(first_day=_first_day())
        .filter(first_day__gte=start, first_day__lte=end)
    )


def leader_coverage(*, start: datetime.date, end: datetime.date, cooperatives=None) -> dict:
    """For each participating cooperative: its CURRENT leader and whether that leader attended a
    course counting toward the target in the period (3 queries).

    Returns {"rows": [{cooperative, leader, trained, course}], "participating", "trained",
    "percent" (None when nobody participates)}. A cooperative without a leader on record is
    untrained."""
    participating = list(
        participating_cooperatives(start=start, end=end, cooperatives=cooperatives)
        .select_related("commune")
        .prefetch_related(Prefetch("people", queryset=Person.objects.leaders(), to_attr="current_leaders"))
        .order_by("name", "pk")
    )
    leaders = [c.current_leaders[0] for c in participating if c.current_leaders]
    trained_in: dict[int, Course] = {}
    if leaders:
        attended = (
            Attendance.objects.filter(
                registration__person__in=leaders,
                registration__course__in=counting_courses(start=start, end=end).values("pk"),
            )
            .select_related("registration__course")
            .order_by("session__date", "pk")
        )
        for attendance in attended:
            trained_in.setdefault(attendance.registration.person_id, attendance.registration.course)
    rows = []
    for cooperative in participating:
        leader = cooperative.current_leaders[0] if cooperative.current_leaders else None
        course = trained_in.get(leader.pk) if leader else None
        rows.append({"cooperative": cooperative, "leader": leader, "trained": course is not None, "course": course})
    trained = sum(1 for row in rows if row["trained"])
    return {
        "rows": rows,
        "participating": len(rows),
        "trained": trained,
        "percent": round(100.0 * trained / len(rows), 1) if rows else None,
    }


def _coverage_dates(*, start, end, cooperatives=None) -> list[tuple]:
    """(joined, trained_on) of each participating cooperative, from four grouped queries (a
    correlated form is several times slower at 2,000 cooperatives): the day it began to take part
    (its first counting dossier's submission or its first counting certificate's validity; before
    `start` for one already taking part) and the first day of the first counting course its
    current leader attended (None: untrained or no leader)."""
    within = _within(cooperatives)

    def scoped(queryset, path):
        return queryset if within is None else queryset.filter(**{f"{path}__in": within})

    dossiers, certificates = _participation(start, end)
    dossiers, certificates = scoped(dossiers, "cooperative"), scoped(certificates, "product__cooperative")
    joined: dict[int, datetime.date] = {}
    for rows in (
        dossiers.order_by().values_list("cooperative_id").annotate(day=Min(TruncDate("submitted_at"))),
        certificates.order_by().values_list("product__cooperative_id").annotate(day=Min("valid_from")),
    ):
        for cooperative_id, day in rows:
            joined[cooperative_id] = min(day, joined.get(cooperative_id, day))
    leaders: dict[int, int] = {}
    for cooperative_id, person_id in (
        scoped(Person.objects.leaders(), "cooperative")
        .order_by("cooperative_id", "-is_leader", "full_name", "pk")
        .values_list("cooperative_id", "pk")
    ):
        leaders.setdefault(cooperative_id, person_id)
    trained_on = dict(
        Attendance.objects.filter(
            registration__person__in=Person.objects.leaders(),
            registration__course__in=counting_courses(start=start, end=end).values("pk"),
        )
        .order_by()
        .values_list("registration__person_id")
        .annotate(day=Min("registration__course__sessions__date"))
    )
    return [(day, trained_on.get(leaders.get(cooperative_id))) for cooperative_id, day in joined.items()]


def leader_coverage_counts(*, start: datetime.date, end: datetime.date, cooperatives=None) -> dict:
    """leader_coverage's figures without its rows, in four small queries (the dashboard's card and chart):
    {"participating", "trained", "percent" (None when nobody participates)}."""
    dates = _coverage_dates(start=start, end=end, cooperatives=cooperatives)
    trained = sum(1 for _joined, trained_on in dates if trained_on is not None)
    return {
        "participating": len(dates),
        "trained": trained,
        "percent": round(100.0 * trained / len(dates), 1) if dates else None,
    }


def leader_coverage_monthly(*, start: datetime.date, end: datetime.date, cooperatives=None) -> list[tuple]:
    """[(first day of month, percent)]: leader_coverage(start, end of that month)["percent"] for
    each month of [start, end], from the same four queries (None for a month nobody takes part in yet)."""
    from salescentre.selectors import month_starts

    dates = _coverage_dates(start=start, end=end, cooperatives=cooperatives)
    result = []
    for month in month_starts(start, end):
        month_end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        joined = [trained_on for day, trained_on in dates if day <= month_end]
        trained = sum(1 for trained_on in joined if trained_on is not None and trained_on <= month_end)
        result.append((month, round(100.0 * trained / len(joined), 1) if joined else None))
    return result


def courses_held(*, start: datetime.date, end: datetime.date) -> QuerySet:
    """Courses of the period (first session inside it), held or planned, not cancelled or drafts."""
    return (
        Course.objects.exclude(status__in=NOT_COUNTED)
        .annotate(first_day=_first_day())
        .filter(first_day__gte=start, first_day__lte=end)
        .order_by("first_day", "pk")
    )


def participants_attended(*, start: datetime.date, end: datetime.date, cooperatives=None) -> QuerySet:
    """Registrations whose participant attended at least one session held in the period."""
    queryset = Registration.objects.filter(
        Exists(Attendance.objects.filter(registration=OuterRef("pk"), session__date__gte=start, session__date__lte=end))
    ).select_related("course", "cooperative", "person")
    if cooperatives is not None:
        queryset = queryset.filter(cooperative__in=cooperatives)
    return queryset.order_by("course", "cooperative__name", "person__full_name", "pk")


def upcoming_public_events(*, limit: int) -> list[dict]:
    """The home page's contract (ocop_portal.selectors.EVENT_PROVIDERS): the next public courses."""
    return [
        {
            "title": card.title,
            "starts_on": card.first_day,
            "place": card.venue or card.online_url,
            "url": card.get_absolute_url(),
            "kind": card.get_kind_display(),
        }
        for card in public_course_cards(upcoming=True, limit=limit)
    ]


# --- Pages ---------------------------------------------------------------------------------------


def with_counts(queryset):
    """Annotates seats (pending + confirmed), confirmed, pending and waiting counts."""
    return queryset.annotate(
        seats=Count("registrations", filter=Q(registrations__status__in=Registration.SEATED_STATUSES), distinct=True),
        confirmed_count=Count("registrations", filter=Q(registrations__status=S.CONFIRMED), distinct=True),
        pending_count=Count("registrations", filter=Q(registrations__status=S.PENDING), distinct=True),
        waiting_count=Count("registrations", filter=Q(registrations__status=S.WAITING), distinct=True),
    )


def public_courses(*, upcoming: bool = True, today: datetime.date | None = None) -> QuerySet:
    """Public courses with first/last day (annotated from the sessions), the seats taken
    (`seats`) and their topics (2 queries)."""
    today = today or timezone.localdate()
    queryset = (
        Course.objects.public()
        .exclude(status=Course.Status.CANCELLED)
        .select_related("venue_commune")
        .prefetch_related("topics")
        .annotate(first_day=_first_day(), last_day=_last_day(), seats=_seats())
    )
    if upcoming:
        return queryset.filter(last_day__gte=today).order_by("first_day", "pk")
    return queryset.filter(last_day__lt=today).order_by("-first_day", "pk")


@dataclass(frozen=True)
class CourseCard:
    """A course as the public list's card shows it (trainings/includes/course_card.html, which
    also takes a Course). Plain values, so a card is also the key of its cached HTML."""

    pk: int
    slug: str
    title: str
    kind: str
    status: str
    capacity: int
    registration_closes_on: datetime.date | None
    venue_address: str
    venue_commune: str
    online_url: str
    first_day: datetime.date | None
    last_day: datetime.date | None
    seats: int
    topic_names: tuple[str, ...]
    past_card: bool

    def get_kind_display(self) -> str:
        return str(Course.Kind(self.kind).label) if self.kind in Course.Kind.values else self.kind

    @property
    def venue(self) -> str:
        return venue_text(self.venue_address, self.venue_commune)

    def get_absolute_url(self) -> str:
        return reverse("trainings:course", kwargs={"slug": self.slug})


# CourseCard's fields read from the database, by the card's name: the query's column.
CARD_COLUMNS = {
    "pk": "pk",
    "slug": "slug",
    "title": "title",
    "kind": "kind",
    "status": "status",
    "capacity": "capacity",
    "registration_closes_on": "registration_closes_on",
    "venue_address": "venue_address",
    "venue_commune": "venue_commune__name",
    "online_url": "online_url",
    "first_day": "first_day",
    "last_day": "last_day",
    "seats": "seats",
}


def public_course_cards(*, upcoming: bool = True, limit: int | None = None) -> list[CourseCard]:
    """The public list's courses (public_courses' order) as plain cards: two queries of values,
    no model instances, however many courses."""
    rows = [
        dict(zip(CARD_COLUMNS, row, strict=True))
        for row in public_courses(upcoming=upcoming).values_list(*CARD_COLUMNS.values())[:limit]
    ]
    topics: dict[int, list[str]] = {}
    if rows:
        links = (
            Course.topics.through.objects.filter(course_id__in=[row["pk"] for row in rows])
            .order_by("topic__position", "topic__name", "topic_id")
            .values_list("course_id", "topic__name")
        )
        for course_id, name in links:
            topics.setdefault(course_id, []).append(name)
    return [
        CourseCard(
            **{**row, "venue_commune": row["venue_commune"] or "", "seats": row["seats"] or 0},
            topic_names=tuple(topics.get(row["pk"], ())),
            past_card=not upcoming,
        )
        for row in rows
    ]


def course_page(slug: str) -> Course | None:
    return (
        with_counts(Course.objects.public().filter(slug=slug))
        .select_related("venue_commune")
        .prefetch_related("topics", "sessions")
        .annotate(first_day=_first_day(), last_day=_last_day())
        .first()
    )


def open_courses_for(cooperative, *, today: datetime.date | None = None) -> QuerySet:
    """Courses open for registration today, with how many of the cooperative's people are on them."""
    today = today or timezone.localdate()
    return (
        with_counts(Course.objects.open_for_registration(today))
        .select_related("venue_commune")
        .prefetch_related("sessions", "topics")
        .annotate(
            first_day=_first_day(),
            ours=Count(
                "registrations",
                filter=Q(
                    registrations__cooperative=cooperative, registrations__status__in=Registration.ACTIVE_STATUSES
                ),
                distinct=True,
            ),
        )
        .order_by("first_day", "pk")
    )


def cooperative_registrations(cooperative) -> QuerySet:
    """A cooperative's registrations, newest courses first, with course and person."""
    return (
        Registration.objects.filter(cooperative=cooperative)
        .select_related("course", "person")
        .annotate(
            course_first_day=Subquery(
                Session.objects.filter(course=OuterRef("course")).order_by("date").values("date")[:1]
            )
        )
        .order_by("-course_first_day", "course_id", "person__full_name", "pk")
    )


def may_download_materials(*, cooperative, course) -> bool:
    """A cooperative reaches a course's materials while one of its people holds a seat (or has
    attended)."""
    return Registration.objects.filter(
        cooperative=cooperative, course=course, status__in=Registration.SEATED_STATUSES
    ).exists()


def course_materials(course) -> QuerySet:
    return Material.objects.filter(course=course).order_by("pk")


def staff_courses() -> QuerySet:
    """The staff's course list with the counts (one query)."""
    return (
        with_counts(Course.objects.all())
        .annotate(
            first_day=_first_day(),
            attended_count=Count("registrations__attendances__registration", distinct=True),
        )
        .order_by("-first_day", "-pk")
    )


def staff_participants(course) -> QuerySet:
    """Every registration of a course, with cooperative, person and the sessions attended
    (prefetched: 2 queries whatever the number)."""
    return (
        Registration.objects.filter(course=course)
        .select_related("cooperative", "person")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.only("id", "registration_id", "session_id"))
        )
        .order_by("status", "waiting_position", "cooperative__name", "person__full_name", "pk")
    )


def course_counts(course) -> dict:
    """Registered, waiting, approved (confirmed), pending, and per session the checked-in and the
    no-shows (confirmed participants not checked in once the session has started). 2 queries."""
    counts = Registration.objects.filter(course=course).aggregate(
        registered=Count("pk", filter=Q(status__in=Registration.ACTIVE_STATUSES)),
        seats=Count("pk", filter=Q(status__in=Registration.SEATED_STATUSES)),
        confirmed=Count("pk", filter=Q(status=S.CONFIRMED)),
        pending=Count("pk", filter=Q(status=S.PENDING)),
        waiting=Count("pk", filter=Q(status=S.WAITING)),
        refused=Count("pk", filter=Q(status=S.REFUSED)),
        withdrawn=Count("pk", filter=Q(status=S.WITHDRAWN)),
    )
    now = timezone.localtime()
    sessions = []
    for session in course.sessions.annotate(
        checked_in=Count("attendances", filter=Q(attendances__registration__status=S.CONFIRMED))
    ).order_by("date", "starts_at"):
        started = (session.date, session.starts_at) <= (now.date(), now.time())
        sessions.append(
            {
                "session": session,
                "checked_in": session.checked_in,
                "no_shows": max(counts["confirmed"] - session.checked_in, 0) if started else None,
            }
        )
    return {**counts, "sessions": sessions}
