"""Recurring background work: the schedule, the `clock` process that runs it, and its run log."""
