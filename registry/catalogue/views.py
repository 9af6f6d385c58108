"""Public catalogue pages: course list, course page, provider pages."""

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from registry.catalogue import service
from registry.catalogue.jsonld import course_document
from registry.catalogue.permissions import can_shortlist
from registry.clock import today
from registry.schemes.costs import net_cost

bp = Blueprint("catalogue", __name__)


@bp.get("/opleidingen")
def course_list():
    """Paginated list of published courses, optionally narrowed by a few words."""
    page = _page_number()
    words = request.args.get("q", "").strip()[:200]
    courses = service.published_courses_page(
        page=page, per_page=current_app.config["COURSES_PER_PAGE"], words=words
    )
    return render_template("catalogue/course_list.html", courses=courses, words=words, today=today())


def _page_number() -> int:
    """The page asked for (``?pagina=``), within bounds: anything else is the first page."""
    return min(max(request.args.get("pagina", 1, type=int) or 1, 1), 100_000)


@bp.get("/opleidingen/<int:course_id>")
def course_detail(course_id: int):
    """One published course with its runs, schemes and accreditation.

    :raise 404: the course does not exist or is not public.
    """
    course = service.published_course(course_id)
    day = today()
    return render_template(
        "catalogue/course_detail.html",
        course=course,
        today=day,
        jsonld=course_document(course, day),
        can_shortlist=can_shortlist(current_user),
        cost=net_cost(course.price, course.schemes, day),
    )


@bp.get("/aanbieders")
def provider_list():
    """The providers in the register by name, a page at a time, with their numbers of published courses."""
    directory = service.provider_directory(
        page=_page_number(), per_page=current_app.config["PROVIDERS_PER_PAGE"]
    )
    return render_template("catalogue/provider_list.html", directory=directory)


@bp.get("/aanbieders/<slug>")
def provider_detail(slug: str):
    """A provider's profile, recognitions and published courses.

    :raise 404: no provider has this slug.
    """
    provider, courses = service.public_provider(slug)
    return render_template(
        "catalogue/provider_detail.html", provider=provider, courses=courses, today=today()
    )
