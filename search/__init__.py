"""Search: the knowledge-item index, faceted search on Elasticsearch and the database,
the indexing pipeline and search analytics."""
