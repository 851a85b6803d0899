"""Trust at a county's scale: a supervisor's store holding N enrolments (an inspector
enrolled N companies), against the same store with none, in the same run.

Times `trusted_signers` (every import and every `verify` asks it) and the import of
one small bundle from one of the enrolled companies, each as the median of five.

    python tests/benchmarks/bench_trust.py [COMPANIES]
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from inspector import i18n, identity, ids, sync, trust_chain
from inspector.store import Store

FAST = {"n": 2**10, "r": 8, "p": 1}
SECRET = "benchmark secret for trust"
CODE = "91330106MAQJWYLF58"
ROUNDS = 5


def store(path: Path, name: str, role: str, code: str | None = None) -> Store:
    made = Store(path)
    identity.init_identity(made, name=name, role=role, org="某县市场监督管理局", secret=SECRET,
                           kdf=FAST, code=code)
    return made


def company_pem(n: int) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = identity._certificate(key, ids.uuid7(), f"企业{n}", "company", None, CODE)
    return cert.public_bytes(serialization.Encoding.PEM)


def fp_of(pem: bytes) -> str:
    return identity.fingerprint(identity.load_certificate(pem, "-"))


def median_time(run) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_cost(folder: Path, receiver: Path, bundle: Path) -> float:
    """One import into a fresh copy of `receiver` each round (an import changes it)."""
    times = []
    for n in range(ROUNDS):
        copy = folder / f"copy-{receiver.stem}-{n}.db"
        with Store(receiver) as source:
            source.conn.execute(f"VACUUM INTO '{copy}'")
        with Store(copy) as target:
            start = time.perf_counter()
            sync.import_bundle(target, bundle)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def supervisor_holding(folder: Path, company: Store, companies: int) -> Path:
    """A supervisor's store that trusts one inspector and holds its enrolment of
    `company` and of `companies` others."""
    inspector = store(folder / f"inspector-{companies}.db", "张伟", "inspector")
    start = time.perf_counter()
    for n in range(companies):
        pem = company_pem(n)
        trust_chain.vouch(inspector, pem, "-", expected=fp_of(pem), code=CODE, secret=SECRET)
    if companies:
        print(f"{companies} enrolments written in {time.perf_counter() - start:.1f} s")
    pem = identity.export_public(company)
    trust_chain.vouch(inspector, pem, "-", expected=fp_of(pem), code=CODE, secret=SECRET)
    statements = folder / f"inspector-{companies}.zip"
    me, key = identity.signing_key(inspector, SECRET)
    sync.export(inspector, statements, me, key)
    path = folder / f"supervisor-{companies}.db"
    with store(path, "陈静", "supervisor") as supervisor:
        identity.trust(supervisor, identity.export_public(inspector))
        sync.import_bundle(supervisor, statements)
    inspector.close()
    return path


def main(companies: int) -> None:
    i18n.set_language("en")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        company = store(folder / "company.db", "企业甲", "company", CODE)
        bundle = folder / "company.zip"
        me, key = identity.signing_key(company, SECRET)
        sync.export(company, bundle, me, key)
        figures = {}
        for count in (0, companies):
            path = supervisor_holding(folder, company, count)
            with Store(path) as supervisor:
                held = len(trust_chain.stored(supervisor))
                asked = median_time(lambda s=supervisor: trust_chain.trusted_signers(s))
            figures[count] = (held, asked, import_cost(folder, path, bundle))
        (few, base_ask, base_import), (many, ask, took) = figures[0], figures[companies]
        print(f"trusted_signers: {base_ask * 1000:.1f} ms holding {few} statement(s), "
              f"{ask * 1000:.1f} ms holding {many} ({ask / base_ask:.0f}x)")
        print(f"import of a company's bundle: {base_import * 1000:.0f} ms holding {few}, "
              f"{took * 1000:.0f} ms holding {many} ({took / base_import:.1f}x)")
        company.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
