"""Query expansion with the editors' synonym list: "GR" also finds "gemeenschappelijke regeling".

Expanding the query (instead of configuring a synonym filter in the index) works the same on
both engines and on every Elasticsearch distribution, and a new synonym works at once,
without rebuilding the index.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import page_cache
from core.content_cache import remember

from .models import SynonymGroup
from .text import fold, words

MAX_VARIANTS = 6
MAX_COMPOUND_PARTS = 3
MAX_TERM_LENGTH = 100
# What a word or phrase may hold: letters, digits, spaces and the punctuation of names
# ("financiën & verrekening", "ICT/IV", "Wgr-regeling"); no backslashes or other symbols.
TERM = re.compile(r"[\w\s\-'’&./()+]+")


CACHE_NAME = "synonyms"


def _groups():
    # Read per content generation; saving or deleting a group starts a new one (search/signals.py).
    return remember(CACHE_NAME, _read_groups)


def _read_groups():
    return [[fold(term) for term in group.term_list] for group in SynonymGroup.objects.all()]


def forget_groups(**kwargs):
    """post_save/post_delete of a SynonymGroup: the next search, in any process, reads the new
    list (a new content generation; the pages' own caches are emptied with it, which an edit
    of the synonym list, a rare thing, can afford)."""
    page_cache.content_changed()


def expand(query, groups=None):
    """The query itself, its words written together when it has two or three (Dutch writes
    compounds as one word: "werk organisatie" also finds "werkorganisatie"), and variants with
    each known term replaced by its synonyms."""
    folded = fold(query)
    variants = [query]
    for group in _groups() if groups is None else groups:
        for term in group:
            if not words(term):
                continue  # an empty or punctuation-only term would match between any two words
            pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
            if pattern.search(folded):
                for other in group:
                    if other != term:
                        # A function, not a template: a term is text, "\1" or "\g<0>" included.
                        variants.append(pattern.sub(lambda match, other=other: other, folded))
                break
    query_words = words(query)
    if 2 <= len(query_words) <= MAX_COMPOUND_PARTS and all(len(word) >= 3 for word in query_words):
        variants.append("".join(query_words))
    return list(dict.fromkeys(variants))[:MAX_VARIANTS]


def validate_terms(terms):
    """Raise ValidationError unless ``terms`` lists two or more distinct words or phrases."""
    term_list = [term.strip() for term in terms.split(",") if term.strip()]
    for term in term_list:
        if len(term) > MAX_TERM_LENGTH or not TERM.fullmatch(term) or not words(term):
            raise ValidationError(
                _("“%(term)s” is not a word or phrase: use letters, digits, spaces and hyphens."),
                params={"term": term[:MAX_TERM_LENGTH]},
            )
    if len({fold(term) for term in term_list}) < 2:
        raise ValidationError(_("Give at least two different words or phrases, separated by commas."))
