"""Synthetic wallet histories: seeded simulation of owners and incidents, rendered through the
real export layouts. Used for the shipped sample data, the detection benchmark and tests."""
