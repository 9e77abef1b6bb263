from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "kinship.forums"
    label = "forums"
    verbose_name = "Forums"

    def ready(self) -> None:
        from kinship.forums import selectors, services
        from kinship.notifications.registry import Topic, register_target, register_topic

        register_target("forums.post", selectors.visible_post_ids)
        register_target("forums.safetyalert", selectors.visible_alert_ids)
        register_topic(
            "forums.board",
            Topic(label=selectors.board_topic_label, unsubscribe=services.board_unsubscribe),
        )
