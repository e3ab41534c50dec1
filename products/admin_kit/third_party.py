"""django-import-export and django-simple-history ship no Vietnamese catalogue. The messages of
theirs that staff can still see are repeated here so they land in ours: Django merges every
catalogue of a language, so these translations serve the packages' own gettext calls too."""

from django.utils.translation import gettext_noop

THIRD_PARTY_MESSAGES = [
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("Revert"),
    gettext_noop("Close"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("You may edit it again below"),
    gettext_noop("Import"),
    gettext_noop("Export"),
    gettext_noop("No valid data to import. Ensure your file has the correct headers or data for import."),
    # Django's own Vietnamese catalogue misses these admin strings.
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Error:"),
]
