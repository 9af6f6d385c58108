"""Every feature's models, imported once so the metadata (and Alembic) sees the whole schema."""

from registry.accounts.models import (
    ApiToken,
    LoginAttempt,
    PasswordResetRequest,
    PasswordResetToken,
    Role,
    User,
    provider_members,
)
from registry.audit.models import AuditEvent
from registry.audit.official_edits import OfficialEdit
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
from registry.compliance.models import (
    ComplianceRule,
    Diploma,
    Location,
    PlannedCourse,
    StaffCertificate,
    StaffMember,
)
from registry.feed.models import FeedTombstone
from registry.jobs.models import JobRun
from registry.notifications.models import MailPreference, OutboxMessage
from registry.organisations.models import (
    Organisation,
    SavedSearch,
    ShortlistItem,
)
from registry.page_cache import PageGeneration
from registry.ratelimit_store import RateLimitCounter
from registry.reviews.models import QualityMark, Review, ReviewComment
from registry.schemes.models import ApplicationWindow, SubsidyScheme, course_schemes
from registry.search.models import SearchLogEntry
from registry.search.thesaurus_store import ThesaurusVersion
from registry.statistics.models import CoverageGap, StatisticsSnapshot

# What no public page shows: changing these leaves every cached public page current.
NOT_ON_PUBLIC_PAGES = (
    ApiToken,
    LoginAttempt,
    PasswordResetRequest,
    PasswordResetToken,
    User,
    AuditEvent,
    Diploma,
    Location,
    PlannedCourse,
    StaffCertificate,
    StaffMember,
    JobRun,
    MailPreference,
    OutboxMessage,
    Organisation,
    SavedSearch,
    ShortlistItem,
    RateLimitCounter,
    Review,
    ReviewComment,
    SearchLogEntry,
    CoverageGap,
)

__all__ = [
    "NOT_ON_PUBLIC_PAGES",
    "AgeGroup",
    "ApiToken",
    "ApplicationWindow",
    "AuditEvent",
    "ComplianceRule",
    "Course",
    "CourseRun",
    "CoverageGap",
    "Diploma",
    "FeedTombstone",
    "JobRun",
    "LegalRequirement",
    "Location",
    "LoginAttempt",
    "MailPreference",
    "OfficialEdit",
    "Organisation",
    "OutboxMessage",
    "PageGeneration",
    "PasswordResetRequest",
    "PasswordResetToken",
    "PlannedCourse",
    "Provider",
    "QualityMark",
    "RateLimitCounter",
    "Recognition",
    "Review",
    "ReviewComment",
    "Role",
    "SavedSearch",
    "SearchLogEntry",
    "ShortlistItem",
    "StaffCertificate",
    "StaffMember",
    "StatisticsSnapshot",
    "SubsidyScheme",
    "TargetRole",
    "ThesaurusVersion",
    "Topic",
    "User",
    "course_schemes",
    "provider_members",
]
