"""``practice-commons/submit``: the "Submit a profile" page at ``/submit/``.

The page's form is generated from the profile schema (``core/contributing/formspec.py``) and
checked in the browser by a port of the validator. With a GitHub repository
configured, the finished file opens in GitHub's "create new file" page, which
forks the repository and opens a pull request for the contributor; without one,
the page offers copy and download.

    plugins:
      - practice-commons/submit:
          repository: my-state/practice-commons   # default: taken from repo_url
          branch: main
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlencode

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core.content.slug import char_table
from ..core.contributing import formspec
from ..core.contributing.scaffold import BODY_SECTIONS
from ..core.outputs.pages import front_matter
from . import shared

# The transliteration table the form makes file names with (core/content/slug.py), beside its script.
SLUG_TABLE = "practice-commons/assets/submit/slug-chars.txt"
REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
GITHUB_URL = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")


class SubmitConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the page off."""
    repository = c.Type(str, default="")
    """GitHub repository (owner/name) that receives profiles. Empty: from repo_url when it
    is a github.com address; otherwise the page offers copy and download only."""
    branch = c.Type(str, default="main")
    """Branch the pull requests go to."""
    page = c.Type(str, default="submit/index.md")
    """Where the page goes among the site's files."""
    profiles_dir = c.Type(str, default="profiles")
    """Folder of profiles in the repository (as for practice-commons/profiles)."""


class SubmitPlugin(BasePlugin[SubmitConfig]):
    def __init__(self) -> None:
        self.repository = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        repo = self.config.repository.strip()
        if not repo and config.repo_url:
            match = GITHUB_URL.match(config.repo_url.strip())
            repo = match.group(1) if match else ""
        if repo and not REPO.match(repo):
            raise PluginError(f"practice-commons/submit: repository {repo!r} should be "
                              "'owner/name', e.g. my-state/practice-commons")
        self.repository = repo
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        t = shared.ui_strings(config)
        content = front_matter({"title": t["submit_title"], "description": t["submit_intro"],
                                "template": "practice_commons/submit.html"})
        files.append(File.generated(config, self.config.page, content=content))
        files.append(File.generated(config, SLUG_TABLE, content=char_table()))
        return files

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled or page.file.src_uri != self.config.page:
            return None
        t = shared.ui_strings(config)
        contact = ((config.extra or {}).get("host") or {}).get("contact")
        states = shared.published_states(config)  # a state-scoped site offers only those
        data = formspec.page_data(t, self.repository, self.config.branch, self.config.profiles_dir,
                                  contact if isinstance(contact, dict) else None, states,
                                  slug_table=get_relative_url(SLUG_TABLE, page.url),
                                  language=shared.language(config))
        # "</script>" inside the JSON would end the element: escape what HTML reads.
        data_json = (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
                     .replace(">", "\\u003e").replace("&", "\\u0026"))
        fields = formspec.build(t, shared.collection_for(config, self.config.profiles_dir),
                                shared.vocab(config), shared.language(config), states)
        context["pc_submit"] = {
            "t": t,
            "steps": formspec.steps(fields),
            "step_titles": [t[f"submit_step_{n}"] for n in range(1, len(formspec.STEPS) + 1)],
            "sections": BODY_SECTIONS,
            "repository": self.repository,
            "data_json": data_json,
            "issue_link": Markup('<a href="{}">{}</a>').format(
                self._github("issues/new", {"template": "profile.yml"}), t["submit_issue_link"])
            if self.repository else None,
            "contact": _contact_link(config),
        }
        return context

    def _github(self, where: str, query: dict[str, str]) -> str:
        if not self.repository:
            return ""
        return f"https://github.com/{self.repository}/{where}?{urlencode(query, quote_via=quote)}"


def _contact_link(config: MkDocsConfig) -> Markup | None:
    """A link to the host's contact (``extra.host.contact``), where a contributor without
    a GitHub account sends the file; None when the host has set none."""
    contact = ((config.extra or {}).get("host") or {}).get("contact") or {}
    if not isinstance(contact, dict):
        return None
    email, url = contact.get("email"), contact.get("url")
    name = contact.get("name") or email or url
    if email:
        return Markup('<a href="mailto:{}" data-pc-contact="email">{}</a>').format(email, name)
    if url and str(url).startswith(("https://", "http://")):
        return Markup('<a href="{}" data-pc-contact="url">{}</a>').format(url, name)
    return None
