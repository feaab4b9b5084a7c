"""Who is acting: built on the server from a resolved session, never from browser input."""

from __future__ import annotations

from dataclasses import dataclass, field

from dasnez_core.models import Role, UserStatus
from dasnez_core.scope import Scope


@dataclass(frozen=True)
class Actor:
    """The acting person. `kommune_id` is the home Kommune; `admin_of` the Kommunen
    this person administers (in the admin portal: only the one of the chosen context)."""

    user_id: int | None = None
    kommune_id: int | None = None
    status: str = ""
    display_name: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)
    admin_of: frozenset[int] = field(default_factory=frozenset)
    # The public app's session of a person who has not accepted their Kommune's current
    # privacy notice or terms: they may do only what anybody may (permissions.can).
    consent_due: bool = False
    # The admin portal's working context (services.sessions): the Kommune, or a
    # coordinator's area subtree or social space, chosen in the switcher and kept on the
    # session row. `context_id` is that role grant's id, `contexts` every grant the person
    # may switch to (Kommune admin rights and coordinator scopes), in menu order.
    scope: Scope | None = None
    context_id: int | None = None
    contexts: tuple[int, ...] = ()
    # A represented person acted for (Stellvertretung, services.represented): who presses
    # the buttons, their proxy (`proxy_id`) or an admin of the Kommune's office (`proxy_id`
    # that admin, `by_office` True). Agreements record it; None for everybody else.
    proxy_id: int | None = None
    by_office: bool = False

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def is_approved(self) -> bool:
        return self.user_id is not None and self.status == UserStatus.APPROVED

    @property
    def is_platform_admin(self) -> bool:
        return self.is_approved and Role.PLATFORM_ADMIN in self.roles


ANONYMOUS = Actor()
