"""The words a client reads instead of raci's keys: areas, homes, horizons, functions, the rule that
decided a row, each check's title, the matrix's first columns and the shares' notes. Every output says
them alike."""

from __future__ import annotations

from ..i18n import N_, Translator
from ..model import Row, Rule
from .labels import area_label

HEADER = (N_("ID"), N_("Area"), N_("Responsibility"))
SHARE_NOTES = (
    N_("rows whose Accountable role (A or A/R) wears the sales hat, over all rows"),
    N_("rows whose Accountable role wears the marketing hat, over all rows"),
    N_("among rows whose home is sales or marketing, those whose Accountable role wears that hat"),
    N_("among marketing-strategy rows, those whose Accountable role wears the marketing hat"),
)

HORIZON_WORDS = {"short": N_("Short term"), "long": N_("Long term")}
KIND_WORDS = {
    "sign": N_("Sign-offs"),
    "pay": N_("Commission and incentive schemes"),
    "receivables": N_("Receivables and credit"),
    "onboarding": N_("Onboarding and renewals"),
    "lead": N_("Lead definitions and hand-off"),
    "revops": N_("Revenue operations"),
    "compliance": N_("Compliance"),
    "buying": N_("Buying from suppliers"),
    "trade_promotion": N_("Trade promotion"),
    "list_price": N_("List prices and packaging"),
    "affiliate": N_("Affiliate and influencer marketing"),
    "principal": N_("Work with principals"),
    "key_account": N_("Key accounts"),
    "site": N_("New stores and branches"),
    "content": N_("Content and collateral"),
    "forecast": N_("Forecasts"),
    "quota": N_("Quotas"),
    "demo": N_("Product demonstrations"),
    "budget": N_("Budget decisions"),
    "deal_price": N_("Deal pricing"),
    "promo_price": N_("Promotional prices"),
    "channel_research": N_("Research behind channel choices"),
    "account_growth": N_("Growing existing accounts"),
    "channel": N_("Channels and intermediaries"),
    "partner_programme": N_("Partner programmes"),
    "claims": N_("Warranty and damage claims"),
    "delivery": N_("Delivery terms"),
    "utilisation": N_("Utilisation and resourcing"),
    "bid": N_("Bid or no-bid decisions"),
    "trade_show": N_("Trade shows and exhibitions"),
    "company_target": N_("The company's sales target"),
    "recommend": N_("Recommendations"),
    "decide": N_("Decisions"),
    "run": N_("Day-to-day running"),
}


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter in lower case, unless the first word is an acronym ("CRM data")."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def area_words(area: str, t: Translator) -> str:
    """An area as a client reads it, in the report's language: "customer_service" -> "Customer service"."""
    return t(area_label(area))


def home_words(home: str, t: Translator) -> str:
    """A row's home as a client reads it: "shared" -> "Shared" ("Bersama")."""
    return capital(t(home))


def horizon_words(horizon: str, t: Translator) -> str:
    return t(HORIZON_WORDS[horizon]) if horizon in HORIZON_WORDS else horizon


def function_words(function: str, t: Translator) -> str:
    """A function as a client reads it: "leadership" -> "Leadership" ("Pimpinan")."""
    return capital(t(function))


def _listed(words: list[str], t: Translator) -> str:
    return t.listed(words)


def rule_words(rule: Rule, t: Translator, synonym: str = "") -> str:
    """The rule that decided a row, in words: "All pricing work", "Sales work on pricing", "Rows QT-01
    and QT-02", "Budget decisions"; `synonym` is the row's own area when the rule matched the area it
    stands for. The technical form (Rule.label) stays in the Legend."""
    if rule.name:
        return rule.name
    when = rule.when
    areas = _listed([lower_first(area_words(area, t)) for area in when.get("area", ())], t)
    homes = _listed([t(home) for home in when.get("home", ())], t)
    kinds = _listed([lower_first(t(KIND_WORDS.get(kind, kind))) for kind in when.get("kind", ())], t)
    if not when:
        text = t("All other work")
    elif "id" in when:
        ids = list(when["id"])
        text = t("Row {id}").format(id=ids[0]) if len(ids) == 1 else t("Rows {ids}").format(ids=_listed(ids, t))
    elif kinds and areas:
        text = t("{kind} on {area}").format(kind=kinds, area=areas)
    elif kinds and homes:
        text = t("{kind} in {home}").format(kind=kinds, home=homes)
    elif kinds:
        text = kinds
    elif areas and homes:
        text = t("{home} work on {area}").format(home=homes, area=areas)
    elif areas:
        text = t("All {area} work").format(area=areas)
    else:
        text = t("All {home} work").format(home=homes)
    text = capital(text)
    if synonym and "area" in when:
        text = t("{rule} (from {area})").format(rule=text, area=lower_first(area_words(synonym, t)))
    return text


def row_rule_words(row: Row, t: Translator) -> str:
    return rule_words(row.rule, t, row.item.area if row.area else "")


# What each kind of the audit trail of a matrix made elsewhere changed (render/story.py's READ_AS_KINDS).
READ_AS_CHANGES = {
    "control": N_("control character no workbook holds: dropped"),
    "cut": N_("over the 32,767 characters a cell holds: cut"),
    "meaning": N_("worth checking"),
    "unreadable": N_("unreadable: read as no letter"),
    "role": N_("one role spelt two ways: merged"),
    "area": N_("area told from the wording"),
    "function": N_("function told from the title"),
    "spelling": N_("spelling only"),
}


# Each check as a sentence a client reads; its id stays in a hidden column.
CHECK_TITLES = {
    "no-accountable": N_("Nobody is accountable"),
    "multiple-accountable": N_("More than one role is accountable"),
    "conditional-accountable": N_("Accountability depends on a footnote"),
    "no-responsible": N_("Nobody does the work"),
    "no-decider": N_("Nobody decides"),
    "multiple-deciders": N_("More than one role decides"),
    "no-driver": N_("A decision has no driver"),
    "multiple-drivers": N_("A decision has more than one driver"),
    "support-without-responsible": N_("Support with nobody doing the work"),
    "scheme-read": N_("The letters' scheme"),
    "too-many-consulted": N_("Too many roles are consulted"),
    "role-overloaded": N_("One role answers for too much"),
    "idle-role": N_("A role holds no work"),
    "sales-sets-marketing-strategy": N_("Sales sets marketing strategy"),
    "marketing-carries-quota": N_("Marketing carries a sales quota"),
    "unknown-area": N_("An area raci does not know"),
    "invalid-letter": N_("A cell holds no RACI letter"),
    "duplicate-id": N_("Two rows share an ID"),
    "missing-id": N_("A row has no ID"),
    "invalid-home": N_("A row's home is not sales, marketing or shared"),
    "unknown-role": N_("A role column has no function"),
}
SEVERITY_WORDS = {"error": N_("Error"), "warning": N_("Warning"), "info": N_("Note")}


def check_title(rule: str, t: Translator) -> str:
    return t(CHECK_TITLES[rule]) if rule in CHECK_TITLES else rule
