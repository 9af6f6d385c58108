"""Consistent backups of the embedded SQLite database, their rotation, and restoring one."""
