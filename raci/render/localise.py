"""Profiles in the reader's language."""

from __future__ import annotations

from dataclasses import replace

from ..i18n import Translator
from ..model import Profile


def localise_profile(profile: Profile, lang: str) -> Profile:
    """`profile` with its texts from the language's catalogue; texts it has no entry for stay as written."""
    t = Translator(lang)
    return replace(
        profile,
        title=t(profile.title),
        description=t(profile.description),
        roles=tuple(replace(role, title=t(role.title)) for role in profile.roles),
        rules=tuple(replace(rule, note=t(rule.note)) for rule in profile.rules),
    )
