"""Running an instance: consistent online backups and restores."""
