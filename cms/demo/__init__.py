"""Demo content for local runs, tests and benchmarks (``manage.py seed_demo``)."""
