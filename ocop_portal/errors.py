class ApplicationError(Exception):
    """A business rule refused an action. `message` is translated and shown to the user;
    views turn it into a form error or a message, never a 500."""

    def __init__(self, message, *, field=None, extra=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}
