from django.db import transaction
from django.utils.translation import gettext as _

from accounts.rules import is_alliance_staff
from ocop_portal.errors import ApplicationError


def require_staff(user):
    if not is_alliance_staff(user):
        raise ApplicationError(_("Only Alliance staff can do this."))


def public_pages_changed() -> None:
    """The public event pages (exhibitors, totals) show what just changed: the cached public
    pages are made stale now and again after the commit (a page rendered meanwhile from the old
    data is not kept)."""
    from showcase.cache import bump_generation

    bump_generation()
    transaction.on_commit(bump_generation)
