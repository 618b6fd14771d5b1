"""Form fields other apps' forms use to name units: a field, not a form, so that they
import no form module of ``accounts``."""

from django import forms

from .models import Organisation


class OrganisationChoiceField(forms.ModelChoiceField):
    """Units in tree order (give it a queryset ordered by ``path``), indented under their
    parents; with ``with_code``, followed by the code a CSV file names them by.
    ``top_depth`` is the depth of the highest units offered, which are not indented."""

    def __init__(self, *args, with_code: bool = False, top_depth: int = 1, **kwargs):
        self.with_code = with_code
        self.top_depth = top_depth
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Organisation) -> str:
        label = "\u2014 " * max(0, obj.depth - self.top_depth) + obj.name
        return f"{label} ({obj.code})" if self.with_code else label
