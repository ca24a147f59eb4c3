"""Read a client's identity on the deliverables: name, logo (PNG, JPEG or SVG) and accent colour."""

from __future__ import annotations

from pathlib import Path

from ..exceptions import BrandingError, control_character
from ..files import Refusal, read_bounded
from ..model import Branding, Logo, parse_accent

LOGO_LIMIT = 2 * 1024 * 1024
CLIENT_LIMIT = 200  # characters of a client's name
LOGO_PIXELS = 40_000_000  # pixels: far above any logo, far below a decompression bomb


def make_branding(client: str | None = None, logo: Path | str | None = None, accent: str | None = None) -> Branding:
    if client is not None and len(client.strip()) > CLIENT_LIMIT:
        raise BrandingError(
            f"--client is {len(client.strip()):,} characters long, over the {CLIENT_LIMIT} a title can show",
            hint="give the client's name",
        )
    control = control_character(client or "")
    if control is not None:
        raise BrandingError(f"--client holds {control}", hint="type the client's name without it")
    return Branding(
        client=(client or "").strip(),
        logo=load_logo(Path(logo)) if logo else None,
        accent=parse_accent(accent) if accent else "",
    )


def load_logo(path: Path) -> Logo:
    """Read a PNG, JPEG or SVG logo, recognised by its content and checked as an image, not by its name."""
    data = read_bounded(path, LOGO_LIMIT, lambda why: _refused_logo(path, why))
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        mime = "image/jpeg"
    elif _is_svg(data):
        return Logo(data=data, mime="image/svg+xml", name=path.name)
    else:
        raise BrandingError("is not a PNG, JPEG or SVG image", path=path, hint="give the logo as PNG, JPEG or SVG")
    _check_raster(path, data, mime)
    return Logo(data=data, mime=mime, name=path.name)


def _refused_logo(path: Path, why: Refusal) -> BrandingError:
    """Why the logo at `path` was not read, in words."""
    if why.kind == "missing":
        return BrandingError("no such logo file", path=path)
    if why.kind in ("folder", "special"):
        return BrandingError("is not a regular file", path=path)
    if why.kind == "size":
        return BrandingError(
            f"is {why.size // 1024:,} KiB, over the {LOGO_LIMIT // 1024:,} KiB a logo may take",
            path=path,
            hint="export a smaller logo",
        )
    return BrandingError(f"cannot be read: {why.reason}", path=path)


def _check_raster(path: Path, data: bytes, mime: str) -> None:
    """Open the image with Pillow (imported only for a logo): it must decode, have a size, and not
    be a decompression bomb."""
    import io
    import warnings

    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            Image.MAX_IMAGE_PIXELS = LOGO_PIXELS
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
            raise BrandingError(
                f"is an image of more than {LOGO_PIXELS:,} pixels", path=path, hint="export a smaller logo"
            ) from err
        except Exception as err:  # Pillow raises many kinds of error for a broken file
            kind = "PNG" if mime == "image/png" else "JPEG"
            raise BrandingError(f"is not a readable {kind} image", path=path, hint="export the logo again") from err
    if width < 1 or height < 1:
        raise BrandingError(f"is an image of {width}x{height} pixels", path=path, hint="export the logo again")


def _is_svg(data: bytes) -> bool:
    """Whether `data` is an XML document whose root is <svg> (parsed safely: no entities, no DTDs)."""
    if b"<svg" not in data[:4096].lower():
        return False
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return False
    return bool(root.tag == "svg" or str(root.tag).endswith("}svg"))
