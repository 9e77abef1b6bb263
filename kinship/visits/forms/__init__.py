"""Forms for visits: plans (plans.py) and open classrooms, visits, reflections (visits.py)."""
