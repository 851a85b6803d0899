"""Checklist items as Qt form widgets (one registry, item type -> widget) and the form runner."""
