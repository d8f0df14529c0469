from django.urls import path

from . import views, views_dashboard

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
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("dashboard/overdue.csv", views_dashboard.overdue_csv, name="overdue_csv"),
]
