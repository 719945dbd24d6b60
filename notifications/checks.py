from django.conf import settings
from django.core.checks import Warning, register
from django.utils.module_loading import import_string

from .sms import GatewayBackend


@register()
def sms_backend(app_configs: object = None, **kwargs: object) -> list[Warning]:
    """An SMS backend that cannot load, or a gateway without a URL, is worth a warning."""
    try:
        backend = import_string(settings.SMS_BACKEND)
    except ImportError as error:
        return [Warning(f"SMS_BACKEND cannot be imported: {error}", id="notifications.W001")]
    if issubclass(backend, GatewayBackend) and not settings.SMS_GATEWAY_URL:
        return [
            Warning(
                "SMS_BACKEND is the HTTP gateway but SMS_GATEWAY_URL is empty.",
                id="notifications.W002",
            )
        ]
    return []
