"""Read a client's identity on the deliverables: name, logo (PNG, JPEG or SVG) and accent colour."""

from __future__ import annotations

from pathlib import Path

from ..exceptions import BrandingError
from ..model import Branding, Logo, parse_accent

LOGO_LIMIT = 2 * 1024 * 1024


def make_branding(client: str | None = None, logo: Path | str | None = None, accent: str | None = None) -> Branding:
    return Branding(
        client=(client or "").strip(),
        logo=load_logo(Path(logo)) if logo else None,
        accent=parse_accent(accent) if accent else "",
    )


def load_logo(path: Path) -> Logo:
    """Read a PNG, JPEG or SVG logo, recognised by its content, not its name."""
    if not path.is_file():
        raise BrandingError("no such logo file" if not path.exists() else "is not a file", path=path)
    data = path.read_bytes()
    if len(data) > LOGO_LIMIT:
        raise BrandingError(
            f"is {len(data) // 1024:,} KiB, over the {LOGO_LIMIT // 1024:,} KiB a logo may take",
            path=path,
            hint="export a smaller logo",
        )
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        mime = "image/jpeg"
    elif b"<svg" in data[:4096].lower():
        mime = "image/svg+xml"
    else:
        raise BrandingError("is not a PNG, JPEG or SVG image", path=path, hint="give the logo as PNG, JPEG or SVG")
    return Logo(data=data, mime=mime, name=path.name)
