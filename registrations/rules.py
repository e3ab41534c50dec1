"""Who may see and do what with a dossier (django-rules). Views still reach a cooperative's
dossier only through cooperatives.access, so another cooperative's answers 404."""

import rules

from accounts.rules import is_alliance_staff, is_council_member
from cooperatives.rules import belongs_to_cooperative


@rules.predicate
def sits_on_dossier_round(user, registration):
    """A council member of the round the dossier is assigned to, while the council works on it."""
    if registration is None or registration.round_id is None:
        return False
    if registration.state not in ("under_review", "scored", "forwarded_national"):
        return False
    return registration.round.memberships.filter(user=user).exists()


can_view_dossier = belongs_to_cooperative | is_alliance_staff | (is_council_member & sits_on_dossier_round)

rules.add_perm("registrations.view_dossier", can_view_dossier)
rules.add_perm("registrations.download_document", can_view_dossier)
rules.add_perm("registrations.score_dossier", is_council_member & sits_on_dossier_round)
rules.add_perm("registrations.work_queue", is_alliance_staff)
