"""Patrol rules that are numbers."""
from datetime import timedelta

# A patrol still open this long after it started is closed by the periodic
# job (close_stale_patrols), ending at its last sign of activity.
AUTO_CLOSE_AFTER = timedelta(hours=6)
# Track points stamped further ahead than this (a phone's clock) are refused.
CLOCK_SLACK = timedelta(minutes=2)
DEFAULT_RADIUS_M = 50
MAX_CHECKPOINTS = 50
