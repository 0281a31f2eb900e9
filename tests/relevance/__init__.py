"""The judged relevance set of issue #12 and how search is measured against it (``make relevance``)."""
