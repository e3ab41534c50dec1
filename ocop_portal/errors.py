"""The one application-error type and its adapters: services raise ApplicationError; views
show it on the form (`error_to_form`) or as a message (`error_to_message`); a model's
ValidationError becomes an ApplicationError with `raise_validation`."""

from django.contrib import messages
from django.core.exceptions import ValidationError


class ApplicationError(Exception):
    """A business rule refused an action. `message` is translated and shown to the user;
    views turn it into a form error or a message, never a 500."""

    def __init__(self, message, *, field=None, extra=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


def raise_validation(error: ValidationError):
    """Re-raise a model's `full_clean()` error as an ApplicationError naming its first field."""
    if hasattr(error, "error_dict"):
        field, field_messages = next(iter(error.message_dict.items()))
        raise ApplicationError(" ".join(field_messages), field=None if field == "__all__" else field)
    raise ApplicationError(" ".join(error.messages))


def error_to_form(form, error: ApplicationError) -> None:
    """Show a service's refusal on the form: on its field when the form has it, else above it."""
    field = error.field if error.field and error.field in form.fields else None
    form.add_error(field, str(error.message))


def error_to_message(request, error: ApplicationError) -> None:
    """Show a service's refusal as a page message (for buttons without a form)."""
    messages.error(request, str(error.message))
