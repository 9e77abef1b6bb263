"""Pupil sign-in: four pictures, and failed tries kept without their secrets."""

import django.utils.timezone
from django.db import migrations, models


def forget_pupil_tries_in_axes(apps, schema_editor):
    """django-axes kept the form posted with each failed pupil sign-in, pictures and all,
    under the username "pupil:CODE:login": those records go (adults' stay)."""
    access_attempt = apps.get_model("axes", "AccessAttempt")
    access_attempt.objects.filter(username__startswith="pupil:").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0003_safeguarding_record"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        # Accounts made before this migration have three pictures (the class page flags
        # them for a new card); new ones get four.
        migrations.AddField(
            model_name="pupilprofile",
            name="picture_count",
            field=models.PositiveSmallIntegerField(default=3),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="pupilprofile",
            name="picture_count",
            field=models.PositiveSmallIntegerField(default=4),
        ),
        migrations.AlterField(
            model_name="pupilprofile",
            name="sign_in_with",
            field=models.CharField(
                choices=[("pictures", "Pictures"), ("password", "A short password")], max_length=10
            ),
        ),
        migrations.CreateModel(
            name="PupilSignInAttempt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("class_code", models.CharField(max_length=12)),
                ("login_name", models.CharField(max_length=40)),
                ("device", models.CharField(max_length=40)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["class_code", "login_name", "created_at"],
                        name="forums_pupi_class_c_600cb7_idx",
                    ),
                    models.Index(
                        fields=["device", "created_at"], name="forums_pupi_device_f735d3_idx"
                    ),
                    models.Index(fields=["created_at"], name="forums_pupi_created_606911_idx"),
                ],
            },
        ),
        migrations.RunPython(forget_pupil_tries_in_axes, migrations.RunPython.noop),
    ]
