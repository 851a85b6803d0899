"""The desktop package's menu entry and bundle file type (packaging/linux/): the
shared-mime-info rules tell a real exported bundle from any other zip, and the menu
entry opens that type. scripts/test-package checks the same in an installed system."""

import configparser
import struct
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from inspector import inspections
from inspector.evidence import add_evidence
from inspector.subjects import add_subject

from .conftest import VALID_CODE
from .helpers.stores import export, make_store

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def mime_type() -> ET.Element:
    (kind,) = ET.parse(LINUX / "inspector-bundle.xml").getroot().findall("m:mime-type", NS)
    return kind


def matches(rule: ET.Element, data: bytes) -> bool:
    """One <match> as shared-mime-info reads it: its value at its offset, and then
    any one of the matches inside it."""
    offset, value = int(rule.get("offset")), rule.get("value")
    expected = {"string": lambda: value.encode("latin-1").decode("unicode_escape")
                .encode("latin-1"),
                "little16": lambda: struct.pack("<H", int(value))}[rule.get("type")]()
    inner = rule.findall("m:match", NS)
    return data[offset:offset + len(expected)] == expected and (
        not inner or any(matches(r, data) for r in inner))


def is_bundle(path: Path) -> bool:
    data = path.read_bytes()
    return any(matches(rule, data) for rule in mime_type().findall("m:magic/m:match", NS))


@pytest.fixture
def bundles(tmp_path, mini) -> tuple[Path, Path]:
    """A bundle of records only, and one that carries a photo (its members first)."""
    store = make_store(tmp_path / "a.db", "张伟", "inspector")
    records_only = export(store, tmp_path / "records.zip")
    subject = add_subject(store, name="德清县吉祥烟花爆竹零售店", code=VALID_CODE, sector="mini")
    inspection = inspections.start(store, subject=subject["id"], checklist=mini,
                                   inspectors=["张伟", "李娜"])
    add_evidence(store, inspection, "m-07", b"\xff\xd8jpeg", mime="image/jpeg")
    with_photo = export(store, tmp_path / "photo.zip")
    store.close()
    return records_only, with_photo


def test_exported_bundles_are_of_the_bundle_type(bundles):
    records_only, with_photo = bundles
    assert zipfile.ZipFile(with_photo).namelist()[0].startswith("blobs/")  # both rules used
    assert is_bundle(records_only) and is_bundle(with_photo)


def test_other_zip_files_are_not(tmp_path, bundles):
    records_only, _ = bundles
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("entries.json", "{}")  # a near miss
        for name in zipfile.ZipFile(records_only).namelist():
            archive.writestr(f"copy/{name}", "")
    assert not is_bundle(other)
    assert not is_bundle(records_only.parent / "a.db")
    (glob,) = mime_type().findall("m:glob", NS)  # below application/zip's: a zip stays a zip
    assert glob.get("pattern") == "*.zip" and int(glob.get("weight")) < 50


def test_the_menu_entry_opens_bundles_in_chinese_and_english():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / "inspector.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["MimeType"].rstrip(";").split(";") == [mime_type().get("type")]
    assert desktop["Exec"] == "inspector %F"  # bundle files as arguments: cli.is_bundle_path
    assert desktop["Name"] == "Inspector" and desktop["Name[zh_CN]"]
    assert desktop["Icon"] == "inspector"
