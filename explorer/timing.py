"""``Server-Timing: total;dur=<ms>`` on an explorer page: the time the view took, its template
rendered, so that a browser's developer tools (and the tests) show what the server spent."""

import time

HEADER = "Server-Timing"


class ServerTimingMixin:
    """For a class-based view: times ``dispatch`` and the rendering of its response."""

    def dispatch(self, request, *args, **kwargs):
        started = time.perf_counter()
        response = super().dispatch(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            response.render()  # a TemplateResponse renders after the view: time it too
        response[HEADER] = f"total;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response
