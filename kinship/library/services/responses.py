"""What people say of a resource: comments, 'I used this' and star ratings."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from kinship.accounts.models import User
from kinship.library.models import Comment, Resource, Use
from kinship.notifications.services import notify


@transaction.atomic
def comment_add(*, actor: User, resource: Resource, body: str) -> Comment:
    if not actor.has_perm("library.respond_to_resource", resource):
        raise PermissionDenied(_("You cannot comment on this resource."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write your comment first.")})
    comment = Comment.objects.create(resource=resource, author=actor, body=body)
    if resource.author_id != actor.pk:
        notify(
            recipients=[resource.author],
            kind="library.comment",
            target=resource,
            title=_("%(name)s commented on %(title)s")
            % {"name": actor.display_name, "title": resource.title},
            body=body,
            url=resource.get_absolute_url() + "#comments",
        )
    return comment


@transaction.atomic
def resource_use_set(
    *, actor: User, resource: Resource, used: bool, stars: int | None = None
) -> Use:
    """Say 'I used this' and, if you like, rate it from one to five stars."""
    if not actor.has_perm("library.respond_to_resource", resource):
        raise PermissionDenied(_("You cannot rate this resource."))
    if stars is not None and not 1 <= stars <= 5:
        raise ValidationError({"stars": _("Give one to five stars.")})
    use, _created = Use.objects.update_or_create(
        resource=resource, user=actor, defaults={"used": used, "stars": stars}
    )
    totals = Use.objects.filter(resource=resource).aggregate(
        used=Count("pk", filter=Q(used=True)),
        rated=Count("pk", filter=Q(stars__isnull=False)),
        stars=Sum("stars"),
    )
    Resource.objects.filter(pk=resource.pk).update(
        used_count=totals["used"], rating_count=totals["rated"], rating_total=totals["stars"] or 0
    )
    resource.refresh_from_db(fields=["used_count", "rating_count", "rating_total"])
    return use
