"""Hosting: what a host sets and sees.

The host's settings (``host_settings``) and image files (``host_files``), brand
colors (``colors``), the state scope (``states``, ``scope``) and what it lets be
published (``publishing``), the support route (``support``), interface language
(``i18n``), freshness of profiles (``freshness``), the maintainer's report
(``report``) and the dependency watch (``dependencies``).
"""
