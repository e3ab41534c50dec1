"""Numbers for people are grouped by thousands in the visitor's language; ids, years and other
machine values are never grouped, in any language (settings.USE_THOUSAND_SEPARATOR is off and
ocop_portal/formats/vi gives Vietnamese its grouping)."""

import pytest
from django.template import Context, Template
from django.utils import translation

NUMBERS = Template('{% load humanize %}<input value="{{ pk }}" id="o{{ pk }}"> {{ year }} {{ n|intcomma }}')


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", '<input value="2632" id="o2632"> 2026 20.000'),
        ("en", '<input value="2632" id="o2632"> 2026 20,000'),
    ],
)
def test_ids_stay_plain_and_counts_are_grouped(language, expected):
    with translation.override(language):
        assert NUMBERS.render(Context({"pk": 2632, "year": 2026, "n": 20000})) == expected


@pytest.mark.django_db
def test_an_english_score_sheet_submits_an_option_above_999_as_its_id(client):
    """The radio buttons' values are option ids: "2,632" could not be chosen."""
    from django.core.management import call_command

    from registrations.models import Option

    call_command("load_criteria", verbosity=0)
    option = Option.objects.order_by("-pk").first()
    assert option.pk >= 1000
    with translation.override("en"):
        html = Template('{% include "registrations/_sheet_criterion.html" %}').render(
            Context({"c": {"name": "c1", "options": [option], "selected": str(option.pk)}, "editable": True})
        )
    assert f'value="{option.pk}"' in html and f'id="o{option.pk}"' in html and " checked" in html
