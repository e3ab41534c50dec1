"""Messages of the certificate services (products.services.certificates), kept in this app so
that their Vietnamese lives in the workflow's catalogue with the rest of the OCOP workflow."""

from django.utils.translation import gettext_lazy as _

CERTIFICATE = {
    "no_decision_number": _("Enter the decision number."),
    "no_decision_date": _("Enter the decision date."),
    "future_date": _("The decision date cannot be in the future."),
    "no_commune": _(
        "The producer has no commune on record; set it before issuing the certificate (it is in the product code)."
    ),
    "previous_other_product": _("The previous certificate belongs to another product."),
    "duplicate_decision": _("This product already has a certificate with decision number %(number)s."),
    "no_ground": _("Choose one of the legal grounds for revocation."),
    "not_valid": _("Only a valid certificate can be revoked; this one is “%(status)s”."),
    "revoked_subject": _("OCOP certificate %(code)s has been revoked"),
    "reminder_subject": _("OCOP certificate %(code)s expires on %(date)s: time to file the re-rating"),
}
