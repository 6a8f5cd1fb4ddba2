"""Application logic: plain functions that take a session, add and flush, and never commit."""
