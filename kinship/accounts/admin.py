from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kinship.accounts.models import ExpertiseTag, Invitation, User


class UserCreationForm(BaseUserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email", "display_name")
        field_classes = {"email": forms.EmailField}


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
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
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
                "fields": ("email", "display_name", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("email", "display_name", "account_type", "is_active", "is_superuser")
    list_filter = ("account_type", "is_active", "is_superuser", "listed_in_directory")
    search_fields = ("email", "display_name", "job_title")
    ordering = ("email",)
    filter_horizontal = ("expertise", "groups", "user_permissions")


@admin.register(ExpertiseTag)
class ExpertiseTagAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
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
