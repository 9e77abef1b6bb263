from kinship.privacy.registry import Erase, Relation

KEPT = "Part of a moderation round's record (agreement figures depend on every judgement)."

RELATIONS = [
    Relation("moderation.Round", "created_by", Erase.FORMER_MEMBER, KEPT),
    Relation("moderation.RoundPerson", "user", Erase.FORMER_MEMBER, KEPT),
    # Pupils' work (anonymised) is the school's record, not the uploader's data.
    Relation("moderation.Script", "uploaded_by", Erase.FORMER_MEMBER, KEPT, export=False),
    Relation("moderation.Grade", "judge", Erase.FORMER_MEMBER, KEPT),
    Relation("moderation.Comparison", "judge", Erase.FORMER_MEMBER, KEPT),
    Relation("moderation.Outcome", "recorded_by", Erase.FORMER_MEMBER, KEPT),
]
