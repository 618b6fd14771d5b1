from django.http import HttpResponse


def ping(request):
    """The ceiling ``make bench`` compares pages with: the same server and middleware, no
    database, no session, no template. Routed only when settings.BENCH_CEILING_VIEW is on."""
    return HttpResponse("ok", content_type="text/plain")
