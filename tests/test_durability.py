"""kill -9 while answering: the store stays whole and keeps every answer reported saved.

A scaled-down run of tests/reliability/kill_cycles.py (which runs a thousand cycles
and prints the figures)."""

from .reliability.kill_cycles import run

CYCLES = 24


def test_answers_reported_saved_survive_kill_9(tmp_path):
    figures = run(tmp_path / "kill.db", CYCLES, seed=13)
    assert figures.problems == []
    assert (figures.cycles, figures.lost, figures.integrity_failures) == (CYCLES, 0, 0)
    assert figures.committed > CYCLES  # the children got to answer, and were killed doing it
    assert figures.early_kills < CYCLES
