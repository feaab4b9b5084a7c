"""Domain errors. Each carries a message key from the catalog, never a literal text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotFound(DomainError):
    """The record does not exist, or belongs to another Kommune (deliberately the same)."""

    def __init__(self, key: str = "error.not_found", **params: Any) -> None:
        super().__init__(key, **params)


class NotAllowed(DomainError):
    """The actor may not do this."""

    def __init__(self, key: str = "error.not_allowed", **params: Any) -> None:
        super().__init__(key, **params)


class InvalidInput(DomainError):
    """A value a person entered is not acceptable; `field` names the form field."""

    def __init__(self, field: str, key: str, **params: Any) -> None:
        super().__init__(key, **params)
        self.field = field

    @property
    def problems(self) -> tuple[InvalidInput, ...]:
        """Every unacceptable value this error reports (here: its own one)."""
        return (self,)


class InvalidInputs(InvalidInput):
    """Several values of one submission are not acceptable. It reads as its first problem
    (field, key, params), so code that expects one InvalidInput keeps working."""

    def __init__(self, problems: Sequence[InvalidInput]) -> None:
        first = problems[0]
        super().__init__(first.field, first.key, **first.params)
        self._problems = tuple(problems)

    @property
    def problems(self) -> tuple[InvalidInput, ...]:
        return self._problems


class Problems:
    """Collects the unacceptable values of one submission, so that a person learns of all of
    them at once: `problems.check(...)` for each check, then `problems.raise_if_any()`
    before anything is saved."""

    def __init__(self) -> None:
        self._found: list[InvalidInput] = []

    def check(self, call: Callable[[], T]) -> T | None:
        """`call()`'s result, or None (the problem noted) if it raises InvalidInput."""
        try:
            return call()
        except InvalidInput as exc:
            self._found.extend(exc.problems)
            return None

    def add(self, field: str, key: str, **params: Any) -> None:
        self._found.append(InvalidInput(field, key, **params))

    def has(self, field: str) -> bool:
        return any(p.field == field for p in self._found)

    def __bool__(self) -> bool:
        return bool(self._found)

    def raise_if_any(self) -> None:
        """Raise every noted problem as one InvalidInputs (one problem: that InvalidInput)."""
        if len(self._found) == 1:
            raise self._found[0]
        if self._found:
            raise InvalidInputs(self._found)
