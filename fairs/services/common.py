from django.utils.translation import gettext as _

from accounts.rules import is_alliance_staff
from ocop_portal.errors import ApplicationError


def require_staff(user):
    if not is_alliance_staff(user):
        raise ApplicationError(_("Only Alliance staff can do this."))
