"""`raci compare`: who answers for each responsibility in one profile and who does in another.

`compare` builds both matrices on one catalogue and pairs their rows into `Move`s. Each move
falls into one group, decided in this order:

1. `sales-to-marketing`: the Accountable role was in sales and is now in marketing;
2. `stays-with-sales`, `stays-with-marketing`, `stays-with-leadership`: the same function
   answers before and after (even when the role's title changes, e.g. Head of Sales to VP Sales);
3. `to-new-roles`: the new Accountable role's title does not exist in the FROM profile, or the
   work moves into service, finance, operations or product;
4. `other-changes`: any other change of function (e.g. leadership to marketing within roles
   that both profiles have);
5. `stays-elsewhere`: the rest, whose Accountable function does not change.

The shares quoted in the plan come from `raci.shares.compute_shares`, like every other output.
The plan built on a comparison is `raci.core.plan`; its words are `raci.render.plan_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .. import __version__
from ..model import KNOWN_AREAS, Branding, Catalogue, Matrix, Profile, Responsibility, Role, RoleMapping, Row
from .assign import build_matrix
from .roles import apply_roles
from .shares import Shares, compute_shares

NEW_ROLE_FUNCTIONS = ("service", "finance", "operations", "product")
STAYING = ("sales", "marketing", "leadership")
COMMERCIAL = ("sales", "marketing")
# Titles that name a head (English and Indonesian): a head grows into a head, not into a team.
SENIOR_WORDS = (
    "head",
    "chief",
    "vp",
    "vice president",
    "director",
    "direktur",
    "manager",
    "manajer",
    "kepala",
    "lead",
    "leader",
    "pemimpin",
    "ketua",
    "cmo",
    "cro",
    "ceo",
    "coo",
    "cfo",
    "founder",
    "pendiri",
    "owner",
    "pemilik",
    "gm",
    "general manager",
    "supervisor",
    "spv",
)
# Titles that name a head whatever else they say ("Chief Marketing Officer", "Kepala Tim Sales").
TOP_WORDS = ("chief", "head", "vp", "vice president", "director", "direktur", "kepala", "cmo", "cro", "ceo")
# Titles of a team, whatever else they say ("Account Managers" manage accounts, not people).
TEAM_WORDS = (
    "account manager",
    "account executive",
    "team",
    "tim",
    "staff",
    "staf",
    "specialist",
    "spesialis",
    "rep",
    "representative",
    "associate",
    "officer",
    "assistant",
    "asisten",
)
# Titles of work bought from outside: an agency is relieved, never promoted into an employee.
EXTERNAL_WORDS = (
    "agency",
    "agencies",
    "agensi",
    "freelancer",
    "freelance",
    "vendor",
    "consultant",
    "konsultan",
    "outsourced",
)


@dataclass(frozen=True)
class Group:
    """Where a move falls (see the module's docstring); `raci.render.labels.GROUP_LABELS` names it."""

    key: str


GROUP_KEYS = (
    "sales-to-marketing",
    "stays-with-sales",
    "to-new-roles",
    "stays-with-leadership",
    "stays-with-marketing",
    "other-changes",
    "stays-elsewhere",
)
GROUPS = tuple(Group(key) for key in GROUP_KEYS)


@dataclass(frozen=True)
class Move:
    """One responsibility: its Accountable role and its R's before and after.

    `old` or `new` is None when that matrix does not give the row exactly one A or A/R;
    `changed` means the Accountable FUNCTION differs.
    """

    item: Responsibility
    old: Role | None
    new: Role | None
    old_responsible: tuple[str, ...]
    new_responsible: tuple[str, ...]
    changed: bool
    group: str
    role_changed: bool = False  # the Accountable ROLE differs (see `Comparison.same_role`)

    @property
    def old_function(self) -> str | None:
        return self.old.function if self.old is not None else None

    @property
    def new_function(self) -> str | None:
        return self.new.function if self.new is not None else None

    @property
    def responsible_changed(self) -> bool:
        return self.old_responsible != self.new_responsible


@dataclass(frozen=True)
class GroupMoves:
    group: Group
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Comparison:
    """Both profiles (as the reader sees them, see `compare`) and the moves between them."""

    catalogue: Catalogue
    old: Profile
    new: Profile
    old_shares: Shares
    new_shares: Shares
    moves: tuple[Move, ...]
    version: str
    before: Matrix  # the FROM matrix (the client's titles applied), as the reader sees it
    after: Matrix  # the TO matrix
    branding: Branding = field(default_factory=Branding)
    successors: tuple[tuple[str, str], ...] = ()  # (old role key, new role key): the same role in both
    steps: tuple[Comparison, ...] = ()  # the path through the sizes between; empty: one step, itself
    read: int = 0  # rows of the matrix compared, commercial or not (see `compare_path`); 0: as many as moves

    @property
    def path(self) -> tuple[Comparison, ...]:
        """The steps of the growth path, smallest first; a direct comparison is its own one step."""
        return self.steps or (self,)

    @property
    def role_moves(self) -> tuple[Move, ...]:
        """The moves whose Accountable role changes, in catalogue order."""
        return tuple(move for move in self.moves if move.role_changed)

    def successor(self, role: Role) -> Role | None:
        """The TO profile's role that is `role` of the FROM profile (same key, same title or sole leader)."""
        keys = dict(self.successors)
        return next((other for other in self.new.roles if other.key == keys.get(role.key)), None)

    @property
    def changes(self) -> tuple[Move, ...]:
        """The moves whose Accountable function changes, in catalogue order."""
        return tuple(move for move in self.moves if move.changed)

    @property
    def unchanged(self) -> tuple[Move, ...]:
        return tuple(move for move in self.moves if not move.changed)

    def in_group(self, key: str) -> tuple[Move, ...]:
        if key not in GROUP_KEYS:
            raise KeyError(key)
        return tuple(move for move in self.moves if move.group == key)

    @property
    def groups(self) -> tuple[GroupMoves, ...]:
        """The groups that hold at least one move, in `GROUPS` order."""
        return grouped(self.moves)

    @property
    def growing(self) -> bool:
        return self.new.headcount_min > self.old.headcount_min


# --- the comparison ----------------------------------------------------------------------------


def compare(
    catalogue: Catalogue,
    old: Profile,
    new: Profile,
    branding: Branding | None = None,
    roles: RoleMapping | None = None,
    shown: Mapping[str, Profile] | None = None,
) -> Comparison:
    """Both profiles applied to `catalogue`, row by row.

    `roles`: the client's titles and people, applied to the FROM side (see `raci.core.roles.apply_roles`).
    `shown`: profiles by name as the reader sees them (their texts in the reader's language, see
    `raci.render.localise`); the matrices carry those titles. The groups are decided on the profiles'
    own titles, so they are the same in every language.
    """
    old_roles, new_roles = _by_key(old), _by_key(new)
    old, new = (shown or {}).get(old.name, old), (shown or {}).get(new.name, new)
    before, after = build_matrix(catalogue, old), build_matrix(catalogue, new)
    if roles is not None:
        before = apply_roles(before, roles, {role.key: role.title for role in old_roles.values()})
    successors = _successors(before, after, old_roles, new_roles, new.headcount_min > old.headcount_min)
    # a role some role of today continues is not new, whatever its title (Head of Sales grows into VP Sales)
    continued = {new_roles[key].title for key in successors.values() if key in new_roles}
    old_titles = frozenset(role.title for role in old_roles.values()) | continued
    moves = []
    for old_row, new_row in zip(before.rows, after.rows, strict=True):
        old_role, new_role = before.accountable_role(old_row), after.accountable_role(new_row)
        moves.append(
            Move(
                item=old_row.item,
                old=old_role,
                new=new_role,
                old_responsible=_responsible(before, old_row),
                new_responsible=_responsible(after, new_row),
                changed=_function(old_role) != _function(new_role),
                group=group_of(_original(old_role, old_roles), _original(new_role, new_roles), old_titles),
                role_changed=_role_changed(old_role, new_role, successors),
            )
        )
    return Comparison(
        catalogue=catalogue,
        old=old,
        new=new,
        old_shares=compute_shares(before),
        new_shares=compute_shares(after),
        moves=tuple(moves),
        version=__version__,
        before=before,
        after=after,
        branding=branding or Branding(),
        successors=tuple(successors.items()),
    )


def compare_path(
    catalogue: Catalogue,
    profiles: Sequence[Profile],
    branding: Branding | None = None,
    roles: RoleMapping | None = None,
    shown: Mapping[str, Profile] | None = None,
) -> Comparison:
    """The first profile compared with the last, through every profile between them, one step each.

    `roles` applies to the first profile only: the client's titles are those of today's firm.
    """
    if len(profiles) < 2:
        raise ValueError("a path needs at least two profiles")
    read = len(catalogue.items)
    kept = tuple(item for item in catalogue.items if commercial(item))
    if kept and len(kept) * 2 < read:  # mostly not commercial work: plan the commercial rows only
        catalogue = replace(catalogue, items=kept)
    else:
        read = 0
    whole = replace(compare(catalogue, profiles[0], profiles[-1], branding, roles, shown), read=read)
    if len(profiles) == 2:
        return whole
    steps = tuple(
        replace(compare(catalogue, first, second, branding, roles if number == 0 else None, shown), read=read)
        for number, (first, second) in enumerate(pairwise(profiles))
    )
    return replace(whole, steps=steps)


def commercial(item: Responsibility) -> bool:
    """Whether a row is sales or marketing work: its home says so, or its words name a commercial area."""
    return item.home in COMMERCIAL or item.area in KNOWN_AREAS


def path_between(old: Profile, new: Profile, sizes: Iterable[Profile]) -> tuple[Profile, ...]:
    """`old`, every profile of `sizes` whose headcount range starts strictly between theirs, and `new`.

    Smallest first when growing, largest first when shrinking: the growth path one step at a time.
    """
    low, high = sorted((old.headcount_min, new.headcount_min))
    names = {old.name, new.name}
    between = sorted(
        (size for size in sizes if low < size.headcount_min < high and size.name not in names),
        key=lambda size: size.headcount_min,
        reverse=new.headcount_min < old.headcount_min,
    )
    return (old, *between, new)


def group_of(old: Role | None, new: Role | None, old_titles: Iterable[str]) -> str:
    """The group key of a move from `old` to `new`; `old_titles` are the FROM profile's role titles.

    Sales to marketing reads the hats: a founder who wears the sales hat hands marketing work to a
    marketing role as surely as a head of sales does.
    """
    before, after = _function(old), _function(new)
    if hands_to_marketing(old, new):
        return "sales-to-marketing"
    if before == after and before in STAYING:
        return f"stays-with-{before}"
    if new is not None and (new.title not in set(old_titles) or (before != after and after in NEW_ROLE_FUNCTIONS)):
        return "to-new-roles"
    if before != after:
        return "other-changes"
    return "stays-elsewhere"


# --- helpers -------------------------------------------------------------------------------------


def _function(role: Role | None) -> str | None:
    return role.function if role is not None else None


def _responsible(matrix: Matrix, row: Row) -> tuple[str, ...]:
    return tuple(
        role.title
        for role, letter in zip(matrix.roles, row.letters, strict=True)
        if letter in matrix.scheme.responsible
    )


def grouped(moves: tuple[Move, ...]) -> tuple[GroupMoves, ...]:
    found = []
    for group in GROUPS:
        members = tuple(move for move in moves if move.group == group.key)
        if members:
            found.append(GroupMoves(group, members))
    return tuple(found)


def hands_to_marketing(old: Role | None, new: Role | None) -> bool:
    """A role wearing the sales hat (not the marketing one) hands over to one wearing marketing (not sales)."""
    return (
        old is not None
        and new is not None
        and old.wears("sales")
        and not old.wears("marketing")
        and new.wears("marketing")
        and not new.wears("sales")
    )


def _successors(
    before: Matrix, after: Matrix, old_roles: dict[str, Role], new_roles: dict[str, Role], growing: bool
) -> dict[str, str]:
    """Old role key -> new role key for the roles that continue from one size to the other.

    In this order, each new role taken once: the same key; the same title (the profile's own, the
    reader's, the client's or the role's title in any language raci speaks: a client's "Marketing
    Manager" or "Kepala Penjualan" is the profile's), unless another head of the role's function holds
    more of its A's; the leader (the founder
    who becomes the managing director); the head of each function (the role of that function holding
    the most A's: a Head of Sales grows into the VP Sales); then any other role of a function to the
    new role of that function sharing most of its work (A or R), never a role holding A's to one that
    holds none (a head does not become a team); then a role still left goes to a role of its function
    still left rather than be merged away while one of its function is hired. Going down in size, a new
    role left over continues the old role left over that shares most of its work, so shrinking never
    hires. What a new role's title says (a head, a team, an agency) is read from the profile's own title,
    so the answer is the same in every language."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    new_all = {role.key: role for role in after.roles}

    def pair(old_key: str, new_key: str) -> None:
        found[old_key] = new_key
        taken.add(new_key)

    def free_old() -> list[Role]:
        return [role for role in before.roles if role.key not in found]

    def free_new() -> list[Role]:
        return [role for role in after.roles if role.key not in taken]

    def own(role: Role) -> Role:
        """A new role under the profile's own title: what a title says is judged the same in every language."""
        return new_roles.get(role.key, role)

    old_a, new_a = _accountable_counts(before), _accountable_counts(after)
    old_work, new_work = _work(before), _work(after)
    for role in free_old():
        if role.key in new_all and role.key not in taken:
            pair(role.key, role.key)
    titles: dict[str, str] = {}
    for role in free_new():
        for title in (role.title, new_roles.get(role.key, role).title, *role.aliases):
            titles.setdefault(_plain(title), role.key)
    for role in free_old():
        if _outranked(role, free_old(), old_a):
            continue  # two heads of one function: the one holding more of its A's continues as its head
        for title in (role.title, old_roles.get(role.key, role).title, *role.aliases):
            key = titles.get(_plain(title))
            if key is not None and key not in taken:
                pair(role.key, key)
                break
    for function in (*STAYING, *NEW_ROLE_FUNCTIONS):
        old_head = _head(free_old(), function, old_a)
        new_head = _head(free_new(), function, new_a)
        if old_head is not None and new_head is not None and _may_continue(old_head, own(new_head), growing):
            pair(old_head.key, new_head.key)
    for role in sorted(free_old(), key=lambda role: -len(old_work[role.key])):
        candidates = [
            other
            for other in free_new()
            if other.function == role.function
            and old_work[role.key] & new_work[other.key]
            and (new_a[other.key] > 0 or not senior(own_title(role)) or not growing)
            and _may_continue(role, own(other), growing)
        ]
        if candidates:
            best = max(candidates, key=lambda other: len(old_work[role.key] & new_work[other.key]))
            pair(role.key, best.key)
    for role in sorted(free_old(), key=lambda role: -old_a[role.key]):
        # never merge a role away and hire one of its function in the same step: it continues
        same = [
            other
            for other in free_new()
            if other.function == role.function
            and external(own_title(role)) == external(own_title(own(other)))
            and not (senior(own_title(role)) and _names_any(own_title(own(other)), TEAM_WORDS))
        ]
        if same:
            best = max(same, key=lambda other: (len(old_work[role.key] & new_work[other.key]), new_a[other.key]))
            pair(role.key, best.key)
    if not growing:
        for other in free_new():
            sharing = [
                role
                for role in free_old()
                if old_work[role.key] & new_work[other.key] and _may_continue(role, own(other), growing)
            ]
            if sharing:
                best = max(sharing, key=lambda role: len(old_work[role.key] & new_work[other.key]))
                pair(best.key, other.key)
    return found


def _outranked(role: Role, roles: Sequence[Role], accountable: Mapping[str, int]) -> bool:
    """Whether another head of `role`'s function holds more of the A's (a Sales Director over a "Kepala
    Penjualan", whatever the titles say in the reader's language)."""
    return any(
        other.key != role.key
        and other.function == role.function
        and senior(own_title(other))
        and accountable[other.key] > accountable[role.key]
        for other in roles
    )


def senior(title: str) -> bool:
    """Whether `title` names a head (see SENIOR_WORDS)."""
    if _names_any(title, TOP_WORDS):
        return True
    return _names_any(title, SENIOR_WORDS) and not _names_any(title, TEAM_WORDS)


def external(title: str) -> bool:
    """Whether `title` names work bought from outside: an agency, a freelancer (see EXTERNAL_WORDS)."""
    return _names_any(title, EXTERNAL_WORDS)


def _names_any(title: str, words: Iterable[str]) -> bool:
    text = " " + " ".join(re.sub(r"[^\w&]+", " ", title.casefold()).split()) + " "
    return any(f" {word} " in text or f" {word}s " in text for word in words)


def own_title(role: Role) -> str:
    """The title a role's profile writes (a built-in role's, whatever the reader's language; a client's own):
    what a title says (a head, a team, an agency) is read from it, so every language decides the same."""
    return role.aliases[0] if role.aliases else role.title


def _may_continue(old: Role, new: Role, growing: bool) -> bool:
    """Growing, a junior role does not continue as a head; an agency never continues as an employee (or back)."""
    if external(own_title(old)) != external(own_title(new)):
        return False
    return not growing or senior(own_title(old)) or not senior(own_title(new))


def _plain(title: str) -> str:
    return " ".join(title.casefold().split())


def _head(roles: Sequence[Role], function: str, accountable: Mapping[str, int]) -> Role | None:
    """The role of `function` (its primary hat) holding the most A's, at least one (the leader need not:
    the owner of a cafe is its leader whatever the rows compared); None without one."""
    members = [
        role for role in roles if role.function == function and (accountable[role.key] > 0 or function == "leadership")
    ]
    return max(members, key=lambda role: accountable[role.key]) if members else None


def _accountable_counts(matrix: Matrix) -> dict[str, int]:
    counts = dict.fromkeys((role.key for role in matrix.roles), 0)
    for row in matrix.rows:
        for index in row.accountable(matrix.scheme):
            counts[matrix.roles[index].key] += 1
    return counts


def _work(matrix: Matrix) -> dict[str, frozenset[str]]:
    """Per role key, the ids of the rows it answers for or does (A, A/R or R)."""
    letters = matrix.scheme.accountable | matrix.scheme.responsible
    return {
        role.key: frozenset(row.item.id for row in matrix.rows if row.letters[index] in letters)
        for index, role in enumerate(matrix.roles)
    }


def _role_changed(old: Role | None, new: Role | None, successors: dict[str, str]) -> bool:
    if old is None or new is None:
        return old is not new
    return successors.get(old.key) != new.key


def _by_key(profile: Profile) -> dict[str, Role]:
    return {role.key: role for role in profile.roles}


def _original(role: Role | None, originals: dict[str, Role]) -> Role | None:
    """The profile's own role for a role of its localised copy (found by key)."""
    return None if role is None else originals.get(role.key, role)
