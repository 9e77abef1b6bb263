"""The demo's resources, boards and pupils: made once, searchable, and the pupils can sign in."""

import pytest
from django.core.management import call_command
from django.test import Client

from kinship.accounts.models import User
from kinship.forums.models import Board, Post, SafeguardingLead
from kinship.library.models import Resource
from kinship.library.selectors import resource_search

pytestmark = pytest.mark.django_db


def test_the_demo_sharing_is_idempotent_and_searchable(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    call_command("seed_demo")
    counts = (
        Resource.objects.count(),
        Board.objects.count(),
        Post.objects.count(),
        User.objects.count(),
    )
    call_command("seed_demo")
    assert (
        Resource.objects.count(),
        Board.objects.count(),
        Post.objects.count(),
        User.objects.count(),
    ) == counts
    assert SafeguardingLead.objects.count() == 5
    helen = User.objects.get(email="head.carnforth@demo.kinship.test")
    found = resource_search(helen, query="bar models").resources
    assert [r.title for r in found] == ["Year 4 fractions on a number line"]
    client = Client()
    response = client.post(
        "/forums/pupils/sign-in/",
        {
            "class_code": "ASH2026",
            "login_name": "alfie",
            "picture_1": "cat",
            "picture_2": "sun",
            "picture_3": "tree",
            "picture_4": "rocket",
        },
    )
    assert response.status_code == 302
    assert "School councils: making playtimes better" in client.get("/forums/").content.decode()
