"""The public read-only JSON feed: courses, providers, schemes, quality marks and topics."""
