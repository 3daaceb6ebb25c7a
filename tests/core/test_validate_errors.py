"""One test per class of error a contributor can make, asserting the exact line."""

from __future__ import annotations

from tests.conftest import VALID_PROFILE
from tests.core.conftest import profile_with, texts

P = "profiles/lit.md"


def test_valid_profile_has_no_issues(load_files):
    result = load_files({P: VALID_PROFILE})
    assert result.issues == []
    (profile,) = result.collection.profiles
    assert profile.slug == "lit"
    assert profile.levels == (1, 3, 4)
    assert profile.school.state == "MA"


def test_yaml_syntax_error_names_line_and_column(load_files):
    bad = profile_with("  city: Lowell\n", "  city: Lowell: MA\n")
    (issue,) = load_files({P: bad}).issues
    assert (issue.path, issue.line, issue.field) == (P, 8, None)
    # libyaml and pure-Python PyYAML word the problem slightly differently.
    assert issue.message.startswith("YAML syntax error, column 15: mapping values are not allowed")
    assert issue.hint == "a value contains ': ' — put the whole value in double quotes"


def test_missing_front_matter(load_files):
    assert texts(load_files({P: "# Just a heading\n"})) == [
        "profiles/lit.md:1: missing front matter — start the file with a line '---', the "
        "fields, then another '---'"]


def test_unclosed_front_matter(load_files):
    assert texts(load_files({P: "---\ntitle: Something\n\n# Body\n"})) == [
        "profiles/lit.md:1: front matter opened on line 1 is never closed — add a line with "
        "just '---' after the last field"]


def test_unknown_key_suggests_the_nearest(load_files):
    bad = profile_with("status: published", "status: published\nsumary: typo")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:37: field 'sumary': unknown field — did you mean 'summary'?"]


def test_wrong_type(load_files):
    bad = profile_with("topics: [literacy, family-engagement]", "topics: literacy")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:11: field 'topics': should be a list, not text 'literacy' — write it "
        "as a list, one '- value' per line under the field"]


def test_missing_required_field(load_files):
    bad = profile_with("  sector: charter\n", "")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:4: field 'school.sector': required field is missing under 'school' — "
        "add 'sector:' with the kind of school"]


def test_empty_required_field(load_files):
    bad = profile_with("title: Family Literacy Nights", "title:")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:2: field 'title': is empty — fill it in, or remove the line if the "
        "field is optional"]


def test_value_outside_vocabulary_suggests(load_files):
    bad = profile_with("topics: [literacy, family-engagement]", "topics: [literacy, ELL, famly-engagement]")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:11: field 'topics[1]': unknown topic 'ELL' — did you mean 'english-learners'?",
        "profiles/lit.md:11: field 'topics[2]': unknown topic 'famly-engagement' — did you mean "
        "'family-engagement'?",
    ]


def test_summary_over_the_limit(load_files):
    long = "word " * 80
    bad = profile_with("summary: Monthly", f"summary: {long}Monthly")
    (issue,) = load_files({P: bad}).issues
    assert (issue.line, issue.field) == (3, "summary")
    assert issue.message.startswith("is too long (") and "at most 320" in issue.message
    assert issue.hint.startswith("shorten it by ")


def test_bad_date(load_files):
    bad = profile_with("submitted: 2024-09-01", "submitted: 2024-02-30")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:37: field 'submitted': '2024-02-30' is not a real date — check the "
        "month (01–12) and day"]
    bad = profile_with("submitted: 2024-09-01", "submitted: 1 Sept 2024")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:37: field 'submitted': '1 Sept 2024' is not a date — write dates as "
        "YYYY-MM-DD, e.g. 2025-03-01"]


def test_date_in_the_future(load_files):
    bad = profile_with("last_reviewed: 2025-02-01", "last_reviewed: 2030-02-01")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:38: field 'last_reviewed': 2030-02-01 is in the future — use the date "
        "it actually happened"]


def test_bad_email(load_files):
    bad = profile_with("families@riverside.example.org", "families(at)riverside")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:35: field 'contact.email': 'families(at)riverside' is not an email "
        "address — write it as name@example.org"]


def test_bad_urls(load_files):
    bad = profile_with("https://video.example.org/literacy-nights", "javascript:alert(1)")
    bad = bad.replace("https://riverside.example.org", "riverside dot org")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:10: field 'school.website': 'riverside dot org' is not a web address — "
        "write the full address, starting with https://",
        "profiles/lit.md:18: field 'resources[0].url': links must start with https:// or "
        "http://, not javascript: — use the page's full web address",
    ]


def test_duplicate_slugs(load_files):
    other = profile_with("title: Family Literacy Nights", "title: Another\nslug: lit")
    result = load_files({P: VALID_PROFILE, "profiles/zz-other.md": other})
    assert texts(result) == [
        "profiles/zz-other.md:3: field 'slug': profile slug 'lit' is already used by "
        "profiles/lit.md — give one of them a different file name or 'slug:'"]


def test_cross_reference_to_missing_content(load_files):
    bad = profile_with("status: published", "status: published\ncase_studies: [my-school-dc]")
    assert texts(load_files({P: bad})) == [
        "profiles/lit.md:37: field 'case_studies[0]': no case study with slug 'my-school-dc' — "
        "check the slug of the case study you mean"]


def test_file_not_utf8(load_files):
    raw = VALID_PROFILE.replace("Lowell", "Lowéll").encode("latin-1")
    assert texts(load_files({P: raw})) == [
        "profiles/lit.md:8: file is not UTF-8 text — save it with UTF-8 encoding (in most "
        "editors: Save As → Encoding → UTF-8)"]


def test_non_markdown_file_in_profiles(load_files):
    result = load_files({P: VALID_PROFILE, "profiles/lit.docx": b"PK\x03\x04"})
    assert texts(result) == [
        "profiles/lit.docx:1: only Markdown profiles (.md) belong in profiles/ — rename it to "
        ".md if it is a profile, or put attachments in the profile's own folder "
        "(profiles/<slug>/)"]


def test_every_problem_is_reported_in_one_run(load_files):
    bad = (profile_with("state: MA", "state: Mass")
           .replace("format: video", "format: vidoe")
           .replace("status: published", "status: live"))
    result = load_files({P: bad, "profiles/b.md": "no front matter\n"})
    fields = [(i.path, i.field) for i in result.issues]
    assert fields == [
        ("profiles/b.md", None),
        ("profiles/lit.md", "school.state"),
        ("profiles/lit.md", "resources[0].format"),
        ("profiles/lit.md", "status"),
    ]
    assert result.collection.profiles == ()  # nothing half-valid is published


def test_crlf_and_bom_are_accepted(load_files):
    raw = ("\ufeff" + VALID_PROFILE).replace("\n", "\r\n").encode("utf-8")
    result = load_files({P: raw})
    assert result.issues == []
    assert result.collection.profiles[0].title == "Family Literacy Nights"
