"""Reading values from query strings and forms: a bad value counts as absent, never an error,
so no URL answers 500 to junk (DESIGN.md, "Rules learned the hard way")."""

MAX_ID = 2**63 - 1  # the largest id a database column holds


def object_id(value):
    """A database id (a positive whole number in range), or None for anything else."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 19):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
