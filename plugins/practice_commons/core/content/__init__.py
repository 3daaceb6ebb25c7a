"""Content: files on disk become documents, then typed records and the collection.

``frontmatter`` splits a file and keeps each key's line (``yaml_values`` builds the
values); ``loader`` finds every file, checks all of them (``filecheck``, with the
rules of :mod:`..rules`, kept by content hash in ``filecache``) and, only if none is
refused, builds the records (``records``, ``model``) and the
:class:`~.collection.Collection` with its cross-references. ``names`` and ``slug``
keep file names and web addresses usable on every disk; ``synthetic`` makes a valid
corpus of any size for the benchmarks.
"""
