"""Every text key used in the UI exists, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regsosek import access, i18n, ui

ROOT = Path(__file__).resolve().parents[1]
# t("key"), tr("key"), session.t("key"), i18n.t("key", lang)
KEY_CALL = re.compile(r"""\b(?:t|tr)\(\s*["']([A-Za-z0-9_]+)["']""")
UI_SOURCES = [ROOT / "app.py", ROOT / "regsosek" / "ui.py", *sorted((ROOT / "pages").glob("*.py"))]


def used_keys() -> set[tuple[str, str]]:
    found = set()
    for path in UI_SOURCES:
        for key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
            found.add((path.relative_to(ROOT).as_posix(), key))
    return found


def test_the_scan_finds_keys():
    assert len(used_keys()) > 20


@pytest.mark.parametrize("source, key", sorted(used_keys()))
def test_key_used_in_ui_exists(source, key):
    assert key in i18n.TEXT, f"{source} uses missing key {key!r}"


def test_keys_built_from_ids_exist():
    for page_id in (p for _, pages in ui.NAV_SECTIONS for p in pages):
        assert f"page_{page_id}_title" in i18n.TEXT
    for role in access.ROLES:
        assert f"role_{role}" in i18n.TEXT
    navigated = {p for _, pages in ui.NAV_SECTIONS for p in pages}
    assert navigated == {p for spec in access.ROLES.values() for p in spec.pages}


@pytest.mark.parametrize("key", sorted(i18n.TEXT))
def test_both_languages_present(key):
    indonesian, english = i18n.TEXT[key]
    assert indonesian.strip() and english.strip()
    assert set(re.findall(r"{(\w+)}", indonesian)) == set(re.findall(r"{(\w+)}", english))


def test_missing_key_raises():
    with pytest.raises(i18n.MissingTranslation):
        i18n.t("no_such_key", "id")


def test_indonesian_is_the_default_and_english_on_request():
    assert i18n.t("login_failed") == "Nama pengguna atau kata sandi salah."
    assert i18n.t("login_failed", "en") == "Wrong username or password."
    assert i18n.t("login_locked", "en", minutes=5) == "Too many failed attempts. Try again in 5 minutes."


def test_no_key_is_defined_twice():
    """A repeated key in the table literal silently drops one of the texts."""
    import ast
    from pathlib import Path

    source = Path(i18n.__file__).read_text(encoding="utf-8")
    table = next(node.value for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "TEXT")
    keys = [k.value for k in table.keys]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
