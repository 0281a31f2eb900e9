"""Full-text matching inside the database, one module per database: PostgreSQL's Dutch text
search on a stored, weighted vector, SQLite's FTS5 table with bm25. Each module offers the same
three functions: ``store(items)`` after items were written, ``matching(items, variants)`` and
``ranked(items, variants)`` (annotates ``rank``, higher is better)."""

from django.db import connection


def backend():
    if connection.vendor == "postgresql":
        from . import postgresql

        return postgresql
    from . import sqlite

    return sqlite


def store(items):
    """Bring the full-text index of ``items`` (a KnowledgeItem queryset) up to date."""
    backend().store(items)
