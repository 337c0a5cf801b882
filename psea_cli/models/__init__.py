"""Pydantic models, one domain per module."""

from psea_cli.models.case import Case
from psea_cli.models.network import Network
from psea_cli.models.organisation import FocalPoint, Organisation
from psea_cli.models.plan import Plan
from psea_cli.models.progress import Progress
from psea_cli.models.records import (
    AgencyAssessment,
    ComplaintMechanism,
    Meeting,
    RiskAssessment,
    Session,
)
from psea_cli.models.service import Service, ServiceFile

__all__ = [
    "AgencyAssessment", "Case", "ComplaintMechanism", "FocalPoint", "Meeting", "Network",
    "Organisation", "Plan", "Progress", "RiskAssessment", "Service", "ServiceFile", "Session",
]
