"""The public course list's cards, each rendered once per worker (showcase.cache.local_fragments)."""

from django import template

register = template.Library()


def _card_key(course, past_card: bool) -> tuple:
    """Everything a card shows: a change to any of it makes a new fragment, whatever saved it
    (a service, the admin, the nightly status change), and the cache generation covers the rest."""
    return (
        course.pk,
        course.updated_at,
        course.status,
        course.seats,
        course.capacity,
        course.first_day,
        course.last_day,
        course.registration_closes_on,
        course.venue_commune_id,
        tuple((topic.pk, topic.name) for topic in course.topics.all()),
        past_card,
    )


@register.simple_tag
def course_card_items(courses, past_card=False):
    """`<li>` course cards of the public list (trainings/includes/course_card.html)."""
    from showcase.cache import card_items

    return card_items(
        "course-card",
        "trainings/includes/course_card.html",
        courses,
        key=lambda course: _card_key(course, past_card),
        context=lambda course: {"course": course, "past_card": past_card},
    )
