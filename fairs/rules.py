"""Who may do what in trade promotion (django-rules). Views reach a cooperative's applications
only through cooperatives.access, so another cooperative's answers 404."""

import rules

from accounts.rules import is_alliance_staff
from cooperatives.rules import belongs_to_cooperative

# Staff: events, the review of applications, booths, outcomes, buyers and the schedule.
rules.add_perm("fairs.manage_events", is_alliance_staff)
# The cooperative's space: apply, edit, withdraw, report outcomes, answer buyers.
rules.add_perm("fairs.apply", belongs_to_cooperative)
