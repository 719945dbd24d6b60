from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("tai-khoan/", include("accounts.urls")),
    path("thu-tuc/", include("procedures.urls")),
    path("", include("dossiers.urls")),
    path("", include("satisfaction.urls")),
    path("", include("payments.urls")),
    path("", include("signing.urls")),
    path("", include("notifications.urls")),
    path("bao-cao/", include("reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz/", include("motcua.health")),
]

admin.site.site_header = "MotCua — Quản trị"
admin.site.site_title = "MotCua"

handler400 = "motcua.errors.bad_request"
handler403 = "motcua.errors.permission_denied"
handler404 = "motcua.errors.page_not_found"
handler500 = "motcua.errors.server_error"
