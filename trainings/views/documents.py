"""Staff documents of a course: the paper sign-in sheet of a session (PDF), the Excel export of
participants and attendance, and the import of a participant list for a course run before the
portal (preview with every bad row by its Excel line; confirm saves all rows or none)."""

import secrets
import zipfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ocop_portal.errors import ApplicationError
from ocop_portal.guards import staff_view
from ocop_portal.text import fold
from products.admin_kit import MAX_IMPORT_BYTES

from .. import exports
from ..models import Course, Registration, Session
from ..services.participants_import import participants_import, participants_preview


def _stem(course: Course) -> str:
    return slugify(fold(course.title))[:60] or "khoa-hoc"


@require_GET
@staff_view("trainings.manage_courses")
def signin_sheet(request, pk):
    from ..pdf import SheetFacts, SheetRow, signin_sheet_pdf  # fpdf2 (~25 MB) only when a sheet is printed

    session = get_object_or_404(Session.objects.select_related("course", "course__venue_commune"), pk=pk)
    sessions = list(session.course.sessions.order_by("date", "starts_at", "pk").values_list("pk", flat=True))
    number = sessions.index(session.pk) + 1
    registrations = (
        Registration.objects.filter(course=session.course, status=Registration.Status.CONFIRMED)
        .select_related("person", "cooperative")
        .order_by("cooperative__name", "person__full_name", "pk")
    )
    facts = SheetFacts(
        organisation=settings.PORTAL["ORGANISATION"],
        course_title=session.course.title,
        session_label=_("Session %(number)s — %(date)s, %(start)s–%(end)s")
        % {
            "number": number,
            "date": session.date.strftime("%d/%m/%Y"),
            "start": session.starts_at.strftime("%H:%M"),
            "end": session.ends_at.strftime("%H:%M"),
        },
        place=session.where,
        rows=[
            SheetRow(
                full_name=registration.person.full_name,
                cooperative=registration.cooperative.name,
                position=registration.person.position,
                phone=registration.person.phone,
            )
            for registration in registrations
        ],
        printed_at=timezone.localtime(),
    )
    response = HttpResponse(signin_sheet_pdf(facts), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="danh-sach-ky-ten-{_stem(session.course)}-{session.date:%Y%m%d}.pdf"'
    )
    return response


@require_GET
@staff_view("trainings.manage_courses")
def export_participants(request, pk):
    course = get_object_or_404(Course, pk=pk)
    return exports.xlsx_response(exports.participants_sheet(course), f"hoc-vien-{_stem(course)}")


@require_GET
@staff_view("trainings.manage_courses")
def import_template(request, pk):
    course = get_object_or_404(Course, pk=pk)
    return exports.xlsx_response(exports.import_template_sheet(course), f"mau-danh-sach-{_stem(course)}")


class ParticipantsFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(MAX_IMPORT_BYTES)}
            )
        if not zipfile.is_zipfile(uploaded):
            raise forms.ValidationError(
                _("This is not an Excel .xlsx file. In Excel, use “Save as” and choose “Excel Workbook (.xlsx)”.")
            )
        uploaded.seek(0)
        return uploaded.read()


# The file waits between the preview and the confirmation where the registry's Excel imports
# keep theirs (STORAGES["import_export"]): private, shared by every web server, and unlike the
# cache it survives a Redis outage.
def _waiting_name(course: Course, token: str) -> str:
    return f"trainings-import/{course.pk}/{token}.xlsx"


def _waiting_read(course: Course, token: str) -> bytes | None:
    if not token.replace("-", "").replace("_", "").isalnum():  # a token we made, never a path
        return None
    name = _waiting_name(course, token)
    if not storages["import_export"].exists(name):
        return None
    with storages["import_export"].open(name, "rb") as file:
        return file.read()


@require_http_methods(["GET", "POST"])
@staff_view("trainings.manage_courses")
def import_participants(request, pk):
    """Step 1: upload → preview (nothing saved). Step 2: confirm → the file, kept in the private
    import storage, is checked again and saved in one transaction."""
    course = get_object_or_404(Course, pk=pk)
    form = ParticipantsFileForm()
    preview = token = None
    status = 200
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        content = _waiting_read(course, token)
        if content is None:
            messages.error(request, _("The uploaded file is no longer available. Please upload it again."))
            return redirect("trainings:staff_import", pk=course.pk)
        try:
            added = participants_import(course=course, content=content, by=request.user)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            preview = participants_preview(course=course, content=content)
            status = 400
        else:
            storages["import_export"].delete(_waiting_name(course, token))
            messages.success(request, _("%(count)s participants imported.") % {"count": added})
            return redirect("trainings:staff_course", pk=course.pk)
    elif request.method == "POST":
        form = ParticipantsFileForm(request.POST, request.FILES)
        if form.is_valid():
            content = form.cleaned_data["file"]
            try:
                preview = participants_preview(course=course, content=content)
            except ApplicationError as error:
                form.add_error("file", str(error.message))
                status = 400
            else:
                if preview.is_valid:
                    token = secrets.token_urlsafe(16)
                    storages["import_export"].save(_waiting_name(course, token), ContentFile(content))
                else:
                    status = 400
        else:
            status = 400
    return render(
        request,
        "trainings/staff/import.html",
        {"course": course, "form": form, "preview": preview, "token": token if preview and preview.is_valid else None},
        status=status,
    )
