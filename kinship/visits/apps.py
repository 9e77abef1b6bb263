from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "kinship.visits"
    label = "visits"
    verbose_name = "Visits"

    def ready(self) -> None:
        from kinship.privacy import registry as privacy_registry
        from kinship.visits import privacy

        privacy_registry.register(self.label, privacy.RELATIONS)

        from kinship.notifications.registry import register_digest_provider, register_target
        from kinship.visits.digest import ANSWER_DUE
        from kinship.visits.selectors.proposals import visible_proposal_ids

        register_target("visits.termdateproposal", visible_proposal_ids)
        register_digest_provider("visits.answer_due", ANSWER_DUE)
