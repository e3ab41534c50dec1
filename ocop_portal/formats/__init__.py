"""The portal's own locale formats (settings.FORMAT_MODULE_PATH), consulted before Django's:
only what differs from Django's locale files is here."""
