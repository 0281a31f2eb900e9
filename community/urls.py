from django.urls import path

from .views import account, answers, directory, discussions, following, groups, moderation, promotion

app_name = "community"

urlpatterns = [
    path("discussies/", discussions.category_list, name="categories"),
    path("discussies/onderwerp/<int:pk>/", discussions.topic_detail, name="topic"),
    path("discussies/onderwerp/<int:pk>/reageren/", discussions.reply, name="reply"),
    path("discussies/onderwerp/<int:pk>/volgen/", discussions.toggle_subscription, name="subscription"),
    path("discussies/bericht/<int:pk>/wijzigen/", discussions.edit_post, name="edit_post"),
    path("discussies/bericht/<int:pk>/melden/", discussions.flag_post, name="flag_post"),
    path("discussies/onderwerp/<int:pk>/vraag/", answers.set_question, name="set_question"),
    path("discussies/bericht/<int:pk>/antwoord/", answers.mark_answer, name="mark_answer"),
    path("discussies/bericht/<int:pk>/nuttig/", answers.vote_helpful, name="vote_helpful"),
    path("discussies/bericht/<int:pk>/als-vraag/", promotion.promote_post, name="promote_post"),
    path("discussies/onderwerp/<int:pk>/meldingen/", following.topic_mode, name="topic_mode"),
    path("discussies/afmelden/<str:token>/", following.unsubscribe, name="unsubscribe"),
    path("discussies/noemen/suggesties/", directory.mention_suggestions, name="mention_suggestions"),
    path("discussies/<slug:slug>/", discussions.category_detail, name="category"),
    path("discussies/<slug:slug>/nieuw/", discussions.new_topic, name="new_topic"),
    path("groepen/", groups.group_list, name="groups"),
    path("groepen/<slug:slug>/", groups.group_detail, name="group"),
    path("groepen/<slug:slug>/aanvragen/", groups.join, name="group_join"),
    path("groepen/<slug:slug>/verlaten/", groups.leave, name="group_leave"),
    path("groepen/<slug:slug>/beheer/", groups.manage, name="group_manage"),
    path("discussies/<slug:slug>/meldingen/", following.category_mode, name="category_mode"),
    path("moderatie/", moderation.queue, name="moderation_queue"),
    path("moderatie/logboek/", moderation.log, name="moderation_log"),
    path("moderatie/bericht/<int:pk>/", moderation.post_action, name="moderation_post"),
    path("moderatie/onderwerp/<int:pk>/", moderation.topic_action, name="moderation_topic"),
    path("moderatie/lid/<str:username>/", moderation.member_action, name="moderation_member"),
    path("leden/", directory.member_directory, name="directory"),
    path("leden/<str:username>/", directory.member_profile, name="member"),
    path("leden/<str:username>/foto/", directory.member_photo, name="member_photo"),
    path("account/profiel/", account.edit_profile, name="edit_profile"),
    path("account/mijn-gegevens/", account.my_data, name="my_data"),
    path("account/meldingen/", following.notification_settings, name="notification_settings"),
    path("account/mijn-gegevens/download/", account.download_my_data, name="download_my_data"),
]
