"""Legal bases as check sheets write them: 《名称》第N条, Chinese numerals, 文号."""

import pytest

from inspector import legal_basis
from inspector.legal_basis import BasisError, chinese_number, number_value, parse, render


@pytest.mark.parametrize(("value", "text"), [
    (1, "一"), (10, "十"), (15, "十五"), (24, "二十四"), (100, "一百"), (101, "一百零一"),
    (110, "一百一十"), (1001, "一千零一"), (2024, "二千零二十四")])
def test_chinese_numbers_as_laws_print_them(value, text):
    assert chinese_number(value) == text
    assert number_value(text) == value


def test_every_article_number_reads_back():
    assert all(number_value(chinese_number(n)) == n for n in range(1, 10000))
    assert number_value("两百") == 200 and number_value("一百〇五") == 105


@pytest.mark.parametrize(("text", "bases"), [
    ("《医疗机构管理条例》第十五条、第二十四条",
     [{"law": "医疗机构管理条例", "articles": "第十五条、第二十四条"}]),
    ("《价格法》第二十四条第一款；《护士条例》第八条",
     [{"law": "价格法", "articles": "第二十四条第一款"},
      {"law": "护士条例", "articles": "第八条"}]),
    ("《产品质量法》第三十五条（八）、《计量法》第九条和《消费者权益保护法》第二十条",
     [{"law": "产品质量法", "articles": "第三十五条（八）"},
      {"law": "计量法", "articles": "第九条"},
      {"law": "消费者权益保护法", "articles": "第二十条"}]),
    ("《价格法》第15条", [{"law": "价格法", "articles": "第十五条"}]),
    ("《安全生产法》第六十五条第一款第（三）项",
     [{"law": "安全生产法", "articles": "第六十五条第一款第（三）项"}]),
    ("《实施细则》第四十条至第四十七条", [{"law": "实施细则", "articles": "第四十条至第四十七条"}]),
    ("《应急管理部办公厅关于更新烟花爆竹经营许可证式样的通知》（应急厅〔2020〕31号）",
     [{"law": "应急管理部办公厅关于更新烟花爆竹经营许可证式样的通知",
       "number": "应急厅〔2020〕31号"}]),
    ("《某通知》应急厅〔2020〕31号第三条",
     [{"law": "某通知", "number": "应急厅〔2020〕31号", "articles": "第三条"}]),
    ("《烟花爆竹 安全与质量》（GB 10631-2025）",
     [{"law": "烟花爆竹 安全与质量", "number": "GB 10631-2025"}]),
    ("", []),
])
def test_bases_are_read_into_law_number_and_articles(text, bases):
    assert parse(text) == bases


@pytest.mark.parametrize(("text", "part"), [
    ("价格法第十三条", "价格法第十三条"),
    ("见《价格法》第十三条", "见"),
    ("《价格法》第十三条、见附件", "《价格法》第十三条、见附件"),
    ("《价格法》第十三", "《价格法》第十三"),
])
def test_a_basis_that_cannot_be_read_is_refused_naming_the_part(text, part):
    with pytest.raises(BasisError) as caught:
        parse(text)
    assert str(caught.value) == part


def test_rendered_bases_read_back_for_every_shipped_checklist(checklist_dir):
    from inspector import checklists

    for checklist in checklists.load_bundled():
        for item in checklist.items:
            cited = [{k: b[k] for k in ("law", "number", "articles") if k in b}
                     for b in item.get("basis", [])]
            assert legal_basis.parse(render(item.get("basis", []))) == cited, item["id"]
