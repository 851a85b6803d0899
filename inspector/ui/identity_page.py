"""身份与密钥: this store's identity (or the form that creates it), its trusted signers,
the history of its trust decisions and the certifications and enrolments it holds.

Trusting is the one step where a person must check something: the dialog shows
the certificate's fingerprint grouped in fours, to compare with what the other
party reads out (phone, in person) before it is trusted. Trusting, replacing a
certificate on record and distrusting are each kept in the trust history. A
bureau certifies its inspectors and an inspector enrols companies the same way
(inspector.trust_chain): compare the fingerprint, then sign the statement.
"""

from pathlib import Path

from cryptography.x509.oid import NameOID
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import authorization, identity, ids, trust_chain
from ..errors import InspectorError
from ..files import read_input, write_atomically
from . import labels
from .changes import Follows
from .outputs import safe_name, save_path
from .passphrase import ask_passphrase
from .settings import get_str, settings

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"


def list_table(headers: list[str], selectable: bool = False) -> QTableWidget:
    """One of the page's read-only lists: columns sized to their contents, the last one
    taking the rest; rows chosen one at a time where `selectable`."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if selectable:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    else:
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def cell(text: str) -> QTableWidgetItem:
    """A table cell whose whole text shows as its tooltip, for when the column cuts it
    (a fingerprint on a narrow screen)."""
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


def grouped(fingerprint: str | None, per_line: int = 8) -> str:
    """The fingerprint in groups of four, `per_line` groups a line, for reading aloud."""
    groups = identity.show_fingerprint(fingerprint or "").split()
    return "\n".join(" ".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line))


def certificate_facts(cert) -> dict:
    """Who a certificate names, as identity.trust will read it."""
    def part(oid):
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    return {"name": part(NameOID.COMMON_NAME), "role": part(NameOID.ORGANIZATIONAL_UNIT_NAME),
            "org": part(NameOID.ORGANIZATION_NAME), "fingerprint": identity.fingerprint(cert)}


class IdentityPage(Follows, QWidget):
    SHOWS = frozenset({"identity"})

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        title = QLabel(self.tr("Identity and keys"))
        title.setObjectName("pageTitle")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.own = QStackedWidget()
        self.own.addWidget(self._create_form())
        self.own.addWidget(self._own_view())
        # only the page shown takes room: the taller create form must not leave the
        # trusted signers two rows on a 600-pixel screen once the keys exist
        self.own.currentChanged.connect(self._fit_own)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(self._box(self.tr("This store's identity"), self.own))
        layout.addWidget(self._box(None, self._trusted()), 1)  # its tabs are the headings
        self.refresh()
        self._fit_own(self.own.currentIndex())

    # --- building ----------------------------------------------------------------------

    def _box(self, heading: str | None, content: QWidget) -> QFrame:
        frame = QFrame()
        frame.setObjectName("summaryBox")
        box = QVBoxLayout(frame)
        if heading:
            label = QLabel(heading)
            label.setStyleSheet("font-weight: 600; font-size: 12pt;")
            box.addWidget(label)
        box.addWidget(content, 1)
        return frame

    def _create_form(self) -> QWidget:
        widget = QWidget()
        intro = QLabel(self.tr(
            "This store has no identity yet. Create one to sign reports and data bundles: "
            "a key pair is made here and its private key is kept encrypted with your "
            "passphrase."))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in identity.ROLES:
            self.role.addItem(labels.role(role), role)
        self.org = QLineEdit()
        self.org.setPlaceholderText(self.tr("e.g. 德清县市场监督管理局"))
        self.code = QLineEdit()  # a company's identity is bound to its credit code
        self.code.setMaxLength(18)
        self.secret = QLineEdit()
        self.secret.setPlaceholderText(self.tr("a few uncommon words, 8 characters or more"))
        self.again = QLineEdit()
        for field in (self.secret, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        create = QPushButton(self.tr("Create identity"))
        create.setObjectName("primary")
        create.clicked.connect(self.create)
        self.again.returnPressed.connect(create.click)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Organisation"), self.org)
        form.addRow(self.tr("Credit code"), self.code)
        self.role.currentIndexChanged.connect(
            lambda: form.setRowVisible(self.code, self.role.currentData() == "company"))
        form.setRowVisible(self.code, self.role.currentData() == "company")
        form.addRow(self.tr("Passphrase"), self.secret)
        form.addRow(self.tr("Passphrase again"), self.again)
        row = QHBoxLayout()
        row.addWidget(create)
        row.addStretch(1)
        layout = QVBoxLayout(widget)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(row)
        return widget

    def _own_view(self) -> QWidget:
        widget = QWidget()
        self.own_name, self.own_role, self.own_org = QLabel(), QLabel(), QLabel()
        self.own_fingerprint = QLabel()
        self.own_fingerprint.setObjectName("fingerprint")
        self.own_fingerprint.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.own_name)
        form.addRow(self.tr("Role"), self.own_role)
        form.addRow(self.tr("Organisation"), self.own_org)
        form.addRow(self.tr("Certificate fingerprint"), self.own_fingerprint)
        hint = QLabel(self.tr("Read the fingerprint out to whoever trusts your certificate, "
                              "so they can check they got the right one."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        export = QPushButton(self.tr("Export my certificate…"))
        export.clicked.connect(self.export_certificate)
        rotate = QPushButton(self.tr("Rotate key…"))
        rotate.clicked.connect(self.rotate_key)
        revoke = QPushButton(self.tr("Revoke my key…"))
        revoke.setToolTip(self.tr("When this key may be in other hands: a new key replaces "
                                  "it, and the old one is revoked for everyone who trusts you."))
        revoke.clicked.connect(self.revoke_own_key)
        office = QPushButton(self.tr("Contact on notices…"))
        office.setToolTip(self.tr("The phone and address printed on this store's "
                                  "rectification notices"))
        office.clicked.connect(self.edit_contact)
        side = QVBoxLayout()  # beside the facts, not under them: the lists get the height
        side.addWidget(hint)
        buttons = QGridLayout()  # two a row: the page fits beside the navigation at 150 %
        buttons.addWidget(export, 0, 0)
        buttons.addWidget(rotate, 0, 1)
        buttons.addWidget(revoke, 1, 0)
        buttons.addWidget(office, 1, 1)
        buttons.setColumnStretch(2, 1)
        side.addLayout(buttons)
        side.addStretch(1)
        layout = QHBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 1)
        layout.addLayout(side, 1)
        return widget

    def _fit_own(self, shown: int) -> None:
        """As tall as the page shown (a stack is as tall as its tallest page)."""
        page = self.own.widget(shown)
        self.own.setMaximumHeight(page.sizeHint().height() if shown else QWIDGETSIZE_MAX)

    def _trusted(self) -> QWidget:
        widget = QWidget()
        self.table = list_table([self.tr("Name"), self.tr("Role"), self.tr("Organisation"),
                                 self.tr("Fingerprint")], selectable=True)
        self.table.setAlternatingRowColors(True)
        self.table.itemSelectionChanged.connect(self._enable_distrust)
        self.table.itemSelectionChanged.connect(self._enable_revoke)
        trust = QPushButton(self.tr("Trust a certificate…"))
        trust.clicked.connect(self.trust_certificate)
        self.distrust_button = QPushButton(self.tr("Stop trusting…"))
        self.distrust_button.clicked.connect(self.distrust_selected)
        self.vouch_button = QPushButton()  # its text names this store's step: see refresh
        self.vouch_button.clicked.connect(self.vouch_certificate)
        self.revoke_button = QPushButton(self.tr("Revoke key…"))
        self.revoke_button.setToolTip(self.tr(
            "A lost or stolen laptop: whatever the selected key signs from now on is "
            "refused everywhere this revocation reaches."))
        self.revoke_button.clicked.connect(self.revoke_selected)
        hint = QLabel(self.tr("Bundles and reports are accepted only from trusted signers."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)  # the buttons beside it keep their room on a narrow screen
        row = QHBoxLayout()
        row.addWidget(trust)
        row.addWidget(self.distrust_button)
        row.addWidget(self.vouch_button)
        row.addWidget(self.revoke_button)
        row.addWidget(hint)
        row.addStretch(1)
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        # the decisions share the space with the signers: on a 600-pixel screen the page
        # has no height for a third box
        self.lists = QTabWidget()
        self.lists.addTab(self.table, self.tr("Trusted signers"))
        self.lists.addTab(self._history(), self.tr("Trust decisions"))
        self.lists.addTab(self._revoked(), self.tr("Revoked keys"))
        self.lists.addTab(self._vouched(), self.tr("Certified and enrolled"))
        self.lists.currentChanged.connect(self._enable_revoke)
        layout.addWidget(self.lists, 1)
        layout.addLayout(row)
        return widget

    def _history(self) -> QTableWidget:
        self.history = list_table([
            self.tr("Time"), self.tr("Decision"), self.tr("Name"), self.tr("Fingerprint"),
            self.tr("Checked by")])
        return self.history

    def _revoked(self) -> QTableWidget:
        self.revoked = list_table([
            self.tr("Revoked at"), self.tr("Name"), self.tr("Fingerprint"), self.tr("Reason")])
        return self.revoked

    def _vouched(self) -> QTableWidget:
        self.vouched = list_table([
            self.tr("Name"), self.tr("Role"), self.tr("Fingerprint"), self.tr("Vouched for by"),
            self.tr("Accepted here")], selectable=True)
        self.vouched.itemSelectionChanged.connect(self._enable_revoke)
        return self.vouched

    def decision_text(self, decision: dict) -> str:
        return {"trusted": self.tr("trusted"), "distrusted": self.tr("no longer trusted"),
                "replaced": self.tr("certificate replaced, trusted")}[decision["decision"]]

    def confirmed_text(self, decision: dict) -> str:
        return {"prompt": self.tr("confirmed at the terminal"),
                "fingerprint": self.tr("fingerprint given"),
                "page": self.tr("confirmed on this page"),
                "unchecked": self.tr("not checked")}[decision["confirmed"]]

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        me = identity.own_identity(self.store, required=False)
        if me is not None and me.certificate is not None:
            self.own_name.setText(me.name)
            self.own_role.setText(labels.role(me.role))
            self.own_org.setText(me.org or "—")
            self.own_fingerprint.setText(grouped(me.fingerprint))
            self.own.setCurrentIndex(1)
            self.vouch_button.setText({"supervisor": self.tr("Certify an inspector…"),
                                       "inspector": self.tr("Enrol a company…")}.get(me.role, ""))
        else:
            if me is not None and not self.name.text():
                self.name.setText(me.name)  # named by demo, keys still to make
            self.own.setCurrentIndex(0)
        self.vouch_button.setVisible(me is not None and me.certificate is not None
                                     and me.role in ("supervisor", "inspector"))
        self._fill_trusted()

    def _fill_trusted(self) -> None:
        signers = identity.trusted_identities(self.store)
        self.table.setRowCount(len(signers))
        for row, signer in enumerate(signers):
            name = signer.name
            end = identity.key_end(self.store.conn, signer.fingerprint)
            if end is not None and end[1] == "revoked":  # nothing it signs from then counts
                name += self.tr(" (key revoked %1)").replace("%1", labels.when(end[0]))
            cells = (name, labels.role(signer.role), signer.org or "",
                     identity.show_fingerprint(signer.fingerprint))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, cell(text))
            self.table.item(row, 0).setData(Qt.ItemDataRole.UserRole, signer.fingerprint)
            self.table.item(row, 0).setData(Qt.ItemDataRole.UserRole + 1, signer.id)
        self._enable_distrust()
        self._fill_history()
        self._fill_revoked()
        self._fill_vouched()

    def _fill_revoked(self) -> None:
        revoked = identity.revocations(self.store)
        self.revoked.setRowCount(len(revoked))
        for row, key in enumerate(revoked):
            cells = (labels.when(key["revoked_at"]), key["name"] or "",
                     identity.show_fingerprint(key["fingerprint"][:16]) + " …",
                     key["reason"] or "")
            for column, text in enumerate(cells):
                self.revoked.setItem(row, column, cell(text))

    def _fill_vouched(self) -> None:
        rows = trust_chain.vouched(self.store)
        self.vouched.setRowCount(len(rows))
        for row, held in enumerate(rows):
            cells = (held["name"], labels.role(held["role"]),
                     identity.show_fingerprint(held["fingerprint"][:16]) + " …",
                     f"{held['issuer_name']} · {labels.when(held['issued_at'])}",
                     self.tr("yes") if held["honoured"] else self.tr("no: its issuer is "
                                                                     "not trusted here"))
            for column, text in enumerate(cells):
                self.vouched.setItem(row, column, cell(text))
            self.vouched.item(row, 0).setData(Qt.ItemDataRole.UserRole, held["fingerprint"])
            self.vouched.item(row, 0).setData(Qt.ItemDataRole.UserRole + 1,
                                              held["identity_id"])
        self._enable_revoke()

    def _fill_history(self) -> None:
        decisions = list(reversed(identity.trust_history(self.store)))  # newest first
        self.history.setRowCount(len(decisions))
        for row, decision in enumerate(decisions):
            fingerprint = identity.show_fingerprint(decision["fingerprint"][:16]) + " …"
            if decision["previous_fingerprint"]:
                fingerprint += self.tr(" (was %1 …)").replace(
                    "%1", identity.show_fingerprint(decision["previous_fingerprint"][:16]))
            cells = (labels.when(decision["at"]), self.decision_text(decision),
                     decision["name"], fingerprint, self.confirmed_text(decision))
            for column, text in enumerate(cells):
                self.history.setItem(row, column, cell(text))

    def _enable_distrust(self) -> None:
        me = identity.own_identity(self.store, required=False)
        chosen = self.selected_fingerprint()
        self.distrust_button.setEnabled(
            chosen is not None and (me is None or chosen != me.fingerprint))

    def selected_key(self) -> tuple[str, str, str] | None:
        """(fingerprint, identity id, name) of the row selected in the list shown, if it
        lists keys (trusted signers, or those certified and enrolled)."""
        shown = self.lists.currentWidget()
        if shown not in (self.table, self.vouched):
            return None
        rows = shown.selectionModel().selectedRows()
        if not rows:
            return None
        cell = shown.item(rows[0].row(), 0)
        return (cell.data(Qt.ItemDataRole.UserRole), cell.data(Qt.ItemDataRole.UserRole + 1),
                cell.text())

    def may_revoke(self, fingerprint: str, holder: str) -> bool:
        """Whether the authorization table lets this store revoke that key (its own is
        revoked with the button beside it, which puts a new key in its place first)."""
        me = identity.own_identity(self.store, required=False)
        if me is None or fingerprint == me.fingerprint or \
                identity.key_end(self.store.conn, fingerprint) is not None:
            return False
        return authorization.may_write(self.store.conn, self.store.actor, {
            "entity": "revocation", "op": "create", "record_id": "", "actor": None,
            "at": ids.now(), "data": {"identity_id": holder, "fingerprint": fingerprint}})

    def _enable_revoke(self) -> None:
        chosen = self.selected_key()
        self.revoke_button.setEnabled(chosen is not None and self.may_revoke(*chosen[:2]))

    def selected_fingerprint(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows \
            else None

    def say(self, text: str, error: bool = False) -> None:
        self.message.setObjectName("error" if error else "ok")
        self.message.setStyleSheet(f"color: {'#c62828' if error else '#2e7d32'}")
        self.message.setText(text)
        self.message.show()

    # --- acting ------------------------------------------------------------------------

    def create(self) -> None:
        if self.secret.text() != self.again.text():
            self.say(self.tr("The two passphrases differ."), error=True)
            return
        try:
            made = identity.init_identity(
                self.store, name=self.name.text(), role=self.role.currentData(),
                org=self.org.text().strip() or None, secret=self.secret.text(),
                code=self.code.text().strip() if self.role.currentData() == "company" else None)
        except InspectorError as exc:
            self.say(exc.message, error=True)
            return
        self.secret.clear()
        self.again.clear()
        self.refresh()
        self.say(self.tr("Identity created for %1. Remember the passphrase: it cannot be "
                         "recovered.").replace("%1", made.name))

    def edit_contact(self) -> bool:
        """This office's phone and address for its notices (inspector.contact)."""
        from .. import contact
        from .contact_dialog import ContactDialog

        dialog = ContactDialog(self.store, self)
        if not dialog.exec():
            return False
        phone, address = dialog.values()
        try:
            contact.set_contact(self.store, phone=phone, address=address)
        except InspectorError as exc:
            self.say(str(exc), error=True)
            return False
        self.say(self.tr("Contact saved: it is printed on the notices issued from now on."))
        return True

    def rotate_key(self) -> bool:
        """A new key for this identity, after the passphrase; those who trust the old
        key follow the move when the next bundle arrives."""
        from .passphrase import ask_passphrase

        try:
            secret = ask_passphrase(self.store, self.tr("Rotate key: a new key pair replaces "
                                                        "the current one."), self)
            if secret is None:
                return False
            old = identity.own_identity(self.store).fingerprint
            made = identity.rotate(self.store, secret)
        except InspectorError as exc:
            self.say(str(exc), error=True)
            return False
        self.refresh()
        self.say(self.tr("New key made: fingerprint %1. The old key %2 signs nothing from "
                         "now on; your next bundle tells those who trust you.").replace(
            "%1", identity.show_fingerprint(made.fingerprint)).replace(
            "%2", identity.show_fingerprint(old[:16]) + " …"))
        return True

    def revoke_own_key(self) -> bool:
        """This key may be in other hands: a new key replaces it, then the old one is
        revoked from that moment (what it signed before stays valid)."""
        reason = self.ask_reason(self.tr("Revoke my key"), self.tr(
            "A new key pair replaces this store's key, and the old key is revoked: "
            "whatever it signs from now on is refused everywhere.\n\nReason (kept with "
            "the revocation):"))
        if reason is None:
            return False
        try:
            secret = ask_passphrase(self.store, self.tr("Revoke my key"), self)
            if secret is None:
                return False
            done = identity.revoke(self.store, None, reason or None, secret)
        except InspectorError as exc:
            self.say(str(exc), error=True)
            return False
        self.refresh()
        self.lists.setCurrentWidget(self.revoked)
        self.say(self.tr("Key %1 is revoked; the new key %2 signs from now on. Your next "
                         "bundle tells those who trust you.").replace(
            "%1", identity.show_fingerprint(done.fingerprint[:16]) + " …").replace(
            "%2", identity.show_fingerprint(done.rotated_to.fingerprint)))
        return True

    def revoke_selected(self) -> bool:
        """Revoke the selected key (a bureau: its inspector's; an inspector: a company's
        it enrolled), after a reason is given; it counts from now on."""
        chosen = self.selected_key()
        if chosen is None or not self.may_revoke(*chosen[:2]):
            return False
        fingerprint, _, name = chosen
        reason = self.ask_reason(self.tr("Revoke key"), self.tr(
            "Revoke the key of %1 (fingerprint %2)?\n\nFrom now on whatever it signs is "
            "refused by every store this revocation reaches; what it signed before stays "
            "valid. This cannot be undone: %1 will need a new key, certified again.\n\n"
            "Reason (kept with the revocation):").replace("%1", name).replace(
            "%2", grouped(fingerprint, 4)))
        if reason is None:
            return False
        try:
            identity.revoke(self.store, fingerprint, reason or None)
        except InspectorError as exc:
            self.say(str(exc), error=True)
            return False
        self.refresh()
        self.lists.setCurrentWidget(self.revoked)
        self.say(self.tr("The key of %1 is revoked. Send your next bundle to everyone who "
                         "trusts them.").replace("%1", name))
        return True

    def ask_reason(self, title: str, text: str) -> str | None:
        """The reason for a revocation; None when cancelled."""
        reason, ok = QInputDialog.getText(self, title, text)
        return reason.strip() if ok else None

    def export_certificate(self) -> None:
        me = identity.own_identity(self.store, required=False)
        name = safe_name(me.name if me else "inspector") + ".pem"
        path = save_path(self, "certificates", self.tr("Export my certificate"), name,
                         self.tr("Certificates (*.pem)"))
        if path:
            self.export_certificate_to(path)

    def export_certificate_to(self, path: str) -> bool:
        try:
            write_atomically(Path(path), identity.export_public(self.store))
        except InspectorError as exc:
            self.say(str(exc), error=True)
            return False
        self.say(self.tr("Certificate saved to %1. Send it to the other party and read them "
                         "your fingerprint.").replace("%1", path))
        return True

    def trust_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Trust a certificate"), get_str("certificates/folder"),
            self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"))
        if path:
            settings().setValue("certificates/folder", str(Path(path).parent))
            self.trust_file(path)

    def trust_file(self, path: str) -> bool:
        """Show the certificate's fingerprint, and trust it once the user confirms."""
        try:
            data = read_input(Path(path), limit=2**20)
            offered = identity.examine(self.store, data, path)  # refuses our own
            facts = {**certificate_facts(offered.certificate), "on_record": offered.on_record}
            if not self.confirm_trust(facts):
                self.say(self.tr("Not trusted: nothing was changed."))
                return False
            done = identity.trust(self.store, data, path, expected=facts["fingerprint"],
                                  confirmed="page")
        except InspectorError as exc:
            self.say(str(exc), error=True)
            return False
        self.refresh()
        name = done.identity.name
        if done.decision == "replaced":
            self.say(self.tr("The certificate on record for %1 (fingerprint %2, never checked) "
                             "was replaced by the one you checked (fingerprint %3), now "
                             "trusted.").replace("%1", name).replace(
                "%2", identity.show_fingerprint(done.previous_fingerprint)).replace(
                "%3", identity.show_fingerprint(done.identity.fingerprint)))
        elif done.decision is None:
            self.say(self.tr("%1 was a trusted signer already: nothing was changed.")
                     .replace("%1", name))
        else:
            self.say(self.tr("%1 is now a trusted signer.").replace("%1", name))
        return True

    def vouch_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.vouch_button.text().rstrip("…"), get_str("certificates/folder"),
            self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"))
        if path:
            settings().setValue("certificates/folder", str(Path(path).parent))
            self.vouch_file(path)

    def vouch_file(self, path: str) -> bool:
        """Certify the inspector (or enrol the company) whose certificate `path` holds,
        once the user compared its fingerprint and, for a company, typed its credit code."""
        try:
            data = read_input(Path(path), limit=2**20)
            facts = certificate_facts(identity.examine(self.store, data, path).certificate)
            code = self.ask_code(facts) if facts["role"] == "company" else None
            if (facts["role"] == "company" and code is None) or not self.confirm_vouch(facts):
                self.say(self.tr("Nothing was signed."))
                return False
            secret = ask_passphrase(self.store, self.vouch_button.text().rstrip("…"), self)
            if secret is None:
                self.say(self.tr("Nothing was signed."))
                return False
            trust_chain.vouch(self.store, data, path, expected=facts["fingerprint"],
                              code=code, secret=secret)
        except InspectorError as exc:
            self.say(str(exc), error=True)
            return False
        self.refresh()
        self.lists.setCurrentWidget(self.vouched)
        self.say(self.tr("%1 is vouched for: whoever trusts you accepts their signatures once "
                         "your next bundle reaches them.").replace("%1", facts["name"]))
        return True

    def ask_code(self, facts: dict) -> str | None:
        """The credit code the company shows in person (its licence), to match its certificate."""
        code, ok = QInputDialog.getText(
            self, self.tr("Enrol a company"),
            self.tr("Credit code of %1, as shown on its business licence:")
            .replace("%1", facts["name"]))
        return code.strip() if ok else None

    def confirm_vouch(self, facts: dict) -> bool:
        text = self.tr(
            "Certificate of %1 (%2, %3).\n\nFingerprint:\n%4\n\nCompare every group with "
            "the fingerprint %1 reads out, in person. Sign only if they match exactly: "
            "whoever trusts you will accept %1's signatures.").replace(
            "%1", facts["name"]).replace("%2", labels.role(facts["role"])).replace(
            "%3", facts["org"] or "—").replace("%4", grouped(facts["fingerprint"], 4))
        box = QMessageBox(QMessageBox.Icon.Question, self.vouch_button.text().rstrip("…"), text,
                          QMessageBox.StandardButton.Cancel, self)
        sign = box.addButton(self.tr("The fingerprints match: sign"),
                             QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is sign

    def confirm_trust(self, facts: dict) -> bool:
        text = self.tr(
            "Certificate of %1 (%2, %3).\n\nFingerprint:\n%4\n\nAsk %1 to read their "
            "fingerprint out and compare every group. Trust this certificate only if they "
            "match exactly.").replace("%1", facts["name"]).replace(
            "%2", labels.role(facts["role"])).replace("%3", facts["org"] or "—").replace(
            "%4", grouped(facts["fingerprint"], 4))
        if facts.get("on_record"):
            text += "\n\n" + self.tr(
                "This store holds a different certificate for %1 (fingerprint %2). Trusting "
                "this one replaces it.").replace("%1", facts["name"]).replace(
                "%2", identity.show_fingerprint(facts["on_record"]))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Trust this certificate?"), text,
                          QMessageBox.StandardButton.Cancel, self)
        trust = box.addButton(self.tr("The fingerprints match: trust"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is trust

    def distrust_selected(self) -> bool:
        """Stop trusting the selected signer, after asking."""
        chosen = self.selected_fingerprint()
        if chosen is None:
            return False
        name = self.table.item(self.table.currentRow(), 0).text()
        if not self.confirm_distrust(name, chosen):
            return False
        try:
            gone = identity.distrust(self.store, chosen, confirmed="page")
        except InspectorError as exc:
            self.say(str(exc), error=True)
            return False
        self.refresh()
        self.say(self.tr("%1 is no longer a trusted signer: their bundles and reports are "
                         "refused from now on.").replace("%1", gone.name))
        return True

    def confirm_distrust(self, name: str, fingerprint: str) -> bool:
        text = self.tr("Stop trusting %1 (fingerprint %2)?\n\nTheir bundles and reports will "
                       "be refused until their certificate is trusted again.").replace(
            "%1", name).replace("%2", grouped(fingerprint, 4))
        answer = QMessageBox.question(
            self, self.tr("Stop trusting?"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes
