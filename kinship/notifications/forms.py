from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.core.concurrency import VersionedFormMixin
from kinship.core.forms import StyledFormMixin
from kinship.notifications.models import Frequency


class NotificationSettingsForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    frequency = forms.ChoiceField(
        label=_("New posts and resources in boards and families I follow"),
        choices=Frequency.choices,
        help_text=_("Each board can have its own choice: see 'Email me' on the board's page."),
    )
    mentions = forms.ChoiceField(label=_("When someone mentions me"), choices=Frequency.choices)
    emails_enabled = forms.BooleanField(label=_("Send me emails from Kinship"), required=False)
