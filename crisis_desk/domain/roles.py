"""The three roles of a desk; what each may do is enforced in ``crisis_desk.desk``."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The role of a desk account, stored in the database by its value."""

    COMMS = "comms"  # communication officer
    MANAGER = "manager"
    RECEPTION = "reception"  # receptionist


# Plain strings, not members: the table constraints and the command line's choices
# print these values with repr().
ROLES: tuple[str, ...] = tuple(role.value for role in Role)
