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
