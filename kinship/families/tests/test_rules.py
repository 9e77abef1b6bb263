import pytest


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("head", True),
        ("teacher", True),
        ("coordinator", False),
        ("admin", False),
        ("outsider", False),
        ("partner", False),
        ("pupil", False),
    ],
)
def test_confidential_circle_is_readable_by_members_only(people, role, allowed):
    user = people.by_role(role)
    assert user.has_perm("families.view_circle", people.confidential_circle) is allowed


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("head", True),
        ("teacher", True),
        ("coordinator", True),
        ("admin", True),
        ("outsider", False),
        ("partner", False),
        ("pupil", False),
    ],
)
def test_open_circle_is_readable_across_its_family(people, role, allowed):
    user = people.by_role(role)
    assert user.has_perm("families.view_circle", people.open_circle) is allowed


@pytest.mark.parametrize(
    ("role", "view", "change"),
    [
        ("coordinator", True, True),
        ("head", True, False),
        ("teacher", True, False),
        ("admin", True, True),
        ("outsider", False, False),
        ("partner", False, False),
        ("pupil", False, False),
    ],
)
def test_family_permissions(people, role, view, change):
    user = people.by_role(role)
    assert user.has_perm("families.view_family", people.family) is view
    assert user.has_perm("families.change_family", people.family) is change
