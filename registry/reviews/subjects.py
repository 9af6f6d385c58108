"""What the review workflow needs from the things it reviews, filled in by the package that owns them.

Reviews judge courses and providers but must not know how the catalogue stores them. The catalogue
registers one implementation of `ReviewSubjects` when the app starts (`register_review_subjects`);
the workflow asks it for the content to judge and tells it when that content is approved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from registry.reviews.models import Review


class ReviewSubjects(Protocol):
    """The catalogue's side of a review."""

    def snapshot(self, review: Review) -> dict[str, Any]:
        """The content the officials judge, frozen when the case is (re)submitted."""
        ...

    def publish(self, review: Review) -> None:
        """On approval: the reviewed content becomes public."""
        ...


_registered: ReviewSubjects | None = None


def register_review_subjects(subjects: ReviewSubjects) -> None:
    """Install the implementation; called once from the app factory (again is harmless)."""
    global _registered
    _registered = subjects


def review_subjects() -> ReviewSubjects:
    """The registered implementation. :raise RuntimeError: the app factory did not register one."""
    if _registered is None:
        raise RuntimeError("No review subjects registered: call register_review_subjects at app start.")
    return _registered
