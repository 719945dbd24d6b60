from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ke-hoach/", views.plan, name="plan"),
    path("<int:agency_pk>/<str:month>/bieu-06.pdf", views.export_pdf, name="pdf"),
    path("<int:agency_pk>/<str:month>/bieu-06.csv", views.export_csv, name="csv"),
    path("<int:agency_pk>/<str:month>/bieu-06.xlsx", views.export_xlsx, name="xlsx"),
    path("<int:agency_pk>/<str:month>/chot/", views.freeze_month, name="freeze"),
    path("xuat/<int:pk>/", views.export_status, name="export"),
    path("xuat/<int:pk>/bieu-06.pdf", views.export_file, name="export_file"),
    path(
        "<int:agency_pk>/<str:month>/phien-ban/<int:version>.pdf",
        views.version_pdf,
        name="version_pdf",
    ),
]
