from .dossiers import (  # noqa: F401
    Answer,
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
    CriteriaGroup,
    CriteriaVersion,
    Criterion,
    Option,
    ProductCodeSerial,
    ScoreSheet,
    SheetPart,
)
