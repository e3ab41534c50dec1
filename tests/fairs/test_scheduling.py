"""The meeting scheduler's guarantees, checked on generated inputs (Hypothesis): no buyer,
producer or table is ever booked twice in a slot; every pair is either placed once or reported
unplaced; an unplaced pair really had no room (the schedule is maximal)."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from fairs.scheduling import Pair, schedule_meetings

pairs_strategy = st.lists(
    st.tuples(st.integers(min_value=1, max_value=7), st.integers(min_value=1, max_value=7)), max_size=60
).map(lambda items: [Pair(key=i, buyer=b, producer=p) for i, (b, p) in enumerate(items)])


@settings(max_examples=400, deadline=None)
@given(pairs=pairs_strategy, slots=st.integers(min_value=0, max_value=10), tables=st.integers(min_value=0, max_value=4))
def test_no_double_booking_and_nothing_lost(pairs, slots, tables):
    result = schedule_meetings(pairs, slots=slots, tables=tables)

    for what in ("buyer", "producer"):
        booked = Counter((m.slot, getattr(m.pair, what)) for m in result.placed)
        assert max(booked.values(), default=0) <= 1, f"a {what} is booked twice in a slot"
    tables_used = Counter((m.slot, m.table) for m in result.placed)
    assert max(tables_used.values(), default=0) <= 1, "a table is booked twice in a slot"
    assert all(0 <= m.slot < slots and 1 <= m.table <= tables for m in result.placed)

    wanted = {(p.buyer, p.producer) for p in pairs}
    placed = [(m.pair.buyer, m.pair.producer) for m in result.placed]
    unplaced = [(p.buyer, p.producer) for p in result.unplaced]
    assert len(placed) == len(set(placed)), "a pair is placed twice"
    assert set(placed) | set(unplaced) == wanted and not set(placed) & set(unplaced)


@settings(max_examples=200, deadline=None)
@given(pairs=pairs_strategy, slots=st.integers(min_value=1, max_value=8), tables=st.integers(min_value=1, max_value=6))
def test_an_unplaced_pair_had_no_room_in_any_slot(pairs, slots, tables):
    result = schedule_meetings(pairs, slots=slots, tables=tables)

    buyers = {(m.slot, m.pair.buyer) for m in result.placed}
    producers = {(m.slot, m.pair.producer) for m in result.placed}
    per_slot = Counter(m.slot for m in result.placed)
    for pair in result.unplaced:
        for slot in range(slots):
            assert (slot, pair.buyer) in buyers or (slot, pair.producer) in producers or per_slot[slot] >= tables


def test_same_input_same_schedule():
    pairs = [Pair(key=i, buyer=i % 3, producer=i % 5) for i in range(15)]
    first = schedule_meetings(pairs, slots=6, tables=3)
    again = schedule_meetings(list(reversed(pairs)), slots=6, tables=3)
    assert first == again


def test_two_producers_who_first_sat_at_the_same_table_never_share_it():
    # P1 takes table 1 in slot 0; P2 first sits in slot 1, at table 1 too; in slot 2 both meet.
    pairs = [Pair(key=1, buyer="a", producer="P1"), Pair(key=2, buyer="a", producer="P2")]
    pairs += [Pair(key=3, buyer="b", producer="P1"), Pair(key=4, buyer="c", producer="P2")]
    pairs += [Pair(key=5, buyer="d", producer="P1"), Pair(key=6, buyer="e", producer="P2")]
    result = schedule_meetings(pairs, slots=3, tables=2)
    booked = Counter((m.slot, m.table) for m in result.placed)
    assert max(booked.values()) == 1 and len(result.placed) == 6


def test_a_producer_keeps_its_table_when_it_can():
    pairs = [Pair(key=b, buyer=b, producer="gom-bo-bat") for b in range(4)]
    result = schedule_meetings(pairs, slots=4, tables=2)
    assert [m.slot for m in result.placed] == [0, 1, 2, 3]
    assert {m.table for m in result.placed} == {1}


def test_everything_fits_when_there_is_room():
    pairs = [Pair(key=(b, p), buyer=b, producer=p) for b in range(4) for p in range(4)]
    result = schedule_meetings(pairs, slots=4, tables=4)
    assert len(result.placed) == 16 and result.unplaced == []


def test_refuses_negative_sizes():
    import pytest

    with pytest.raises(ValueError, match="cannot be negative"):
        schedule_meetings([], slots=-1, tables=1)
