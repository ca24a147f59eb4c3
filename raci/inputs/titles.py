"""What a role does, told from its title in English or Indonesian: "Kepala Penjualan" is sales."""

from __future__ import annotations

import re

from ..model import Function

# (function, words): a title's hats are the functions whose words it holds, in the order they
# appear in the title; leadership only when no other function is named ("Sales Director" is sales).
FUNCTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "finance",
        (
            "cfo",
            "finance",
            "financial",
            "fp&a",
            "keuangan",
            "akuntansi",
            "akunting",
            "accounting",
            "accountant",
            "controller",
            "penagihan",
            "collection",
            "pajak",
        ),
    ),
    (
        "marketing",
        (
            "cmo",
            "marketing",
            "pemasaran",
            "brand",
            "branding",
            "merek",
            "communications",
            "komunikasi",
            "market research",
            "promosi",
            "promotion",
            "digital",
            "content",
            "konten",
        ),
    ),
    (
        "sales",
        (
            "sales",
            "penjualan",
            "cro",
            "account executive",
            "account manager",
            "key account",
            "business development",
            "sdr",
            "bdr",
            "salesperson",
            "wiraniaga",
            "tenaga penjual",
            "sales rep",
            "salesman",
            "salesmen",
            "saleswoman",
            "sales force",
            "relationship manager",
            "kanvas",
            "canvasser",
            "channel",
        ),
    ),
    (
        "service",
        (
            "customer service",
            "customer success",
            "customer care",
            "cs",
            "layanan pelanggan",
            "pelayanan",
            "support",
            "helpdesk",
            "call center",
            "server",
            "waiter",
            "waitress",
            "cashier",
            "kasir",
            "pelayan",
        ),
    ),
    ("product", ("product manager", "product owner", "product", "produk")),
    (
        "operations",
        (
            "operations",
            "operasional",
            "operasi",
            "ops",
            "coo",
            "logistics",
            "logistik",
            "warehouse",
            "gudang",
            "supply chain",
            "barista",
            "kitchen",
            "cook",
            "chef",
            "produksi",
            "production",
        ),
    ),
)
# Words naming operations only when the title names no other function ("Admin Keuangan" is finance).
WEAK_OPERATIONS = ("admin", "administrasi", "administration", "staf umum")
LEADERSHIP = (
    "ceo",
    "owner",
    "founder",
    "co-founder",
    "managing director",
    "general manager",
    "chief executive",
    "president",
    "direktur utama",
    "presiden direktur",
    "direktur",
    "director",
    "pemilik",
    "pendiri",
    "manager",
    "manajer",
    "gm",
    "md",
)


def _words(title: str) -> str:
    return " " + " ".join(re.sub(r"[^\w&-]+", " ", title.casefold()).split()) + " "


def _position(text: str, words: tuple[str, ...]) -> int | None:
    """Where the first of `words` (a plural `s` allowed) stands in `text`, or None."""
    found = [match.start() for word in words if (match := re.search(rf" {re.escape(word)}s? ", text))]
    return min(found) if found else None


def functions_of(title: str) -> tuple[Function, ...]:
    """The hats a title names, the first named first; () when the title says nothing raci can tell."""
    text = _words(title)
    named = sorted(
        (position, function) for function, words in FUNCTION_WORDS if (position := _position(text, words)) is not None
    )
    hats = tuple(Function(function) for _, function in named)
    if not hats and _position(text, WEAK_OPERATIONS) is not None:
        hats = (Function.OPERATIONS,)  # "Admin" alone runs operations; "Admin Keuangan" is finance's
    if Function.MARKETING in hats:  # product marketing is marketing
        hats = tuple(hat for hat in hats if hat != Function.PRODUCT)
    if hats:
        return hats
    return (Function.LEADERSHIP,) if _position(text, LEADERSHIP) is not None else ()
