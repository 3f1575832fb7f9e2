import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from plein.core.worker import worker_health

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and worker health for load balancers and monitoring: 200 when both are well."""
    checks: dict[str, object] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as error:
        logger.exception("health check: database unreachable")
        checks["database"] = {"ok": False, "error": error.__class__.__name__}
    try:
        checks["worker"] = worker_health()
    except Exception as error:
        checks["worker"] = {"ok": False, "error": error.__class__.__name__}
    healthy = all(bool(check["ok"]) for check in checks.values())  # type: ignore[index]
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", "checks": checks},
        status=200 if healthy else 503,
    )


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors that could fail again: the template gets only the request.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request": request}), status=500)
