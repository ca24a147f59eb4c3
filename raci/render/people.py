"""The load and the communication plan in words: a role's flag, the cadence and forum, the sentence
for whom a role asks before and tells after. Every output says them alike."""

from __future__ import annotations

from ..core.communication import Contact
from ..core.load import LoadOfPerson, LoadOfRole
from ..i18n import N_, Translator
from ..model import CommunicationSettings, Role

CADENCE_WORDS = {
    "daily": N_("daily"),
    "weekly": N_("weekly"),
    "fortnightly": N_("every two weeks"),
    "monthly": N_("monthly"),
    "quarterly": N_("quarterly"),
}
FORUM_WORDS = {
    "catch-up": N_("a catch-up of the people concerned"),
    "team-meeting": N_("the team meeting"),
    "forum": N_("a sales and marketing forum with both heads"),
}


def load_flag(role: LoadOfRole, person: LoadOfPerson, limit: float, t: Translator) -> str:
    """What stands out about a role's load: its person over the limit, or nothing to do; else ""."""
    flags = []
    if person.over:
        flags.append(t("over the limit of %(limit)s") % {"limit": t.percent(limit)})
    if role.idle:
        flags.append(t("nothing to do"))
    return "; ".join(flags)


def person_name(person: LoadOfPerson, t: Translator) -> str:
    """The person's name, or the title of the one role no one is named for."""
    return person.person or t(person.roles[0].title)


def cadence_words(settings: CommunicationSettings, t: Translator) -> str:
    """ "Weekly, in the team meeting": how often and where those who decide ask and tell."""
    cadence = t(CADENCE_WORDS.get(settings.cadence, settings.cadence))
    forum = t(FORUM_WORDS.get(settings.forum, settings.forum))
    sentence = t("%(cadence)s, in %(forum)s") % {"cadence": cadence, "forum": forum}
    return sentence[:1].upper() + sentence[1:]


def contact_name(contact: Contact, t: Translator) -> str:
    """The other role's title, with its person when one is named: "Head of Sales (Budi)"."""
    title = t(contact.role.title)
    return f"{title} ({contact.role.person})" if contact.role.person else title


def someone(person: str, roles: tuple[Role, ...], t: Translator) -> str:
    """A person of the communication plan by name, or by the title of the one role no one is named for."""
    return person or t(roles[0].title)


def hats(person: str, roles: tuple[Role, ...], t: Translator) -> str:
    """The titles of a named person's roles ("Direktur Utama, Marketing Executive"); "" for a role no one
    is named for (its title is already the name)."""
    return ", ".join(t(role.title) for role in roles) if person else ""
