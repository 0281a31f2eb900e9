"""The two search engines. Both take a ``SearchRequest`` and return ``SearchResults``."""
