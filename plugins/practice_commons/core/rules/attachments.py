"""The files a profile attaches: inside its own folder, real files, of a known type, not huge.

An attachment is published beside the profile page and linked from it, so a
name that climbs out of the folder, a link to somewhere else on the disk, or
an executable type would publish what the contributor does not own or make the
site serve active content. The name itself is checked by the schema's
``format: attachment`` (core/rules/validate.py); this checks what is on disk.
"""

from __future__ import annotations

import stat
from pathlib import Path, PurePosixPath

from ..content.model import Profile
from .issues import Issue

# No .html, .svg or .js: served from the site's own address they could run script.
ATTACHMENT_TYPES = {".pdf", ".docx", ".xlsx", ".pptx", ".csv", ".txt", ".png", ".jpg", ".jpeg",
                    ".webp", ".odt", ".ods"}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def attachment_issues(root: Path, profiles: list[Profile], attachments: list[str]) -> list[Issue]:
    """Problems with the files profiles attach, and with stray files in profiles/.

    ``attachments`` are the non-Markdown files found under profiles/, repository-relative.
    """
    out: list[Issue] = []
    referenced: set[str] = set()
    folders = {p.folder: p for p in profiles if p.folder}
    for profile in profiles:
        for i, res in enumerate(profile.resources):
            if not res.file:
                continue
            field_name = f"resources[{i}].file"
            line = profile.line_of(("resources", i, "file"))
            if not profile.folder:
                out.append(Issue(profile.path, line, field_name,
                                 "attached files need the profile to have its own folder",
                                 f"move the profile to profiles/{profile.slug}/index.md and put "
                                 f"{res.file} beside it"))
                continue
            rel = f"{profile.folder}/{res.file}"
            target = root / rel
            suffix = PurePosixPath(res.file).suffix.lower()
            problem = None
            try:
                st = target.lstat()
            except OSError:
                problem = (f"attached file {res.file!r} is not in {profile.folder}/",
                           "add the file to the profile's folder, or fix the name")
            else:
                if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
                    problem = (f"attached file {res.file!r} is a link or a folder, not a file",
                               "replace it with the file itself")
                elif suffix not in ATTACHMENT_TYPES:
                    problem = (f"files of type {suffix or '(none)'} cannot be attached",
                               f"use one of: {', '.join(sorted(ATTACHMENT_TYPES))}")
                elif st.st_size > ATTACHMENT_MAX_BYTES:
                    problem = (f"attached file is {st.st_size / 1e6:.1f} MB; the limit is 10 MB",
                               "link to a copy hosted elsewhere with 'url:' instead")
            if problem:
                out.append(Issue(profile.path, line, field_name, *problem))
            else:
                referenced.add(rel)
    for rel in attachments:
        parts = PurePosixPath(rel).parts
        # profiles/<slug>/sub/a.pdf belongs to profiles/<slug>/, like profiles/<slug>/a.pdf.
        folder = "/".join(parts[:2]) if len(parts) > 2 else str(PurePosixPath(rel).parent)
        if folder not in folders and len(parts) > 2:
            if (root / folder / "index.md").is_file():
                continue  # its profile did not load; the profile's own issues say why
            out.append(Issue(rel, 1, None, f"{folder}/ has no index.md, so this file belongs "
                             "to no profile",
                             f"write the profile as {folder}/index.md and list the file in its "
                             "'resources:', or move the file"))
        elif folder not in folders:
            out.append(Issue(rel, 1, None, "only Markdown profiles (.md) belong in profiles/",
                             "rename it to .md if it is a profile, or put attachments in the "
                             "profile's own folder (profiles/<slug>/)"))
        elif rel not in referenced and not (root / rel).is_symlink():
            out.append(Issue(rel, 1, None, "this file is not attached to any resource, so it will "
                             "not be published", f"reference it as 'file:' in a resource of "
                             f"{folders[folder].path}, or remove it", severity="warning"))
        elif (root / rel).is_symlink() and rel not in referenced:
            out.append(Issue(rel, 1, None, "symbolic links are not allowed in profiles/",
                             "replace the link with the file itself"))
    return out
