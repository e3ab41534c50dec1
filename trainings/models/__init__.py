"""Trainings and study tours.

Models (field names are the contract the other trainings modules build on):

- ``Topic``: name, counts_toward_leaders_target, position, is_active.
- ``Course``: title, slug, kind (training / workshop / study_tour_in / study_tour_out), topics
  (M2M Topic), organiser (alliance / partner) + organiser_name, audience, description,
  programme_document (public file), venue_commune (places.Commune) + venue_address, or
  online_url, capacity, registration_opens_on, registration_closes_on, needs_approval, status
  (draft / open / closed / held / cancelled), certificate_rule (all / at_least) +
  certificate_min_sessions (N). ``Course.objects.with_dates()`` annotates first_day/last_day.
- ``Material``: course, title, file (private storage), original_name, size, uploaded_by.
- ``Session``: course, date, starts_at, ends_at (after starts_at), place, title, reminder_sent_at;
  properties hours, starts, ends, where.
- ``Registration``: course, cooperative, person (cooperatives.Person), status (pending /
  confirmed / waiting / refused / withdrawn / cancelled), waiting_position (1 = next),
  staff_note, ticket_code (unique random, for the QR ticket), decided_at/by, created_by.
  pending + confirmed hold a seat (``SEATED_STATUSES``); one standing registration
  (``ACTIVE_STATUSES``) per person and course.
- ``Attendance``: registration, session, checked_in_at, checked_in_by, method (scan / typed /
  sheet / import); unique (registration, session). Write it with
  ``trainings.services.attendance_mark(registration=, session=, by=, method=)`` (idempotent).
- ``TrainingLog``: the audit trail (course, registration, action, actor, note, created_at).
"""

from .certificates import Certificate
from .checkin import ScanReceipt
from .courses import Course, Material, Session, Topic
from .feedback import Feedback
from .registrations import Attendance, Registration, TrainingLog, ticket_code_new

__all__ = [
    "Attendance",
    "Certificate",
    "Course",
    "Feedback",
    "Material",
    "Registration",
    "ScanReceipt",
    "Session",
    "Topic",
    "TrainingLog",
    "ticket_code_new",
]
