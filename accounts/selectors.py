from .models import User
from .roles import ALLIANCE_STAFF


def staff_emails() -> list[str]:
    """The addresses of the active Alliance staff, who are told about requests waiting on them."""
    return list(
        User.objects.filter(is_active=True, is_staff=True, groups__name=ALLIANCE_STAFF)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
