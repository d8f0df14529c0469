"""Monitoring pages: cases and coaching, ingest (imports, internal spaces), analytics."""

from django.urls import path

from . import views, views_analytics, views_ingest

app_name = "monitoring"

urlpatterns: list = [
    # cases and coaching
    path("my-cases/", views.my_cases, name="my_cases"),
    path("my-cases/<int:pk>/", views.my_case, name="my_case"),
    path("my-cases/<int:pk>/reply/", views.my_case_reply, name="my_case_reply"),
    path("my-cases/<int:pk>/acknowledge/", views.my_case_acknowledge, name="my_case_acknowledge"),
    path("cases/", views.case_queue, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/resolve/", views.case_resolve, name="case_resolve"),
    path("cases/<int:pk>/escalate/", views.case_escalate, name="case_escalate"),
    path("cases/<int:pk>/dismiss/", views.case_dismiss, name="case_dismiss"),
    path("cases/<int:pk>/reopen/", views.case_reopen, name="case_reopen"),
    path("cases/<int:pk>/take/", views.case_take, name="case_take"),
    path("cases/<int:pk>/replies-seen/", views.case_replies_seen, name="case_replies_seen"),
    path("findings/<int:pk>/dismiss/", views.finding_dismiss, name="finding_dismiss"),
    path("coaching-templates/", views.template_list, name="coaching_templates"),
    path("coaching-templates/<slug:code>/", views.template_edit, name="coaching_template"),
    path("coaching-templates/<slug:code>/delete/", views.template_delete,
         name="coaching_template_delete"),
    # ingest: archive imports and internal spaces
    path("imports/", views_ingest.import_list, name="imports"),
    path("imports/<int:pk>/", views_ingest.import_detail, name="import"),
    path("imports/<int:pk>/progress/", views_ingest.import_progress, name="import_progress"),
    path("spaces/", views_ingest.space_list, name="spaces"),
    path("spaces/<int:pk>/deactivate/", views_ingest.space_deactivate, name="space_deactivate"),
    # analytics: charts, problem areas (guidance, training), rule precision
    path("analytics/", views_analytics.analytics_page, name="analytics"),
    path("analytics/problem-areas/", views_analytics.problem_areas, name="problem_areas"),
    path("analytics/problem-areas/rules/<str:code>/guidance/", views_analytics.guidance_new,
         name="problem_area_guidance"),
    path("analytics/problem-areas/departments/<slug:code>/training/",
         views_analytics.training_new, name="problem_area_training"),
    path("analytics/precision/", views_analytics.precision, name="precision"),
]
