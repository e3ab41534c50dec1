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
class PCase:
    """One alternative case of a group ("b. Trường hợp 2: Điểm dịch vụ du lịch")."""

    row: int
    number: int
    label: str
    criteria: list = field(default_factory=list)

    @property
    def best(self) -> Decimal:
        return sum((c.best for c in self.criteria), Decimal(0))


@dataclass
class PChoice:
    """The choice between cases a scorecard makes; shared by the groups with the same cases."""

    key: tuple
    groups: list = field(default_factory=list)


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
    case: PCase | None = None
    opens_case: bool = False  # the row that names the case

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
    cases: list = field(default_factory=list)
    choice: PChoice | None = None

    @property
    def common(self) -> list:
        """The criteria that count whichever case applies."""
        return [c for c in self.criteria if c.case is None]


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
    choices: list = field(default_factory=list)

    @property
    def max_points(self) -> Decimal:
        return sum((p.max_points for p in self.parts), Decimal(0))
