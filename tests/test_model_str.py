"""Every model of the project says what it is (in the admin, logs and the shell): none falls
back to Django's "Model object (1)". Wagtail pages inherit Page's (the title)."""

import pytest
from django.apps import apps
from django.db import models

from tests.test_import_graph import project_packages


def project_models():
    packages = set(project_packages())
    return sorted(
        (model for model in apps.get_models() if model.__module__.split(".")[0] in packages),
        key=lambda model: model._meta.label,
    )


def test_there_are_project_models_to_check():
    assert {"community.Post", "knowledge_search.IndexOutbox"} <= {model._meta.label for model in project_models()}


@pytest.mark.parametrize("model", project_models(), ids=lambda model: model._meta.label)
def test_every_model_defines_str(model):
    assert model.__str__ is not models.Model.__str__, f"{model._meta.label} has no __str__"
