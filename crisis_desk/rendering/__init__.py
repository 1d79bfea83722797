"""Turning the situation model into documents: view models, templates, registry."""
