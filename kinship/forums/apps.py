from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "kinship.forums"
    label = "forums"
    verbose_name = "Forums"

    def ready(self) -> None:
        from kinship.forums import privacy
        from kinship.privacy import registry as privacy_registry

        privacy_registry.register(self.label, privacy.RELATIONS)

        self.forget_answers_on_change()

        from kinship.forums import selectors, services
        from kinship.forums.services import safeguarding
        from kinship.notifications.registry import (
            Topic,
            register_duty_kind,
            register_target,
            register_topic,
        )

        register_target("forums.post", selectors.visible_post_ids)
        register_target("forums.safetyalert", selectors.visible_alert_ids)
        register_topic(
            "forums.board",
            Topic(label=selectors.board_topic_label, unsubscribe=services.board_unsubscribe),
        )
        # Safeguarding alerts are a duty: emailed whatever the person chose, never unsubscribed.
        register_duty_kind(safeguarding.ALERT_KIND, safeguarding.describe_duty_email)
        register_duty_kind(safeguarding.ESCALATION_KIND, safeguarding.describe_duty_email)

    def forget_answers_on_change(self) -> None:
        """Who may read a board, thread or post is remembered for one request (see
        `memo.remembered`); a change to any of them mid-request is seen at once."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from kinship.forums.models import Board, Post, SafeguardingLead, Thread
        from kinship.membership.memo import memberships_changed

        for model in (Board, Thread, Post, SafeguardingLead):
            for signal in (post_save, post_delete):
                signal.connect(memberships_changed, sender=model, dispatch_uid=f"forums-{model}")
        m2m_changed.connect(
            memberships_changed, sender=Board.schools.through, dispatch_uid="forums-board-schools"
        )
