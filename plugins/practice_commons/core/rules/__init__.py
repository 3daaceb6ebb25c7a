"""Rules: the one schema, its vocabularies and words, and every check made on content.

The schema files (``schema/``) say what each field may hold; ``schema_text`` and
``messages`` bring their words from the catalogue of each language; ``formats`` is
the table of value formats. ``validate`` explains every problem (``fastcheck``
answers yes/no first), ``completeness``, ``bodycheck``, ``attachments`` and
``sanitize`` check what a schema cannot, and ``issues`` says each problem with its
file, line, field and fix.
"""
