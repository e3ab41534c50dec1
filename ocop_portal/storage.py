from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Local storage for private documents: it has no public URL at all."""

    def url(self, name):
        raise ValueError("Private files have no URL; serve them with ocop_portal.files.private_file_response.")
