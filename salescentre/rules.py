"""Who may do what at the sales centre (django-rules)."""

import rules

from accounts.rules import is_alliance_staff
from cooperatives.rules import belongs_to_cooperative

# Staff keep the consignment ledger and print the statements.
rules.add_perm("salescentre.keep_ledger", is_alliance_staff)
# A cooperative reads its own monthly statements in its space.
rules.add_perm("salescentre.view_statements", belongs_to_cooperative)
