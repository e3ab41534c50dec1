"""The cooperative's dossier pages (in its space, phone-first). Every dossier is reached through
cooperatives.access, so another cooperative's dossier or document answers 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperatives.access import get_owned_or_404
from ocop_portal.errors import ApplicationError, error_to_form, error_to_message
from ocop_portal.guards import can, get_permitted_or_404, login_view, space_view
from registrations.forms import (
    DocumentForm,
    RegistrationForm,
    RegistrationStartForm,
    ResubmitForm,
    ScoringForm,
    WithdrawForm,
)
from registrations.models import Document, Registration, RegistrationEvent
from registrations.scoring import sheet_load
from registrations.selectors import card_choices, documents_by_type, registration_missing, self_assessment
from registrations.services import dossiers as services

from .common import card_summary, document_response, sheet_rows


def _dossier(request, pk) -> Registration:
    return get_owned_or_404(
        Registration.objects.select_related(
            "product", "product_set", "sheet__version", "certificate", "cooperative", "national_review"
        ),
        request.user,
        pk=pk,
    )


def _space(context: dict) -> dict:
    return {"space_section": "dossiers", **context}


@space_view
def dossier_list(request, cooperative):
    registrations = (
        Registration.objects.filter(cooperative=cooperative)
        .select_related("product", "product_set", "certificate")
        .order_by("-created_at", "-pk")
    )
    return render(request, "registrations/dossier_list.html", _space({"registrations": registrations}))


@space_view
def dossier_start(request, cooperative):
    form = RegistrationStartForm(request.POST or None, cooperative=cooperative)
    if request.method == "POST" and form.is_valid():
        product = form.cleaned_data["product"]
        try:
            registration = services.registration_start(
                cooperative=cooperative,
                product=product,
                by=request.user,
                kind=form.cleaned_data["kind"],
                product_set=form.cleaned_data["product_set"],
                contact_name=request.user.full_name,
                contact_phone=request.user.phone if _phone_ok(request.user.phone) else "",
                contact_email=request.user.email,
                production_address=cooperative.street_address,
                product_description=product.description,
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(
                request, _("Draft dossier created. Fill in the form, the self-assessment and the documents.")
            )
            return redirect("registrations:edit", pk=registration.pk)
    return render(request, "registrations/dossier_start.html", _space({"form": form}))


def _phone_ok(phone: str) -> bool:
    from django.core.exceptions import ValidationError

    from ocop_portal.validators import validate_phone

    if not phone:
        return False
    try:
        validate_phone(phone)
    except ValidationError:
        return False
    return True


@space_view
def dossier_detail(request, cooperative, pk):
    registration = _dossier(request, pk)
    view = sheet_load(registration.sheet)
    own = card_choices(self_assessment(registration), view)
    events = list(registration.events.order_by("created_at", "pk"))
    documents = documents_by_type(registration)
    returns = [e for e in events if e.to_state == Registration.State.RETURNED]
    context = {
        "registration": registration,
        "summary": card_summary(view, own),
        "missing": registration_missing(registration, view=view) if registration.is_editable else [],
        "documents": documents,
        "document_count": sum(len(docs) for _type, docs in documents),
        "return_note": returns[-1].note if returns else "",
        "timeline": _timeline(events),
        "resubmit_form": ResubmitForm() if registration.state == Registration.State.RETURNED else None,
        "can_withdraw": can(request.user, "registrations.withdraw_dossier", registration),
        "national_review": getattr(registration, "national_review", None),
    }
    return render(request, "registrations/dossier_detail.html", _space(context))


def _timeline(events: list[RegistrationEvent]) -> list[dict]:
    """What the cooperative sees: its labels, the notes meant for it — never who at the
    Alliance or on the council did what, nor any internal note."""
    return [
        {"at": event.created_at, "label": event.cooperative_label, "note": event.note, "state": event.to_state}
        for event in events
    ]


@space_view
def dossier_edit(request, cooperative, pk):
    registration = _dossier(request, pk)
    if not registration.is_editable:
        messages.info(request, _("This dossier has been sent; it can no longer be changed."))
        return redirect(registration)
    form = RegistrationForm(request.POST or None, instance=registration)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_update(registration=registration, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Registration form saved."))
            if "next_step" in request.POST:
                return redirect("registrations:self_assessment", pk=registration.pk)
            return redirect(registration)
    return render(request, "registrations/dossier_form.html", _space({"registration": registration, "form": form}))


@space_view
def dossier_self_assessment(request, cooperative, pk):
    registration = _dossier(request, pk)
    view = sheet_load(registration.sheet)
    card = self_assessment(registration)
    editable = registration.is_editable
    form = ScoringForm(request.POST or None, view=view)
    if request.method == "POST":
        if not can(request.user, "registrations.change_dossier", registration):
            raise Http404
        if form.is_valid():
            try:
                services.self_assessment_save(
                    registration=registration, by=request.user, choices=form.choices(), cases=form.cases()
                )
            except ApplicationError as error:
                error_to_form(form, error)
            else:
                messages.success(request, _("Self-assessment saved."))
                if "next_step" in request.POST:
                    return redirect("registrations:documents", pk=registration.pk)
                return redirect("registrations:self_assessment", pk=registration.pk)
        card = self_assessment(registration)
    choices = card_choices(card, view)
    context = {
        "registration": registration,
        "form": form,
        "sheet": sheet_rows(
            view,
            card=choices,
            errors=form.errors if form.is_bound else None,
            posted=form.data if form.is_bound else None,
        ),
        "summary": card_summary(view, choices),
        "editable": editable,
        "bands": registration.sheet.version.bands(),
    }
    return render(request, "registrations/self_assessment.html", _space(context))


@space_view
def dossier_documents(request, cooperative, pk):
    registration = _dossier(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can(request.user, "registrations.change_dossier", registration):
            raise Http404
        if form.is_valid():
            uploaded = request.FILES["file"]
            try:
                services.document_add(
                    registration=registration,
                    doc_type=form.cleaned_data["doc_type"],
                    content=form.cleaned_data["file"],
                    original_name=uploaded.name,
                    by=request.user,
                )
            except ApplicationError as error:
                error_to_form(form, error)
            else:
                messages.success(request, _("Document added."))
                return redirect("registrations:documents", pk=registration.pk)
    elif "type" in request.GET:
        form = DocumentForm(initial={"doc_type": request.GET.get("type")})
    context = {"registration": registration, "form": form, "documents": documents_by_type(registration)}
    return render(request, "registrations/documents.html", _space(context))


@space_view
@require_POST
def document_delete(request, cooperative, pk, document_pk):
    registration = _dossier(request, pk)
    document = get_object_or_404(Document, pk=document_pk, registration=registration)
    try:
        services.document_delete(document=document, by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("Document removed."))
    return redirect("registrations:documents", pk=registration.pk)


@space_view
@require_POST
def dossier_submit(request, cooperative, pk):
    registration = _dossier(request, pk)
    try:
        if registration.state == Registration.State.RETURNED:
            form = ResubmitForm(request.POST)
            form.is_valid()
            services.registration_resubmit(
                registration=registration, by=request.user, note=form.cleaned_data.get("note", "")
            )
        else:
            services.registration_submit(registration=registration, by=request.user)
    except ApplicationError as error:
        missing = error.extra.get("missing")
        if missing:
            messages.error(request, _("The dossier was not sent. Please complete what is listed below."))
        else:
            error_to_message(request, error)
    else:
        messages.success(
            request, _("Your dossier has been sent to the Alliance. You will be told of each step by email.")
        )
    return redirect("registrations:detail", pk=registration.pk)


@space_view
def dossier_withdraw(request, cooperative, pk):
    registration = _dossier(request, pk)
    if not can(request.user, "registrations.withdraw_dossier", registration):
        raise Http404
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_withdraw(registration=registration, by=request.user, note=form.cleaned_data["note"])
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The dossier has been withdrawn."))
            return redirect("registrations:list")
    return render(request, "registrations/withdraw.html", _space({"registration": registration, "form": form}))


@login_view
def document_download(request, document_pk):
    """Any document, for whoever may see its dossier: its cooperative (others: 404), the
    staff, and the council members of its round while they evaluate it."""
    document = get_permitted_or_404(
        Document.objects.select_related("registration__round"),
        request.user,
        "registrations.download_document",
        subject=lambda document: document.registration,
        pk=document_pk,
    )
    return document_response(document)
