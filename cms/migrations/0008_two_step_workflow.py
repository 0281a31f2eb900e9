"""Two-step approval for every page: the editors' review ("Redactie"), then the final editors'
("Eindredactie", the Moderators group, who may publish). Assigned to the root page, so it
applies to the whole site instead of Wagtail's one-step default. Names are data, in Dutch, as
editors read them on the page editor's "submit" button."""

from django.db import migrations

WORKFLOW = "Redactie en eindredactie"
STEPS = [("Redactie", "Editors"), ("Eindredactie", "Moderators")]
DEFAULT_WORKFLOW = "Goedkeuring door moderatoren"  # Wagtail's, renamed in 0005


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    groups = {group.name: group for group in Group.objects.filter(name__in=[name for _, name in STEPS])}
    root = Page.objects.filter(depth=1).first()
    if len(groups) < len(STEPS) or root is None:
        return  # a site set up without Wagtail's default groups chooses its own workflow
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        for order, (task_name, group_name) in enumerate(STEPS):
            task = GroupApprovalTask.objects.create(name=task_name, content_type=task_type, active=True)
            task.groups.set([groups[group_name]])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def restore_default(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    default = Workflow.objects.filter(name=DEFAULT_WORKFLOW).first()
    for assignment in WorkflowPage.objects.filter(workflow__name=WORKFLOW):
        if default is None:
            assignment.delete()
        else:
            assignment.workflow = default
            assignment.save()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_document_file_text"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(create_workflow, restore_default)]
