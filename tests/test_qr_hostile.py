"""QR statements against hostile input (issue #13): whatever text is offered to
`verify --qr`, the answer is a verified statement or one clear line, never a
traceback; and a statement has one spelling (low-S), so no changed byte passes."""

import base64
import contextlib
import io
import json

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector import attest, identity
from inspector.cli import main
from inspector.reports import report_content
from inspector.signing import statement

from .helpers.stores import SECRET, make_store


@pytest.fixture(scope="module")
def signer(tmp_path_factory):
    """A store with an inspector's key, and that key."""
    store = make_store(tmp_path_factory.mktemp("qr") / "qr.db", "张伟", "inspector")
    me, key = identity.signing_key(store, SECRET)
    yield store, me, key
    store.close()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def signed(raw: bytes, key, *, high_s: bool = False) -> str:
    """A QR text for exactly these payload bytes, signed by `key` (low-S unless asked)."""
    r, s = decode_dss_signature(key.sign(raw, ec.ECDSA(hashes.SHA256())))
    s = max(s, attest.ORDER - s) if high_s else min(s, attest.ORDER - s)
    return f"{attest.PREFIX}.{b64(raw)}.{b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def payload(me, **facts) -> bytes:
    return json.dumps({"f": me.fingerprint[:16], **facts}, separators=(",", ":")).encode()


def verify_qr(store, text: str) -> tuple[int, str, str]:
    """`inspector verify --qr TEXT`: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(store.path), "verify", "--qr", text])
    return code, out.getvalue(), err.getvalue()


def assert_refused(store, text: str) -> str:
    code, _, err = verify_qr(store, text)
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_empty_qr_text_is_a_malformed_code(signer):
    assert "not a valid verification code" in assert_refused(signer[0], "")


def test_deeply_nested_payload_is_refused(signer):
    store, me, key = signer
    deep = b'{"f":"' + me.fingerprint[:16].encode() + b'","s":' + b"[" * 1200 + b"]" * 1200 + b"}"
    assert "not a valid verification code" in assert_refused(store, signed(deep, key))


def test_huge_numbers_are_refused(signer):
    store, me, key = signer
    for number in ("9" * 2000, "1e999999", "-" + "9" * 40):
        raw = b'{"f":"%s","r":"x","s":{"a":%s}}' % (me.fingerprint[:16].encode(), number.encode())
        assert "not a valid verification code" in assert_refused(store, signed(raw, key))


def test_texts_no_qr_code_can_hold_are_refused_unread(signer):
    store, me, key = signer
    raw = payload(me, r="x", n="名" * 3000)
    assert "not a valid verification code" in assert_refused(store, signed(raw, key))


def test_facts_of_the_wrong_type_are_refused(signer):
    store, me, key = signer
    for facts in ({"k": ["inspection"]}, {"r": {"a": 1}}, {"s": {"a": True}}, {"s": [1]},
                  {"d": 20261120}, {"draft": "yes"}):
        assert "not a valid verification code" in assert_refused(
            store, signed(payload(me, **{"r": "x", **facts}), key))


def test_days_at_the_ends_of_the_calendar_are_no_error(signer):
    store, me, key = signer
    for day in ("0001-01-01", "9999-12-31"):
        code, out, err = verify_qr(store, signed(payload(me, r="x", k="inspection", d=day), key))
        assert code == 0 and day in out and not err


def test_a_fingerprint_that_is_not_one_is_refused(signer):
    store, me, key = signer
    for fp in ("", me.fingerprint[:8], me.fingerprint[:16].upper(), "\n" * 16):
        raw = json.dumps({"f": fp, "r": "x"}).encode()
        assert "not a valid verification code" in assert_refused(store, signed(raw, key))


# --- one spelling: low-S ----------------------------------------------------------


def test_statements_are_signed_low_s(signer):
    _, me, key = signer
    for n in range(40):  # a high S comes half the time unless it is made low
        text = attest.make({"r": f"report-{n}"}, me, key)
        signature = base64.urlsafe_b64decode(text.split(".")[2] + "==")
        assert int.from_bytes(signature[32:], "big") <= attest.ORDER // 2


def test_the_high_s_twin_of_a_statement_is_refused(signer):
    """(r, n - s) verifies for ECDSA just as (r, s) does: the twin is another byte
    string that means the same, so it is refused."""
    store, me, key = signer
    raw = payload(me, r="x", k="inspection", d="2026-11-20")
    low, high = signed(raw, key), signed(raw, key, high_s=True)
    assert attest.check(low, store)[0]["r"] == "x"
    err = assert_refused(store, high)
    assert "not in its one canonical form" in err and "verify its signed PDF" in err


def test_older_high_s_statement_verifies_inside_its_signed_pdf(signer, tmp_path, mini):
    """A report signed before statements went low-S has a high-S one half the time;
    the PDF's signature covers its bytes, so there it still verifies."""
    from inspector import inspections, pdfsign
    from inspector.reports import render_inspection_report
    from inspector.signing import verify_report
    from inspector.subjects import add_subject

    from .helpers.subjects import VALID_CODE

    store, me, key = signer
    add_subject(store, name="德清县吉祥烟花爆竹零售店", code=VALID_CODE, sector="mini")
    started = inspections.start(store, subject=VALID_CODE, checklist=mini,
                                inspectors=["张伟", "李娜"])
    facts = statement(report_content(store, started))
    body = json.dumps({**facts, "f": me.fingerprint[:16]}, ensure_ascii=False,
                      separators=(",", ":"), sort_keys=True).encode()
    old = signed(body, key, high_s=True)
    pdf = pdfsign.sign(render_inspection_report(store, started, qr_text=old), me, key,
                       reason="report", qr_text=old)
    assert verify_report(store, pdf, "old.pdf").statement.facts["r"] == started
    assert "not in its one canonical form" in assert_refused(store, old)


# --- fuzz: a bounded run over the decoder -----------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)
FACTS = st.dictionaries(st.sampled_from(["r", "c", "n", "d", "k", "s", "h", "draft", "x"]),
                        JSON, max_size=6)


@st.composite
def qr_texts(draw, me, key):
    """Anything a camera or a hand could give: text, bytes in the right frame,
    JSON of any shape, signed or not by a trusted key."""
    kind = draw(st.sampled_from(["text", "framed", "json", "signed", "nested"]))
    if kind == "text":
        return draw(st.text(max_size=200))
    if kind == "framed":
        return f"INSP1.{b64(draw(st.binary(max_size=300)))}.{b64(draw(st.binary(max_size=80)))}"
    if kind == "nested":
        depth = draw(st.integers(1, 2000))
        raw = b'{"f":"%s","s":%s}' % (me.fingerprint[:16].encode(), b"[" * depth + b"]" * depth)
        return signed(raw, key)
    facts = draw(FACTS)
    raw = json.dumps({"f": me.fingerprint[:16], **facts}).encode()
    if kind == "json":
        return f"INSP1.{b64(raw)}.{b64(draw(st.binary(min_size=64, max_size=64)))}"
    return signed(raw, key)


def test_fuzz_the_decoder_never_raises(signer):
    store, me, key = signer

    @settings(max_examples=150, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(text=qr_texts(me, key))
    def run(text):
        code, _, err = verify_qr(store, text)
        assert code in (0, 1)
        if code == 1:
            assert err.count("\n") == 1 and "Traceback" not in err

    run()
