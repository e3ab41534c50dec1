"""Role predicates shared by every app (django-rules)."""

import rules

from .roles import ALLIANCE_STAFF, COUNCIL_MEMBER


@rules.predicate
def is_alliance_staff(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and user.groups.filter(name=ALLIANCE_STAFF).exists())


@rules.predicate
def is_council_member(user):
    return user.is_authenticated and user.is_active and user.groups.filter(name=COUNCIL_MEMBER).exists()
