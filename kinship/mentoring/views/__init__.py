"""Mentoring pages, thin: access helper, permission, form, one service call, render.

A package so no module passes the house limit: access (the helpers), programmes,
matching (the coordinator's review), pairs (the pair space and its questions),
pair_meetings (meetings and actions), pair_goals (goals, resources, reflections) and
cohort (the cohort and the coaching calendar).
"""
