"""The public event list's cards, each rendered once per worker (showcase.cache.card_items)."""

from django import template

register = template.Library()


def _card_key(event, past: bool) -> tuple:
    """Everything a card shows, so that a change made by any path (a service, the admin, a bulk
    update) makes a new card; the cache generation covers the rest."""
    totals = getattr(event, "totals", None) if past else None
    return (
        event.pk,
        event.updated_at,
        event.status,
        event.starts_on,
        event.ends_on,
        event.exhibitor_count,
        tuple(sorted(totals.items())) if totals else None,
        past,
    )


@register.simple_tag
def event_card_items(events, past=False):
    """`<li>` event cards of the public list (fairs/includes/event_card.html)."""
    from showcase.cache import card_items

    return card_items(
        "event-card",
        "fairs/includes/event_card.html",
        events,
        key=lambda event: _card_key(event, past),
        context=lambda event: {"event": event, "past": past},
    )


@register.simple_tag
def exhibitor_items(exhibitors):
    """The `<li>` rows of an event's exhibitors (fairs/includes/exhibitor_item.html), each
    rendered once per worker under a key of what it shows: the row itself, plain values
    (fairs.selectors.Exhibitor)."""
    from django.template.loader import get_template
    from django.utils.safestring import mark_safe

    from showcase.cache import local_fragments

    template = get_template("fairs/includes/exhibitor_item.html")
    parts = local_fragments(
        "exhibitor",
        exhibitors,
        key=lambda exhibitor: exhibitor,
        render=lambda exhibitor: template.render({"exhibitor": exhibitor}),
    )
    return mark_safe("\n".join(parts))  # noqa: S308 — rendered templates
