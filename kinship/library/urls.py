from django.urls import path

from kinship.library import views

app_name = "library"

urlpatterns = [
    path("", views.search, name="search"),
    path("share/", views.resource_create, name="resource_create"),
    path("<int:pk>/", views.resource_detail, name="resource_detail"),
    path("<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("<int:pk>/withdraw/", views.resource_delete, name="resource_delete"),
    path("<int:pk>/versions/new/", views.version_add, name="version_add"),
    path("<int:pk>/versions/<int:number>/download/", views.download, name="download"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/used/", views.use_set, name="use_set"),
    path("<int:pk>/collect/", views.collection_add, name="collection_add"),
    path("collections/", views.collection_list, name="collection_list"),
    path("collections/new/", views.collection_create, name="collection_create"),
    path("collections/<int:pk>/", views.collection_detail, name="collection_detail"),
    path(
        "collections/<int:pk>/remove/<int:resource_pk>/",
        views.collection_remove,
        name="collection_remove",
    ),
]
