"""Every feature's models, imported once so the metadata (and Alembic) sees the whole schema."""

from registry.accounts.models import Role, User, provider_members
from registry.audit.models import AuditEvent
from registry.catalogue.models import (
    AgeGroup,
    Course,
    CourseRun,
    LegalRequirement,
    Provider,
    Recognition,
    TargetRole,
    Topic,
)
from registry.organisations.models import Organisation
from registry.reviews.models import QualityMark, Review
from registry.schemes.models import ApplicationWindow, SubsidyScheme, course_schemes
from registry.search.models import SearchQueueEntry

__all__ = [
    "AgeGroup",
    "ApplicationWindow",
    "AuditEvent",
    "Course",
    "CourseRun",
    "LegalRequirement",
    "Organisation",
    "Provider",
    "QualityMark",
    "Recognition",
    "Review",
    "Role",
    "SearchQueueEntry",
    "SubsidyScheme",
    "TargetRole",
    "Topic",
    "User",
    "course_schemes",
    "provider_members",
]
