"""The Jinja2 sandbox deck templates run in: no escape, and bounded work and memory.

Jinja's :class:`ImmutableSandboxedEnvironment` already refuses private attributes
(``__class__``, ``__globals__``…), mutation of lists and dicts, and ranges over 100,000 items.
It does not bound work or memory: ``{{ 'a' * 10**10 }}``, ``{{ 'x'|center(10**9) }}``, nested
loops or a macro that calls itself twice per level hang the build or exhaust memory. This
module closes that gap for a single templated string:

* every operation the template performs is charged to a work budget — attribute and item
  lookups, calls, filters, the intercepted operators, each loop iteration, and the size of
  every value created or printed — and the string fails once the budget is spent;
* operations that can amplify their input (``*``, ``**``, ``%``/``format`` widths, ``center``,
  ``indent``, ``replace``, ``join``, ``sum``…) are checked *before* they allocate;
* values are weighed "as printed" before they are turned into text, compared or hashed, so
  shared references (``[[1] * 1000] * 1000``, a list doubled in a loop 40 times) cannot
  expand into gigabytes of output or days of comparing: every filter's and test's arguments,
  every value a filter does more than rearrange, both sides of a comparison, dictionary keys,
  subscripts and the arguments of every call but a macro's;
* ``{% include %}``, ``{% import %}``, ``{% extends %}`` and ``self`` are refused with a clear
  message (deck templates never read files), unsafe attributes raise at once, and the
  ``lipsum`` generator is removed.

Limits raise :class:`TemplateLimitError` (a :class:`jinja2.TemplateError`); forbidden
constructs raise :class:`jinja2.sandbox.SecurityError`.
"""

from __future__ import annotations

import datetime
import inspect
import math
import re
import string
from collections import abc
from functools import lru_cache, wraps
from itertools import islice
from typing import Any, Callable

from jinja2 import TemplateError, Undefined, nodes, pass_context
from jinja2.parser import Parser
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

MAX_WORK = 1_000_000          # work units one templated string may spend
MAX_TOTAL_WORK = 5_000_000    # work units all strings of one deck may spend together
MAX_COMPILED = 4096           # templates an environment keeps compiled
MACRO_CALL_COST = 50          # a macro or recursive-loop call costs ~50 simple steps
# (one unit is roughly a microsecond: the budget bounds a string to about a second)
MAX_WIDTH = 10_000            # largest width, precision or number of decimals
MAX_INT_BITS = 64_000         # largest integer a template may compute (~19,000 digits)
MAX_NESTING = 100             # deepest nested list/dict a template may print

LOOP_GUARD = "_deckbuilder_loop_guard"
TEXT_GUARD = "_deckbuilder_text_guard"

FORBIDDEN_TAGS = {
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
    nodes.Extends: "{% extends %}",
}
WIDTH_PARAMETERS = frozenset(
    {"width", "decimals", "precision", "length", "leeway", "slices", "linecount",
     "trim_url_limit", "indent"})
# Filters that only rearrange or count their input value (without comparing or hashing its
# items); every other filter may print, compare or hash it, so it is weighed "as printed"
# first. A filter's other arguments are always weighed.
STRUCTURAL_FILTERS = frozenset(
    {"attr", "batch", "count", "d", "default", "first", "items", "last", "length", "list",
     "map", "random", "reject", "rejectattr", "reverse", "select", "selectattr", "slice",
     LOOP_GUARD, TEXT_GUARD})


class TemplateLimitError(TemplateError):
    """A template tried to do more work or build bigger values than a deck needs."""


def _too_much_work() -> TemplateLimitError:
    return TemplateLimitError(
        f"the template does too much work (over {MAX_WORK:,} steps or characters); "
        "simplify it")


def shallow_size(value: Any) -> int:
    """Memory-ish size of a value, not counting what its items refer to."""
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3 + 1
    return 1


def printed_size(value: Any, limit: int) -> int:
    """Roughly how many characters ``str(value)`` produces; counting stops past ``limit``.

    Shared references are counted every time they are printed (that is what ``str`` does)
    but each distinct container is only walked once.
    """
    memo: dict[int, int] = {}

    def walk(item: Any, depth: int) -> int:
        if isinstance(item, (str, bytes)):
            return len(item) + 2
        if isinstance(item, bool) or item is None:
            return 5
        if isinstance(item, int):
            return item.bit_length() // 3 + 1
        if isinstance(item, float):
            return 24
        if isinstance(item, Namespace):
            item = object.__getattribute__(item, "_Namespace__attrs")
        if isinstance(item, range) or not isinstance(
                item, (abc.Mapping, abc.Set, abc.Sequence, abc.MappingView)):
            return 32  # dates, undefined values, macros, generators: short reprs
        key = id(item)
        if key in memo:
            return memo[key]
        if depth > MAX_NESTING:
            raise TemplateLimitError(f"a value nests deeper than {MAX_NESTING} levels")
        total = 2
        pairs = item.items() if isinstance(item, abc.Mapping) else ((x, None) for x in item)
        for first, second in pairs:
            total += 2 + walk(first, depth + 1) + (0 if second is None else walk(second, depth + 1))
            if total > limit:
                break
        memo[key] = total
        return total

    return walk(value, 0)


# ----- checks for operations that can amplify their input -----------------------------------

_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_printf_format(fmt: str | bytes) -> None:
    """Refuse ``%``-format widths and precisions a slide never needs ('%0999999999d')."""
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    for match in _PRINTF_SPEC.finditer(text):
        for group in match.groups():
            if group == "*":
                raise TemplateLimitError("'*' widths in % formatting are not supported")
            if group and int(group) > MAX_WIDTH:
                raise TemplateLimitError(f"format width {group} is too large "
                                         f"(the limit is {MAX_WIDTH:,})")


def check_brace_format(fmt: str) -> None:
    """The same for ``str.format`` specs ('{:>999999999}'); nested fields are refused."""
    for _, field, spec, _ in string.Formatter().parse(fmt):
        if field is None or not spec:
            continue
        if "{" in spec:
            raise TemplateLimitError("nested fields in a format spec are not supported")
        for number in re.findall(r"\d+", spec):
            if int(number) > MAX_WIDTH:
                raise TemplateLimitError(f"format width {number} is too large "
                                         f"(the limit is {MAX_WIDTH:,})")


def replaced_size(text: Any, old: Any, new: Any, count: Any = None) -> int:
    """Length of ``text.replace(old, new, count)`` without building it."""
    if not all(isinstance(v, (str, bytes)) for v in (text, old, new)) \
            or type(old) is not type(text):
        return shallow_size(text)
    hits = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(0, len(new) - len(old))


# ----- the environment ----------------------------------------------------------------------

EXPRESSION_RESULT = "deckbuilder_expression_value"


class DeckSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox with a work budget; use :meth:`render_text` to render a string."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finalize = self._finalize_output
        self.globals.pop("lipsum", None)  # lipsum(n=10**6) would write megabytes of text
        self.used = 0
        self.total_used = 0
        self._captured: list[Any] | None = None  # output values, while render_value runs
        self._guarded: dict[str, Callable] = {}
        self._templates: dict[str, tuple[bool, Any]] = {}  # source -> (lone, template)
        self.filters[LOOP_GUARD] = pass_context(lambda _context, items: self._count_loop(items))
        self.filters[TEXT_GUARD] = self._check_text

    # budget

    def charge(self, units: int) -> None:
        self.used += units
        self.total_used += units
        if self.used > MAX_WORK:
            raise _too_much_work()
        if self.total_used > MAX_TOTAL_WORK:
            raise TemplateLimitError(
                f"the deck's templates do too much work together (over {MAX_TOTAL_WORK:,} "
                "steps or characters); simplify them")

    def afford(self, units: int) -> None:
        """Fail before building something that would overrun the budget."""
        if self.used + units > MAX_WORK:
            raise _too_much_work()

    def _charge_result(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) \
                and value.bit_length() > MAX_INT_BITS:
            raise TemplateLimitError("a number in the template is too large")
        self.charge(shallow_size(value))
        return value

    def _weigh_printed(self, *values: Any) -> None:
        remaining = MAX_WORK - self.used
        self.charge(sum(printed_size(v, remaining) for v in values))

    # rendering

    def render_text(self, source: str, context: dict[str, Any], limit: int) -> str:
        """Render one templated string; its output may be at most ``limit`` characters."""
        return self._render(self.parse(source), context, limit)

    def _render(self, tree: nodes.Template, context: dict[str, Any], limit: int) -> str:
        return self._render_compiled(self._template_of(tree), context, limit)

    def _render_compiled(self, template: Any, context: dict[str, Any], limit: int) -> str:
        parts: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > limit:
                raise TemplateLimitError(f"template output is too long (over {limit:,} "
                                         "characters); simplify the expression")
            parts.append(chunk)
        return "".join(parts)

    def render_value(self, source: str, context: dict[str, Any], limit: int) -> Any:
        """Like :meth:`render_text`, except that a string that is one ``{{ expression }}``
        and nothing else, whose value is a list or a mapping, gives that value itself
        (rows for a table from the deck's ``data:``), not its printed form."""
        lone, template = self._compiled(source)
        if not lone:
            return self._render_compiled(template, context, limit)
        self._captured = []
        try:
            text = self._render_compiled(template, context, limit)
        finally:
            captured, self._captured = self._captured, None
        return captured[0] if captured and isinstance(captured[0], (list, dict)) else text

    def _compiled(self, source: str) -> tuple[bool, Any]:
        """Whether ``source`` is one lone expression, and its guarded template: compiled
        once per environment (a watching process renders the same strings on every
        rebuild, and compiling is most of rendering)."""
        found = self._templates.get(source)
        if found is None:
            if len(self._templates) >= MAX_COMPILED:
                self._templates.clear()
            tree = self.parse(source)
            body = tree.body
            lone = (len(body) == 1 and isinstance(body[0], nodes.Output)
                    and len(body[0].nodes) == 1
                    and not isinstance(body[0].nodes[0], nodes.TemplateData))
            found = self._templates[source] = (lone, self._template_of(tree))
        self._guard_filters()
        self.used = 0
        return found

    def evaluate(self, expression: str, context: dict[str, Any]) -> Any:
        """The value of one Jinja expression (a list to repeat over, a condition), under the
        same guards and budget as a rendered string."""
        parser = Parser(self, expression, state="variable")
        value = parser.parse_expression()
        if not parser.stream.eos:
            parser.fail("unexpected text after the expression", parser.stream.current.lineno)
        store = nodes.Template([nodes.Assign(nodes.Name(EXPRESSION_RESULT, "store"), value)])
        return getattr(self._template_of(store).make_module(context), EXPRESSION_RESULT)

    def _template_of(self, tree: nodes.Template) -> Any:
        """A template from a parsed tree, with every node guarded and the budget reset."""
        self.used = 0
        self._guard_filters()
        tree = _Guard().visit(tree)
        tree.set_environment(self)
        return self.from_string(tree)

    def _finalize_output(self, value: Any) -> Any:
        if isinstance(value, abc.Iterator):  # map, select, a generator: not yet its items
            raise TemplateError("this gives a sequence still to be computed, not its items: "
                                "end it with '| join(\", \")' for text or '| list' for a list")
        self._weigh_printed(value)
        if self._captured is not None:
            self._captured.append(value)
            if isinstance(value, (list, dict)):
                _check_data(value)
                return ""  # the value is kept as it is, never printed
        refuse_undefined(value)  # a printed [x] would say "[Undefined]" on the slide
        return value

    def _check_text(self, value: Any) -> Any:
        self._weigh_printed(value)
        return value

    def _count_loop(self, items: Any):
        for item in items:
            self.charge(1)
            yield item

    # hooks the compiled template calls

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.charge(1)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.charge(1)
        self._weigh_printed(argument)  # a key is hashed and compared
        result = super().getitem(obj, argument)
        return self._charge_result(result) if isinstance(argument, slice) else result

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} "
                            "object is not allowed")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.charge(1)
        if operator == "*":
            self._check_multiply(left, right)
        elif operator == "**":
            self._check_power(left, right)
        elif operator == "%" and isinstance(left, (str, bytes)):
            check_printf_format(left)
            self._weigh_printed(right)
            self.afford(len(left))
        elif operator == "+":
            self.afford(shallow_size(left) + shallow_size(right))
        return self._charge_result(self.binop_table[operator](left, right))

    def _check_multiply(self, left: Any, right: Any) -> None:
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise TemplateLimitError("a number in the template is too large")
            return
        sequence, times = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(times, int) and isinstance(sequence, (str, bytes, list, tuple)):
            self.afford(len(sequence) * max(times, 0))

    def _check_power(self, base: Any, exponent: Any) -> None:
        if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
            if exponent * math.log2(abs(base)) > MAX_INT_BITS:
                raise TemplateLimitError("a number in the template is too large")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        macro = isinstance(__obj, (Macro, LoopContext))
        __self.charge((MACRO_CALL_COST if macro else 1) + sum(map(shallow_size, args))
                      + sum(map(shallow_size, kwargs.values())))
        if not isinstance(__obj, Macro):  # Python code may print, compare or hash them
            __self._weigh_printed(args, kwargs)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (str, bytes)):
            args = __self._check_text_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        result = ImmutableSandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        return __self._charge_result(result)

    def _check_text_method(self, text: str | bytes, name: str, args: tuple, kwargs: dict) -> tuple:
        if name in ("center", "ljust", "rjust", "zfill"):
            width = args[0] if args else kwargs.get("width", 0)
            if isinstance(width, int) and width > MAX_WIDTH:
                raise TemplateLimitError(f"width {width} is too large (the limit is {MAX_WIDTH:,})")
        elif name == "expandtabs":
            tabsize = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(tabsize, int):
                tabs = text.count("\t" if isinstance(text, str) else b"\t")
                self.afford(len(text) + tabs * max(tabsize, 0))
        elif name == "replace" and len(args) >= 2:
            self.afford(replaced_size(text, *args[:3]))
        elif name == "translate" and args and isinstance(args[0], dict):
            longest = max((len(v) for v in args[0].values() if isinstance(v, (str, bytes))),
                          default=1)
            self.afford(len(text) * max(longest, 1))
        elif name == "join" and args:
            items = self._bounded_list(args[0])
            self._weigh_printed(items)
            self.afford(len(text) * len(items))
            args = (items,) + tuple(args[1:])
        return args

    def _bounded_list(self, iterable: Any) -> list:
        if isinstance(iterable, (list, tuple)):
            return list(iterable)
        items = list(islice(iter(iterable), MAX_WORK - self.used + 1))
        if len(items) > MAX_WORK - self.used:
            raise _too_much_work()
        return items

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        @wraps(wrapper)
        def checked(*args: Any, **kwargs: Any) -> str:
            check_brace_format(fmt)
            self._weigh_printed(args, kwargs)
            return self._charge_result(wrapper(*args, **kwargs))

        return checked

    # filters

    def _guard_filters(self) -> None:
        """Wrap every filter and test (built-in and deck-supplied) in budget and size checks."""
        for table, kind in ((self.filters, "filter"), (self.tests, "test")):
            for name, func in list(table.items()):
                key = f"{kind} {name}"
                if self._guarded.get(key) is not func:
                    # a test given an argument compares its value with it: weigh both
                    guarded = self._guard_filter(name, func, kind == "filter"
                                                 and name in STRUCTURAL_FILTERS)
                    table[name] = guarded
                    self._guarded[key] = guarded

    def _guard_filter(self, name: str, func: Callable, structural: bool) -> Callable:
        if name in (LOOP_GUARD, TEXT_GUARD):
            return func
        passes_extra = getattr(func, "jinja_pass_arg", None) is not None
        # Jinja's async variants (slice, list…) pass an eval context their signature omits
        binds_extra = passes_extra and getattr(inspect.unwrap(func), "jinja_pass_arg",
                                               None) is not None
        estimate = ESTIMATES.get(name)

        @wraps(func)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            values = args[1:] if passes_extra else args
            self.charge(1 + sum(map(shallow_size, values))
                        + sum(map(shallow_size, kwargs.values())))
            signature = _signature(func)
            if signature is not None:
                _check_widths(name, signature, args if binds_extra or not passes_extra
                              else values, kwargs)
            self._weigh_printed(values[1:] if structural else values, kwargs)
            if estimate is not None:
                try:
                    size = estimate(*values, **kwargs)
                except (TypeError, ValueError):
                    size = 0  # the filter itself will report the bad arguments
                self.afford(size)
            return self._charge_result(func(*args, **kwargs))

        return guarded


@lru_cache(maxsize=None)
def _signature(func: Callable) -> inspect.Signature | None:
    """A filter's signature, read when it is first called: a template uses a few of the
    hundred filters and tests every environment guards."""
    try:
        return inspect.signature(func)
    except (TypeError, ValueError):
        return None


def _check_widths(name: str, signature: inspect.Signature, args: tuple, kwargs: dict) -> None:
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        return  # the filter reports its own argument errors
    for parameter, value in bound.arguments.items():
        if parameter in WIDTH_PARAMETERS and isinstance(value, int) and abs(value) > MAX_WIDTH:
            raise TemplateLimitError(f"'{name}': {parameter} {value} is too large "
                                     f"(the limit is {MAX_WIDTH:,})")


def refuse_undefined(value: Any) -> None:
    """Raise StrictUndefined's UndefinedError, naming the variable, for an undefined name in
    ``value`` or anywhere in the lists, tuples, sets and mappings it holds (their depth was
    bounded when the value was weighed)."""
    if isinstance(value, Undefined):
        str(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_undefined(key)
            refuse_undefined(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            refuse_undefined(item)


def _check_data(value: Any) -> None:
    """A value that replaces its template holds only what a YAML file could have: text,
    numbers, booleans, dates, nulls, lists and mappings with text keys (no undefined names,
    no functions). Its depth was bounded when it was weighed."""
    if isinstance(value, Undefined):
        str(value)  # StrictUndefined raises UndefinedError, naming the variable
    if isinstance(value, (list, tuple)):
        for item in value:
            _check_data(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TemplateError(f"a mapping key ({key!r}) is not text; quote it")
            _check_data(item)
    elif not (value is None or isinstance(value, (str, int, float, bool, datetime.date))):
        raise TemplateError(f"the value holds a {type(value).__name__}, not data: use "
                            "text, numbers, lists and mappings")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _indent_size(value: Any, width: Any = 4, *_: Any, **__: Any) -> int:
    text = _text(value)
    step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    return len(text) + (text.count("\n") + 1) * max(step, 0)


def _center_size(value: Any, width: Any = 80, *_: Any, **__: Any) -> int:
    return max(len(_text(value)), width if isinstance(width, int) else 0)


def _replace_size(value: Any, old: Any = "", new: Any = "", count: Any = None) -> int:
    return replaced_size(_text(value), _text(old), _text(new), count)


def _wordwrap_size(value: Any, width: Any = 79, break_long_words: Any = True,
                   wrapstring: Any = None, *_: Any, **__: Any) -> int:
    text = _text(value)
    return len(text) * (1 + len(_text(wrapstring or "\n")))


def _join_size(value: Any, d: Any = "", attribute: Any = None) -> int:
    count = len(value) if isinstance(value, abc.Sized) else 0
    return count * len(_text(d))


def _sum_size(iterable: Any, attribute: Any = None, start: Any = 0) -> int:
    if isinstance(iterable, (list, tuple)):
        return sum(shallow_size(item) for item in iterable) + shallow_size(start)
    return 0


def _tojson_size(value: Any, indent: Any = None) -> int:
    step = indent if isinstance(indent, int) else len(indent) if isinstance(indent, str) else 0
    return printed_size(value, MAX_WORK) * (1 + max(step, 0))


def _format_size(value: Any, *args: Any, **kwargs: Any) -> int:
    if isinstance(value, str):
        check_printf_format(value)
    return len(_text(value))


ESTIMATES: dict[str, Callable[..., int]] = {
    "indent": _indent_size,
    "center": _center_size,
    "replace": _replace_size,
    "wordwrap": _wordwrap_size,
    "join": _join_size,
    "sum": _sum_size,
    "format": _format_size,
    "tojson": _tojson_size,
}


class _Guard(NodeTransformer):
    """Refuses file access and ``self``; counts loop steps and weighs text before joining."""

    def generic_visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> nodes.Node:
        for kind, tag in FORBIDDEN_TAGS.items():
            if isinstance(node, kind):
                raise SecurityError(f"{tag} is not allowed: deck templates cannot read files; "
                                    "put the text in the deck or under 'data:'")
        return super().generic_visit(node, *args, **kwargs)

    def visit_Name(self, node: nodes.Name) -> nodes.Node:
        if node.name == "self":
            raise SecurityError("'self' is not available in deck templates")
        return node

    def visit_For(self, node: nodes.For) -> nodes.Node:
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, LOOP_GUARD, [], [], None, None,
                                 lineno=node.iter.lineno)
        return node

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        """Comparing walks both sides, as printing does: weigh them first."""
        node = self.generic_visit(node)
        node.expr = _weighed(node.expr)
        for operand in node.ops:
            operand.expr = _weighed(operand.expr)
        return node

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:
        """Keys are hashed: weigh them first."""
        node = self.generic_visit(node)
        for pair in node.items:
            pair.key = _weighed(pair.key)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        node = self.generic_visit(node)
        node.nodes = [_weighed(part) for part in node.nodes]
        return node


def _weighed(node: nodes.Expr) -> nodes.Expr:
    """``node`` passed through the filter that weighs a value as printed."""
    return nodes.Filter(node, TEXT_GUARD, [], [], None, None, lineno=node.lineno)
