"""Writes on products and certificates."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ocop_portal.dates import months_after
from ocop_portal.errors import ApplicationError, raise_validation
from ocop_portal.guards import require_staff
from products.models import Certificate, Product, default_valid_until
from registrations.messages import CERTIFICATE as M
from showcase.cache import public_pages_invalidate


def product_sync_stars(*, product_id: int) -> Product | None:
    """Recompute a product's public stars from its valid certificate (the newest if several).

    Side effects: updates Product.stars and Product.certified_at, and invalidates the public
    pages when they changed. Called by every service that saves or deletes a certificate, and
    by the nightly expiry task."""
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(pk=product_id).first()
        if product is None:
            return None
        current = Certificate.objects.valid().filter(product_id=product_id).order_by("-decision_date", "-pk").first()
        stars = current.stars if current else None
        certified_at = current.decision_date if current else None
        if (product.stars, product.certified_at) != (stars, certified_at):
            Product.objects.filter(pk=product_id).update(
                stars=stars, certified_at=certified_at, updated_at=timezone.now()
            )
            product.stars, product.certified_at = stars, certified_at
            public_pages_invalidate()  # a bulk update: no save() tells the cache
        return product


def certificates_expire(*, today=None) -> list[int]:
    """Mark every valid certificate whose validity has ended as expired.

    Safe to run twice: the second run finds nothing. Side effects: updates certificates'
    status and the stars of their products, and invalidates the public pages (the QR page
    shows a certificate's status). Returns the ids marked."""
    today = today or timezone.localdate()
    with transaction.atomic():
        expired = list(
            Certificate.objects.select_for_update()
            .filter(status=Certificate.Status.VALID, valid_until__lt=today)
            .values_list("pk", "product_id")
        )
        Certificate.objects.filter(pk__in=[pk for pk, _product_id in expired]).update(
            status=Certificate.Status.EXPIRED, updated_at=timezone.now()
        )
        if expired:
            public_pages_invalidate()
    for product_id in {product_id for _pk, product_id in expired}:
        product_sync_stars(product_id=product_id)
    return [pk for pk, _product_id in expired]


# --- Issuing, revoking, reminding (the OCOP workflow's end; registrations.services calls these) ---

# Reminders before a certificate expires: re-rating opens 180 days before, a second call at 120.
REMINDER_DAYS = (180, 120)


def _max_serial_in_codes(year: int) -> int:
    serials = []
    for code in Certificate.objects.filter(product_code__endswith=f"-{year}").values_list("product_code", flat=True):
        parts = code.split("-")
        if len(parts) == 4 and parts[2].isdigit():
            serials.append(int(parts[2]))
    return max(serials, default=0)


def product_code_allocate(*, commune, year: int) -> str:
    """The next product code `province-commune-serial-year` (e.g. 37-14608-004-2026). The serial
    counts up within the year across the province; the year's counter row is locked, so two
    certificates issued at once never get the same number, and codes typed in by hand are
    skipped. Side effects: increments the year's counter (in the caller's transaction)."""
    from registrations.models import ProductCodeSerial

    with transaction.atomic():
        if not ProductCodeSerial.objects.filter(year=year).exists():
            ProductCodeSerial.objects.bulk_create(
                [ProductCodeSerial(year=year, last_serial=_max_serial_in_codes(year))], ignore_conflicts=True
            )
        counter = ProductCodeSerial.objects.select_for_update().get(year=year)
        serial = counter.last_serial
        while True:
            serial += 1
            code = f"{commune.province_id}-{commune.code}-{serial:03d}-{year}"
            if not Certificate.objects.filter(product_code=code).exists():
                break
        counter.last_serial = serial
        counter.save(update_fields=["last_serial"])
    return code


def certificate_issue(
    *,
    product: Product,
    stars: int,
    score,
    decision_number: str,
    decision_date,
    issuer: str = Certificate.Issuer.PROVINCE,
    issuer_name: str = "",
    previous: Certificate | None = None,
    validity_months: int | None = None,
) -> Certificate:
    """Record an OCOP certificate: decision number and date, issuer, stars, score, validity and
    a new product code. The validity runs `validity_months` from the decision date to the same
    day of the last month (ocop_portal.dates); None: the period of the criteria version in force
    on the decision date (36 months under Decision 148/2023). Side effects: creates the
    certificate; the product's public stars follow at once (product_sync_stars); the public
    pages invalidated. Raises ApplicationError on bad input (nothing saved)."""
    decision_number = (decision_number or "").strip()
    if not decision_number:
        raise ApplicationError(str(M["no_decision_number"]), field="decision_number")
    if decision_date is None:
        raise ApplicationError(str(M["no_decision_date"]), field="decision_date")
    if decision_date > timezone.localdate():
        raise ApplicationError(str(M["future_date"]), field="decision_date")
    commune = product.cooperative.commune
    if commune is None:
        raise ApplicationError(str(M["no_commune"]))
    if previous is not None and previous.product_id != product.pk:
        raise ApplicationError(str(M["previous_other_product"]))
    with transaction.atomic():
        certificate = Certificate(
            product=product,
            stars=stars,
            score=score,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=issuer,
            issuer_name=issuer_name or Certificate._meta.get_field("issuer_name").default,
            product_code=product_code_allocate(commune=commune, year=decision_date.year),
            previous=previous,
        )
        certificate.valid_from = decision_date
        certificate.valid_until = (
            default_valid_until(decision_date)
            if validity_months is None
            else months_after(decision_date, validity_months)
        )
        try:
            certificate.full_clean()
        except ValidationError as error:
            raise_validation(error)
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            raise ApplicationError(
                str(M["duplicate_decision"]) % {"number": decision_number},
                field="decision_number",
            )
        _certificate_changed(certificate)
    return certificate


def _certificate_changed(certificate: Certificate, *, former_product_id: int | None = None) -> None:
    """What follows any write of a certificate: its product's stars (and those of the product it
    was moved from), and the public pages (the QR page and the certificate check show it)."""
    for product_id in {certificate.product_id, former_product_id} - {None}:
        product_sync_stars(product_id=product_id)
    public_pages_invalidate()


def certificate_save(*, certificate: Certificate, by) -> Certificate:
    """Record a certificate as staff typed or imported it, with its printed product code and
    dates (the admin's form and inline, the Excel import). Revoking goes through
    certificate_revoke; issuing at the end of the workflow through certificate_issue.

    Side effects: saves the row (history recorded), the product's stars, the public pages.
    Raises ApplicationError (nothing saved) when a value is refused."""
    former_product_id = None
    if certificate.pk:
        former_product_id = Certificate.objects.filter(pk=certificate.pk).values_list("product_id", flat=True).first()
    try:
        certificate.full_clean()
    except ValidationError as error:
        raise_validation(error)
    with transaction.atomic():
        certificate._history_user = by
        certificate.save()
        _certificate_changed(certificate, former_product_id=former_product_id)
    return certificate


def certificate_delete(*, certificate: Certificate, by) -> None:
    """Delete a certificate entered by mistake. Side effects: the row (history recorded), the
    product's stars, the public pages."""
    with transaction.atomic():
        certificate._history_user = by
        certificate.delete()
        _certificate_changed(certificate)


def certificate_revoke(*, certificate: Certificate, ground: str, by, note: str = "", on=None) -> Certificate:
    """Revoke a valid certificate on one of the legal grounds. Side effects: status, ground,
    note and date; the product loses its public stars at once; the cooperative is emailed."""
    require_staff(by)
    if ground not in Certificate.RevocationGround.values:
        raise ApplicationError(str(M["no_ground"]), field="ground")
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("product__cooperative")
            .get(pk=certificate.pk)
        )
        if locked.status != Certificate.Status.VALID:
            raise ApplicationError(str(M["not_valid"]) % {"status": locked.get_status_display()})
        locked.status = Certificate.Status.REVOKED
        locked.revocation_ground = ground
        locked.revocation_note = note.strip()
        locked.revoked_on = on
        locked.save(update_fields=["status", "revocation_ground", "revocation_note", "revoked_on", "updated_at"])
        _certificate_changed(locked)
        _certificate_email(locked, template="registrations/emails/certificate_revoked")
    return locked


def _certificate_email(certificate: Certificate, *, template: str, days_left: int | None = None) -> None:
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from ocop_portal.emails import email_queue
    from registrations.selectors import cooperative_recipients

    with translation.override("vi"):
        if template.endswith("revoked"):
            subject = str(M["revoked_subject"]) % {"code": certificate.product_code}
        else:
            subject = str(M["reminder_subject"]) % {
                "code": certificate.product_code,
                "date": certificate.valid_until.strftime("%d/%m/%Y"),
            }
        email_queue(
            to=cooperative_recipients(certificate.product.cooperative),
            subject=subject,
            template=template,
            context={
                "certificate": certificate,
                "product": certificate.product.name,
                "days_left": days_left,
                "ground": certificate.get_revocation_ground_display() if certificate.revocation_ground else "",
                "url": settings.SITE_URL + reverse("registrations:start"),
            },
        )


def certificate_reminders_send(*, today=None) -> list[tuple[int, int]]:
    """Email the cooperatives whose certificate expires within 180 days (re-rating opens) and
    again within 120 days. Safe to run twice: each reminder is recorded in
    Certificate.reminders_sent under a row lock and never sent again; when both are due at once
    a single email goes out. Returns (certificate id, days) of the reminders sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    ids = list(
        Certificate.objects.filter(status=Certificate.Status.VALID, valid_until__gte=today, valid_until__lte=horizon)
        .order_by("valid_until", "pk")
        .values_list("pk", flat=True)
    )
    sent = []
    for pk in ids:
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update(of=("self",))
                .select_related("product__cooperative")
                .filter(pk=pk)
                .first()
            )
            if certificate is None or certificate.status != Certificate.Status.VALID:
                continue
            done = set(certificate.reminders_sent or [])
            due = [
                days
                for days in REMINDER_DAYS
                if days not in done and today >= certificate.valid_until - datetime.timedelta(days=days)
            ]
            if not due:
                continue
            days = min(due)
            _certificate_email(
                certificate,
                template="registrations/emails/certificate_reminder",
                days_left=(certificate.valid_until - today).days,
            )
            certificate.reminders_sent = sorted(done | set(due), reverse=True)
            certificate.save(update_fields=["reminders_sent", "updated_at"])
            sent.append((pk, days))
    return sent
