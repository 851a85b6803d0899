"""Document numbers (文号): a real sequence per issuing authority and year, allocated
offline without collisions.

A bureau (a supervisor's store) assigns each inspector a block of numbers for a
prefix and a year (`number_block` entries); an inspector's store issues the next
free number of its blocks when it writes a notice, and records it in the register
(`document` entries: number, day, subject, inspection, the content's digest). Both
travel in bundles, so the bureau's register fills as bundles come in, and a gap (a
number drawn and never used) or a duplicate is visible there (`check`). A number of
an on-site record block can also be reserved for a blank paper form (a `document`
reserve entry): the paper record transcribed later (补录) takes it.

`rules` holds the words and the arithmetic (a leaf); `register` the services.
"""

from .register import (
    Block,
    Issued,
    Issuer,
    Problem,
    Receiver,
    assign_block,
    blocks,
    bureau_of,
    check,
    documents,
    issue_number,
    issued_for,
    receiver_name,
    reserve_number,
    reserved,
)
from .rules import NOTICE, RECORD, TRANSFER, format_number

__all__ = ["NOTICE", "RECORD", "TRANSFER", "Block", "Issued", "Issuer", "Problem", "Receiver",
           "assign_block", "blocks", "bureau_of", "check", "documents", "format_number",
           "issue_number", "issued_for", "receiver_name", "reserve_number", "reserved"]
