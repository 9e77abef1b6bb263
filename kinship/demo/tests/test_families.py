from django.core.management import call_command

from kinship.accounts.models import User
from kinship.families.models import Circle, Family, FamilyMembership


def test_seed_demo_builds_the_kaizen_network_and_is_idempotent(db, capsys):
    call_command("seed_demo")
    kaizen = Family.objects.get(name="Kaizen Network")
    county = Family.objects.get(name="Lancashire New Heads Network")
    active = FamilyMembership.Status.ACTIVE
    kaizen_schools = set(
        kaizen.memberships.filter(status=active).values_list("school__urn", flat=True)
    )
    county_schools = set(
        county.memberships.filter(status=active).values_list("school__urn", flat=True)
    )
    assert len(kaizen_schools) == 5
    assert kaizen_schools & county_schools == {990105}
    assert Circle.objects.filter(confidential=True).count() == 1
    assert Circle.objects.filter(confidential=False).count() == 1
    assert "kinship-demo-2026" in capsys.readouterr().out

    counts = (User.objects.count(), FamilyMembership.objects.count(), Circle.objects.count())
    call_command("seed_demo")
    assert (
        User.objects.count(),
        FamilyMembership.objects.count(),
        Circle.objects.count(),
    ) == counts


def test_demo_logins_cover_every_role(db):
    call_command("seed_demo")
    admin = User.objects.get(email="admin@demo.kinship.test")
    assert admin.is_superuser
    roles = {
        role
        for user in User.objects.all()
        for role in user.school_roles.values_list("role", flat=True)
    }
    assert roles == {"lead", "staff", "pupil"}
    family_roles = {
        r for u in User.objects.all() for r in u.family_roles.values_list("role", flat=True)
    }
    assert family_roles == {"coordinator", "partner"}
    tom = User.objects.get(email="teacher.brookfield@demo.kinship.test")
    assert tom.check_password("kinship-demo-2026")
    assert "KS2 writing" in set(tom.expertise.values_list("name", flat=True))
