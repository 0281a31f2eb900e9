from django.urls import path

from . import (
    converters,  # noqa: F401 (registers <registration_token:...>)
    views,
)

urlpatterns = [
    path("aanmelding/<registration_token:token>/bevestigen/", views.confirm, name="registration_confirm"),
    path("aanmelding/<registration_token:token>/annuleren/", views.cancel, name="registration_cancel"),
    path("mijn-aanmeldingen/", views.my_registrations, name="my_registrations"),
]
