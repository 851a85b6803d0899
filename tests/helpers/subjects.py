"""Subjects and registers the tests share."""

from ..conftest import VALID_CODE

CODE_B = "91350100M000100Y43"  # a second valid credit code

REGISTER = [
    ["序号", "企业名称", "统一社会信用代码", "注册地址", "法定代表人", "联系电话", "备注", "行业"],
    ["1", "杭州讯达信息技术有限公司", VALID_CODE, "杭州市西湖区文三路478号", "周建国",
     "0571-88216630", "重点", "测试行业"],
    ["2", "坏代码公司", "91110108MA01ABCD5X", "某地", "某人", "", "", "测试行业"],
    ["3", "福州某某有限公司", CODE_B, "福州市鼓楼区", "林某", "", "", "mini"],
    ["4", "", "", "", "", "", "", ""],
    # a valid code (check character X) with a sector no checklist has
    ["5", "没有行业的公司", "91330106MA2AXXXX0X", "", "", "", "", "面包房"],
]
