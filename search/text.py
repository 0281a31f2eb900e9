"""Text normalisation shared by indexing and the database engine: one definition of how a
word is compared, so what is stored and what is searched always match."""

import re
import unicodedata

WORD = re.compile(r"[\w-]+", re.UNICODE)
# Common Dutch inflection endings, longest first. Cutting them lets "verrekenen",
# "verrekening" and "verrekend" all find the stem "verreken".
SUFFIXES = ("ingen", "ing", "en", "es", "e", "s", "d", "t")
MIN_STEM = 4


def fold(text):
    """Lower case without accents: "Financiën" -> "financien"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text):
    return WORD.findall(fold(text))


def stem(word):
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def query_stems(query):
    """The stems of a query's words, in order, without duplicates."""
    seen = []
    for word in words(query):
        stemmed = stem(word)
        if stemmed not in seen:
            seen.append(stemmed)
    return seen


def searchable_text(*parts):
    """Folded words separated by single spaces, with a space at both ends, so the database
    engine can match whole words (" gr ") and word starts (" verreken")."""
    return " " + " ".join(words(" ".join(part for part in parts if part))) + " "


def match_fragments(query):
    """What must occur in ``searchable_text`` for each query word: short words (abbreviations
    such as GR or AB) as whole words, longer ones by their stem at the start of a word."""
    fragments = []
    for word in words(query):
        fragment = f" {word} " if len(word) <= 3 else f" {stem(word)}"
        if fragment not in fragments:
            fragments.append(fragment)
    return fragments


def stemmed_text(*parts):
    """Folded, stemmed words of ``parts``: what the Elasticsearch ``stems`` field holds."""
    return " ".join(stem(word) for word in words(" ".join(part for part in parts if part)))
