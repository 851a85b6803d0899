"""Campaigns (专项行动) run as 双随机、一公开 (国办发〔2015〕58号): a plan of check matters,
a register of subjects and one of officers, a random draw anyone can re-run, tasks
for the officers drawn, and the results per matter for publication.

Modules: `algorithm` (the draw itself, pure and specified), `plans` (campaigns and
their matters), `registers` (officers, subject flags, the pinned snapshots),
`draws` (seed commitment, the signed draw, verification), `tasks` (tasks, starting
an inspection from one, results), `results` (coverage and the publication table),
`rules` (what the authorization table asks of these records), `records` (applying
their change-log entries). Nothing here imports Qt; the package's own __init__
imports nothing, so the store's apply step can use `records` without a cycle.
"""
