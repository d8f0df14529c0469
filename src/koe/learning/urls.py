from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("courses/<slug:slug>/", views.course_detail, name="course"),
    path("courses/<slug:slug>/start/", views.course_start, name="start"),
    path("courses/<slug:slug>/done/", views.course_done, name="done"),
    path("quizzes/<int:pk>/", views.quiz, name="quiz"),
    path("manage/assign/", views.assign, name="assign"),
    path("manage/quizzes/new/", views.quiz_new, name="quiz_new"),
    path("report/", views.report, name="report"),
]
