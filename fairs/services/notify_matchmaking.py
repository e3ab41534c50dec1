"""The matchmaking emails (outbox): the buyer's confirmation link, approval with their own link,
timetables; the staff's and the producers' notices."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.selectors import staff_emails
from ocop_portal.emails import absolute_url, email_queue
from registrations.selectors import cooperative_recipients


def _buyer_url(name: str, buyer, **kwargs) -> str:
    with translation.override(buyer.language or "vi"):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def buyer_confirm_request(*, buyer, token: str) -> None:
    with translation.override(buyer.language or "vi"):
        email_queue(
            to=buyer.email,
            subject=_("Confirm your registration: %(event)s") % {"event": buyer.event.name},
            template="fairs/email/buyer_confirm",
            context={
                "buyer": buyer,
                "event": buyer.event,
                "url": _buyer_url("fairs:buyer_confirm", buyer, token=token),
            },
            language=buyer.language or "vi",
        )


def buyer_waiting(*, buyer) -> None:
    with translation.override("vi"):
        email_queue(
            to=staff_emails(),
            subject=_("Buyer to approve: %(company)s — %(event)s")
            % {"company": buyer.company, "event": buyer.event.name},
            template="fairs/email/staff_buyer",
            context={
                "buyer": buyer,
                "event": buyer.event,
                "url": absolute_url("fairs:staff_matchmaking", pk=buyer.event_id),
            },
        )


def buyer_decided(*, buyer, token: str) -> None:
    with translation.override(buyer.language or "vi"):
        url = _buyer_url("fairs:buyer_page", buyer, token=token) if token else ""
        email_queue(
            to=buyer.email,
            subject=(_("Your registration is approved: %(event)s") if token else _("Your registration: %(event)s"))
            % {"event": buyer.event.name},
            template="fairs/email/buyer_decided",
            context={"buyer": buyer, "event": buyer.event, "url": url},
            language=buyer.language or "vi",
        )


def meeting_requested(*, request) -> None:
    application = request.application
    with translation.override("vi"):
        email_queue(
            to=cooperative_recipients(application.cooperative),
            subject=_("%(company)s would like to meet you at %(event)s")
            % {"company": request.buyer.company, "event": request.buyer.event.name},
            template="fairs/email/meeting_requested",
            context={
                "buyer": request.buyer,
                "event": request.buyer.event,
                "url": absolute_url("fairs:application", pk=application.pk),
            },
        )


def buyer_timetable(*, buyer, meetings, token: str) -> None:
    with translation.override(buyer.language or "vi"):
        email_queue(
            to=buyer.email,
            subject=_("Your meeting timetable: %(event)s") % {"event": buyer.event.name},
            template="fairs/email/buyer_timetable",
            context={
                "buyer": buyer,
                "event": buyer.event,
                "meetings": meetings,
                "url": _buyer_url("fairs:buyer_page", buyer, token=token),
            },
            language=buyer.language or "vi",
        )


def exhibitor_timetable(*, application, meetings) -> None:
    with translation.override("vi"):
        email_queue(
            to=cooperative_recipients(application.cooperative),
            subject=_("Your meeting timetable: %(event)s") % {"event": application.event.name},
            template="fairs/email/exhibitor_timetable",
            context={
                "application": application,
                "event": application.event,
                "meetings": meetings,
                "url": absolute_url("fairs:space_timetable", pk=application.pk),
            },
        )
