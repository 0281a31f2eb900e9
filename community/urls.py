from django.urls import path

from . import directory, moderation_views, views

app_name = "community"

urlpatterns = [
    path("discussies/", views.category_list, name="categories"),
    path("discussies/onderwerp/<int:pk>/", views.topic_detail, name="topic"),
    path("discussies/onderwerp/<int:pk>/reageren/", views.reply, name="reply"),
    path("discussies/onderwerp/<int:pk>/volgen/", views.toggle_subscription, name="subscription"),
    path("discussies/bericht/<int:pk>/wijzigen/", views.edit_post, name="edit_post"),
    path("discussies/bericht/<int:pk>/melden/", views.flag_post, name="flag_post"),
    path("discussies/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("discussies/noemen/suggesties/", directory.mention_suggestions, name="mention_suggestions"),
    path("discussies/<slug:slug>/", views.category_detail, name="category"),
    path("discussies/<slug:slug>/nieuw/", views.new_topic, name="new_topic"),
    path("moderatie/", moderation_views.queue, name="moderation_queue"),
    path("moderatie/logboek/", moderation_views.log, name="moderation_log"),
    path("moderatie/bericht/<int:pk>/", moderation_views.post_action, name="moderation_post"),
    path("moderatie/onderwerp/<int:pk>/", moderation_views.topic_action, name="moderation_topic"),
    path("moderatie/lid/<str:username>/", moderation_views.member_action, name="moderation_member"),
    path("leden/", directory.member_directory, name="directory"),
    path("leden/<str:username>/", directory.member_profile, name="member"),
    path("leden/<str:username>/foto/", directory.member_photo, name="member_photo"),
    path("account/profiel/", directory.edit_profile, name="edit_profile"),
    path("account/mijn-gegevens/", directory.my_data, name="my_data"),
    path("account/mijn-gegevens/download/", directory.download_my_data, name="download_my_data"),
]
