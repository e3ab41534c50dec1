from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "created_at", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]
    actions = ["queue_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the failed emails again"), permissions=["change"])
    def queue_again(self, request, queryset):
        """A failed email (attempts used up, or interrupted mid-send) goes back to the outbox;
        the beat task sends it within a minute. A sent email is never touched."""
        count = queryset.filter(status=OutboundEmail.Status.FAILED).update(
            status=OutboundEmail.Status.PENDING, attempts=0, next_attempt_at=None, claimed_at=None
        )
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", count) % {"count": count},
            messages.SUCCESS,
        )
