"""Who may see and do what with a dossier (django-rules). States come from Registration's
enum. Views still reach a cooperative's dossier only through cooperatives.access, so another
cooperative's answers 404; these rules decide the rest."""

import rules

from accounts.rules import is_alliance_staff, is_council_member
from cooperatives.rules import belongs_to_cooperative

from .models import Registration, RoundMember


@rules.predicate
def sits_on_dossier_round(user, registration):
    """A member of the council of the round the dossier is assigned to."""
    if registration is None or registration.round_id is None:
        return False
    return RoundMember.objects.filter(round_id=registration.round_id, user=user).exists()


@rules.predicate
def before_the_council(user, registration):
    """The round's council works on the dossier (reads it until the result is decided)."""
    return registration is not None and registration.state in Registration.COUNCIL_STATES


@rules.predicate
def being_scored(user, registration):
    return registration is not None and registration.state == Registration.State.UNDER_REVIEW


@rules.predicate
def is_editable(user, registration):
    return registration is not None and registration.is_editable


@rules.predicate
def is_withdrawable(user, registration):
    return registration is not None and registration.state in Registration.WITHDRAWABLE_STATES


council_of_dossier = is_council_member & sits_on_dossier_round

# Staff pages: the queue, a dossier's review, the actions, the export, the printable sheet.
rules.add_perm("registrations.work_queue", is_alliance_staff)
# Council pages: the list of the dossiers assigned to the member.
rules.add_perm("registrations.use_council", is_council_member)
# One dossier's scoring form: a member of its round while the council scores.
rules.add_perm("registrations.score_dossier", council_of_dossier & being_scored)
# A dossier's documents: its cooperative, the staff, its council while it works on it.
rules.add_perm(
    "registrations.download_document",
    belongs_to_cooperative | is_alliance_staff | (council_of_dossier & before_the_council),
)
# The cooperative changes its form, self-assessment and documents while the dossier is with it.
rules.add_perm("registrations.change_dossier", belongs_to_cooperative & is_editable)
rules.add_perm("registrations.withdraw_dossier", belongs_to_cooperative & is_withdrawable)
