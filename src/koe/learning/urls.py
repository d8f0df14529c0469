from django.urls import path

from . import views, views_dashboard, views_workshops

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
    path("workshops/", views_workshops.workshop_list, name="workshops"),
    path("workshops/new/", views_workshops.workshop_new, name="workshop_new"),
    path("workshops/<int:pk>/", views_workshops.workshop_detail, name="workshop"),
    path("workshops/<int:pk>/register/", views_workshops.workshop_register,
         name="workshop_register"),
    path("workshops/<int:pk>/unregister/", views_workshops.workshop_unregister,
         name="workshop_unregister"),
    path("workshops/<int:pk>/invite.ics", views_workshops.workshop_ics, name="workshop_ics"),
    path("workshops/<int:pk>/feedback/", views_workshops.workshop_feedback,
         name="workshop_feedback"),
    path("workshops/<int:pk>/attendance/", views_workshops.workshop_attendance,
         name="workshop_attendance"),
    path("workshops/<int:pk>/cancel/", views_workshops.workshop_cancel, name="workshop_cancel"),
    path("workshops/series/<int:pk>/edit/", views_workshops.series_edit, name="series_edit"),
]
