"""``python -m widgets``: the command line (see :mod:`widgets.cli`)."""

from widgets.cli import main

raise SystemExit(main())
