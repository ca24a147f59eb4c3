"""File and folder names made from what people type: any script kept, nothing that escapes its folder."""

from __future__ import annotations

import re
import unicodedata

# Names Windows reserves in any folder, with or without an extension.
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)
NAME_BYTES = 120  # a name's UTF-8 bytes, leaving room for prefixes and suffixes within 255
ENCODING = "utf-8"


def safe_name(text: str) -> str:
    """`text` as a file or folder name that stays inside its folder on any system.

    Letters and digits of any script are kept; anything else becomes "-"; Windows' reserved
    names (CON, NUL, COM1, and COM¹ which Windows reads as COM1...) get a trailing "_".
    """
    normal = unicodedata.normalize("NFC", text)
    name = re.sub(r"[^\w.-]+", "-", normal).strip("-._")
    while len(name.encode(ENCODING)) > NAME_BYTES:
        name = name[:-1]
    name = name.rstrip("-._")
    if unicodedata.normalize("NFKC", name.split(".")[0]).upper() in RESERVED:  # COM¹ is COM1 to Windows
        name = f"{name}_"
    return name or "unnamed"
