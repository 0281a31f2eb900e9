"""The site's infrastructure as an app of its own: logging of background tasks, the health
check. Content, search and community each keep theirs."""

from django.apps import AppConfig


class KennisplatformConfig(AppConfig):
    name = "kennisplatform"
    verbose_name = "Kennisplatform"

    def ready(self):
        from django_tasks.signals import task_finished

        from .logs import log_task

        task_finished.connect(log_task, dispatch_uid="kennisplatform.log_task")
