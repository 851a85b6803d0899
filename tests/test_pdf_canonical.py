"""The signature value of a signed report has one spelling (issue #13): /Contents is
the one string a PDF signature cannot cover, and PDF readers take it in lower case,
with other padding or with a looser encoding of the same CMS. Each such change of
bytes is refused, as any other changed byte is."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from inspector import inspections
from inspector.cli import main
from inspector.signing import issue_report
from inspector.subjects import add_subject

from .helpers.stores import SECRET, make_store
from .helpers.subjects import VALID_CODE


@pytest.fixture
def signed(tmp_path, mini):
    """A store and the signed report of its completed inspection."""
    store = make_store(tmp_path / "store.db", "张伟", "inspector")
    add_subject(store, name="德清县吉祥烟花爆竹零售店", code=VALID_CODE, sector="mini")
    started = inspections.start(store, subject=VALID_CODE, checklist=mini,
                                inspectors=["张伟", "李娜"])
    inspections.record_answer(store, started, "m-01", "no", note="许可证过期")
    inspections.record_answer(store, started, "m-03", "shop")
    inspections.record_answer(store, started, "m-05", 20)
    inspections.record_answer(store, started, "m-06", ["sand"])
    from inspector.evidence import add_evidence

    add_evidence(store, started, "m-07", b"not a picture", mime="image/jpeg")
    inspections.complete(store, started)
    path = tmp_path / "report.pdf"
    issue_report(store, started, path, secret=SECRET)
    yield store, path
    store.close()


def contents_span(pdf: bytes) -> tuple[int, int]:
    """Where the hex string of the signature value lies: between the signed ranges."""
    signature = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures[0]
    return signature.byte_range[1], signature.byte_range[2]


def respelled(pdf: bytes, change) -> bytes:
    """`pdf` with its signature value's hex string rewritten by `change` (same length)."""
    start, end = contents_span(pdf)
    gap = change(pdf[start:end])
    assert len(gap) == end - start and gap != pdf[start:end]
    return pdf[:start] + gap + pdf[end:]


def lower_case(gap: bytes) -> bytes:
    return gap.lower()


def other_padding(gap: bytes) -> bytes:
    return gap[:-3] + b"10>"


def longer_length(gap: bytes) -> bytes:
    """The same CMS with its outer length in one byte more (valid BER, not DER),
    one byte of padding less."""
    value = bytes.fromhex(gap[1:-1].decode())
    assert value[:2] == b"\x30\x82"  # a SEQUENCE of 256..65535 bytes
    value = b"\x30\x83\x00" + value[2:-1]
    return b"<" + value.hex().upper().encode() + b">"


def verify(store, path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    from contextlib import redirect_stderr, redirect_stdout

    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--db", str(store.path), "verify", str(path)])
    return code, err.getvalue()


def test_the_report_as_written_verifies(signed):
    store, path = signed
    assert verify(store, path) == (0, "")


@pytest.mark.parametrize("change", [lower_case, other_padding, longer_length])
def test_another_spelling_of_the_signature_value_is_refused(signed, tmp_path, change):
    store, path = signed
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(respelled(path.read_bytes(), change))
    code, err = verify(store, changed)
    assert code == 1 and err == f"{changed}: the signature value is not in canonical form: " \
                                "it was changed after signing\n"
