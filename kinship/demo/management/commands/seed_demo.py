from typing import Any

from django.core.management.base import BaseCommand

from kinship.accounts.models import User
from kinship.demo.families import DEMO_PASSWORD, seed_demo
from kinship.demo.forums import PUPILS, seed_demo_sharing
from kinship.demo.meetings import seed_demo_meetings
from kinship.demo.mentoring import seed_demo_mentoring
from kinship.demo.moderation import DEMO_TOTP_SECRET, seed_demo_moderation
from kinship.demo.visits import seed_demo_visits
from kinship.families.models import Family


class Command(BaseCommand):
    help = (
        "Load the Kaizen Network demo family, its term dates and meetings (idempotent), and "
        "print the demo logins."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        people = seed_demo()
        seed_demo_meetings(
            coordinator=User.objects.get(email="coordinator@demo.kinship.test"),
            family=Family.objects.get(name="Kaizen Network"),
        )
        moderation = seed_demo_moderation(family=Family.objects.get(name="Kaizen Network"))
        seed_demo_visits(
            coordinator=User.objects.get(email="coordinator@demo.kinship.test"),
            family=Family.objects.get(name="Kaizen Network"),
        )
        seed_demo_mentoring(
            coordinator=User.objects.get(email="coordinator@demo.kinship.test"),
            family=Family.objects.get(name="Kaizen Network"),
        )
        seed_demo_sharing()
        self.stdout.write(self.style.SUCCESS("Demo family ready: Kaizen Network."))
        self.stdout.write(f"Every demo login uses the password: {DEMO_PASSWORD}")
        for person in people:
            note = f"  ({person.what_to_try})" if person.what_to_try else ""
            self.stdout.write(f"  {person.email:<42} {person.name}{note}")
        for moderator in moderation:
            self.stdout.write(
                f"  {moderator.email:<42} {moderator.name}  ({moderator.what_to_try})"
            )
        self.stdout.write(f"Demo two-factor secret (demo only, published): {DEMO_TOTP_SECRET}")
        self.stdout.write("Pupils sign in at /forums/pupils/sign-in/ with a class code:")
        for pupil in PUPILS:
            secret = f"pictures {', '.join(pupil.pictures)}" if pupil.pictures else pupil.password
            self.stdout.write(f"  code {pupil.code}, login {pupil.login_name}: {secret}")
