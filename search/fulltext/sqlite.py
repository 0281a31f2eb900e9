"""SQLite: an FTS5 table of stemmed words beside the items, ranked with bm25.

The table (created by migration 0007) holds, per item (rowid = item id), the Snowball stems of
its title, summary, body with tags, and file text in four columns; bm25 weighs them 10, 4, 1
and 0.5. A query word of four letters or more matches by its stem as a prefix ("verreken*"
also finds "verrekeningsmodel"); shorter words, abbreviations such as GR or BEL, match whole.
Words adjacent as in the query count once more as a phrase, so an exact phrase ranks first.
A trigger removes an item's row when the item is deleted, whichever way it is deleted.
"""

from django.db import connection

from ..text import stem, stemmed_text, words

TABLE = "knowledge_search_fulltext"
ITEMS = "knowledge_search_knowledgeitem"
COLUMNS = ("title", "summary", "body", "file_text")
WEIGHTS = (10.0, 4.0, 1.0, 0.5)
MIN_PREFIX_WORD = 4
STORE_BATCH = 200

CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5({', '.join(COLUMNS)}, tokenize='unicode61')",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON {ITEMS}
        BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END""",
]
DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_delete", f"DROP TABLE IF EXISTS {TABLE}"]


def row_values(title, summary, search_text, file_text):
    """The four stemmed columns of an item."""
    return stemmed_text(title), stemmed_text(summary), stemmed_text(search_text), stemmed_text(file_text)


def store_rows(cursor, rows):
    """(id, title, summary, search_text, file_text) rows -> the FTS table, replacing old rows."""
    rows = list(rows)
    for start in range(0, len(rows), STORE_BATCH):
        batch = rows[start : start + STORE_BATCH]
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(row[0],) for row in batch])
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, %s)",
            [(row[0], *row_values(*row[1:])) for row in batch],
        )


def store(items):
    rows = items.values_list("pk", "title", "summary", "search_text", "file_text")
    with connection.cursor() as cursor:
        store_rows(cursor, rows.iterator(chunk_size=STORE_BATCH))


def _term(word):
    token = stem(word).replace('"', '""')
    return f'"{token}"*' if len(word) >= MIN_PREFIX_WORD else f'"{token}"'


def expression(variants):
    """The FTS5 query: any variant, each with all its words; plus each variant as a phrase."""
    alternatives = []
    for variant in variants:
        variant_words = words(variant)
        if not variant_words:
            continue
        alternatives.append("(" + " AND ".join(_term(word) for word in variant_words) + ")")
        if len(variant_words) > 1:
            alternatives.append('"' + " ".join(stem(word) for word in variant_words).replace('"', '""') + '"')
    return " OR ".join(alternatives)


def matching(items, variants):
    query = expression(variants)
    if not query:
        return items.none()
    return items.extra(
        tables=[TABLE],
        where=[f"{TABLE}.rowid = {ITEMS}.id", f"{TABLE} MATCH %s"],
        params=[query],
    )


def ranked(items, variants):
    """``items`` from ``matching``, with bm25 as ``rank`` (SQLite's bm25 is lower-is-better)."""
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    return items.extra(select={"rank": f"-bm25({TABLE}, {weights})"})
