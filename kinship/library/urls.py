from django.urls import path

from kinship.library import views

app_name = "library"

urlpatterns = [
    path("library/", views.search, name="search"),
    path("library/share/", views.resource_create, name="resource_create"),
    path("library/<int:pk>/", views.resource_detail, name="resource_detail"),
    path("library/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("library/<int:pk>/withdraw/", views.resource_delete, name="resource_delete"),
    path("library/<int:pk>/versions/new/", views.version_add, name="version_add"),
    path("library/<int:pk>/versions/<int:number>/download/", views.download, name="download"),
    path("library/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("library/<int:pk>/used/", views.use_set, name="use_set"),
    path("library/<int:pk>/collect/", views.collection_add, name="collection_add"),
    path("library/collections/", views.collection_list, name="collection_list"),
    path("library/collections/new/", views.collection_create, name="collection_create"),
    path("library/collections/<int:pk>/", views.collection_detail, name="collection_detail"),
    path(
        "library/collections/<int:pk>/remove/<int:resource_pk>/",
        views.collection_remove,
        name="collection_remove",
    ),
]
