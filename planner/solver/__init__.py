"""Planning: turn a mission into a plan (see docs/planning.md)."""
