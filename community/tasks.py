"""Background tasks of the community: notification e-mail never holds up a post.

The rule for services and tasks, everywhere: a service module imports its task module at the top,
and a task imports the services it calls inside the task function, so no import cycle forms.
"""

from django_tasks import task


@task()
def notify_about_post(post_id):
    from .models import Post
    from .notifications import send_post_notifications

    post = Post.objects.select_related("topic__category", "author").filter(pk=post_id, hidden=False).first()
    return send_post_notifications(post) if post else 0
