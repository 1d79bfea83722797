"""The desktop app (PySide6): thin views and Qt models over the core."""
