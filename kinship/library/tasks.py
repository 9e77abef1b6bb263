"""Reading big files for search in the task worker, so an upload never waits for it."""

from django_tasks import task

from kinship.library import services


@task()
def extract_version_text(version_id: int) -> str:
    resource = services.version_text_extract(version_id=version_id)
    return resource.extraction if resource is not None else "gone"
