"""Credit consequences (信用监管): what inspections lead to for a subject's credit.

A subject's credit record is the history of its inspections, findings,
rectifications and the decisions about it. Rules written as data (`rulesets`)
propose listings from facts: a critical item overdue after a rejected review, a
company not reachable at its registered address (a campaign task's result), a
heavier penalty an officer entered. A supervisor decides a proposal, only after the
party was notified (拟列入告知书) and its time to state its case (陈述申辩) ran;
the listing takes effect after that time. A company applies for credit repair
(信用修复); a repaired listing leaves publication and stays in the history.

Modules: `records` (applying the change-log entries), `rules` (what the
authorization table asks of them), `rulesets` (proposal rules as data), `service`
(proposing, notifying, deciding, repairing, the record), `notice_pdf` (the notice),
`exports` (publication and sharing files), `cli`. Nothing here imports Qt; this
__init__ imports nothing, so the store's apply step can use `records` without a cycle.
"""
