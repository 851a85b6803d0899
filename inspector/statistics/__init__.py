"""The monthly report (统计报表): per period, area and unit, per sector, what was
done, found, ordered and rectified, and what the tool cannot know (entered by hand).

Modules: `periods` (month, quarter, campaign as Beijing days and UTC bounds),
`figures` (the registry of named figures: where each comes from), `compute` (the
one place the figures are counted; the UI, the CLI and the exports ask it),
`manual` (figures and typical cases entered by hand), `records` (applying their
change-log entries), `spreadsheet` (XLSX: the default table, or a user's template
filled through a mapping file), `pdf` (the report with its cover block and seal
area), `cli`. No Qt here; this file imports nothing, so the store's apply step can
use `records` without a cycle.
"""
