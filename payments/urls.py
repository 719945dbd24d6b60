from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("ho-so/<int:pk>/thanh-toan/the/", views.pay_by_card, name="pay_by_card"),
    path("thanh-toan/cong/tra-ve/", views.gateway_return, name="gateway_return"),
    path("thanh-toan/cong/ipn/", views.gateway_ipn, name="gateway_ipn"),
    path("thanh-toan/ngan-hang/thong-bao/", views.bank_webhook, name="bank_webhook"),
    path("thanh-toan/bien-lai/<int:pk>/", views.receipt, name="receipt"),
    path("can-bo/thanh-toan/", views.desk, name="desk"),
    path("can-bo/thanh-toan/giao-dich/<int:pk>/xu-ly/", views.resolve, name="resolve"),
    path("can-bo/thanh-toan/<int:pk>/hoan-tra/", views.refund, name="refund"),
    path("can-bo/ho-so/<int:pk>/phi/tien-mat/", views.record_cash, name="record_cash"),
    path("can-bo/ho-so/<int:pk>/phi/mien/", views.exempt, name="exempt"),
]
