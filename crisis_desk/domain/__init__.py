"""The situation model: organisations, incidents, statuses, incident kinds, roles, edits.

Pure data and rules, no files, no database, no rendering: every other layer
builds on it.
"""
