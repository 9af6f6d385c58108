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
    page = min(max(request.args.get("pagina", 1, type=int) or 1, 1), 100_000)
    words = request.args.get("q", "").strip()[:200]
    courses = service.published_courses_page(
        page=page, per_page=current_app.config["COURSES_PER_PAGE"], words=words
    )
    return render_template("catalogue/course_list.html", courses=courses, words=words, today=today())


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
    """Every provider in the register with its number of published courses."""
    return render_template("catalogue/provider_list.html", providers=service.provider_directory())


@bp.get("/aanbieders/<slug>")
def provider_detail(slug: str):
    """A provider's profile, recognitions and published courses.

    :raise 404: no provider has this slug.
    """
    provider, courses = service.public_provider(slug)
    return render_template(
        "catalogue/provider_detail.html", provider=provider, courses=courses, today=today()
    )
