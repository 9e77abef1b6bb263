"""Read-only queries for visits: plans (plans.py) and visits (visits.py)."""
