"""The catalogue's side of a review: what a case about a course or a provider judges, and what approval
publishes. Registered with the workflow when the app starts, so reviews never import the catalogue."""

from __future__ import annotations

from typing import Any

from registry.catalogue.drafts import publish_reviewed_content, snapshot_for_review
from registry.catalogue.profiles import profile_snapshot
from registry.reviews.models import Review
from registry.reviews.subjects import register_review_subjects


class CatalogueSubjects:
    """Courses and providers as subjects of review (implements reviews.subjects.ReviewSubjects)."""

    def snapshot(self, review: Review) -> dict[str, Any]:
        return snapshot_for_review(review) if review.course is not None else profile_snapshot(review)

    def publish(self, review: Review) -> None:
        # A keurmerk publishes nothing: the provider's profile is public already.
        if review.course is not None:
            publish_reviewed_content(review)


def init_review_subjects() -> None:
    """Tell the review workflow how to snapshot and publish courses and providers."""
    register_review_subjects(CatalogueSubjects())
