"""The one way views reach a cooperative user's objects: always scoped to their cooperative,
so another cooperative's object answers 404 and nothing leaks. Objects that several kinds of
users may open (a document: its cooperative, the staff, a council) go through
`ocop_portal.guards.get_permitted_or_404`, which asks the rule with the object."""

from django.http import Http404


def cooperative_for_user(user):
    """The cooperative of a signed-in cooperative user, or 404."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None or not user.is_active:
        raise Http404
    return membership.cooperative


def get_owned_or_404(queryset, user, **lookup):
    """`queryset.get(**lookup)` limited to the user's cooperative; 404 otherwise."""
    cooperative = cooperative_for_user(user)
    obj = queryset.filter(cooperative=cooperative, **lookup).first()
    if obj is None:
        raise Http404
    return obj
