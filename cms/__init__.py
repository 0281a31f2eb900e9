"""Content: Wagtail page types, the taxonomy (provinces, municipalities, collaborations,
themes, document types), the document library and its uploads, feeds and demo content."""
