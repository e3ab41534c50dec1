"""Private documents: stored in the "private" storage, never under a public URL."""

import mimetypes
import os

from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def private_file_response(field_file, *, download_name: str | None = None) -> FileResponse:
    """Stream a private file as an attachment. The caller has already checked permission."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    name = download_name or os.path.basename(field_file.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
