"""The one error an import raises: it names the file, the row and the problem."""

from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError


class SheetFileError(ApplicationError):
    """The file cannot be imported safely; the message names the file, the row and the problem."""

    def __init__(self, message, *, file_name, row=None):
        if row is None:
            text = _("%(file)s: %(problem)s") % {"file": file_name, "problem": message}
        else:
            text = _("%(file)s, row %(row)s: %(problem)s") % {"file": file_name, "row": row, "problem": message}
        super().__init__(text)
        self.row = row
        self.file_name = file_name
