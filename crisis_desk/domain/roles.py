"""The three roles of a desk and what each may do is enforced in ``crisis_desk.desk``."""

ROLES = ("comms", "manager", "reception")  # communication officer, manager, receptionist
