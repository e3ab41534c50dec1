"""Every write of trainings (see each module's docstring). Import from here."""

from .attendance import attendance_mark, attendance_sheet_save, reminders_send
from .courses import (
    course_cancel,
    course_change_notify,
    course_save,
    course_status_set,
    material_add,
    material_delete,
    session_delete,
    session_save,
)
from .leaders import leaders_invite
from .registrations import (
    promote_waiting,
    registration_approve,
    registration_create,
    registration_refuse,
    registration_to_seat,
    registration_to_waiting,
    registration_withdraw,
    seats_taken,
)

__all__ = [
    "attendance_mark",
    "attendance_sheet_save",
    "course_cancel",
    "course_change_notify",
    "course_save",
    "course_status_set",
    "leaders_invite",
    "material_add",
    "material_delete",
    "promote_waiting",
    "registration_approve",
    "registration_create",
    "registration_refuse",
    "registration_to_seat",
    "registration_to_waiting",
    "registration_withdraw",
    "reminders_send",
    "seats_taken",
    "session_delete",
    "session_save",
]
