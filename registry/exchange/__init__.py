"""Data exchange with providers' own systems: bulk import of courses and runs (file, API upsert, batch)."""
