"""Accounts in the Django admin, with no back door: an admin cannot set or see anyone's
password or second-factor secret. Recovery is a reset link emailed to the person, with the
leads of their schools told (the action "Send a password reset link")."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kinship.accounts.models import ExpertiseTag, Invitation, User
from kinship.core.admin import AuditedModelAdmin


class UserCreationForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new account has no password: its owner chooses one from a reset link."""

    class Meta:
        model = User
        fields = ("email", "display_name")
        field_classes = {"email": forms.EmailField}

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        user.email = user.email.lower()
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserChangeForm(forms.ModelForm):  # type: ignore[type-arg]
    """Everything but the password: its hash is never shown, not even in part."""

    class Meta:
        model = User
        fields = (
            "email", "display_name", "job_title", "account_type", "phone", "phone_visibility",
            "email_visibility", "listed_in_directory", "ask_me_about", "expertise", "is_active",
            "is_staff", "is_superuser", "groups", "user_permissions",
        )  # fmt: skip


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):  # type: ignore[type-arg]
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "display_name", "job_title", "account_type")}),
        (
            _("Contact details and directory"),
            {
                "fields": (
                    "phone",
                    "phone_visibility",
                    "email_visibility",
                    "listed_in_directory",
                    "ask_me_about",
                    "expertise",
                )
            },
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("email", "display_name", "account_type", "is_active", "is_superuser")
    list_filter = ("account_type", "is_active", "is_superuser", "listed_in_directory")
    search_fields = ("email", "display_name", "job_title")
    ordering = ("email",)
    filter_horizontal = ("expertise", "groups", "user_permissions")
    actions = ["send_password_reset_link"]

    def get_urls(self) -> list[URLPattern]:
        # Without Django's "<id>/password/" page: no one sets another person's password here.
        return [url for url in super().get_urls() if "password" not in str(url.pattern)]

    def user_change_password(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise PermissionDenied("Passwords are chosen by their owners, from a reset link.")

    @admin.action(description=_("Send a password reset link (their school leads are told)"))
    def send_password_reset_link(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        from kinship.accounts.services import password_reset_link_send

        for user in queryset:
            try:
                told = password_reset_link_send(actor=request.user, user=user, request=request)  # type: ignore[arg-type]
            except ValidationError as error:
                self.message_user(request, f"{user.email}: {error.messages[0]}", messages.ERROR)
                continue
            self.message_user(
                request, _("Reset link sent to %(email)s; %(n)d school lead(s) told.")
                % {"email": user.email, "n": told},
            )  # fmt: skip


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedModelAdmin, DjangoGroupAdmin):  # type: ignore[type-arg]
    pass


# django_otp's own device admin shows each secret key and its QR code (".../config/").
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(AuditedModelAdmin[TOTPDevice]):
    """Who has a second factor, and a way to remove a lost one; never the secret."""

    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__email"]
    fields = ("user", "name", "confirmed", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ExpertiseTag)
class ExpertiseTagAdmin(AuditedModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Invitation)
class InvitationAdmin(AuditedModelAdmin):  # type: ignore[type-arg]
    list_display = ("email", "school", "role", "invited_by", "created_at", "status")
    list_filter = ("role",)
    search_fields = ("email", "school__name", "school__urn")
    list_select_related = ("school", "invited_by")
    raw_id_fields = ("school", "invited_by", "accepted_by")
    # The token itself is never stored; its hash only identifies the row.
    readonly_fields = ("token_hash", "created_at", "accepted_at", "accepted_by")

    @admin.display(description=_("status"))
    def status(self, invitation: Invitation) -> str:
        return str(invitation.status.label)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Invitations are made by the service, which emails the one copy of the token.
        return False
