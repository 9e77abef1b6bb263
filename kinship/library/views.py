"""Library pages: search, sharing, a resource's page and history, downloads, collections.

Thin: find what the user may see (404 otherwise), check the permission (403 with a
message), hand the form to a service, render. Files are only ever served by `download`,
which checks the permission first: there is no public address for them.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import edit_version, form_status, saved
from kinship.core.feedback import apply_errors
from kinship.core.http import AuthenticatedHttpRequest
from kinship.library import selectors, services
from kinship.library.forms import (
    CONTENT_FORMS,
    CollectionForm,
    CollectionPickForm,
    CommentForm,
    ResourceForm,
    SearchForm,
    UseForm,
    VersionNoteForm,
)
from kinship.library.models import Collection, Kind, Resource, ResourceVersion
from kinship.membership import visibility

PAGE_SIZE = 20


def get_resource_for_user(user: User, pk: int, *, perm: str = "library.view_resource") -> Resource:
    resource = (
        Resource.objects.select_related("author", "school", "family", "circle", "current_version")
        .filter(pk=pk)
        .first()
    )
    if resource is None or not user.has_perm("library.view_resource", resource):
        raise Http404
    if perm != "library.view_resource" and not user.has_perm(perm, resource):
        raise PermissionDenied(_("Only the person who shared this resource can change it."))
    return resource


def get_collection_for_user(
    user: User, pk: int, *, perm: str = "library.view_collection"
) -> Collection:
    collection = (
        Collection.objects.select_related("owner", "family", "circle").filter(pk=pk).first()
    )
    if collection is None or not user.has_perm("library.view_collection", collection):
        raise Http404
    if perm != "library.view_collection" and not user.has_perm(perm, collection):
        raise PermissionDenied(_("Only the collection's owner can change it."))
    return collection


def _require_library(user: User) -> None:
    if not user.has_perm("library.use_library"):
        raise PermissionDenied(_("The library is for school and family staff."))


def _my_schools(user: User) -> Any:
    return visibility.schools_of_user(user, roles=visibility.STAFF_ROLES)


def _resource_form(request: AuthenticatedHttpRequest, **kwargs: Any) -> ResourceForm:
    return ResourceForm(
        request.POST or None,
        families=selectors.families_to_share_with(request.user),
        circles=selectors.circles_to_share_with(request.user),
        schools=_my_schools(request.user),
        **kwargs,
    )


@require_GET
@login_required
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_library(request.user)
    form = SearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    query = data.get("q", "")
    filters = selectors.Filters(**{k: v for k, v in data.items() if k != "q" and v})
    result = selectors.resource_search(request.user, query=query, filters=filters)
    page = Paginator(result.resources, PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = {k: v for k, v in request.GET.items() if k not in ("page",) and v}
    context = {
        "form": form,
        "q": query,
        "page": page,
        "facets": result.facets,
        "chosen": chosen,
        "filters": filters,
        "capped": result.capped,
        "can_share": request.user.has_perm("library.create_resource"),
    }
    return render(request, "library/search.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def resource_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("library.create_resource"):
        raise PermissionDenied(_("Staff of a family's schools can share resources."))
    kind = request.GET.get("kind") or request.POST.get("kind") or Kind.FILE
    if kind not in CONTENT_FORMS:
        raise Http404
    form = _resource_form(request, initial={"audience": "family", "licence": "cc_by"})
    content = CONTENT_FORMS[kind](request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and content.is_valid():
        try:
            resource = services.resource_create(
                actor=request.user,
                kind=kind,
                fields=form.resource_fields(),
                upload=content.cleaned_data.get("file"),
                url=content.cleaned_data.get("url", ""),
                body=content.cleaned_data.get("body", ""),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Shared. Colleagues can find it now."))
            return redirect(resource)
    context = {"form": form, "content": content, "kind": kind, "resource": None}
    return render(request, "library/resource_form.html", context)


@require_GET
@login_required
def resource_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request.user, pk)
    use = selectors.use_of(request.user, resource)
    collections = selectors.my_collections(request.user)
    context = {
        "resource": resource,
        **selectors.resource_detail(resource),
        "comment_form": CommentForm(),
        "use_form": UseForm(
            initial={"used": use.used if use else False, "stars": use.stars if use else None}
        ),
        "collection_form": CollectionPickForm(collections=collections) if collections else None,
        "can_change": request.user.has_perm("library.change_resource", resource),
        "changes": resource.changes.select_related("changed_by"),
    }
    return render(request, "library/resource_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def resource_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request.user, pk, perm="library.change_resource")
    version = edit_version(resource, services.RESOURCE_EDIT_FIELDS)
    form = _resource_form(request, initial=ResourceForm.initial_for(resource), version=version)
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            form,
            lambda: services.resource_update(
                actor=request.user,
                resource=resource,
                fields=form.resource_fields(),
                version=form.version,
            ),
        )
    ):
        messages.success(request, _("Saved. What it said before is kept in its history."))
        return redirect(resource)
    context = {"form": form, "content": None, "kind": resource.kind, "resource": resource}
    return render(request, "library/resource_form.html", context, status=form_status(form))


@require_POST
@login_required
def resource_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request.user, pk, perm="library.change_resource")
    services.resource_delete(actor=request.user, resource=resource)
    messages.info(request, _("The resource is withdrawn."))
    return redirect("library:search")


@require_http_methods(["GET", "POST"])
@login_required
def version_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request.user, pk, perm="library.change_resource")
    note = VersionNoteForm(request.POST or None)
    content = CONTENT_FORMS[resource.kind](request.POST or None, request.FILES or None)
    if request.method == "POST" and note.is_valid() and content.is_valid():
        try:
            services.resource_version_add(
                actor=request.user,
                resource=resource,
                note=note.cleaned_data["note"],
                upload=content.cleaned_data.get("file"),
                url=content.cleaned_data.get("url", ""),
                body=content.cleaned_data.get("body", ""),
            )
        except ValidationError as error:
            apply_errors(content, error)
        else:
            messages.success(request, _("New version saved; the earlier ones stay in its history."))
            return redirect(resource)
    context = {"resource": resource, "note": note, "content": content}
    return render(request, "library/version_form.html", context)


@require_GET
@login_required
def download(request: AuthenticatedHttpRequest, pk: int, number: int) -> FileResponse:
    resource = get_resource_for_user(request.user, pk)
    version = ResourceVersion.objects.filter(resource=resource, number=number).first()
    if version is None or not version.file:
        raise Http404
    if resource.audience != "platform":
        audit_log(
            actor=request.user,
            action="library.download",
            target=resource,
            summary=f"Downloaded version {number} of resource {resource.pk}",
            request=request,
        )
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.original_name or (version.file.name or "").rsplit("/", 1)[-1],
        content_type=version.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def comment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request.user, pk, perm="library.respond_to_resource")
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(actor=request.user, resource=resource, body=form.cleaned_data["body"])
        messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write your comment first."))
    return redirect(resource.get_absolute_url() + "#comments")


@require_POST
@login_required
def use_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request.user, pk, perm="library.respond_to_resource")
    form = UseForm(request.POST)
    if form.is_valid():
        services.resource_use_set(actor=request.user, resource=resource, **form.cleaned_data)
        messages.success(request, _("Thank you: the author can see their work is used."))
    else:
        messages.error(request, _("Give one to five stars, or no rating."))
    return redirect(resource)


@require_GET
@login_required
def collection_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_library(request.user)
    collections = selectors.collections_visible_to(request.user).select_related("owner")
    return render(request, "library/collection_list.html", {"collections": collections})


@require_http_methods(["GET", "POST"])
@login_required
def collection_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.has_perm("library.create_resource"):
        raise PermissionDenied(_("Staff of a family's schools can make collections."))
    form = CollectionForm(
        request.POST or None,
        initial={"audience": "family"},
        families=selectors.families_to_share_with(request.user),
        circles=selectors.circles_to_share_with(request.user),
    )
    if form.is_valid():
        try:
            collection = services.collection_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Collection made. Add resources from their pages."))
            return redirect(collection)
    return render(request, "library/collection_form.html", {"form": form})


@require_GET
@login_required
def collection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    collection = get_collection_for_user(request.user, pk)
    context = {
        "collection": collection,
        "resources": selectors.collection_resources(request.user, collection),
        "can_change": request.user.has_perm("library.change_collection", collection),
    }
    return render(request, "library/collection_detail.html", context)


@require_POST
@login_required
def collection_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request.user, pk)
    form = CollectionPickForm(request.POST, collections=selectors.my_collections(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of your collections."))
        return redirect(resource)
    collection = form.cleaned_data["collection"]
    services.collection_resource_add(actor=request.user, collection=collection, resource=resource)
    messages.success(request, _("Added to %(title)s.") % {"title": collection.title})
    return redirect(resource)


@require_POST
@login_required
def collection_remove(request: AuthenticatedHttpRequest, pk: int, resource_pk: int) -> HttpResponse:
    collection = get_collection_for_user(request.user, pk, perm="library.change_collection")
    resource = get_resource_for_user(request.user, resource_pk)
    services.collection_resource_remove(
        actor=request.user, collection=collection, resource=resource
    )
    messages.info(request, _("Removed from the collection."))
    return redirect(collection)
