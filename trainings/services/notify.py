"""The emails of trainings, all through ocop_portal.emails.email_queue (an outbox row in the
caller's transaction, sent after the commit or later by the beat task), in Vietnamese. A
registration's email goes to its cooperative (its address and its members' accounts) and to the
participant's own address when known."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ocop_portal.emails import absolute_url, email_queue
from registrations.selectors import cooperative_recipients

from ..tickets import ticket_url


def registration_recipients(registration) -> list[str]:
    addresses = cooperative_recipients(registration.cooperative)
    if registration.person.email:
        addresses.append(registration.person.email.lower())
    return list(dict.fromkeys(addresses))


def _context(registration, **extra) -> dict:
    course = registration.course
    return {
        "registration": registration,
        "course": course,
        "person": registration.person,
        "cooperative": registration.cooperative,
        "sessions": list(course.sessions.all()),
        "url": absolute_url("trainings:space_registrations"),
        "course_url": absolute_url("trainings:course", slug=course.slug),
        "ticket_url": ticket_url(registration) if registration.status == registration.Status.CONFIRMED else "",
        **extra,
    }


SUBJECTS = {
    # template → subject (the course's title and the participant's name are filled in)
    "received": gettext_noop("Registration received: %(person)s — %(course)s"),
    "confirmed": gettext_noop("Seat confirmed: %(person)s — %(course)s"),
    "waiting": gettext_noop("On the waiting list: %(person)s — %(course)s"),
    "promoted": gettext_noop("A seat is now yours: %(person)s — %(course)s"),
    "refused": gettext_noop("Registration not accepted: %(person)s — %(course)s"),
    "changed": gettext_noop("Course changed: %(course)s"),
    "cancelled": gettext_noop("Course cancelled: %(course)s"),
    "reminder": gettext_noop("Reminder: %(course)s tomorrow"),
}


def _subject(kind: str, registration) -> str:
    return _(SUBJECTS[kind]) % {"person": registration.person.full_name, "course": registration.course.title}


def registration_email(*, registration, kind: str, **extra) -> None:
    """One email about `registration`: kind is received, confirmed, waiting, promoted, refused,
    changed, cancelled or reminder (template trainings/email/<kind>.txt)."""
    with translation.override("vi"):
        email_queue(
            to=registration_recipients(registration),
            subject=_subject(kind, registration),
            template=f"trainings/email/{kind}",
            context=_context(registration, **extra),
        )


def leader_invitation(*, course, cooperative, leader, recipients: list[str]) -> None:
    with translation.override("vi"):
        email_queue(
            to=recipients,
            subject=_("Invitation to the course %(course)s") % {"course": course.title},
            template="trainings/email/invitation",
            context={
                "course": course,
                "cooperative": cooperative,
                "leader": leader,
                "sessions": list(course.sessions.all()),
                "url": absolute_url("trainings:space_course", pk=course.pk),
                "course_url": absolute_url("trainings:course", slug=course.slug),
            },
        )
