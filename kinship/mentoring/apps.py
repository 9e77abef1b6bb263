from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "kinship.mentoring"
    label = "mentoring"
    verbose_name = "Heads' support and mentoring"

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from kinship.mentoring.tasks import matching_task_failed

        task_finished.connect(matching_task_failed, dispatch_uid="mentoring.matching_failed")
