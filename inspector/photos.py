"""Evidence photos: upright from EXIF, downscaled for storage, original hash kept.

Cameras and phones write 4000-px images rotated by an EXIF tag; the store keeps
an upright JPEG of at most MAX_SIDE px on the long side and the SHA-256 of the
file as taken, so the original can still be matched later.
"""

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ValidationError
from .i18n import add_messages, t

MAX_SIDE = 2048
JPEG_QUALITY = 85
ORIENTATION_TAG = 0x0112
Image.MAX_IMAGE_PIXELS = 80_000_000  # refuse decompression bombs, allow 50-MP cameras

add_messages({"photo.not_image": ("不是可识别的图片文件", "not an image file it can read")})


@dataclass
class Photo:
    data: bytes  # what gets stored
    mime: str
    original_sha256: str
    width: int
    height: int


def prepare(data: bytes) -> Photo:
    """The stored form of a photo file's bytes; raises ValidationError if not an image."""
    original = hashlib.sha256(data).hexdigest()
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(t("photo.not_image")) from None
    rotated = image.getexif().get(ORIENTATION_TAG, 1) not in (1, None)
    if image.format == "JPEG" and not rotated and max(image.size) <= MAX_SIDE:
        return Photo(data, "image/jpeg", original, *image.size)  # already fit to keep
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if upright.mode not in ("RGB", "L"):
        upright = _flatten(upright)
    out = io.BytesIO()
    exif = upright.getexif()
    exif.pop(ORIENTATION_TAG, None)  # the pixels are upright now
    upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, exif=exif.tobytes())
    return Photo(out.getvalue(), "image/jpeg", original, *upright.size)


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent or paletted images onto white: JPEG has no alpha."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def thumbnail(data: bytes, side: int = 160) -> bytes:
    """A small upright PNG of an image, for lists and reports."""
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    image.thumbnail((side, side))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
