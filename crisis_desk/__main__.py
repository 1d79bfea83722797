"""Allow ``python -m crisis_desk``."""

from crisis_desk.cli.main import main

raise SystemExit(main())
