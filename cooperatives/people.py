"""Writes on a cooperative's people (the named persons who can be signed up for trainings).

Changing the leader moves the `is_leader` flag inside one transaction with the cooperative's row
locked, and copies the name into `Cooperative.leader_name`, so the profile and the leaders'
target (trainings.selectors.leader_coverage) always name the same, current leader."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ocop_portal.errors import raise_validation

from .models import Cooperative, Person

PERSON_FIELDS = ["full_name", "position", "sex", "birth_year", "phone", "email"]


def person_create(*, cooperative: Cooperative, by, full_name: str, is_leader: bool = False, **fields) -> Person:
    """Add a person to `cooperative`; with `is_leader` they become its leader (the previous
    leader stays as a person). Raises ApplicationError (nothing saved) on a refused value."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Not person fields: {sorted(unknown)}")
    with transaction.atomic():
        person = Person(cooperative=cooperative, full_name=" ".join(full_name.split()), **fields)
        try:
            person.full_clean(validate_constraints=False)
        except ValidationError as error:
            raise_validation(error)
        person._history_user = by
        person.save()
        if is_leader:
            person_make_leader(person=person, by=by)
    return person


def person_update(*, person: Person, by, **fields) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Not person fields: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(person, name, value)
        try:
            person.full_clean(validate_constraints=False)
        except ValidationError as error:
            raise_validation(error)
        person._history_user = by
        person.save()
        if person.is_leader and person.is_active:
            Cooperative.objects.filter(pk=person.cooperative_id).update(leader_name=person.full_name)
    return person


def person_make_leader(*, person: Person, by) -> Person:
    """Make `person` the current leader of their cooperative; the previous leader (if any) keeps
    their record and training history but no longer counts as the leader.

    Side effects: locks the cooperative row; updates Cooperative.leader_name; history rows."""
    with transaction.atomic():
        cooperative = Cooperative.objects.select_for_update().get(pk=person.cooperative_id)
        for previous in Person.objects.leaders().filter(cooperative=cooperative).exclude(pk=person.pk):
            previous.is_leader = False
            previous._history_user = by
            previous.save(update_fields=["is_leader", "updated_at"])
        person.is_leader = True
        person.is_active = True
        person._history_user = by
        person.save(update_fields=["is_leader", "is_active", "updated_at"])
        cooperative.leader_name = person.full_name
        cooperative._history_user = by
        cooperative.save(update_fields=["leader_name", "updated_at"])
    return person


def person_leave(*, person: Person, by) -> Person:
    """The person has left the cooperative: kept for the records, no longer offered for
    registration; a leader who leaves leaves the cooperative without a leader."""
    with transaction.atomic():
        person.is_active = False
        was_leader = person.is_leader
        person.is_leader = False
        person._history_user = by
        person.save(update_fields=["is_active", "is_leader", "updated_at"])
        if was_leader:
            Cooperative.objects.filter(pk=person.cooperative_id).update(leader_name="")
    return person
