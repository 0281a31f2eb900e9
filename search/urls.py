from django.urls import path

from . import alert_views, views
from .feeds import SearchFeed

urlpatterns = [
    path("", views.search_page, name="search"),
    path("suggesties/", views.autocomplete, name="search_autocomplete"),
    path("atom/", SearchFeed(), name="search_feed"),
    path("volgen/", alert_views.follow, name="search_alert_follow"),
    path("volgen/verstuurd/", alert_views.mailed, name="search_alert_mailed"),
    path("volgen/bevestigen/<str:token>/", alert_views.confirm, name="search_alert_confirm"),
    path("volgen/afmelden/<str:token>/", alert_views.unsubscribe, name="search_alert_unsubscribe"),
]
