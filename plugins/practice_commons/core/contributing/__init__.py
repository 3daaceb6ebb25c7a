"""Contributing: the ways a school adds a profile.

The submission form's description (``formspec``), the commented skeleton and the
file writer (``scaffold``), and the spreadsheet import (``sheetfile``,
``spreadsheet``).
"""
