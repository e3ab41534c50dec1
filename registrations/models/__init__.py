from .dossiers import (  # noqa: F401
    Answer,
    CaseAnswer,
    Document,
    DocumentType,
    Registration,
    RegistrationEvent,
    Round,
    RoundMember,
    Scorecard,
)
from .national import NationalReview  # noqa: F401
from .sheets import (  # noqa: F401
    STAR_LEVELS,
    CaseChoice,
    CriteriaCase,
    CriteriaGroup,
    CriteriaVersion,
    Criterion,
    Option,
    ProductCodeSerial,
    ScoreSheet,
    SheetPart,
)
