"""``/api/v1/statistics`` in the OpenAPI document."""

from __future__ import annotations

from apispec import APISpec

from registry.statistics.schemas import StatisticsArgsSchema, StatisticsResponseSchema


def add_statistics_paths(spec: APISpec) -> None:
    """Describe the statistics endpoint (open data, no login, under the API rate limit)."""
    spec.components.schema("Statistics", schema=StatisticsResponseSchema)
    spec.path(
        path="/api/v1/statistics",
        operations={
            "get": {
                "summary": "The figures of the statistics page: the accredited offer per legal requirement "
                "and province, topics, roles, prices, runs, the review process and demand signals",
                "description": "Each figure has its as-of date, how it is counted, a summary in words and "
                "its table (the same rows as /statistieken/{key}.csv). Filters as on /statistieken.",
                "parameters": [{"in": "query", "schema": StatisticsArgsSchema}],
                "responses": {
                    "200": {
                        "description": "Every figure.",
                        "content": {"application/json": {"schema": "Statistics"}},
                    },
                    "404": {
                        "description": "`eis` names no legal requirement.",
                        "content": {"application/problem+json": {"schema": "Problem"}},
                    },
                    "422": {
                        "description": "A filter value does not exist; `errors` names it.",
                        "content": {"application/problem+json": {"schema": "Problem"}},
                    },
                    "429": {
                        "description": "Too many requests from this address; wait Retry-After seconds.",
                        "content": {"application/problem+json": {"schema": "Problem"}},
                    },
                },
            }
        },
    )
