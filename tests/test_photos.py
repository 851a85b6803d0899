"""Photos: upright from EXIF, downscaled, original hash kept; small JPEGs kept as they are."""

import hashlib
import io

import pytest
from PIL import Image

from inspector import photos
from inspector.errors import ValidationError


def jpeg(size, orientation=None, colour=(200, 30, 30)) -> bytes:
    image = Image.new("RGB", size, colour)
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1] // 4))  # a mark top-left
    exif = Image.Exif()
    if orientation:
        exif[photos.ORIENTATION_TAG] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_small_upright_jpeg_is_kept_byte_for_byte():
    data = jpeg((800, 600))
    photo = photos.prepare(data)
    assert photo.data == data
    assert photo.original_sha256 == hashlib.sha256(data).hexdigest()
    assert (photo.width, photo.height) == (800, 600)


def test_large_photo_is_downscaled_and_keeps_the_original_hash():
    data = jpeg((4000, 3000))
    photo = photos.prepare(data)
    assert (photo.width, photo.height) == (2048, 1536)
    assert photo.original_sha256 == hashlib.sha256(data).hexdigest()
    assert hashlib.sha256(photo.data).hexdigest() != photo.original_sha256
    assert Image.open(io.BytesIO(photo.data)).format == "JPEG"


def test_exif_rotation_is_applied_and_the_tag_dropped():
    photo = photos.prepare(jpeg((800, 600), orientation=6))  # camera held upright
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.size == (600, 800)
    assert stored.getexif().get(photos.ORIENTATION_TAG) is None


def test_png_with_alpha_becomes_jpeg():
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(out, "PNG")
    photo = photos.prepare(out.getvalue())
    assert photo.mime == "image/jpeg"
    assert Image.open(io.BytesIO(photo.data)).getpixel((5, 5)) == (255, 255, 255)


def test_not_an_image():
    with pytest.raises(ValidationError, match="not an image"):
        photos.prepare(b"%PDF-1.7 not a photo")


def test_thumbnail_is_small_and_upright():
    thumb = Image.open(io.BytesIO(photos.thumbnail(jpeg((800, 600), orientation=6), 100)))
    assert thumb.size == (75, 100)
