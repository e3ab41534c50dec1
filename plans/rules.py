"""Who may see the plans (django-rules): Alliance staff only. Council members and cooperatives
get a 404 on every plans page (the guards ask these rules)."""

import rules

from accounts.rules import is_alliance_staff

# The dashboard, the drill-down lists, the chart downloads and the period reports.
rules.add_perm("plans.view_progress", is_alliance_staff)
# Plans and their targets: create, edit, close.
rules.add_perm("plans.manage_plans", is_alliance_staff)
