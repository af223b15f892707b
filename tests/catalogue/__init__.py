"""The catalogue of hostile documents that ``tests/test_catalogue.py`` builds.

``cases`` says what each case proves and what its build must give; ``documents``
writes the cases that are not kept as files (control characters, very large input);
``builds`` runs ``sphinx-build`` in-process and keeps what it printed.
"""
