"""Trade promotion: events (fairs, exhibitions, supply–demand conferences…), the cooperatives'
booth applications and outcome reports, and the conference's buyer matchmaking."""

from .applications import Application, ApplicationLog, ApplicationProduct, ApplicationSupport, OutcomeReport
from .events import BoothType, Event, EventSupport
from .matchmaking import Buyer, Meeting, MeetingRequest

__all__ = [
    "Application",
    "ApplicationLog",
    "ApplicationProduct",
    "ApplicationSupport",
    "BoothType",
    "Buyer",
    "Event",
    "EventSupport",
    "Meeting",
    "MeetingRequest",
    "OutcomeReport",
]
