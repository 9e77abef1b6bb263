"""The emails accounts sends: an invitation, "two-factor sign-in is now on" and the reset
link a platform admin sends someone. Each is built here; the services send them."""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kinship.accounts.models import Invitation, User
from kinship.core.emails import absolute, compose, site_url


def invitation_email(invitation: Invitation, token: str) -> EmailMultiAlternatives:
    """The invitation, with the one link that accepts it."""
    url = absolute(reverse("accounts:invitation_accept", args=[token]))
    context = {"invitation": invitation, "url": url}
    return compose(
        to=invitation.email,
        subject=render_to_string("accounts/email/invitation_subject.txt", context),
        template="accounts/email/invitation.txt",
        html_template="accounts/email/invitation.html",
        context=context,
    )


def two_factor_on_email(user: User) -> EmailMultiAlternatives:
    """Tell the person at once: if it was not them, someone has their password."""
    context = {
        "user": user,
        "reset_url": absolute(reverse("accounts:password_reset")),
    }
    return compose(
        to=user,
        subject=_("Two-factor sign-in is now on for your Kinship account"),
        template="accounts/email/two_factor_on.txt",
        context=context,
    )


def password_reset_link_send(user: User) -> None:
    """Send `user` Django's ordinary one-use reset link, in the password reset page's words
    (`PasswordResetForm` builds and sends it, as it does for that page)."""
    protocol, _sep, domain = site_url().partition("://")
    context = {
        "email": user.email, "domain": domain, "site_name": "Kinship", "protocol": protocol,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)), "user": user,
        "token": default_token_generator.make_token(user),
    }  # fmt: skip
    PasswordResetForm().send_mail(
        "accounts/email/password_reset_subject.txt",
        "accounts/email/password_reset.txt",
        context,
        None,
        user.email,
        html_email_template_name="accounts/email/password_reset.html",
    )
