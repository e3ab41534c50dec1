"""The leaders' target: invite the untrained leaders to a course in one click."""

from django.db import transaction
from django.utils.translation import gettext as _

from cooperatives.models import Person
from ocop_portal.errors import ApplicationError
from ocop_portal.guards import require_staff
from registrations.selectors import cooperative_recipients

from ..models import Course, TrainingLog
from . import notify
from .common import log


def leaders_invite(*, course: Course, cooperatives, by) -> int:
    """Email each cooperative of `cooperatives` (and its leader's own address) an invitation to
    `course`, which must be open. Returns how many cooperatives were written to. Side effects:
    one outbox email and one audit row per cooperative."""
    require_staff(by)
    if course.status != Course.Status.OPEN:
        raise ApplicationError(_("Invitations are only sent for a course open for registration."))
    cooperatives = list(cooperatives)
    leaders = {p.cooperative_id: p for p in Person.objects.leaders().filter(cooperative__in=cooperatives)}
    sent = 0
    with transaction.atomic():
        for cooperative in cooperatives:
            leader = leaders.get(cooperative.pk)
            recipients = cooperative_recipients(cooperative)
            if leader and leader.email:
                recipients.append(leader.email.lower())
            if not recipients:
                continue
            notify.leader_invitation(
                course=course, cooperative=cooperative, leader=leader, recipients=list(dict.fromkeys(recipients))
            )
            log(course, TrainingLog.Action.INVITED, by=by, note=cooperative.name)
            sent += 1
    return sent
