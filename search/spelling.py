""" "Did you mean" for the database engine, at a bounded cost per request.

Comparing an unknown word with every word of the vocabulary (difflib over 50,000 words) takes
about a second. Instead each word is indexed by its character trigrams once per vocabulary;
an unknown word is compared (difflib, as before) only with the MAX_CANDIDATES words that share
the most trigrams with it and whose length could still reach the similarity cutoff, and only
the first MAX_WORDS unknown words of a query are looked up.
"""

import difflib
from collections import Counter

from .text import stem, words

CUTOFF = 0.75  # difflib's similarity ratio a suggestion needs
MIN_LENGTH = 4  # shorter words (abbreviations such as GR) are never corrected
MAX_CANDIDATES = 50  # words compared with difflib per unknown word
MAX_WORDS = 4  # unknown words of one query that are looked up


def trigrams(word):
    """The character trigrams of `` word `` with its edges marked, so first and last letters count."""
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def length_range(length, cutoff=CUTOFF):
    """Lengths a word may have to reach ``cutoff`` against a word of ``length``: difflib's
    ratio is 2 * matches / (len(a) + len(b)), and matches are at most the shorter length."""
    shortest = -(-length * cutoff // (2 - cutoff))  # ceil(length * cutoff / (2 - cutoff))
    longest = length * (2 - cutoff) // cutoff
    return int(shortest), int(longest)


class Vocabulary:
    """Known words with what a suggestion needs: their stems and a trigram index."""

    def __init__(self, vocabulary):
        self.words = sorted(set(vocabulary))
        self.stems = frozenset(stem(word) for word in self.words)
        # trigram -> word length -> numbers of the words with that trigram and length
        self.index = {}
        for number, word in enumerate(self.words):
            for gram in trigrams(word):
                self.index.setdefault(gram, {}).setdefault(len(word), []).append(number)

    def __len__(self):
        return len(self.words)

    def is_known(self, word):
        return stem(word) in self.stems

    def candidates(self, word, limit=MAX_CANDIDATES):
        """At most ``limit`` words that could be close to ``word``: those of a reachable length
        that share the most trigrams with it; on a tie the nearer length, then the word order."""
        shortest, longest = length_range(len(word))
        by_closeness = sorted(range(shortest, longest + 1), key=lambda length: (abs(length - len(word)), length))
        postings = [self.index[gram] for gram in sorted(trigrams(word)) if gram in self.index]
        shared = Counter()
        for length in by_closeness:  # first counted, first among equals (the sort below is stable)
            for by_length in postings:
                shared.update(by_length.get(length, ()))
        best = sorted(shared, key=shared.__getitem__, reverse=True)[:limit]
        return [self.words[number] for number in best]

    def closest(self, word):
        """The known word most like ``word`` (difflib ratio at least CUTOFF), or None."""
        match = difflib.get_close_matches(word, self.candidates(word), n=1, cutoff=CUTOFF)
        return match[0] if match else None


def suggest(query, vocabulary):
    """The query with unknown words replaced by the closest known word; "" when nothing changed."""
    corrected, changed, looked_up = [], False, 0
    for word in words(query):
        if len(word) >= MIN_LENGTH and looked_up < MAX_WORDS and not vocabulary.is_known(word):
            looked_up += 1
            match = vocabulary.closest(word)
            if match:
                corrected.append(match)
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else ""
