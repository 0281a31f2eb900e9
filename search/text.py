"""How a Dutch word is compared, shared by indexing and every engine, so what is stored and
what is searched always match.

Stems come from the Snowball stemmer (PyStemmer, the C build of the Snowball project). The
algorithm is ``dutch_porter``: Snowball 3 renamed the classic Dutch stemmer to that, and it is
the one Lucene, and so Elasticsearch's ``dutch`` stemmer, uses ("gemeenten" -> "gemeent").
Snowball 3's new ``dutch`` also strips "ge-" ("gemeenten" -> "meen") and would disagree with
a full Elasticsearch cluster.

Hyphenated words ("BEL-gemeenten", "kosten-batenanalyse") count as their parts and as the
parts written together, so a search for either part, for the parts apart or for the joined
word finds them.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

STEMMER_ALGORITHM = "dutch_porter"
# A word, or hyphenated words ("bel-gemeenten"); underscores are not word characters here.
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

_stemmer = Stemmer.Stemmer(STEMMER_ALGORITHM)


def fold(text):
    """Lower case without accents: "Financiën" -> "financien"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tokens(text):
    """Folded tokens as written, hyphenated words whole: "BEL-gemeenten" -> ["bel-gemeenten"]."""
    return TOKEN.findall(fold(text))


def words(text):
    """Folded words; hyphenated words split into their parts."""
    return [part for token in tokens(text) for part in token.split("-")]


def index_words(text):
    """The words stored for ``text``: every part of a hyphenated word, then the parts joined."""
    result = []
    for token in tokens(text):
        parts = token.split("-")
        result += parts
        if len(parts) > 1:
            result.append("".join(parts))
    return result


@lru_cache(maxsize=100_000)
def stem(word):
    """The Snowball stem of a folded word; cached, as a corpus repeats its words."""
    return _stemmer.stemWord(word)


def query_stems(query):
    """The stems of a query's words, in order, without duplicates."""
    return list(dict.fromkeys(stem(word) for word in words(query)))


def searchable_text(*parts):
    """Folded words (hyphenated ones also joined) separated by single spaces."""
    return " ".join(index_words(" ".join(part for part in parts if part)))


def stemmed_text(*parts):
    """Folded, stemmed words of ``parts`` (hyphenated ones also joined): what the Elasticsearch
    ``stems`` field and the SQLite full-text table hold."""
    return " ".join(stem(word) for word in searchable_text(*parts).split())
