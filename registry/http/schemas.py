"""Shapes every API response may take, for the OpenAPI document (errors are built in registry.errors)."""

from marshmallow import fields

from registry.schema import Schema


class ProblemSchema(Schema):
    """An RFC 9457 problem: what went wrong, titled in Dutch (default) or English, and in both."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    titles = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        metadata={"description": "Per query parameter, what is wrong with it."},
    )
