"""The words raci shows for its own keys: shares, areas, functions and structures, marked for translation."""

from __future__ import annotations

from collections.abc import Mapping

from ..i18n import N_

# English labels (translated where they are shown); the plan reads SHARE_LABELS as English.
SHARE_LABELS: Mapping[str, str] = {
    "sales_led": N_("Sales-led share"),
    "marketing_led": N_("Marketing-led share"),
    "home_alignment": N_("Home alignment"),
    "strategy_alignment": N_("Strategy alignment"),
}
# Data shown as labels, marked here so the catalogue has them; the `translate` filter looks
# them up: the known areas as `area_label` writes them, the functions and the structures.
AREA_LABELS = (
    N_("Quotas"),
    N_("Product"),
    N_("Pricing"),
    N_("Distribution"),
    N_("Customer service"),
    N_("Promotion"),
    N_("Branding"),
    N_("Research"),
    N_("Sales process"),
    N_("Marketing process"),
)
FUNCTION_LABELS = (
    N_("leadership"),
    N_("sales"),
    N_("marketing"),
    N_("service"),
    N_("finance"),
    N_("operations"),
    N_("product"),
)
STRUCTURE_LABELS = (N_("sales-led"), N_("separate"))


def area_label(area: str) -> str:
    """An area key as a label: "customer_service" -> "Customer service"; a key of underscores alone stays."""
    text = area.replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else area
