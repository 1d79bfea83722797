"""Allow ``python -m crisis_desk``."""

from crisis_desk.cli import main

raise SystemExit(main())
