"""Strict URL parts for the event views: junk (NUL bytes, huge numbers, any length) gets a 404
from the URL resolver and never reaches a database query, where it could fail with a 500."""

from django.urls import register_converter


class TokenConverter:
    """A registration's token (``secrets.token_urlsafe``)."""

    regex = "[A-Za-z0-9_-]{16,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class IdConverter:
    """A row id that fits a 64-bit integer (SQLite cannot even compare a larger one)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(TokenConverter, "registration_token")
register_converter(IdConverter, "row_id")
