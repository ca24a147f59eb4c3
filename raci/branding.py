"""A client's identity on the deliverables: name, logo (PNG, JPEG or SVG) and accent colour."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from .exceptions import RaciError

LOGO_LIMIT = 2 * 1024 * 1024
HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


class BrandingError(RaciError):
    """Raised when a logo cannot be used or an accent colour is not a colour."""


@dataclass(frozen=True)
class Logo:
    data: bytes
    mime: str  # image/png, image/jpeg or image/svg+xml
    name: str

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Branding:
    """Empty by default: the built-in look needs none of it."""

    client: str = ""
    logo: Logo | None = None
    accent: str = ""  # "#RRGGBB", or "" for the built-in navy


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


def parse_accent(text: str) -> str:
    """A hex colour ("#1f6feb", "1F6FEB", "#1f6") as "#1F6FEB"."""
    found = HEX.fullmatch(text.strip())
    if found is None:
        raise BrandingError(f"accent '{text}' is not a colour", hint="give a hex colour such as #1F6FEB")
    digits = found.group(1).upper()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"
