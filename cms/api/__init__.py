"""The open-data API (``/api/v1/``) and the register as CSV (``/samenwerkingen.csv``).

Small plain Django views, not Wagtail's API (``wagtail.api.v2``): two of the three resources,
collaborations and municipalities, are snippets, which that API does not serve; it would bring
Django REST framework as a new dependency for the one resource that is a page (documents); and
its generic field selection would make it easy to expose a field by accident (a document's file
text). Here every field is listed by name in ``serializers.py``, and documents come only from
``cms.queries.visible`` (live pages without view restrictions on them or their ancestors).

- ``parameters.py``: validation of query parameters; bad input is a 400 with a Dutch message.
- ``queries.py``: the querysets, prefetched so a page of 50 costs what a page of 10 costs.
- ``serializers.py``: model instances as plain dicts (partial dates stay ISO strings as stored).
- ``responses.py``: rate limit, cache, ETag, CORS and JSON errors around every endpoint.
- ``views.py`` / ``register_csv.py`` / ``urls.py``: the endpoints.
"""
