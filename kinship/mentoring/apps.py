from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "kinship.mentoring"
    label = "mentoring"
    verbose_name = "Heads' support and mentoring"

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from kinship.mentoring import privacy
        from kinship.mentoring.tasks import matching_task_failed
        from kinship.privacy import registry as privacy_registry

        task_finished.connect(matching_task_failed, dispatch_uid="mentoring.matching_failed")
        privacy_registry.register(self.label, privacy.RELATIONS)
