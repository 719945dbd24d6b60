import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header from settings on every HTML response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


# C0 controls but tab, line feed and carriage return (what a textarea sends), DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _has_control(fields: QueryDict) -> bool:
    return any(
        _CONTROL.search(name) or any(_CONTROL.search(value) for value in values)
        for name, values in fields.lists()
    )


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "input_refused.html", {"message": message}, status=400)


class InputCheckMiddleware:
    """Odd input, refused in one place before any view or query sees it.

    A control character (NUL and the like; tab and line breaks are text) in the name or value of
    any GET or POST field is a 400 with a message the person can act on; in a path parameter it
    is a 404; in a cookie the cookie is ignored. A body Django cannot parse (a part header
    longer than motcua.apps.MAX_PART_HEADER_BYTES, too many files) is a 400 with its reason.
    A middleware rather than a form base class: views read some parameters without a form
    (`?page=`, `?cho=`), Django's own views (admin, set_language) have forms of their own, and
    PostgreSQL refuses a NUL in any query, so nothing must get past this point.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, value in list(request.COOKIES.items()):
            if _CONTROL.search(name) or _CONTROL.search(value):
                del request.COOKIES[name]
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[object, ...],
        kwargs: dict[str, object],
    ) -> HttpResponse | None:
        if any(_CONTROL.search(str(value)) for value in (*args, *kwargs.values())):
            raise Http404
        try:
            posted = request.POST
        except MultiPartParserError:
            return _refuse(
                request,
                _(
                    "Tệp gửi lên không đọc được (tên tệp quá dài hoặc dữ liệu bị hỏng). "
                    "Vui lòng đặt tên tệp ngắn hơn rồi gửi lại."
                ),
            )
        except TooManyFilesSent:
            return _refuse(
                request,
                _("Mỗi lần chỉ gửi được tối đa %(limit)s tệp. Vui lòng gửi làm nhiều lần.")
                % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES},
            )
        if _has_control(request.GET) or _has_control(posted):
            return _refuse(
                request,
                _(
                    "Nội dung gửi lên có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL). "
                    "Vui lòng kiểm tra lại các ô đã nhập rồi gửi lại."
                ),
            )
        return None
