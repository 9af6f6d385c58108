"""Drafts a provider imports and submits in one step reach officials as one batch: one line in the queue
with the provider and the count, reviewed in turn from there."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from html import unescape

from registry.catalogue import drafts
from registry.catalogue.enums import CourseStatus
from registry.clock import today
from tests.conftest import Browser
from tests.exchange.conftest import as_csv, course_rows
from tests.factories import make_course, make_run


def _import_and_submit(browser: Browser, provider_id: int, courses: int) -> None:
    page = f"/aanbieder/{provider_id}/import"
    preview = browser.post(
        page,
        page,
        {"file": (io.BytesIO(as_csv(course_rows(courses, 1))), "aanbod.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    action = re.search(r'action="([^"]+/bevestigen)"', preview).group(1)
    digest = re.search(r'name="digest" value="([^"]+)"', preview).group(1)
    done = browser.post(page, action, {"digest": digest, "submit_new": "1"})
    assert done.status_code == 200 and "Import voltooid" in done.get_data(as_text=True)


def test_officials_see_an_import_as_one_batch_and_review_it_in_turn(app, people, vocabulary) -> None:
    provider = Browser(app.test_client())
    provider.login(people.member.email)
    _import_and_submit(provider, people.provider.id, 3)
    single = make_course(people.provider, status=CourseStatus.DRAFT, title="Losse opleiding kinder-EHBO")
    make_run(single, today() + timedelta(days=30))  # a course is only submitted with a run ahead
    drafts.submit_course(people.member, single.id)

    official = Browser(app.test_client())
    official.login(people.official.email)
    queue = unescape(official.client.get("/beoordelingen/").get_data(as_text=True))
    rows = re.findall(r'<tr class="import-batch" data-testid="import-batch">(.*?)</tr>', queue, re.S)
    assert len(rows) == 1
    assert f"Import van {people.provider.name}: 3 opleidingen" in rows[0] and "3 zaken" in rows[0]
    assert "Café-training 0" not in queue  # the batch's cases are not listed one by one
    assert "Losse opleiding kinder-EHBO" in queue  # a course submitted on its own still is

    batch = re.search(r'href="(/beoordelingen/\?import=import-[0-9a-f]{16})"', rows[0]).group(1)
    listed = official.client.get(batch).get_data(as_text=True)
    assert [f"Café-training {n} " in listed for n in range(3)] == [True] * 3
    assert "Losse opleiding" not in listed

    case = re.search(r'href="(/beoordelingen/\d+)">Beoordeel ze één voor één', rows[0]).group(1)
    titles = []
    while case:
        page = unescape(official.client.get(case).get_data(as_text=True))
        titles.append(re.search(r"Zaak \d+: (Café-training \d)", page).group(1))
        found = re.search(r'href="(/beoordelingen/\d+)" data-testid="next-in-batch"', page)
        case = found.group(1) if found else None
    assert titles == ["Café-training 0", "Café-training 1", "Café-training 2"]


def test_an_unknown_import_in_the_queue_address_is_explained_not_a_500(app, people) -> None:
    official = Browser(app.test_client())
    official.login(people.official.email)
    response = official.client.get("/beoordelingen/?import=../../etc")
    assert response.status_code == 200
    assert "Deze import bestaat niet." in unescape(response.get_data(as_text=True))
