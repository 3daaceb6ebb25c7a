"""Outputs: what the site generates from the whole collection.

Index pages (``indexes``, ``index_pages``), the search files (``search``), related
content, open-data exports and the feed, the generated Markdown pages and field
reference, each profile's support panel (``support_panel``), and ``atomic``, which
publishes a build all at once. Everything here is
computed from the whole collection, never from the pages rendered this time.
"""
