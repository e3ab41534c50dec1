"""Importing the participant list of a course run before the portal, from an Excel sheet.

The sheet has one row per participant: full name, cooperative (its name or its registration
number), optionally position and phone, and one column per session ("Buổi 1", "Buổi 2"… or the
session's date dd/mm/yyyy) with "x" where the person was present. `participants_preview` reads
the whole file and reports every bad row by its line in Excel; `participants_import` checks the
whole file again and saves all rows or none (one transaction)."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative, Person
from ocop_portal.errors import ApplicationError
from ocop_portal.text import fold
from ocop_portal.validators import validate_phone
from products.excel import ExcelFormat, excel_text, is_blank

from ..models import Attendance, Course, Registration, Session, TrainingLog

PRESENT = {"x", "co", "1", "v", "yes", "true", "dung"}
ABSENT = {"", "0", "khong", "-", "no", "false", "vang"}

COLUMNS = {
    "name": ("ho va ten", "ho ten", "ten", "full name", "name", "nguoi tham gia", "participant"),
    "cooperative": ("hop tac xa", "htx", "cooperative", "chu the", "don vi", "producer"),
    "position": ("chuc vu", "position"),
    "phone": ("dien thoai", "so dien thoai", "sdt", "phone"),
}


@dataclass
class ImportRow:
    line: int
    full_name: str = ""
    cooperative: Cooperative | None = None
    cooperative_text: str = ""
    position: str = ""
    phone: str = ""
    sessions: list[Session] = field(default_factory=list)
    person: Person | None = None  # an existing person of the cooperative with that name
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    session_columns: list[tuple[str, Session]]
    ignored_columns: list[str]
    file_errors: list[str] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.bad_rows and not self.file_errors


def _session_for(header: str, sessions: list[Session]) -> Session | None:
    folded = fold(header)
    match = re.fullmatch(r"buoi\s*(\d+)|session\s*(\d+)", folded)
    if match:
        index = int(match.group(1) or match.group(2))
        return sessions[index - 1] if 0 < index <= len(sessions) else None
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            day = datetime.datetime.strptime(header.strip(), fmt).date()
        except ValueError:
            continue
        same_day = [session for session in sessions if session.date == day]
        return same_day[0] if len(same_day) == 1 else None
    return None


def _cooperative_finder():
    by_number, by_name = {}, {}
    for cooperative in Cooperative.objects.only("pk", "name", "registration_number"):
        if cooperative.registration_number:
            by_number[fold(cooperative.registration_number)] = cooperative
        by_name.setdefault(fold(cooperative.name), []).append(cooperative)

    def find(text: str):
        key = fold(text)
        if key in by_number:
            return by_number[key], None
        found = by_name.get(key, [])
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            return None, _("Several cooperatives are called “%(name)s”: write its registration number.") % {
                "name": text
            }
        return None, _("No cooperative is called “%(name)s” (or has that registration number).") % {"name": text}

    return find


def participants_preview(*, course: Course, content: bytes) -> ImportPreview:
    """Read an .xlsx and check every row against the course; nothing is saved."""
    try:
        dataset = ExcelFormat().create_dataset(content)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds on a broken file
        raise ApplicationError(_("This file cannot be read. Please choose an Excel .xlsx file."), field="file")
    sessions = list(course.sessions.order_by("date", "starts_at", "pk"))
    headers = list(dataset.headers or [])
    roles: dict[int, str] = {}
    session_columns: list[tuple[str, Session]] = []
    ignored = []
    for index, header in enumerate(headers):
        folded = fold(header)
        role = next((name for name, aliases in COLUMNS.items() if folded in aliases), None)
        if role:
            roles[index] = role
            continue
        session = _session_for(header, sessions) if header else None
        if session is not None:
            roles[index] = f"session:{session.pk}"
            session_columns.append((header, session))
        elif header:
            ignored.append(header)
    preview = ImportPreview(rows=[], session_columns=session_columns, ignored_columns=ignored)
    missing = [name for name in ("name", "cooperative") if name not in roles.values()]
    if missing:
        labels = {"name": _("Full name"), "cooperative": _("Cooperative")}
        preview.file_errors.append(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(str(labels[name]) for name in missing)}
        )
        return preview
    if not session_columns:
        preview.file_errors.append(
            _("No column names a session of this course (write “Buổi 1”, “Buổi 2”… or the session's date).")
        )
    find_cooperative = _cooperative_finder()
    sessions_by_pk = {session.pk: session for session in sessions}
    lines = getattr(dataset, "excel_lines", None) or list(range(2, len(dataset) + 2))
    seen: dict[tuple[int, str], int] = {}
    people = {}
    for person in Person.objects.filter(is_active=True).only("pk", "cooperative_id", "full_name"):
        people[(person.cooperative_id, fold(person.full_name))] = person
    registered = set(Registration.objects.active().filter(course=course).values_list("person_id", flat=True))
    for values, line in zip(dataset, lines, strict=False):
        row = ImportRow(line=line)
        for index, value in enumerate(values):
            role = roles.get(index)
            text = "" if is_blank(value) else excel_text(value)
            if role == "name":
                row.full_name = " ".join(text.split())
            elif role == "cooperative":
                row.cooperative_text = text
            elif role == "position":
                row.position = text[:100]
            elif role == "phone":
                row.phone = text
            elif role and role.startswith("session:"):
                mark = fold(text)
                if mark in PRESENT:
                    row.sessions.append(sessions_by_pk[int(role.split(":")[1])])
                elif mark not in ABSENT:
                    row.errors.append(
                        _("Column “%(column)s”: write “x” for present, or leave the cell empty.")
                        % {"column": headers[index]}
                    )
        if not row.full_name:
            row.errors.append(_("The full name is missing."))
        if not row.cooperative_text:
            row.errors.append(_("The cooperative is missing."))
        else:
            row.cooperative, error = find_cooperative(row.cooperative_text)
            if error:
                row.errors.append(error)
        if row.phone:
            if isinstance(row.phone, str) and re.fullmatch(r"\d{9}", row.phone):
                row.phone = "0" + row.phone  # Excel dropped the leading zero
            try:
                validate_phone(row.phone)
            except ValidationError as error:
                row.errors.append(" ".join(error.messages))
        if row.cooperative and row.full_name:
            key = (row.cooperative.pk, fold(row.full_name))
            if key in seen:
                row.errors.append(
                    _("The same person is on line %(line)s already; merge the two rows.") % {"line": seen[key]}
                )
            else:
                seen[key] = line
            row.person = people.get(key)
            if row.person is not None and row.person.pk in registered:
                row.errors.append(_("%(name)s is already registered for this course.") % {"name": row.full_name})
        preview.rows.append(row)
    if not preview.rows and not preview.file_errors:
        preview.file_errors.append(_("The file has no participant rows."))
    return preview


def participants_import(*, course: Course, content: bytes, by) -> int:
    """Save the participants of the file: for each row the person (added to the cooperative when
    new), a confirmed registration and an attendance per marked session. All rows or none.
    Returns the number of participants added. Raises ApplicationError when any row is wrong."""
    from cooperatives.people import person_create

    from . import attendance_mark
    from .common import log

    with transaction.atomic():
        Course.objects.select_for_update().filter(pk=course.pk).first()
        preview = participants_preview(course=course, content=content)
        if not preview.is_valid:
            raise ApplicationError(
                _("Nothing was imported: some rows have errors. Correct them and upload the file again.")
            )
        for row in preview.rows:
            person = row.person or person_create(
                cooperative=row.cooperative, by=by, full_name=row.full_name, position=row.position, phone=row.phone
            )
            registration = Registration.objects.create(
                course=course,
                cooperative=row.cooperative,
                person=person,
                status=Registration.Status.CONFIRMED,
                created_by=by,
                decided_by=by,
                staff_note=_("Imported from the participant list of the course."),
            )
            log(
                course,
                TrainingLog.Action.CONFIRMED,
                registration=registration,
                by=by,
                note=_("Imported from Excel, line %(line)s.") % {"line": row.line},
            )
            for session in row.sessions:
                attendance_mark(registration=registration, session=session, by=by, method=Attendance.Method.IMPORT)
    return len(preview.rows)
