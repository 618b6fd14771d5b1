"""Admin screens of the organisation tree (``organisations``) and cohorts (``cohorts``),
routed by the viewsets in ``accounts.wagtail_hooks``.

Every screen starts from the person's ``OrganisationScope``: listings are filtered by it,
and an object outside it is a 404, whatever id is typed into the address bar. Changing the
tree itself (units, managers) is for administrators only. The views only read and call
``accounts.services``, which check the same rules again, write and log.
"""
