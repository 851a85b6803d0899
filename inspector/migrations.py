"""Numbered forward migrations. Never edit a shipped one: append a new one.

Each is (name, [SQL statements]); migration N brings PRAGMA user_version to N.
Every record table carries a UUIDv7 id, created/updated timestamps and the
identity and device that made it, because records travel between machines.
"""

_PROVENANCE = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT,
    device_id TEXT NOT NULL"""

_INITIAL = [
    """CREATE TABLE migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL)""",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT)""",
    f"""CREATE TABLE identities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('inspector', 'company', 'supervisor')),
        org TEXT,
        public_key TEXT,
        fingerprint TEXT UNIQUE,
        trusted INTEGER NOT NULL DEFAULT 0,{_PROVENANCE})""",
    f"""CREATE TABLE subjects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        uscc TEXT NOT NULL UNIQUE,
        sector TEXT NOT NULL,
        address TEXT,
        legal_rep TEXT,
        phone TEXT,
        licences TEXT NOT NULL DEFAULT '[]',
        rev TEXT NOT NULL,
        rev_at TEXT NOT NULL,{_PROVENANCE})""",
    "CREATE INDEX subjects_sector ON subjects (sector, name)",
    """CREATE TABLE checklist_versions (
        hash TEXT PRIMARY KEY,
        checklist_id TEXT NOT NULL,
        version TEXT NOT NULL,
        sector TEXT NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        pinned_at TEXT NOT NULL)""",
    f"""CREATE TABLE inspections (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('inspection', 'self_check')),
        subject_id TEXT NOT NULL REFERENCES subjects (id),
        checklist_hash TEXT NOT NULL REFERENCES checklist_versions (hash),
        checklist_id TEXT NOT NULL,
        checklist_version TEXT NOT NULL,
        sector TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'completed', 'signed')),
        place TEXT,
        inspectors TEXT NOT NULL DEFAULT '[]',
        representative TEXT,
        subject_snapshot TEXT NOT NULL DEFAULT '{{}}',
        authority TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        corrects TEXT REFERENCES inspections (id),{_PROVENANCE})""",
    "CREATE INDEX inspections_subject ON inspections (subject_id, started_at)",
    "CREATE INDEX inspections_status ON inspections (status, sector, started_at)",
    # WITHOUT ROWID keyed by (inspection, item): one b-tree less to write per answer
    f"""CREATE TABLE answers (
        inspection_id TEXT NOT NULL REFERENCES inspections (id),
        item_id TEXT NOT NULL,
        id TEXT NOT NULL UNIQUE,
        value TEXT NOT NULL,
        note TEXT,
        rev TEXT NOT NULL,
        rev_at TEXT NOT NULL,{_PROVENANCE},
        PRIMARY KEY (inspection_id, item_id)) WITHOUT ROWID""",
    """CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL)""",
    f"""CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL REFERENCES inspections (id),
        item_id TEXT,
        sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        original_sha256 TEXT NOT NULL,
        file_name TEXT,
        caption TEXT,{_PROVENANCE})""",
    "CREATE INDEX evidence_inspection ON evidence (inspection_id, item_id)",
    f"""CREATE TABLE signatures (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL REFERENCES inspections (id),
        role TEXT NOT NULL CHECK (role IN ('inspector', 'representative', 'company')),
        signer_name TEXT NOT NULL,
        image_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        signed_at TEXT NOT NULL,{_PROVENANCE})""",
    f"""CREATE TABLE rectifications (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL REFERENCES inspections (id),
        subject_id TEXT NOT NULL REFERENCES subjects (id),
        item_id TEXT NOT NULL,
        sector TEXT NOT NULL,
        problem TEXT NOT NULL,
        basis TEXT NOT NULL,
        requirement TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'minor', 'major', 'critical')),
        found_on TEXT NOT NULL,
        deadline TEXT NOT NULL,
        responsible TEXT,{_PROVENANCE},
        -- the current state, kept from the append-only history by apply (latest
        -- event by (at, id) wins) so that ledgers filter and sort in an index
        status TEXT NOT NULL DEFAULT 'open',
        status_at TEXT NOT NULL DEFAULT '',
        status_event TEXT NOT NULL DEFAULT '',
        current_deadline TEXT NOT NULL,
        deadline_at TEXT NOT NULL DEFAULT '',
        deadline_event TEXT NOT NULL DEFAULT '',
        reviewed_at TEXT,
        UNIQUE (inspection_id, item_id))""",
    "CREATE INDEX rectifications_subject ON rectifications (subject_id, current_deadline)",
    "CREATE INDEX rectifications_status ON rectifications (status, current_deadline)",
    "CREATE INDEX rectifications_sector ON rectifications (sector, status, current_deadline)",
    """CREATE TABLE rectification_events (
        id TEXT PRIMARY KEY,
        rectification_id TEXT NOT NULL REFERENCES rectifications (id),
        status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'closed', 'reopened')),
        note TEXT,
        deadline TEXT,
        evidence TEXT NOT NULL DEFAULT '[]',
        at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX rectification_events_item ON rectification_events (rectification_id, at)",
    """CREATE TABLE changelog (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT,
        device_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        op TEXT NOT NULL,
        -- NULL when a bundle withheld the data from this store; data_hash (which the
        -- chain covers) still proves what it was, and a later full copy fills it in
        data TEXT,
        data_hash TEXT NOT NULL,
        prev_hash TEXT,
        hash TEXT NOT NULL)""",
    # each device's newest entry, found at once however many devices' entries interleave
    "CREATE INDEX changelog_device ON changelog (device_id, seq)",
    # edits made on two machines without seeing each other: the change that did not
    # survive is named here (both stay in the change log), the same on every store
    """CREATE TABLE conflicts (
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        lost_entry TEXT NOT NULL,
        lost_at TEXT NOT NULL,
        PRIMARY KEY (entity, record_id, lost_entry))""",
    # signed statements "device D's history ends at hash H", relayed with bundles
    """CREATE TABLE chain_heads (
        device_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        count INTEGER NOT NULL,
        identity_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        at TEXT NOT NULL,
        statement TEXT NOT NULL,
        PRIMARY KEY (device_id, hash))""",
    """CREATE TABLE bundle_imports (
        bundle_id TEXT PRIMARY KEY,
        file_name TEXT,
        sender TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        result TEXT NOT NULL)""",
    # History is append-only; a signed inspection and everything in it is frozen.
    """CREATE TRIGGER changelog_no_update BEFORE UPDATE ON changelog
        WHEN NOT (OLD.data IS NULL AND NEW.data IS NOT NULL
                  AND NEW.data_hash = OLD.data_hash AND NEW.hash = OLD.hash
                  AND NEW.id = OLD.id AND NEW.seq = OLD.seq)
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END""",
    """CREATE TRIGGER changelog_no_delete BEFORE DELETE ON changelog
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END""",
    """CREATE TRIGGER rectification_events_no_update BEFORE UPDATE ON rectification_events
        BEGIN SELECT RAISE(ABORT, 'rectification history is append-only'); END""",
    """CREATE TRIGGER rectification_events_no_delete BEFORE DELETE ON rectification_events
        BEGIN SELECT RAISE(ABORT, 'rectification history is append-only'); END""",
    """CREATE TRIGGER inspections_signed_frozen BEFORE UPDATE ON inspections
        WHEN OLD.status = 'signed'
        BEGIN SELECT RAISE(ABORT, 'a signed inspection cannot be changed'); END""",
    """CREATE TRIGGER answers_signed_insert BEFORE INSERT ON answers
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'signed'
        BEGIN SELECT RAISE(ABORT, 'a signed inspection cannot be changed'); END""",
    """CREATE TRIGGER answers_signed_update BEFORE UPDATE ON answers
        WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'signed'
        BEGIN SELECT RAISE(ABORT, 'a signed inspection cannot be changed'); END""",
    """CREATE TRIGGER answers_signed_delete BEFORE DELETE ON answers
        WHEN (SELECT status FROM inspections WHERE id = OLD.inspection_id) = 'signed'
        BEGIN SELECT RAISE(ABORT, 'a signed inspection cannot be changed'); END""",
]

_IDENTITY_CERTIFICATES = [
    # identities carry an X.509 certificate (PEM), not a bare public key
    "ALTER TABLE identities RENAME COLUMN public_key TO certificate",
]

_LEDGER_INDEXES = [
    # the ledger sorts by any column of a million items: each sort reads an index in
    # order and stops after a page (see ledger_query.SORTABLE); severity by its rank
    "CREATE INDEX rectifications_deadline ON rectifications (current_deadline)",
    """CREATE INDEX rectifications_severity ON rectifications ((CASE severity
        WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 ELSE 3 END),
        current_deadline)""",
    # a found-on range is sorted by deadline (the default order) from this index alone
    "CREATE INDEX rectifications_found ON rectifications (found_on, current_deadline)",
    # the overview counts problems by sector and severity from this index alone
    "CREATE INDEX rectifications_sector_severity ON rectifications (sector, severity)",
    "CREATE INDEX rectifications_reviewed ON rectifications (reviewed_at)",
    "CREATE INDEX subjects_name ON subjects (name)",
    "CREATE INDEX inspections_started ON inspections (started_at)",
]

_TRUST_DECISIONS = [
    # every trust decision this store made, in order: a local record (it does not
    # travel) that says who decided, when, on which fingerprint and how it was checked
    """CREATE TABLE trust_decisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        identity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('trusted', 'distrusted', 'replaced')),
        fingerprint TEXT NOT NULL,
        previous_fingerprint TEXT,
        decided_by TEXT,
        confirmed TEXT NOT NULL
            CHECK (confirmed IN ('prompt', 'fingerprint', 'page', 'unchecked')))""",
    """CREATE TRIGGER trust_decisions_no_update BEFORE UPDATE ON trust_decisions
        BEGIN SELECT RAISE(ABORT, 'trust history is append-only'); END""",
    """CREATE TRIGGER trust_decisions_no_delete BEFORE DELETE ON trust_decisions
        BEGIN SELECT RAISE(ABORT, 'trust history is append-only'); END""",
]

_AUTHORIZATION = [
    # a company's identity is bound to its credit code (also in its certificate)
    "ALTER TABLE identities ADD COLUMN uscc TEXT",
    # each device's history belongs to the identity that first vouched for it (its
    # signed head; this store's own device: its identity); no one else extends it
    """CREATE TABLE device_owners (
        device_id TEXT PRIMARY KEY,
        identity_id TEXT NOT NULL)""",
    """INSERT INTO device_owners (device_id, identity_id)
        SELECT d.value, i.value FROM settings d, settings i
        WHERE d.key = 'device_id' AND i.key = 'identity_id'""",
    """INSERT OR IGNORE INTO device_owners (device_id, identity_id)
        SELECT device_id, identity_id FROM chain_heads h
        WHERE at = (SELECT MIN(at) FROM chain_heads WHERE device_id = h.device_id)""",
]

_IDENTITY_KEYS = [
    # the keys an identity rotated away from or that were revoked, derived from the log
    # (identity keys entries with a rotation, revocation entries): what such a key
    # signed before its end stays valid, anything it signed later is refused
    """CREATE TABLE identity_keys (
        fingerprint TEXT PRIMARY KEY,
        identity_id TEXT NOT NULL,
        certificate TEXT,
        valid_from TEXT,
        valid_until TEXT,
        revoked_at TEXT,
        revoked_by TEXT,
        reason TEXT)""",
    "CREATE INDEX identity_keys_identity ON identity_keys (identity_id)",
]

_CERTIFICATIONS = [
    # statements that vouch for an identity: a bureau's for its inspector, an
    # inspector's for a company it enrolled (inspector.trust_chain); from the log
    """CREATE TABLE certifications (
        id TEXT PRIMARY KEY,
        identity_id TEXT NOT NULL,
        role TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        issuer_id TEXT NOT NULL,
        issuer_fingerprint TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        statement TEXT NOT NULL,
        signature TEXT NOT NULL,
        certificate TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
]

_DOCUMENT_NUMBERS = [
    # blocks of document numbers a bureau assigned to its inspectors, and the register
    # of numbered documents (inspector.numbering); both from the log
    """CREATE TABLE number_blocks (
        id TEXT PRIMARY KEY,
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        first INTEGER NOT NULL,
        last INTEGER NOT NULL,
        kind TEXT NOT NULL,
        assignee_id TEXT NOT NULL,
        assignee_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX number_blocks_assignee ON number_blocks (assignee_id)",
    # no UNIQUE on the number: a duplicate that arrives is kept, for the check to show
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL,
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        block_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        inspection_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX documents_number ON documents (prefix, year, seq)",
    "CREATE INDEX documents_inspection ON documents (inspection_id, kind)",
]

_ONSITE_RECORD = [
    # what the signed on-site record (笔录) states besides the answers (inspector.onsite):
    # each officer's 执法证号 ({name: number}, JSON), the party's statement, the
    # recorder, the party's refusal to sign; rev/rev_at: the entry they stand on
    "ALTER TABLE inspections ADD COLUMN badges TEXT",
    "ALTER TABLE inspections ADD COLUMN party_statement TEXT",
    "ALTER TABLE inspections ADD COLUMN recorder TEXT",
    "ALTER TABLE inspections ADD COLUMN party_refused INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE inspections ADD COLUMN rev TEXT",
    "ALTER TABLE inspections ADD COLUMN rev_at TEXT",
    # a witness signs when the party refuses: SQLite cannot widen a CHECK in place
    f"""CREATE TABLE signatures_new (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL REFERENCES inspections (id),
        role TEXT NOT NULL
            CHECK (role IN ('inspector', 'representative', 'company', 'witness')),
        signer_name TEXT NOT NULL,
        image_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        signed_at TEXT NOT NULL,{_PROVENANCE})""",
    "INSERT INTO signatures_new SELECT * FROM signatures",
    "DROP TABLE signatures",
    "ALTER TABLE signatures_new RENAME TO signatures",
]

_AUTHORITIES = [
    # the bureaus an inspection's notices go out in the name of ([{kind, name}], JSON,
    # lead first; inspector.authorities), the one a numbered notice is issued by, and
    # an officer's own 执法证号 kept with their identity
    "ALTER TABLE inspections ADD COLUMN authorities TEXT",
    "ALTER TABLE documents ADD COLUMN authority TEXT",
    "ALTER TABLE identities ADD COLUMN badge TEXT",
]

_CORRECTIONS = [
    # a correction (更正) is a new record whose `corrects` names the signed one it
    # supersedes (inspector.corrections); it states why. The partial index finds the
    # few corrections at once, so a store without any pays nothing in its counts.
    "ALTER TABLE inspections ADD COLUMN correction_reason TEXT",
    "CREATE INDEX inspections_corrects ON inspections (corrects) WHERE corrects IS NOT NULL",
]

_PAPER_AND_SERVICE = [
    # an inspection transcribed from a paper record (补录): {date, transcriber,
    # transcribed_at, number, document_id} as JSON (inspector.paper)
    "ALTER TABLE inspections ADD COLUMN paper TEXT",
    # whether the party asked for an officer's withdrawal (回避): NULL when not recorded
    "ALTER TABLE inspections ADD COLUMN withdrawal_asked INTEGER",
    "ALTER TABLE inspections ADD COLUMN withdrawal_request TEXT",
    # a number reserved for a blank paper form belongs to no inspection yet: SQLite
    # cannot drop a NOT NULL in place
    """CREATE TABLE documents_new (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL,
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        block_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        inspection_id TEXT,
        subject_id TEXT,
        issued_on TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL,
        authority TEXT)""",
    "INSERT INTO documents_new SELECT * FROM documents",
    "DROP TABLE documents",
    "ALTER TABLE documents_new RENAME TO documents",
    "CREATE INDEX documents_number ON documents (prefix, year, seq)",
    "CREATE INDEX documents_inspection ON documents (inspection_id, kind)",
    # proofs of service (送达回证) of a notice (inspector.service); from the log
    """CREATE TABLE services (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL,
        document TEXT NOT NULL,
        number TEXT,
        recipient TEXT NOT NULL,
        method TEXT NOT NULL,
        served_on TEXT NOT NULL,
        place TEXT,
        recipient_sha256 TEXT,
        refused INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        witness TEXT,
        witness_sha256 TEXT,
        server TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX services_inspection ON services (inspection_id, served_on)",
]

_CAMPAIGNS = [
    # campaigns (专项行动, 双随机、一公开) and their check matters (抽查事项清单),
    # the officers register, flags on subjects a draw weighs, seed commitments, the
    # signed draws and the tasks they make (inspector.campaign); all from the log
    """CREATE TABLE campaigns (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        authority TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        rule TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    """CREATE TABLE campaign_matters (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        title TEXT NOT NULL,
        sector TEXT NOT NULL,
        checklist_id TEXT NOT NULL,
        basis TEXT,
        ratio TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        authority TEXT NOT NULL,
        due_days INTEGER NOT NULL,
        self_check INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX campaign_matters_campaign ON campaign_matters (campaign_id)",
    """CREATE TABLE officers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        badge TEXT NOT NULL,
        department TEXT,
        sectors TEXT NOT NULL DEFAULT '[]',
        conflicts TEXT NOT NULL DEFAULT '[]',
        active INTEGER NOT NULL DEFAULT 1,
        rev TEXT NOT NULL,
        rev_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    """CREATE TABLE subject_flags (
        id TEXT PRIMARY KEY,
        subject_id TEXT NOT NULL,
        flag TEXT NOT NULL,
        active INTEGER NOT NULL,
        note TEXT,
        at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX subject_flags_subject ON subject_flags (subject_id, flag, at)",
    """CREATE TABLE draw_commits (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        seed_hash TEXT NOT NULL,
        at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    """CREATE TABLE draws (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        statement TEXT NOT NULL,
        signature TEXT NOT NULL,
        certificate TEXT NOT NULL,
        at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX draws_campaign ON draws (campaign_id)",
    # a task's link to its inspection and its published result: the latest entry by
    # (at, entry id) holds, whatever order they arrive in
    """CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        matter_id TEXT NOT NULL,
        draw_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        officers TEXT NOT NULL DEFAULT '[]',
        due_on TEXT NOT NULL,
        inspection_id TEXT,
        started_rev TEXT,
        result TEXT,
        result_note TEXT,
        result_rev TEXT,
        result_at TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX tasks_campaign ON tasks (campaign_id, matter_id)",
    "CREATE INDEX tasks_inspection ON tasks (inspection_id)",
]

# the officers named on each inspection, one row a name, for the ledger's inspector filter
# (inspector.ledger_query): a LIKE over every inspection's JSON list cost more than the
# page it filtered. Kept by triggers, so every way a record is written keeps it, and
# filled here for the records already there. Invalid JSON counts as no names.
_INSPECTORS_OF = "json_each(CASE WHEN json_valid({0}) THEN {0} ELSE '[]' END)"
_INSPECTOR_NAMES = [
    """CREATE TABLE inspection_inspectors (
        inspection_id TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (inspection_id, name)) WITHOUT ROWID""",
    f"""CREATE TRIGGER inspection_inspectors_insert AFTER INSERT ON inspections BEGIN
        INSERT OR IGNORE INTO inspection_inspectors (inspection_id, name)
        SELECT NEW.id, value FROM {_INSPECTORS_OF.format("NEW.inspectors")}
        WHERE type = 'text'; END""",
    f"""CREATE TRIGGER inspection_inspectors_update AFTER UPDATE OF id, inspectors
        ON inspections BEGIN
        DELETE FROM inspection_inspectors WHERE inspection_id = OLD.id;
        INSERT OR IGNORE INTO inspection_inspectors (inspection_id, name)
        SELECT NEW.id, value FROM {_INSPECTORS_OF.format("NEW.inspectors")}
        WHERE type = 'text'; END""",
    """CREATE TRIGGER inspection_inspectors_delete AFTER DELETE ON inspections BEGIN
        DELETE FROM inspection_inspectors WHERE inspection_id = OLD.id; END""",
    f"""INSERT OR IGNORE INTO inspection_inspectors (inspection_id, name)
        SELECT i.id, j.value FROM inspections i, {_INSPECTORS_OF.format("i.inspectors")} j
        WHERE j.type = 'text'""",
]

_CREDIT = [
    # credit consequences (inspector.credit), all from the log. The monthly report counts
    # from three tables: credit_proposals (status proposed -> notified -> approved or
    # declined; proposed_at, notified_on, decided_at), credit_listings (one per approved
    # proposal: effective_on, publish_until, repaired_at) and credit_repairs (status
    # applied -> approved or declined; applied_at, decided_at)
    """CREATE TABLE credit_penalties (
        id TEXT PRIMARY KEY,
        subject_id TEXT NOT NULL,
        decision_no TEXT NOT NULL,
        decided_on TEXT NOT NULL,
        heavier INTEGER NOT NULL,
        note TEXT,
        at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX credit_penalties_subject ON credit_penalties (subject_id)",
    """CREATE TABLE credit_proposals (
        id TEXT PRIMARY KEY,
        subject_id TEXT NOT NULL,
        list TEXT NOT NULL,
        rule TEXT NOT NULL,
        fact TEXT NOT NULL,
        ground TEXT NOT NULL,
        basis TEXT NOT NULL,
        facts TEXT NOT NULL DEFAULT '{}',
        campaign_id TEXT,
        proposed_at TEXT NOT NULL,
        proposed_by TEXT,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'proposed',
        notice_id TEXT,
        notified_on TEXT,
        deadline TEXT,
        decision TEXT,
        reason TEXT,
        decided_at TEXT,
        decided_by TEXT,
        decision_rev TEXT)""",
    "CREATE INDEX credit_proposals_subject ON credit_proposals (subject_id, proposed_at)",
    "CREATE INDEX credit_proposals_fact ON credit_proposals (rule, fact)",
    """CREATE TABLE credit_notices (
        id TEXT PRIMARY KEY,
        proposal_id TEXT NOT NULL,
        notified_on TEXT NOT NULL,
        deadline TEXT NOT NULL,
        at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    """CREATE TABLE credit_statements (
        id TEXT PRIMARY KEY,
        proposal_id TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    """CREATE TABLE credit_listings (
        proposal_id TEXT PRIMARY KEY,
        subject_id TEXT NOT NULL,
        list TEXT NOT NULL,
        basis TEXT NOT NULL,
        effective_on TEXT NOT NULL,
        publish_until TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        repaired_at TEXT)""",
    "CREATE INDEX credit_listings_subject ON credit_listings (subject_id)",
    """CREATE TABLE credit_repairs (
        id TEXT PRIMARY KEY,
        proposal_id TEXT NOT NULL,
        application TEXT NOT NULL,
        promise TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '[]',
        applied_at TEXT NOT NULL,
        applied_by TEXT,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'applied',
        reason TEXT,
        decided_at TEXT,
        decided_by TEXT,
        decision_rev TEXT)""",
    "CREATE INDEX credit_repairs_proposal ON credit_repairs (proposal_id)",
]

_SUBJECT_SORT_KEY = [
    # subjects sort by their names' pinyin (inspector.sortkey), stored so that lists
    # sort in an index; apply writes it, and here the store's SQL function fills the
    # rows from before
    "ALTER TABLE subjects ADD COLUMN sort_key TEXT NOT NULL DEFAULT ''",
    "UPDATE subjects SET sort_key = subject_sort_key(name)",
    "CREATE INDEX subjects_sort_key ON subjects (sort_key, id)",
]

_EVIDENCE_REMOVALS = [
    # a photo taken out of a draft: a tombstone that names the photo and its inspection,
    # kept whether the photo is here yet or not (records travel in any order); of two
    # removals of one photo the earliest (removed_at, entry_id) is kept, on every store
    """CREATE TABLE evidence_removals (
        evidence_id TEXT NOT NULL,
        inspection_id TEXT NOT NULL REFERENCES inspections (id),
        removed_at TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL,
        PRIMARY KEY (evidence_id, inspection_id)) WITHOUT ROWID""",
    """CREATE TRIGGER evidence_removals_signed BEFORE INSERT ON evidence_removals
        WHEN (SELECT status FROM inspections WHERE id = NEW.inspection_id) = 'signed'
        BEGIN SELECT RAISE(ABORT, 'a signed inspection cannot be changed'); END""",
    # the photos an inspection keeps: every reader (forms, evaluation, reports) asks
    # this view; a removal that names another inspection than the photo's removes nothing
    """CREATE VIEW kept_evidence AS SELECT * FROM evidence e WHERE NOT EXISTS (
        SELECT 1 FROM evidence_removals r
        WHERE r.evidence_id = e.id AND r.inspection_id = e.inspection_id)""",
]

_STATISTICS = [
    # what the monthly report (inspector.statistics) cannot count: figures entered by
    # hand per period and unit (cases transferred, fines) and typical cases (典型案例);
    # the latest entry by (at, entry id) for one key holds, whatever order they arrive in
    """CREATE TABLE manual_figures (
        id TEXT PRIMARY KEY,
        period TEXT NOT NULL,
        unit TEXT NOT NULL,
        area TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '',
        figure TEXT NOT NULL,
        value REAL NOT NULL,
        rev TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL,
        UNIQUE (period, unit, area, sector, figure))""",
    """CREATE TABLE typical_cases (
        id TEXT PRIMARY KEY,
        period TEXT NOT NULL,
        unit TEXT NOT NULL,
        area TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "CREATE INDEX typical_cases_period ON typical_cases (period, unit)",
]

_TRANSFERS = [
    # a finding of an authority not on the inspection is transferred to it (移送), not
    # ordered: its item's history starts 'transferred'. SQLite cannot change a CHECK
    # in place; the history's triggers go with the old table and come back
    """CREATE TABLE rectification_events_new (
        id TEXT PRIMARY KEY,
        rectification_id TEXT NOT NULL REFERENCES rectifications (id),
        status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'closed', 'reopened',
                                               'transferred')),
        note TEXT,
        deadline TEXT,
        evidence TEXT NOT NULL DEFAULT '[]',
        at TEXT NOT NULL,
        created_by TEXT,
        device_id TEXT NOT NULL)""",
    "INSERT INTO rectification_events_new SELECT * FROM rectification_events",
    "DROP TABLE rectification_events",
    "ALTER TABLE rectification_events_new RENAME TO rectification_events",
    "CREATE INDEX rectification_events_item ON rectification_events (rectification_id, at)",
    """CREATE TRIGGER rectification_events_no_update BEFORE UPDATE ON rectification_events
        BEGIN SELECT RAISE(ABORT, 'rectification history is append-only'); END""",
    """CREATE TRIGGER rectification_events_no_delete BEFORE DELETE ON rectification_events
        BEGIN SELECT RAISE(ABORT, 'rectification history is append-only'); END""",
    # a transfer letter's (移送函) receiving authority: its kind, and its name as the
    # officer entered it (NULL: a line left to fill by hand)
    "ALTER TABLE documents ADD COLUMN receiver TEXT",
    "ALTER TABLE documents ADD COLUMN receiver_name TEXT",
]

_ANSWER_CLEARS = [
    # a cleared answer leaves its revision behind (a tombstone): without it a clear made
    # on one machine and an answer made on another, apart, ended differently on the two
    # stores (the store that had cleared took the other's answer as new). The row's
    # founder (the first answer's id and provenance) is kept with it, as on the answer
    f"""CREATE TABLE answer_clears (
        inspection_id TEXT NOT NULL REFERENCES inspections (id),
        item_id TEXT NOT NULL,
        id TEXT NOT NULL,
        rev TEXT NOT NULL,
        rev_at TEXT NOT NULL,{_PROVENANCE},
        PRIMARY KEY (inspection_id, item_id)) WITHOUT ROWID""",
    # a store's earlier clears: the latest clear of each answer that is absent now
    """INSERT INTO answer_clears (inspection_id, item_id, id, rev, rev_at, created_at,
                                  updated_at, created_by, device_id)
        SELECT substr(c.record_id, 1, instr(c.record_id, '/') - 1),
               substr(c.record_id, instr(c.record_id, '/') + 1), c.id, c.id, c.at, c.at,
               c.at, c.actor, c.device_id
        FROM changelog c
        WHERE c.entity = 'answer' AND c.op = 'clear'
          AND NOT EXISTS (SELECT 1 FROM answers a
                          WHERE a.inspection_id || '/' || a.item_id = c.record_id)
          AND EXISTS (SELECT 1 FROM inspections i
                      WHERE i.id = substr(c.record_id, 1, instr(c.record_id, '/') - 1))
          AND (c.at, c.id) = (SELECT d.at, d.id FROM changelog d
                              WHERE d.entity = 'answer' AND d.op = 'clear'
                                AND d.record_id = c.record_id
                              ORDER BY d.at DESC, d.id DESC LIMIT 1)""",
    # their founder: the first answer made without a base, as on an answer's row
    """UPDATE answer_clears SET (id, created_at, created_by, device_id) = (
            SELECT f.id, f.at, f.actor, f.device_id FROM changelog f
            WHERE f.entity = 'answer' AND f.op = 'set'
              AND f.record_id = answer_clears.inspection_id || '/' || answer_clears.item_id
              AND f.data IS NOT NULL AND json_extract(f.data, '$.base') IS NULL
            ORDER BY f.at, f.id LIMIT 1)
        WHERE EXISTS (
            SELECT 1 FROM changelog f
            WHERE f.entity = 'answer' AND f.op = 'set'
              AND f.record_id = answer_clears.inspection_id || '/' || answer_clears.item_id
              AND f.data IS NOT NULL AND json_extract(f.data, '$.base') IS NULL)""",
]

MIGRATIONS: list[tuple[str, list[str]]] = [
    ("initial schema", _INITIAL),
    ("identity certificates", _IDENTITY_CERTIFICATES),
    ("ledger indexes", _LEDGER_INDEXES),
    ("trust decisions", _TRUST_DECISIONS),
    ("authorization", _AUTHORIZATION),
    ("identity keys", _IDENTITY_KEYS),
    ("certifications", _CERTIFICATIONS),
    ("document numbers", _DOCUMENT_NUMBERS),
    ("on-site record", _ONSITE_RECORD),
    ("competent authorities", _AUTHORITIES),
    ("corrections", _CORRECTIONS),
    ("paper records and service", _PAPER_AND_SERVICE),
    ("campaigns", _CAMPAIGNS),
    ("inspector names", _INSPECTOR_NAMES),
    ("credit", _CREDIT),
    ("subject sort key", _SUBJECT_SORT_KEY),
    ("evidence removals", _EVIDENCE_REMOVALS),
    ("statistics", _STATISTICS),
    ("transfers", _TRANSFERS),
    ("answer clears", _ANSWER_CLEARS),
]
