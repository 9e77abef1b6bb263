"""Notifications are not in the Django admin: their titles can name confidential threads."""
