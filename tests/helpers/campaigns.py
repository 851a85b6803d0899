"""A bureau's campaign made with the services: subjects, officers, a plan, a draw."""

from inspector.campaign import draws, plans, registers
from inspector.subjects import add_subject
from inspector.uscc import complete

from .stores import SECRET


def code(number: int, region: str = "330100") -> str:
    """A valid credit code for the `number`th test subject."""
    return complete(f"91{region}{number:09d}"[:17])


def subjects(store, count: int, sector: str = "clinic", start: int = 0) -> list[dict]:
    return [add_subject(store, name=f"测试诊所{n:03d}", code=code(n), sector=sector,
                        address=f"某路{n}号", legal_rep=f"法人{n}", phone="0571-1234567")
            for n in range(start, start + count)]


def officers(store, names=("张三", "李四", "王五", "赵六"), sector: str = "clinic") -> list[dict]:
    return [registers.add_officer(store, name=name, badge=f"33010{n:04d}", department="执法一队",
                                  sectors=[sector])
            for n, name in enumerate(names)]


def campaign(store, ratio: str = "50%", rule: dict | None = None, self_check=False) -> dict:
    plan = plans.new_campaign(store, name="2026年诊所双随机抽查", authority="某县卫生健康局",
                              starts_on="2026-11-01", ends_on="2026-12-31", rule=rule)
    plans.add_matter(store, plan["id"], title="诊所执业资质检查", checklist="clinic",
                     ratio=ratio, basis="《医疗机构管理条例》第十四条", due_days=20,
                     self_check=self_check)
    return plan


SEED = "0f" * 32


def drawn(store, ratio: str = "50%", rule: dict | None = None, seed: str = SEED,
          self_check=False) -> tuple[dict, dict]:
    """A campaign drawn with a known seed: (the plan, the draw's statement)."""
    plan = campaign(store, ratio, rule, self_check)
    draws.commit(store, plan["id"], seed)
    return plan, draws.draw(store, plan["id"], secret=SECRET)
