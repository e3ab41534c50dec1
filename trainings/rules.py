"""Who may do what in trainings (django-rules). Views reach a cooperative's registrations only
through cooperatives.access, so another cooperative's answers 404."""

import rules

from accounts.rules import is_alliance_staff
from cooperatives.rules import belongs_to_cooperative

# Staff: courses, sessions, materials, registrations on behalf, approval, attendance, the leaders' target.
rules.add_perm("trainings.manage_courses", is_alliance_staff)
# Staff at the door of a session: the check-in page and its JSON endpoint.
rules.add_perm("trainings.check_in", is_alliance_staff)
# The cooperative's space: register its people, withdraw them, download the materials.
rules.add_perm("trainings.register", belongs_to_cooperative)
