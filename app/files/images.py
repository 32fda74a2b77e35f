"""Uploaded images, made safe to keep and show: the type read from the bytes
(never from the name or the client's content type), turned upright by its
EXIF orientation, scaled down to a bound, and written afresh, so no metadata
at all survives (EXIF with its GPS position, XMP, IPTC, comments, ICC
profile, PNG text chunks). Knows nothing of Flask."""
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import APIError

# What Pillow calls the formats we take.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# Past this the decoded image alone would take hundreds of megabytes (a
# "decompression bomb": a small file of an enormous, empty picture).
MAX_PIXELS = 50_000_000


@dataclass(frozen=True)
class Reencoded:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def sniff_format(data):
    """Pillow's name of the image format of ``data``, or None when it is not
    an image Pillow can read. Reads the header only."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def reencode(data, max_dimension=2048, jpeg_quality=85):
    """``data`` (an uploaded file) as a clean JPEG, or a PNG when it has
    transparency. APIError 415 upload_type_unsupported for anything but
    JPEG, PNG or WebP; 422 image_unreadable / image_too_many_pixels."""
    image_format = sniff_format(data)
    if image_format not in ACCEPTED_FORMATS:
        raise APIError("upload_type_unsupported")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as source:
                if source.width * source.height > MAX_PIXELS:
                    raise APIError("image_too_many_pixels")
                source.seek(0)  # an animated WebP/PNG keeps its first frame
                source.load()
                upright = ImageOps.exif_transpose(source)
        except APIError:
            raise
        except Exception:  # noqa: BLE001  (truncated data, a bomb, EXIF Pillow cannot parse: all unreadable)
            raise APIError("image_unreadable") from None

    alpha = _has_alpha(upright)
    image = upright.convert("RGBA" if alpha else "RGB")
    image.thumbnail((max_dimension, max_dimension), Image.Resampling.LANCZOS)
    # A new image holding the pixels alone: nothing of the source's info
    # (exif, icc_profile, xmp, comments, text chunks) can ride along.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    if alpha:
        clean.save(out, format="PNG", optimize=True)
        content_type, extension = "image/png", "png"
    else:
        clean.save(out, format="JPEG", quality=jpeg_quality, optimize=True, progressive=True)
        content_type, extension = "image/jpeg", "jpg"
    return Reencoded(out.getvalue(), content_type, extension, clean.width, clean.height)
