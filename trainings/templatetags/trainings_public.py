"""The public course list's cards, each rendered once per worker (showcase.cache.card_items)."""

from django import template

register = template.Library()


@register.simple_tag
def course_card_items(cards):
    """`<li>` course cards of the public list (trainings/includes/course_card.html). A card
    (trainings.selectors.CourseCard) holds plain values — everything it shows — and is its own
    key, so a change made by any path (a service, the admin, the nightly status change) makes a
    new fragment; the cache generation covers the rest."""
    from showcase.cache import card_items

    return card_items(
        "course-card",
        "trainings/includes/course_card.html",
        cards,
        key=lambda card: card,
        context=lambda card: {"course": card, "past_card": card.past_card},
    )
