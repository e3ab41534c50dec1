"""The conference's meeting scheduler: pure Python, no database, so it can be tested on
generated inputs (tests/fairs/test_scheduling.py, with Hypothesis).

Input: the pairs (buyer, producer) that both sides agreed to, the number of time slots and the
number of tables. Output: each pair placed at most once in a (slot, table), such that in every
slot a buyer meets at most one producer, a producer at most one buyer, and a table holds at most
one meeting — no double booking. Pairs that cannot be placed are returned, never dropped.

Slot by slot, each slot takes a maximum matching of the pairs still to place (at most one
meeting per table): Kuhn's augmenting paths, trying first the buyers and producers with the most
meetings left, so that the busiest are not left for the last slots. A producer keeps the table it
first got whenever it can (buyers walk, producers stay put). Because each slot's matching is
maximum, the result is maximal: an unplaced pair finds, in every slot, its buyer busy, its
producer busy or every table taken. Deterministic: the same input gives the same schedule."""

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pair:
    key: Hashable  # e.g. the MeetingRequest id
    buyer: Hashable
    producer: Hashable


@dataclass(frozen=True)
class Placement:
    pair: Pair
    slot: int  # 0-based
    table: int  # 1-based, as printed on the table card


@dataclass
class Schedule:
    placed: list[Placement] = field(default_factory=list)
    unplaced: list[Pair] = field(default_factory=list)


def schedule_meetings(pairs, *, slots: int, tables: int) -> Schedule:
    """Place `pairs` into `slots` × `tables` (see the module docstring)."""
    if slots < 0 or tables < 0:
        raise ValueError("slots and tables cannot be negative")
    remaining = list({(p.buyer, p.producer): p for p in sorted(pairs, key=_sort_key)}.values())
    home_table: dict = {}
    result = Schedule()
    for slot in range(slots):
        if not remaining or not tables:
            break
        matched = _maximum_matching(remaining, limit=tables)
        free_tables = set(range(1, tables + 1))
        chosen: dict[Pair, int] = {}
        for pair in sorted(matched, key=_sort_key):  # first, producers back at their own table
            home = home_table.get(pair.producer)
            if home in free_tables:
                chosen[pair] = home
                free_tables.discard(home)
        for pair in sorted(matched, key=_sort_key):
            if pair not in chosen:
                chosen[pair] = min(free_tables)
                free_tables.discard(chosen[pair])
                home_table.setdefault(pair.producer, chosen[pair])
            result.placed.append(Placement(pair=pair, slot=slot, table=chosen[pair]))
        placed = set(matched)
        remaining = [p for p in remaining if p not in placed]
    result.unplaced = remaining
    result.placed.sort(key=lambda m: (m.slot, m.table))
    return result


def _maximum_matching(pairs: list[Pair], *, limit: int) -> list[Pair]:
    """A maximum matching of buyers to producers among `pairs`, of at most `limit` pairs."""
    degree = Counter()
    for pair in pairs:
        degree[("b", pair.buyer)] += 1
        degree[("p", pair.producer)] += 1
    options: dict = {}
    for pair in sorted(pairs, key=lambda p: (-degree[("p", p.producer)], _sort_key(p))):
        options.setdefault(pair.buyer, []).append(pair)
    buyers = sorted(options, key=lambda b: (-degree[("b", b)], str(b)))
    match_of_producer: dict = {}  # producer -> pair

    def augment(buyer, seen) -> bool:
        for pair in options[buyer]:
            if pair.producer in seen:
                continue
            seen.add(pair.producer)
            current = match_of_producer.get(pair.producer)
            if current is None or augment(current.buyer, seen):
                match_of_producer[pair.producer] = pair
                return True
        return False

    size = 0
    for buyer in buyers:
        if size >= limit:
            break
        if augment(buyer, set()):
            size += 1
    return list(match_of_producer.values())


def _sort_key(pair: Pair):
    return (str(pair.buyer), str(pair.producer), str(pair.key))
