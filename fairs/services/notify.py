"""The emails of trade promotion, all through ocop_portal.emails.email_queue (an outbox row in
the caller's transaction, sent after the commit or later by the beat task). Written in
Vietnamese, the cooperatives' language; a buyer gets the language they registered in."""

from django.utils import translation
from django.utils.translation import gettext as _

from accounts.selectors import staff_emails
from ocop_portal.emails import absolute_url, email_queue
from registrations.selectors import cooperative_recipients


def _application_context(application) -> dict:
    return {
        "application": application,
        "event": application.event,
        "cooperative": application.cooperative,
        "status_label": application.cooperative_label,
        "url": absolute_url("fairs:application", pk=application.pk),
        "event_url": absolute_url("fairs:event", slug=application.event.slug),
        "staff_url": absolute_url("fairs:staff_event", pk=application.event_id),
    }


def _to_cooperative(application, *, subject: str, template: str, extra: dict | None = None):
    email_queue(
        to=cooperative_recipients(application.cooperative),
        subject=subject,
        template=template,
        context={**_application_context(application), **(extra or {})},
    )


def application_received(*, application) -> None:
    with translation.override("vi"):
        _to_cooperative(
            application,
            subject=_("Application received: %(event)s") % {"event": application.event.name},
            template="fairs/email/application_received",
        )
        email_queue(
            to=staff_emails(),
            subject=_("New booth application: %(cooperative)s — %(event)s")
            % {"cooperative": application.cooperative.name, "event": application.event.name},
            template="fairs/email/staff_application",
            context=_application_context(application),
        )


def application_withdrawn(*, application) -> None:
    with translation.override("vi"):
        email_queue(
            to=staff_emails(),
            subject=_("Application withdrawn: %(cooperative)s — %(event)s")
            % {"cooperative": application.cooperative.name, "event": application.event.name},
            template="fairs/email/staff_application",
            context=_application_context(application),
        )


def application_decided(*, application) -> None:
    with translation.override("vi"):
        _to_cooperative(
            application,
            subject=_("%(event)s: %(status)s")
            % {"event": application.event.name, "status": application.cooperative_label},
            template="fairs/email/application_decided",
        )


def booth_allocated(*, application) -> None:
    with translation.override("vi"):
        _to_cooperative(
            application,
            subject=_("%(event)s: your booth is number %(number)s")
            % {"event": application.event.name, "number": application.booth_number},
            template="fairs/email/booth_allocated",
        )


def event_reminder(*, application) -> None:
    with translation.override("vi"):
        _to_cooperative(
            application,
            subject=_("Reminder: %(event)s starts on %(date)s")
            % {"event": application.event.name, "date": application.event.starts_on.strftime("%d/%m/%Y")},
            template="fairs/email/event_reminder",
        )
