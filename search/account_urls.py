"""A member's search alerts, under /account/zoekmeldingen/ (next to allauth's account pages)."""

from django.urls import path

from . import alert_views

urlpatterns = [
    path("", alert_views.account, name="search_alerts_account"),
    path("<int:pk>/", alert_views.account_change, name="search_alert_change"),
]
