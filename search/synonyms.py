"""Query expansion with the editors' synonym list: "GR" also finds "gemeenschappelijke regeling".

Expanding the query (instead of configuring a synonym filter in the index) works the same on
both engines and on every Elasticsearch distribution, and a new synonym works at once,
without rebuilding the index.
"""

import re

from .models import SynonymGroup
from .text import fold

MAX_VARIANTS = 6


def _groups():
    return [[fold(term) for term in group.term_list] for group in SynonymGroup.objects.all()]


def expand(query, groups=None):
    """The query itself plus variants with each known term replaced by its synonyms."""
    folded = fold(query)
    variants = [query]
    for group in _groups() if groups is None else groups:
        for term in group:
            pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
            if pattern.search(folded):
                for other in group:
                    if other != term:
                        variants.append(pattern.sub(other, folded))
                break
    return list(dict.fromkeys(variants))[:MAX_VARIANTS]
