"""Subjects sort by their names' pinyin (a stored key), in the lists of the CLI and the app."""

import json
import subprocess
import sys

import pytest

from inspector import queries, uscc
from inspector.cli import main
from inspector.migrations import MIGRATIONS
from inspector.sortkey import sort_key
from inspector.store import Store
from inspector.subjects import add_subject, list_subjects, update_subject


def code(n: int) -> str:
    return uscc.complete(f"91330100MA2{n:06d}")


@pytest.mark.parametrize("names", [
    ["安", "北", "中"],
    ["阿里巴巴", "Apple公司", "北京同仁堂", "zeta 科技", "中石化"],  # Latin among the pinyin
    ["58同城", "ABC 科技", "abc零售", "安徽"],  # digits first; case does not count
    ["安", "安徽", "安徽省"],  # a name before its longer forms
    ["曾记烧腊", "张三丰", "中"],  # a shop named after its owner: 曾 zeng as a surname
])
def test_keys_order_names_as_read(names):
    assert sorted(reversed(names), key=sort_key) == names


def test_keys_are_total_and_fold_width():
    assert sort_key("张三") != sort_key("章三")  # homophones: still one order everywhere
    assert sort_key("ＡＢＣ　公司").split("\x1f")[0] == sort_key("abc 公司").split("\x1f")[0]


NAMES = ["中关村电子", "北京烤鸭店", "Apple 维修", "安吉白茶", "阿里诊所"]
PINYIN_ORDER = ["阿里诊所", "安吉白茶", "Apple 维修", "北京烤鸭店", "中关村电子"]


@pytest.fixture
def shops(store, mini):
    return [add_subject(store, name=name, code=code(n), sector="mini")
            for n, name in enumerate(NAMES)]


def test_lists_sort_by_pinyin(store, shops, db_path, capsys):
    assert [s["name"] for s in list_subjects(store)] == PINYIN_ORDER
    page = queries.subjects_page(store, queries.SubjectFilter(), 0, 100)
    assert [s["name"] for s in page] == PINYIN_ORDER
    store.close()
    assert main(["--db", str(db_path), "subjects", "list", "--json"]) == 0
    assert [s["name"] for s in json.loads(capsys.readouterr().out)] == PINYIN_ORDER


def test_a_renamed_subject_moves(store, shops):
    update_subject(store, shops[4]["id"], name="左岸咖啡")  # 阿里诊所, now zuo: last
    assert [s["name"] for s in list_subjects(store)] == [*PINYIN_ORDER[1:], "左岸咖啡"]


def test_the_list_is_read_in_its_index(store, shops):
    sql = ("EXPLAIN QUERY PLAN SELECT id FROM subjects s ORDER BY s.sort_key, s.id "
           "LIMIT 100")
    plan = " ".join(row[-1] for row in store.conn.execute(sql))
    assert "subjects_sort_key" in plan and "TEMP B-TREE" not in plan


def test_migration_fills_the_keys_of_existing_subjects(tmp_path, monkeypatch, checklist_dir):
    from inspector import store as store_module

    before = [name for name, _ in MIGRATIONS].index("subject sort key")
    path = tmp_path / "old.db"
    with monkeypatch.context() as old:
        old.setattr(store_module, "MIGRATIONS", MIGRATIONS[:before])
        old.setattr(store_module, "SCHEMA_VERSION", before)
        with Store(path) as made, made.transaction() as conn:
            conn.executemany(
                "INSERT INTO subjects (id, name, uscc, sector, rev, rev_at, created_at, "
                "updated_at, device_id) VALUES (?, ?, ?, 'mini', 'r', 't', 't', 't', 'd')",
                [(f"s{n}", name, code(n)) for n, name in enumerate(NAMES)])
    with Store(path) as after:
        assert after.schema_version() == len(MIGRATIONS)
        assert [s["name"] for s in list_subjects(after)] == PINYIN_ORDER


def test_reading_the_list_does_not_load_pypinyin(store, shops, db_path):
    """pypinyin takes a fifth of a second to import: only writing a subject needs it."""
    store.close()
    probe = ("import sys; from inspector.store import Store; "
             "from inspector import queries; from inspector.subjects import list_subjects\n"
             f"with Store({str(db_path)!r}) as s:\n"
             "    list_subjects(s); queries.subjects_page(s, queries.SubjectFilter(), 0, 9)\n"
             "print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
