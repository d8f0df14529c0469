from django.urls import path

from . import views

app_name = "policies"
urlpatterns = [
    path("", views.current, name="current"),
    path("rules/<str:code>/", views.rule, name="rule"),
    path("slides/", views.slides, name="slides"),
    path("acknowledge/", views.acknowledge, name="acknowledge"),
    path("acknowledgements/", views.ack_report, name="acks"),
    path("versions/", views.version_list, name="list"),
    path("versions/new/", views.version_create, name="create"),
    path("versions/diff/", views.version_diff, name="diff"),
    path("versions/<int:number>/", views.version_detail, name="detail"),
    path("versions/<int:number>/edit/", views.version_edit, name="edit"),
    path("versions/<int:number>/preview/", views.version_preview, name="version_preview"),
    path("versions/<int:number>/slides/", views.version_slides, name="version_slides"),
    path("versions/<int:number>/submit/", views.version_submit, name="submit"),
    path("versions/<int:number>/withdraw/", views.version_withdraw, name="withdraw"),
    path("versions/<int:number>/signoff/", views.version_signoff, name="signoff"),
    path("versions/<int:number>/publish/", views.version_publish, name="publish"),
    path("versions/<int:number>/public/", views.version_public, name="set_public"),
    path("versions/<int:number>/download/<str:kind>/<str:lang>/", views.download, name="download"),
    path("public/<str:token>/", views.public, name="public"),
    path("public/<str:token>/slides/", views.public_slides, name="public_slides"),
    path("public/<str:token>/download/<str:kind>/<str:lang>/", views.public_download,
         name="public_download"),
]
