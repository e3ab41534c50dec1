"""Who may do what with a cooperative's objects. Any object with `cooperative_id` works."""

import rules

from accounts.rules import is_alliance_staff


def _cooperative_id(obj):
    if obj is None:
        return None
    from .models import Cooperative

    return obj.pk if isinstance(obj, Cooperative) else getattr(obj, "cooperative_id", None)


@rules.predicate
def belongs_to_cooperative(user, obj):
    if not (user.is_authenticated and user.is_active and hasattr(user, "membership")):
        return False
    return user.membership.cooperative_id == _cooperative_id(obj)


@rules.predicate
def is_cooperative_manager(user, obj=None):
    if not (user.is_authenticated and user.is_active and hasattr(user, "membership")):
        return False
    membership = user.membership
    if obj is not None and membership.cooperative_id != _cooperative_id(obj):
        return False
    return membership.role == membership.Role.MANAGER


# The private documents of a cooperative (support attachments, legal-change evidence).
rules.add_perm("cooperatives.download_document", belongs_to_cooperative | is_alliance_staff)
# Invite and remove colleagues (the manager of the space).
rules.add_perm("cooperatives.manage_members", is_cooperative_manager)
