"""Pictures in the PDFs: evidence photos, handwritten signatures, the QR code.

Photos are decoded and downscaled with Pillow before they go in, so a report
with twenty 12-megapixel photos stays a few megabytes, and a blob that is not a
picture (or is truncated) is reported as unreadable instead of breaking the report.
"""

import io

import qrcode
from PIL import Image, ImageOps
from reportlab.lib import colors
from reportlab.platypus import Flowable
from reportlab.platypus import Image as PdfImage

PRINT_DPI = 150  # enough for A4 print; sharper only makes the file bigger


def picture(data: bytes, max_width: float, max_height: float, *,
            lossless: bool = False) -> PdfImage | None:
    """`data` as a flowable fitting max_width x max_height points, or None when
    it cannot be decoded. Orientation from EXIF is applied; transparency goes on white."""
    try:
        image = _decode(data)
    except Exception:  # Pillow raises many kinds (OSError, SyntaxError, ...) for damaged files
        return None
    scale = min(max_width / image.width, max_height / image.height)
    width, height = image.width * scale, image.height * scale
    pixels = (round(width / 72 * PRINT_DPI), round(height / 72 * PRINT_DPI))
    image.thumbnail((max(pixels[0], 1), max(pixels[1], 1)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if lossless:
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "JPEG", quality=82, optimize=True)
    out.seek(0)
    return PdfImage(out, width=width, height=height)


def _decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()  # decode now: a truncated file fails here, not inside reportlab
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    return image.convert("RGB")


class QrCode(Flowable):
    """`text` as a vector QR code `size` points square, quiet zone included.

    Drawn as filled rectangles straight on the canvas (a graphics Drawing would
    pull in an unembedded Helvetica); one rectangle per run of dark modules.
    """

    def __init__(self, text: str, size: float):
        super().__init__()
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
        code.add_data(text.encode("utf-8"))
        code.make(fit=True)
        self.size = size
        self.runs = _dark_runs(code.get_matrix(), size)

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        self.canv.setFillColor(colors.black)
        for x, y, width, height in self.runs:
            self.canv.rect(x, y, width, height, stroke=0, fill=1)


def _dark_runs(matrix: list[list[bool]], size: float) -> list[tuple[float, ...]]:
    module = size / len(matrix)
    runs = []
    for row, cells in enumerate(matrix):
        y = size - (row + 1) * module
        start = None
        for col, dark in enumerate([*cells, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.append((start * module, y, (col - start) * module, module))
                start = None
    return runs
