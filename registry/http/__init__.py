"""What every JSON API shares and no feature owns: the /api/v1 blueprint, CORS, caching, rate limits, timing.

Features import from here; nothing here imports a feature. The OpenAPI document, which knows every
feature, is built beside the app factory in ``registry.openapi``.
"""
