"""``python -m solver.curtois INSTANCE.txt ROSTER.json``: re-score a roster independently."""

import sys

from .score import main

sys.exit(main())
