from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_list, name="list"),
    path("new/", views.account_new, name="new"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/posture/", views.account_posture, name="posture"),
    path("<int:pk>/grants/", views.grant_new, name="grant_new"),
    path("<int:pk>/apps/", views.app_new, name="app_new"),
    path("grants/<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("apps/<int:pk>/reviewed/", views.app_action, {"action": "reviewed"}, name="app_reviewed"),
    path("apps/<int:pk>/revoke/", views.app_action, {"action": "revoke"}, name="app_revoke"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/", views.enrolment, name="enrolment"),
    path("mine/<int:pk>/withdraw/", views.enrolment_withdraw, name="withdraw"),
    path("offboard/<int:pk>/", views.offboard, name="offboard"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/close/", views.review_close, name="review_close"),
    path("reviews/items/<int:pk>/decide/", views.review_decide, name="review_decide"),
    path("survey/", views.survey, name="survey"),
    path("survey/new/", views.survey_new, name="survey_new"),
    path("survey/<int:pk>/results/", views.survey_results, name="survey_results"),
    path("survey/<int:pk>/open/", views.survey_open, name="survey_open"),
    path("goals/", views.goals, name="goals"),
    path("goals/<int:pk>/measure/", views.goal_measure, name="goal_measure"),
]
