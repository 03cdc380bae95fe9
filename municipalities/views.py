import datetime
import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import population_import
from .access import can_manage_population
from .forms import PopulationUploadForm

SESSION_KEY = "population_import"


@require_http_methods(["GET", "POST"])
def population_upload(request):
    """Step 1: upload a file; if every row is good, show the preview with a confirm button."""
    if not can_manage_population(request.user):
        raise PermissionDenied
    form = PopulationUploadForm(
        *((request.POST, request.FILES) if request.method == "POST" else ())
    )
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        rows, errors = population_import.check_file(content, upload.name)
        date = form.cleaned_data["reference_date"]
        if errors:
            context["errors"] = errors
        else:
            request.session[SESSION_KEY] = {
                "date": date.isoformat(),
                "source": form.cleaned_data["source"] or f"SCB, {upload.name}",
                "filename": upload.name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "rows": [[r.row, r.code, r.name, r.population] for r in rows],
            }
            context["preview"] = population_import.preview(rows, date)
            context["pending"] = request.session[SESSION_KEY]
            context["reference_date"] = date
    return render(request, "municipalities/population_upload.html", context)


@require_POST
def population_confirm(request):
    """Step 2: write what was previewed, exactly that, once."""
    if not can_manage_population(request.user):
        raise PermissionDenied
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["sha256"] != request.POST.get("sha256"):
        messages.error(request, _("Förhandsvisningen har gått ut. Ladda upp filen igen."))
        return redirect("municipalities:population_upload")
    rows = [population_import.ParsedRow(*r) for r in pending["rows"]]
    date = datetime.date.fromisoformat(pending["date"])
    created, updated = population_import.apply(rows, date, pending["source"])
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Folkmängd per %(date)s sparad: %(created)s nya, %(updated)s uppdaterade.")
        % {"date": date.isoformat(), "created": created, "updated": updated},
    )
    return redirect("municipalities:list")
