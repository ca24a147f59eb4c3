"""Read size profiles (TOML) and pick the built-in one for a size or a headcount."""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from .. import resources
from ..exceptions import ProfileError, control_character
from ..i18n import LANGUAGES
from ..model import (
    CADENCES,
    FORUMS,
    FUNCTIONS,
    KNOWN_AREAS,
    MATCH_KEYS,
    STRUCTURES,
    CheckSettings,
    CommunicationSettings,
    Function,
    LoadSettings,
    Profile,
    Role,
    Rule,
    Structure,
    Trigger,
    area_key,
    wording,
)
from ..scheme import RACI, SCHEMES, Scheme, rules_scheme, scheme_named
from .vocabulary import vocabulary

TITLE_LIMIT = 200  # characters of a title: a column head or a sheet's title row shows it whole
TEXT_LIMIT = 2_000  # characters of a description or a rule's note
PROFILE_LIMIT = 16 * 2**20  # bytes: the built-in profiles take a few KiB; the widest possible, about 1 MiB
# Columns an .xlsx sheet holds, less the RACI sheet's own (ID, Area, Responsibility, Home, Horizon, Rule, Description).
MAX_ROLES = 16_384 - 7
TOP_KEYS = {
    "name",
    "title",
    "description",
    "headcount_min",
    "headcount_max",
    "structure",
    "roles",
    "rules",
    "checks",
    "areas",
    "load",
    "communication",
    "scheme",
    "triggers",
}
TRIGGER_TEXT_KEYS = {"key", "role", "source", "text"}


def builtin_names() -> tuple[str, ...]:
    """Built-in profile names, smallest firm first."""
    return tuple(profile.name for profile in builtin_profiles())


@cache
def builtin_profiles() -> tuple[Profile, ...]:
    """The built-in sizes; the rules that name a row by its id name the bundled catalogue's row, in any of
    its languages, so a client's row that merely shares the id is read by its meaning."""
    found = [load_profile(path) for path in resources.profiles().glob("*.toml")]
    ids = {ident for profile in found for rule in profile.rules for ident in rule.when.get("id", ())}
    worded = _bundled_wordings(ids)
    found = [replace(profile, worded=worded) for profile in found]
    return tuple(sorted(found, key=lambda profile: profile.headcount_min))


def _bundled_wordings(ids: set[str]) -> dict[str, frozenset[str]]:
    """The bundled catalogue's wording of each of `ids`, in every language it comes in."""
    found: dict[str, set[str]] = {ident: set() for ident in ids}
    for lang in LANGUAGES:
        path = resources.default_catalogue(lang)
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as stream:
            for line in csv.DictReader(stream):
                if line.get("id", "") in found:
                    found[line["id"]].add(wording(line.get("responsibility", "")))
    return {ident: frozenset(wordings) for ident, wordings in found.items() if wordings}


def builtin_profile(name: str) -> Profile:
    for profile in builtin_profiles():
        if profile.name == name.strip().lower():
            return profile
    raise ProfileError(
        f"unknown size '{name}'",
        hint=f"sizes are {', '.join(builtin_names())}; or give your own with --profile FILE.toml",
    )


def profile_for_headcount(headcount: int) -> Profile:
    if headcount < 1:
        raise ProfileError(f"headcount {headcount} is not a number of people", hint="give a whole number of 1 or more")
    for profile in builtin_profiles():
        if profile.holds(headcount):
            return profile
    raise ProfileError(f"no built-in profile covers a headcount of {headcount}")


def load_profile(path: Path | str) -> Profile:
    """Read a profile file; every problem names the file and, where known, the line."""
    path = Path(path)
    if not path.is_file():
        if path.is_dir():
            what = "is a folder, not a profile file"
        elif path.exists():
            what = "is not a regular file (a device, a pipe or a socket)"
        else:
            what = "no such profile file"
        raise ProfileError(what, path=path, hint="give the path of a .toml profile")
    if path.stat().st_size > PROFILE_LIMIT:
        raise ProfileError(f"is over the {PROFILE_LIMIT // 2**20} MiB a profile may take", path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ProfileError("is not UTF-8 text", path=path, hint="save the profile as UTF-8") from err
    except OSError as err:
        raise ProfileError(f"cannot be read: {err.strerror}", path=path) from err
    return parse_profile(text, path)


def parse_profile(text: str, path: Path) -> Profile:
    """Read a profile from its TOML `text`; `path` names where it came from in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        message = re.sub(r"\s*\(at line.*\)", "", str(err))
        raise ProfileError(
            f"is not valid TOML: {message}",
            path=path,
            line=int(found.group(1)) if found else None,
            hint="check quotes, brackets and '=' on that line",
        ) from err
    except RecursionError as err:
        raise ProfileError("nests tables or lists too deeply to be a profile", path=path) from err
    return _profile(path, text, data)


def _profile(path: Path, text: str, data: dict[str, Any]) -> Profile:
    def fail(message: str, line: int | None = None, hint: str | None = None) -> ProfileError:
        return ProfileError(message, path=path, line=line, hint=hint)

    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise fail(f"unknown key '{unknown[0]}'", _line_of(text, unknown[0]), f"keys are {', '.join(sorted(TOP_KEYS))}")
    for key in ("name", "title", "roles", "rules"):
        if key not in data:
            raise fail(f"missing '{key}'", hint="see the profile format in the README")
    name = _text(data, "name", fail)
    structure = data.get("structure", "separate")
    if structure not in STRUCTURES:
        raise fail(f"structure '{structure}' is not one of {', '.join(STRUCTURES)}", _line_of(text, "structure"))
    low = data.get("headcount_min", 1)
    high = data.get("headcount_max")

    def whole(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    if not whole(low) or low < 1 or (high is not None and (not whole(high) or high < low)):
        raise fail(
            "headcount_min and headcount_max must be whole numbers with min <= max",
            _line_of(text, "headcount_min"),
            "leave headcount_max out for an open range",
        )
    roles = _roles(data["roles"], text, fail)
    scheme = _scheme(data.get("scheme", "raci"), text, fail)
    rules = _rules(data["rules"], {role.key for role in roles}, text, fail, scheme)
    areas = {**vocabulary().areas, **_areas(data.get("areas", {}), text, fail)}
    return Profile(
        name=name,
        title=_text(data, "title", fail),
        description=_short(str(data.get("description", "")).strip(), "description", fail, TEXT_LIMIT),
        headcount_min=low,
        headcount_max=high,
        structure=Structure(structure),
        roles=roles,
        rules=rules,
        checks=_checks(data.get("checks", {}), text, fail),
        load=_load(data.get("load", {}), text, fail, scheme),
        communication=_communication(data.get("communication", {}), text, fail),
        areas=areas,
        source=path,
        text=text,
        scheme=scheme,
        triggers=_triggers(data.get("triggers", []), {role.key for role in roles}, text, fail),
    )


def _scheme(value: object, text: str, fail: Any) -> Scheme:
    """The scheme a profile's `scheme` key names (RACI when it names none)."""
    scheme = scheme_named(value) if isinstance(value, str) else None
    if scheme is None:
        raise fail(
            f"scheme '{value}' is not one raci knows", _line_of(text, "scheme"), f"schemes are {', '.join(SCHEMES)}"
        )
    return scheme


def _triggers(raw: Any, role_keys: set[str], text: str, fail: Any) -> tuple[Trigger, ...]:
    """The [[triggers]] tables: a key, the role it is for, a source, and numbers by name."""
    if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
        raise fail("'triggers' must be a list of [[triggers]] tables", _line_of(text, "triggers"))
    found = []
    for number, entry in enumerate(raw):
        line = _nth_table(text, "triggers", number)
        key = entry.get("key")
        if not isinstance(key, str) or not key.strip():
            raise fail("a trigger needs a key", line, 'e.g. key = "reps"')
        role = entry.get("role", "")
        if role and role not in role_keys:
            raise fail(
                f"trigger '{key}' is for role '{role}', which the profile does not have",
                line,
                f"roles are {', '.join(sorted(role_keys))}",
            )
        params = []
        for name, value in entry.items():
            if name in TRIGGER_TEXT_KEYS:
                if not isinstance(value, str):
                    raise fail(f"trigger '{key}': '{name}' must be text", line)
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise fail(f"trigger '{key}': '{name}' must be a number", line, "text goes in 'source' or 'text'")
            params.append((name, value))
        found.append(
            Trigger(
                key=key.strip(),
                role=role,
                source=_short(str(entry.get("source", "")).strip(), "source", fail, TEXT_LIMIT),
                params=tuple(params),
                text=_short(str(entry.get("text", "")).strip(), "text", fail, TEXT_LIMIT),
            )
        )
    return tuple(found)


def _areas(raw: Any, text: str, fail: Any) -> dict[str, str]:
    """A profile's own area synonyms: `[areas]` with `synonym = "built-in area"` lines."""
    line = _line_of(text, "areas")
    if not isinstance(raw, dict):
        raise fail("'areas' must be a table of synonym = \"area\" lines", line)
    areas = {}
    for name, target in raw.items():
        if not isinstance(target, str) or area_key(target) not in KNOWN_AREAS:
            raise fail(
                f"areas.{name} must name one of raci's areas",
                _line_in_table(text, line, name),
                f"areas are {', '.join(KNOWN_AREAS)}",
            )
        areas[area_key(name)] = area_key(target)
    return areas


def _checks(raw: Any, text: str, fail: Any) -> CheckSettings:
    line = _line_of(text, "checks")
    if not isinstance(raw, dict):
        raise fail("'checks' must be a table", line)
    defaults = CheckSettings()
    unknown = sorted(set(raw) - set(vars(defaults)))
    if unknown:
        raise fail(f"unknown check setting '{unknown[0]}'", line, f"settings are {', '.join(vars(defaults))}")
    consulted = raw.get("max_consulted", defaults.max_consulted)
    share = raw.get("overload_share", defaults.overload_share)
    expected = raw.get("overload_expected", defaults.overload_expected)
    if isinstance(consulted, bool) or not isinstance(consulted, int) or consulted < 0:
        raise fail("checks.max_consulted must be a whole number of 0 or more", line)
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
        raise fail("checks.overload_share must be a fraction between 0 and 1, e.g. 0.5", line)
    if not isinstance(expected, bool):
        raise fail("checks.overload_expected must be true or false", line)
    return CheckSettings(max_consulted=consulted, overload_share=float(share), overload_expected=expected)


def _load(raw: Any, text: str, fail: Any, scheme: Scheme = RACI) -> LoadSettings:
    """A profile's `[load]` table: `weights` per letter of its scheme (whole numbers; a letter left out
    weighs what it means) and `limit`, the share of all the points above which a person is flagged."""
    line = _line_of(text, "load")
    if not isinstance(raw, dict):
        raise fail("'load' must be a table", line)
    defaults = LoadSettings()
    unknown = sorted(set(raw) - {"weights", "limit"})
    if unknown:
        raise fail(f"unknown load setting '{unknown[0]}'", line, "settings are weights, limit")
    weights = raw.get("weights", {})
    if not isinstance(weights, dict):
        raise fail("load.weights must be a table of letter = weight", line, "e.g. weights = { A = 3, R = 4 }")
    for letter, weight in weights.items():
        if letter not in scheme.letters:
            raise fail(
                f"load.weights: '{letter}' is not a {scheme.name} letter",
                line,
                f"letters are {', '.join(scheme.letters)}",
            )
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
            raise fail(f"load.weights.{letter} must be a whole number of 0 or more", line)
    limit = raw.get("limit", defaults.limit)
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 < limit <= 1:
        raise fail("load.limit must be a fraction between 0 and 1, e.g. 0.4", line)
    return LoadSettings(weights=dict(weights), limit=float(limit))


def _communication(raw: Any, text: str, fail: Any) -> CommunicationSettings:
    """A profile's `[communication]` table: how often (`cadence`) and where (`forum`) people ask and tell."""
    line = _line_of(text, "communication")
    if not isinstance(raw, dict):
        raise fail("'communication' must be a table", line)
    unknown = sorted(set(raw) - {"cadence", "forum"})
    if unknown:
        raise fail(f"unknown communication setting '{unknown[0]}'", line, "settings are cadence, forum")
    defaults = CommunicationSettings()
    cadence, forum = raw.get("cadence", defaults.cadence), raw.get("forum", defaults.forum)
    if cadence not in CADENCES:
        raise fail(
            f"communication.cadence '{cadence}' is not one raci knows", line, f"cadences are {', '.join(CADENCES)}"
        )
    if forum not in FORUMS:
        raise fail(f"communication.forum '{forum}' is not one raci knows", line, f"forums are {', '.join(FORUMS)}")
    return CommunicationSettings(cadence=cadence, forum=forum)


def _text(data: dict[str, Any], key: str, fail: Any) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(f"'{key}' must be a non-empty string")
    return _short(value.strip(), key, fail)


def _short(value: str, what: str, fail: Any, limit: int = TITLE_LIMIT) -> str:
    """`value`, refused when longer than a sheet's header or title can show, or holding a character no
    workbook can (a control character)."""
    control = control_character(value)
    if control is not None:
        raise fail(f"{what} holds {control}", None, "remove it")
    if len(value) > limit:
        raise fail(f"{what} is {len(value):,} characters long, over the {limit:,} it may take", None, "shorten it")
    return value


def _roles(raw: Any, text: str, fail: Any) -> tuple[Role, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail("'roles' must be a list of [[roles]] tables", _line_of(text, "roles"))
    if len(raw) > MAX_ROLES:
        raise fail(
            f"has {len(raw):,} roles, more than the {MAX_ROLES:,} columns a sheet holds", _line_of(text, "roles")
        )
    roles: list[Role] = []
    for number, entry in enumerate(raw, start=1):
        line = _nth_table(text, "roles", number)
        if not isinstance(entry, dict) or set(entry) - {"key", "title", "function", "also"}:
            raise fail(f"role {number} must have only key, title, function and also", line)
        key, title, function = (str(entry.get(k, "")).strip() for k in ("key", "title", "function"))
        if not key or not title:
            raise fail(f"role {number} needs a key and a title", line)
        _short(title, f"role '{key}''s title", fail)
        if function not in FUNCTIONS:
            raise fail(f"role '{key}' has function '{function}'", line, f"functions are {', '.join(FUNCTIONS)}")
        also = entry.get("also", [])
        if not isinstance(also, list) or not all(isinstance(hat, str) and hat in FUNCTIONS for hat in also):
            raise fail(
                f"role '{key}': 'also' must list other functions the role wears",
                _line_in_table(text, line, "also"),
                f'e.g. also = ["sales"]; functions are {", ".join(FUNCTIONS)}',
            )
        if any(role.key == key for role in roles):
            raise fail(f"role key '{key}' is defined twice", line)
        hats = tuple(dict.fromkeys(Function(hat) for hat in also if hat != function))
        roles.append(Role(key=key, title=title, function=Function(function), also=hats))
    titles = [role.title for role in roles]
    repeated = {title for title in titles if titles.count(title) > 1}
    if repeated:
        raise fail(f"two roles share the title '{sorted(repeated)[0]}'", hint="titles head the matrix columns")
    return tuple(roles)


def _rules(raw: Any, role_keys: set[str], text: str, fail: Any, scheme: Scheme = RACI) -> tuple[Rule, ...]:
    """The rules, in RACI's letters or the scheme's own (a matrix made elsewhere in DACI keeps its D)."""
    allowed = dict.fromkeys((*rules_scheme(scheme).letters, *scheme.letters))
    if not isinstance(raw, list) or not raw:
        raise fail("'rules' must be a list of [[rules]] tables", _line_of(text, "rules"))
    rules: list[Rule] = []
    for number, entry in enumerate(raw, start=1):
        line = _nth_table(text, "rules", number)
        if not isinstance(entry, dict) or set(entry) - {"when", "letters", "note"}:
            raise fail(f"rule {number} must have only when, letters and note", line)
        when_raw = entry.get("when", {})
        if not isinstance(when_raw, dict) or set(when_raw) - set(MATCH_KEYS):
            raise fail(f"rule {number}: 'when' may name only {', '.join(MATCH_KEYS)}", line)
        when: dict[str, tuple[str, ...]] = {}
        for key, value in when_raw.items():
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
                raise fail(f"rule {number}: when.{key} must be a string or a list of strings", line)
            when[key] = tuple(v if key == "id" else area_key(v) if key == "area" else v.lower() for v in values)
        unknown_kinds = sorted(set(when.get("kind", ())) - set(vocabulary().kind_names))
        if unknown_kinds:
            raise fail(
                f"rule {number}: kind '{unknown_kinds[0]}' is not one raci knows",
                line,
                f"kinds are {', '.join(vocabulary().kind_names)}",
            )
        letters = entry.get("letters")
        if not isinstance(letters, dict) or not letters:
            raise fail(f'rule {number} needs letters, e.g. letters = {{ owner = "A/R" }}', line)
        for role, letter in letters.items():
            if role not in role_keys:
                raise fail(
                    f"rule {number} gives a letter to role '{role}', which this profile does not define",
                    _line_in_table(text, line, role),
                    f"roles are {', '.join(sorted(role_keys))}",
                )
            if letter not in allowed:
                *some, last = allowed
                raise fail(
                    f"rule {number}: '{letter}' for role '{role}' is not a {scheme.name} letter",
                    _line_in_table(text, line, role),
                    f"use {', '.join(some)} or {last}",
                )
        note = _short(str(entry.get("note", "")).strip(), f"rule {number}'s note", fail, TEXT_LIMIT)
        rule = Rule(when=when, letters=dict(letters), note=note)
        if any(other.when == rule.when for other in rules):
            raise fail(f"rule {number} ({rule.label}) repeats the condition of an earlier rule", line)
        rules.append(rule)
    return tuple(rules)


def _nth_table(text: str, name: str, number: int) -> int | None:
    pattern = re.compile(rf"^[ \t]*\[\[\s*{name}\s*\]\]", re.MULTILINE)
    for count, found in enumerate(pattern.finditer(text), start=1):
        if count == number:
            return text.count("\n", 0, found.start()) + 1
    return None


def _line_in_table(text: str, start: int | None, key: str) -> int | None:
    """The line, at or after the table header on `start`, where `key = ...` is written."""
    if start is None:
        return None
    lines = text.splitlines()
    for number in range(start, len(lines) + 1):
        content = lines[number - 1]
        if number > start and content.lstrip().startswith("["):
            break
        if re.search(rf"(^|[{{,\s]){re.escape(key)}\s*=", content):
            return number
    return start


def _line_of(text: str, key: str) -> int | None:
    found = re.search(rf"^[ \t]*\[*[ \t]*{re.escape(key)}\b", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None
