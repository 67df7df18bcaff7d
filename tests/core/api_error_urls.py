"""The site's URLs plus a plain Django view under /api/ (not DRF's, so not exempt from Django's
own CSRF check), for test_api_errors_json: the site's error handlers stay in force."""

from django.http import HttpResponse
from django.urls import path

from config import urls


def plain_form(request):
    return HttpResponse(f"<p>Sent {len(request.POST)} fields.</p>")


urlpatterns = [path("api/test-only/form/", plain_form), *urls.urlpatterns]
handler400 = urls.handler400
handler403 = urls.handler403
handler404 = urls.handler404
handler500 = urls.handler500
