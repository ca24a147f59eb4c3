"""Profiles in the reader's language."""

from __future__ import annotations

from dataclasses import replace

from ..i18n import LANGUAGES, Translator
from ..model import Profile, Role


def localise_profile(profile: Profile, lang: str) -> Profile:
    """`profile` with its texts from the language's catalogue; texts it has no entry for stay as written."""
    t = Translator(lang)
    return replace(
        profile,
        title=t(profile.title),
        description=t(profile.description),
        roles=tuple(replace(role, title=t(role.title), aliases=_aliases(role)) for role in profile.roles),
        rules=tuple(replace(rule, note=t(rule.note)) for rule in profile.rules),
    )


def _aliases(role: Role) -> tuple[str, ...]:
    """The role's title as written and in every language raci speaks, each once."""
    titles = [role.title, *(Translator(lang)(role.title) for lang in LANGUAGES)]
    return tuple(dict.fromkeys(titles))
