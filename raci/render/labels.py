"""The words raci shows for its own keys: shares, areas, functions, structures and the comparison's groups,
marked for translation."""

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
    N_("unknown"),
)
STRUCTURE_LABELS = (N_("sales-led"), N_("separate"))
# The groups of `raci.core.compare`, by key: a label and what it means, in English (translated where shown).
GROUP_LABELS: Mapping[str, str] = {
    "sales-to-marketing": N_("Moves from sales to marketing"),
    "stays-with-sales": N_("Stays with sales"),
    "to-new-roles": N_("Moves to new roles"),
    "stays-with-leadership": N_("Stays with leadership"),
    "stays-with-marketing": N_("Stays with marketing"),
    "other-changes": N_("Other changes of function"),
    "stays-elsewhere": N_("Stays with the same function"),
}
GROUP_DESCRIPTIONS: Mapping[str, str] = {
    "sales-to-marketing": N_("Sales answered for it; marketing will."),
    "stays-with-sales": N_("A sales role answers for it before and after."),
    "to-new-roles": N_(
        "A role that did not exist before takes it over, or service, finance, operations or product does."
    ),
    "stays-with-leadership": N_("The company's leadership answers for it before and after."),
    "stays-with-marketing": N_("A marketing role answers for it before and after."),
    "other-changes": N_("Another function takes it over."),
    "stays-elsewhere": N_("The same function answers for it before and after."),
}


def area_label(area: str) -> str:
    """An area key as a label: "customer_service" -> "Customer service"; a key of underscores alone stays."""
    text = area.replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else area
