from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.question_list, name="questions"),
    path("ask/", views.question_ask, name="ask"),
    path("questions/<int:pk>/", views.question_detail, name="question"),
    path("questions/<int:pk>/answer/", views.answer_post, name="answer"),
    path("questions/<int:pk>/vote/", views.question_vote, name="question_vote"),
    path("questions/<int:pk>/follow/", views.question_follow, name="follow"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("answers/<int:pk>/accept/", views.answer_accept, name="accept"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer_delete"),
    path("answers/<int:pk>/vote/", views.answer_vote, name="answer_vote"),
    path("library/", views.document_list, name="documents"),
    path("library/new/", views.document_create, name="document_create"),
    path("library/<int:pk>/", views.document_detail, name="document"),
    path("library/<int:pk>/edit/", views.document_revise, name="document_revise"),
    path("library/<int:pk>/file/", views.document_file, name="document_file"),
]
