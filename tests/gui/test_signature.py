"""The signature pad draws from a finger (touch screen) and from a pen (tablet), not only
from the mouse (see test_finish for the mouse)."""

import io

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent, QTouchEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

pytestmark = pytest.mark.gui

STROKE = [QPoint(40, 60), QPoint(120, 100), QPoint(200, 80), QPoint(300, 120)]


@pytest.fixture
def dialog(app, qtbot):
    from inspector.ui.signature import SignatureDialog

    shown = SignatureDialog("被检查单位负责人", "沈福根")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def ink_box(png: bytes) -> tuple[int, int]:
    """Width and height of the non-transparent part of a PNG."""
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    box = image.getchannel("A").getbbox()
    assert box is not None, "nothing drawn"
    return box[2] - box[0], box[3] - box[1]


def assert_drawn(dialog, blank: bytes) -> None:
    pad = dialog.pad
    assert not pad.is_empty() and len(pad.strokes) == 1
    bounds = pad.strokes[0].boundingRect()
    assert (bounds.left(), bounds.top()) == (40, 60)  # the stroke is where it was drawn
    assert (bounds.right(), bounds.bottom()) == (300, 120)
    png = dialog.png()
    assert png != blank
    width, height = ink_box(png)
    assert 260 <= width <= 270 and 60 <= height <= 70  # the stroke plus the pen's width
    assert dialog.ok.isEnabled()  # a name and a signature: it can be saved


def test_blank_pad(dialog):
    assert dialog.pad.is_empty() and not dialog.ok.isEnabled()
    assert Image.open(io.BytesIO(dialog.png())).getchannel("A").getbbox() is None


@pytest.fixture
def no_mouse_emulation(app):
    """Touch reaches the pad as touch: Qt would otherwise turn touch the pad did not
    take into mouse events, and the test would pass through the mouse handlers."""
    attribute = Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents
    before = QApplication.testAttribute(attribute)
    QApplication.setAttribute(attribute, False)
    yield
    QApplication.setAttribute(attribute, before)


def test_a_finger_on_a_touch_screen_draws(dialog, no_mouse_emulation):
    pad = dialog.pad
    blank = pad.png()
    screen = QTest.createTouchDevice()
    assert screen.type() == QInputDevice.DeviceType.TouchScreen
    first, *rest = STROKE
    QTest.touchEvent(pad, screen).press(0, first, pad).commit()
    assert not pad.is_empty() and not dialog.ok.isEnabled()  # still drawing
    for point in rest:
        QTest.touchEvent(pad, screen).move(0, point, pad).commit()
    QTest.touchEvent(pad, screen).release(0, rest[-1], pad).commit()
    assert_drawn(dialog, blank)

    QTest.touchEvent(pad, screen).press(0, QPoint(350, 60), pad).commit()
    QTest.touchEvent(pad, screen).release(0, QPoint(350, 60), pad).commit()
    assert len(pad.strokes) == 2  # a tap is a dot
    [clear] = [b for b in dialog.findChildren(QPushButton) if b.text() == "清除"]
    clear.click()
    assert pad.is_empty() and not dialog.ok.isEnabled()


def stylus() -> QPointingDevice:
    return QPointingDevice("test pen", 1001, QInputDevice.DeviceType.Stylus,
                           QPointingDevice.PointerType.Pen,
                           QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                           1, 2)


def pen(pad, device, kind, point: QPoint, pressure: float) -> bool:
    """A tablet event as Qt delivers it to the widget under the pen; True if taken."""
    down = kind != QTabletEvent.Type.TabletRelease
    position = QPointF(point)
    event = QTabletEvent(kind, device, position, QPointF(pad.mapToGlobal(point)), pressure,
                         0.0, 0.0, 0.0, 0.0, 0.0, Qt.KeyboardModifier.NoModifier,
                         Qt.MouseButton.LeftButton,
                         Qt.MouseButton.LeftButton if down else Qt.MouseButton.NoButton)
    QApplication.sendEvent(pad, event)
    return event.isAccepted()


def test_a_pen_on_a_tablet_draws(dialog):
    pad = dialog.pad
    blank = pad.png()
    device = stylus()
    first, *rest = STROKE
    assert pen(pad, device, QTabletEvent.Type.TabletPress, first, 0.4)
    for point in rest:
        # accepted, so Qt does not also turn the pen into mouse events (a double stroke)
        assert pen(pad, device, QTabletEvent.Type.TabletMove, point, 0.7)
    assert not dialog.ok.isEnabled()
    assert pen(pad, device, QTabletEvent.Type.TabletRelease, rest[-1], 0.0)
    assert_drawn(dialog, blank)


def test_a_cancelled_touch_keeps_its_ink_and_can_be_saved(dialog, no_mouse_emulation):
    """The system may cancel a touch (a gesture, palm rejection): what was drawn stays,
    and the dialog knows the stroke is over."""
    pad = dialog.pad
    screen = QTest.createTouchDevice()
    first, *rest = STROKE
    QTest.touchEvent(pad, screen).press(0, first, pad).commit()
    for point in rest:
        QTest.touchEvent(pad, screen).move(0, point, pad).commit()
    QApplication.sendEvent(pad, QTouchEvent(QEvent.Type.TouchCancel, screen))
    assert len(pad.strokes) == 1 and dialog.ok.isEnabled()
    QTest.touchEvent(pad, screen).press(0, QPoint(350, 60), pad).commit()
    QTest.touchEvent(pad, screen).release(0, QPoint(350, 60), pad).commit()
    assert len(pad.strokes) == 2
