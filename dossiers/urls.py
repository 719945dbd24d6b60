from django.urls import path

from .views import assisted, citizen, declaration, files, lookup, officer

app_name = "dossiers"
urlpatterns = [
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("thu-tuc/<int:procedure_pk>/nop/", citizen.start, name="submit"),
    path("ho-so/", citizen.my_dossiers, name="my_dossiers"),
    path("ho-so/<int:pk>/", citizen.dossier_page, name="my_dossier"),
    path("ho-so/<int:pk>/thong-tin/", citizen.edit_details, name="edit_details"),
    path("ho-so/<int:pk>/giay-to/", citizen.documents, name="documents"),
    path("ho-so/<int:pk>/giay-to/<int:attachment_pk>/bo/", citizen.remove_file, name="remove_file"),
    path("ho-so/<int:pk>/to-khai/<int:document_pk>/", declaration.fill, name="fill_declaration"),
    path("ho-so/<int:pk>/xem-lai/", citizen.review, name="review"),
    path("ho-so/<int:pk>/da-nop/", citizen.submitted, name="submitted"),
    path("ho-so/<int:pk>/bo-sung/", citizen.supplement, name="supplement"),
    path("ho-so/<int:pk>/rut/", citizen.withdraw, name="withdraw"),
    path("nop-ho/", assisted.helper_home, name="helper_home"),
    path("nop-ho/xin-dong-y/", assisted.ask_consent, name="helper_ask_consent"),
    path("nop-ho/dang-ky/", assisted.register_citizen, name="helper_register"),
    path("nop-ho/dong-y/<int:pk>/", assisted.helper_consent, name="helper_consent"),
    path("can-bo/ho-so/", officer.queue, name="queue"),
    path("can-bo/ho-so/tiep-nhan/", officer.desk_create, name="desk_create"),
    path("can-bo/ho-so/<int:pk>/", officer.detail, name="officer_detail"),
    path("can-bo/ho-so/<int:pk>/<slug:action>/", officer.act, name="officer_action"),
    path("ho-so/tep/<int:pk>/", files.attachment, name="attachment"),
    path("ho-so/<int:pk>/ket-qua/", files.result_file, name="result_file"),
    path("ho-so/<int:pk>/phieu/<slug:kind>/", files.slip, name="slip"),
]
