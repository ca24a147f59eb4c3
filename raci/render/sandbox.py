"""Jinja2's sandbox with a budget: a user's template (from --templates, or a folder a manifest names)
may lay a page out, never run code, and never run for hours or fill memory.

Jinja2's sandbox refuses the attribute tricks that reach Python's internals and caps each `range`,
but not their product, a plain loop, a string multiplied, a format width or a template including
itself. Here each render gets a budget of loop steps, calls, time and output: every step of every
`{% for %}` (over a range, a list, a string, a recursive loop's children) and every call is charged
and the clock read, so no template runs past the deadline by more than one step's work; a string or
list made bigger than a page could show, or a format width past one, is refused where it is made.
Every refusal is a Jinja2 SecurityError raised from the template's own frame, so it reads as one
line naming the template and its line.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import jinja2
import jinja2.exceptions
import jinja2.sandbox
from jinja2 import nodes
from jinja2.filters import do_format
from jinja2.runtime import LoopContext

STEPS = 10_000_000  # loop steps (of every `for`, and `range`) and calls, across one render
SECONDS = 120.0  # of one render
OUTPUT = 256 * 2**20  # characters one render writes: far above any page
MADE = 16 * 2**20  # characters (or items) of one string or list a template makes with * or **
WIDTH = 10_000  # a format width or precision
PERCENT = re.compile(r"%[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?")  # a printf-style field's width and precision
BRACE = re.compile(r"\{[^{}]*:[^{}\d]*(\d+)?(?:[,_])?(?:\.(\d+))?[^{}]*\}")  # a format field's width and precision


class TemplateBudgetError(jinja2.exceptions.SecurityError):
    """Raised when a user's template does more work than a page needs."""


@dataclass
class Budget:
    steps: int = STEPS
    deadline: float = field(default_factory=lambda: time.monotonic() + SECONDS)

    def charge(self, steps: int = 1) -> None:
        self.steps -= steps
        if self.steps < 0:
            raise TemplateBudgetError(f"the template takes more than {STEPS:,} loop steps and calls")
        if time.monotonic() > self.deadline:
            raise TemplateBudgetError(f"the template runs longer than {SECONDS:.0f} seconds")


BUDGET: contextvars.ContextVar[Budget] = contextvars.ContextVar("template_budget")


def _budget() -> Budget:
    try:
        return BUDGET.get()
    except LookupError:  # rendered outside BoundedTemplate (a macro module): a budget of its own
        budget = Budget()
        BUDGET.set(budget)
        return budget


def bounded_range(*args: int) -> Iterator[int]:
    """`range`, each step charged to the render's budget (and, like Jinja2's, at most 100,000 long)."""
    numbers = jinja2.sandbox.safe_range(*args)
    budget = _budget()
    for number in numbers:
        budget.charge()
        yield number


def charged_steps(items: Any) -> Iterator[Any]:
    """`items` as a loop walks them, each step charged to the render's budget: every `{% for %}` of a
    user's template iterates through this (see `BoundedSandbox._parse`)."""
    budget = _budget()
    for item in items:
        budget.charge()
        yield item


CHARGED = f"{__name__}.{charged_steps.__name__}"


def _check_format(text: object) -> None:
    """Refuse a format string whose width or precision would make a text no page shows."""
    if not isinstance(text, str):
        return
    for pattern in (PERCENT, BRACE):
        for found in pattern.finditer(text):
            for number in found.groups():
                if number == "*" or (number and int(number) > WIDTH):
                    raise TemplateBudgetError(f"a format width or precision over {WIDTH:,} ('{found.group()}')")


def bounded_format(value: str, *args: Any, **kwargs: Any) -> str:
    """The `format` filter, its widths bounded."""
    _check_format(value)
    return do_format(value, *args, **kwargs)


class BoundedTemplate(jinja2.Template):
    """A template whose every render gets a fresh budget, and whose output is bounded as it is made."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return "".join(self.generate(*args, **kwargs))

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        token = BUDGET.set(Budget())
        written = 0
        try:
            for piece in super().generate(*args, **kwargs):
                written += len(piece)
                if written > OUTPUT:
                    raise TemplateBudgetError(f"the template writes more than {OUTPUT // 2**20} MiB")
                yield piece
        except (RecursionError, MemoryError) as err:  # a template including itself; memory, all the same
            what = "includes or calls itself without end" if isinstance(err, RecursionError) else "runs out of memory"
            raise TemplateBudgetError(f"the template {what}").with_traceback(err.__traceback__) from None
        finally:
            BUDGET.reset(token)


class BoundedSandbox(jinja2.sandbox.SandboxedEnvironment):
    """The sandbox a user's templates render in, with a budget (see the module's docstring)."""

    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range
        self.filters["format"] = bounded_format

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's syntax tree with every `for` walking its items through `charged_steps`."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            charge = nodes.ImportedName(CHARGED, lineno=loop.lineno)
            loop.iter = nodes.Call(charge, [loop.iter], [], None, None, lineno=loop.lineno)
        return tree

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _budget().charge()
        if isinstance(__obj, LoopContext) and args:  # `loop(children)` in a recursive loop: its steps too
            args = (charged_steps(args[0]), *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sized, times in ((left, right), (right, left)):
                if isinstance(sized, str | list | tuple) and isinstance(times, int) and len(sized) * times > MADE:
                    raise TemplateBudgetError(f"a text or list of more than {MADE:,} made with *")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(right) > 64 and abs(left) > 1:
                raise TemplateBudgetError("a power with an exponent over 64")
        else:
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        """`str.format` as the sandbox wraps it, its widths bounded."""
        if getattr(value, "__name__", "") in ("format", "format_map"):
            _check_format(getattr(value, "__self__", None))
        return super().wrap_str_format(value)
