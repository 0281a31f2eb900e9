from django.urls import path

from . import views

urlpatterns = [
    path("aanmelding/<str:token>/bevestigen/", views.confirm, name="registration_confirm"),
    path("aanmelding/<str:token>/annuleren/", views.cancel, name="registration_cancel"),
    path("mijn-aanmeldingen/", views.my_registrations, name="my_registrations"),
]
