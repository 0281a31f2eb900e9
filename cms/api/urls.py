"""Addresses of the open data: version 1 of the JSON API and the register as CSV."""

from django.urls import path

from . import register_csv, views

app_name = "open_data"
urlpatterns = [
    path("api/v1/samenwerkingen/", views.collaborations, name="collaborations"),
    path("api/v1/samenwerkingen/<slug:slug>/", views.collaboration, name="collaboration"),
    path("api/v1/gemeenten/", views.municipalities, name="municipalities"),
    path("api/v1/gemeenten/<slug:slug>/", views.municipality, name="municipality"),
    path("api/v1/documenten/", views.documents, name="documents"),
    path("samenwerkingen.csv", register_csv.register, name="register_csv"),
]
