"""Invitation tokens: a random secret for the link, and the only thing we keep of it."""

import hashlib
import secrets


def invitation_token_new() -> str:
    """A fresh URL-safe secret with 256 bits of randomness."""
    return secrets.token_urlsafe(32)


def invitation_token_hash(token: str) -> str:
    """The sha256 hex digest stored in place of the token."""
    return hashlib.sha256(token.encode()).hexdigest()
