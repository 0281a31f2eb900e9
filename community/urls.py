from django.urls import path

from . import directory, views

app_name = "community"

urlpatterns = [
    path("discussies/", views.category_list, name="categories"),
    path("discussies/onderwerp/<int:pk>/", views.topic_detail, name="topic"),
    path("discussies/onderwerp/<int:pk>/reageren/", views.reply, name="reply"),
    path("discussies/onderwerp/<int:pk>/volgen/", views.toggle_subscription, name="subscription"),
    path("discussies/bericht/<int:pk>/wijzigen/", views.edit_post, name="edit_post"),
    path("discussies/bericht/<int:pk>/melden/", views.flag_post, name="flag_post"),
    path("discussies/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("discussies/<slug:slug>/", views.category_detail, name="category"),
    path("discussies/<slug:slug>/nieuw/", views.new_topic, name="new_topic"),
    path("leden/", directory.member_directory, name="directory"),
    path("leden/<str:username>/", directory.member_profile, name="member"),
    path("account/profiel/", directory.edit_profile, name="edit_profile"),
]
