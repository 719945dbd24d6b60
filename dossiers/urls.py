from django.urls import path

from .views import files, lookup, officer

app_name = "dossiers"
urlpatterns = [
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("can-bo/ho-so/", officer.queue, name="queue"),
    path("can-bo/ho-so/tiep-nhan/", officer.desk_create, name="desk_create"),
    path("can-bo/ho-so/<int:pk>/", officer.detail, name="officer_detail"),
    path("can-bo/ho-so/<int:pk>/<slug:action>/", officer.act, name="officer_action"),
    path("ho-so/tep/<int:pk>/", files.attachment, name="attachment"),
    path("ho-so/<int:pk>/ket-qua/", files.result_file, name="result_file"),
    path("ho-so/<int:pk>/phieu/<slug:kind>/", files.slip, name="slip"),
]
