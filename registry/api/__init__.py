"""What every JSON API shares: the /api/v1 blueprint, the OpenAPI document, CORS, caching, rate limits."""
