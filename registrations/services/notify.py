"""The emails of the workflow, all through ocop_portal.emails.email_queue (outbox row in the
caller's transaction, sent after commit or later by the beat task)."""

from django.utils import translation
from django.utils.translation import gettext as _

from accounts.selectors import staff_emails
from ocop_portal.emails import absolute_url, email_queue
from registrations.models import Registration
from registrations.selectors import cooperative_recipients


def state_changed_notify(*, registration: Registration, from_state: str, note: str = "") -> None:
    """Tell the cooperative (and, for what lands on their desk, the staff) about a change."""
    with translation.override("vi"):
        context = {
            "registration": registration,
            "reference": registration.reference,
            "product": registration.product.name,
            "state_label": str(Registration.COOPERATIVE_LABELS[registration.state]),
            "staff_state_label": registration.get_state_display(),
            "note": note,
            "url": absolute_url("registrations:detail", pk=registration.pk),
            "staff_url": absolute_url("registrations:staff_detail", pk=registration.pk),
        }
        subject = _("OCOP dossier %(reference)s: %(state)s") % {
            "reference": registration.reference,
            "state": context["state_label"],
        }
        email_queue(
            to=cooperative_recipients(registration.cooperative),
            subject=subject,
            template="registrations/emails/state_changed",
            context=context,
        )
        if registration.state in (
            Registration.State.SUBMITTED,
            Registration.State.RESUBMITTED,
            Registration.State.WITHDRAWN,
        ):
            staff_subject = _("Dossier %(reference)s (%(cooperative)s): %(state)s") % {
                "reference": registration.reference,
                "cooperative": registration.cooperative.name,
                "state": context["staff_state_label"],
            }
            email_queue(
                to=staff_emails(),
                subject=staff_subject,
                template="registrations/emails/staff_state_changed",
                context=context,
            )


def council_assigned_notify(*, round, registrations) -> None:
    """Ask the council members of `round` to score the dossiers just assigned."""
    with translation.override("vi"):
        members = round.memberships.select_related("user").filter(user__is_active=True)
        context = {
            "round": round,
            "registrations": registrations,
            "url": absolute_url("registrations:council_list"),
        }
        for membership in members:
            email_queue(
                to=membership.user.email,
                subject=_("%(round)s: %(count)s dossier(s) to score")
                % {"round": round.name, "count": len(registrations)},
                template="registrations/emails/council_assigned",
                context={**context, "member": membership.user},
            )
