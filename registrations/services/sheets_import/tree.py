"""The sheet as the importer builds it from the rows, before anything is saved."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class POption:
    row: int
    label: str
    points: Decimal | None
    raw_score: str
    stars: int | None


@dataclass
class PCriterion:
    row: int
    title: str
    description: str
    max_points: Decimal | None
    stars: int | None
    options: list = field(default_factory=list)
    implicit: bool = False
    dash: bool = False

    @property
    def best(self) -> Decimal:
        return max(o.points for o in self.options)


@dataclass
class PGroup:
    row: int
    title: str
    description: str
    max_points: Decimal | None
    criteria: list = field(default_factory=list)


@dataclass
class PPart:
    row: int
    code: str
    title: str
    max_points: Decimal
    groups: list = field(default_factory=list)


@dataclass
class ParsedSheet:
    parts: list
    warnings: list

    @property
    def max_points(self) -> Decimal:
        return sum((p.max_points for p in self.parts), Decimal(0))
