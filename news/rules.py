"""Who may do what with the news (django-rules)."""

import rules

from accounts.rules import is_alliance_staff

# Read a draft or a scheduled article at its public address before it is published.
rules.add_perm("news.preview_article", is_alliance_staff)
