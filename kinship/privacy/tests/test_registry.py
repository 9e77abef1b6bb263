"""Every relation to a person is declared, so a new model cannot forget its personal data."""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

from kinship.privacy import registry
from kinship.privacy.registry import Erase


def _relations_to_people() -> set[tuple[str, str]]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.auto_created or not field.is_relation or field.related_model is not user_model:
                continue
            found.add((model._meta.label_lower, field.name))
    return found


def test_every_relation_to_a_person_is_declared():
    declared = {relation.key for relation in registry.relations()}
    missing = _relations_to_people() - declared
    assert not missing, f"declare these in the app's privacy.py: {sorted(missing)}"


def test_no_declaration_names_a_relation_that_does_not_exist(django_user_model):
    direct = {r.key for r in registry.relations() if "__" not in r.field}
    assert direct <= _relations_to_people()
    for relation in registry.relations():  # a path through other records must reach a person
        assert "__" in relation.field or relation.key in direct
        rows = relation.model_class()._default_manager.filter(**{relation.field: None})
        assert str(rows.query)
        last = relation.field.split("__")[-1]
        model: Any = relation.model_class()
        for step in relation.field.split("__")[:-1]:
            model = model._meta.get_field(step).related_model
        assert model._meta.get_field(last).related_model is django_user_model, relation.key


def test_there_are_many_relations_and_each_says_why():
    assert len(registry.relations()) >= 66
    assert all(relation.why.strip() for relation in registry.relations())


def test_deleted_rows_do_not_protect_the_person():
    # Rows kept for a former member may hold the account with PROTECT; rows erasure deletes
    # must not be the only thing keeping a safeguarding record (RETAIN) alive.
    for relation in registry.relations():
        if "__" in relation.field:
            continue
        field = relation.model_class()._meta.get_field(relation.field)
        if relation.erase is Erase.DELETE and isinstance(field, models.ForeignKey):
            assert field.remote_field.on_delete is not models.PROTECT, relation.key


def test_declaring_a_relation_twice_from_another_app_is_refused():
    relation = registry.relations()[0]
    try:
        registry.register("another_app", [relation])
    except ValueError:
        return
    raise AssertionError("a second declaration was accepted")
