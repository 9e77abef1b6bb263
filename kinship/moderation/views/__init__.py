"""Moderation pages, in four parts: rounds and their people, scripts and their pages, the
grading and judging screens, and the reports and meeting."""
