"""Visits pages: the planner (plans.py), open classrooms and visits (visits.py), and a
school's own pages (schools.py). Thin: access helper, permission, form, one service."""
