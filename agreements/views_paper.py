"""Paper agreements: import them from a file (preview, then confirm) and attach their scans."""

import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import paper
from .access import agreement_for_user, require_prepare
from .forms_paper import PaperImportForm, ScanUploadForm

SESSION_KEY = "paper_agreement_import"
IMPORT_TEMPLATE = "agreements/paper/import.html"


def _import_page(request, context):
    context.setdefault("form", PaperImportForm())
    if "preview" not in context:
        context["paper_agreements"] = paper.paper_agreements()
    return render(request, IMPORT_TEMPLATE, context)


@require_http_methods(["GET", "POST"])
def paper_import(request):
    """Step 1: upload a file; if every row is good, show what will be written, and a button."""
    require_prepare(request.user)
    form = PaperImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        rows, errors = paper.check_file(content, upload.name)
        if errors:
            context["errors"] = errors
        else:
            request.session[SESSION_KEY] = {
                "filename": upload.name,
                "sha256": hashlib.sha256(content).hexdigest(),
                "rows": [r.to_json() for r in rows],
            }
            context["preview"] = rows
            context["pending"] = request.session[SESSION_KEY]
    return _import_page(request, context)


@require_POST
def paper_confirm(request):
    """Step 2: write what was previewed, exactly that, once."""
    require_prepare(request.user)
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["sha256"] != request.POST.get("sha256"):
        messages.error(request, _("Förhandsvisningen har gått ut. Ladda upp filen igen."))
        return redirect("agreements:paper_import")
    del request.session[SESSION_KEY]  # used once, whatever happens next
    rows = [paper.PaperRow.from_json(r) for r in pending["rows"]]
    try:
        agreements = paper.import_rows(rows, by=request.user)
    except paper.PaperImportError as exc:
        return _import_page(request, {"errors": exc.errors})
    messages.success(request, paper.summary(agreements))
    return redirect("agreements:paper_import")


@require_http_methods(["GET", "POST"])
def paper_scan(request, pk):
    """Attach the scanned original of a paper agreement (once)."""
    agreement = agreement_for_user(request.user, pk)
    require_prepare(request.user)
    if not agreement.signed_on_paper:
        raise Http404
    form = None
    if not agreement.scan:
        form = ScanUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
        if request.method == "POST" and form.is_valid():
            try:
                paper.attach_scan(agreement, upload=form.cleaned_data["scan"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Det inskannade avtalet med %(municipality)s är sparat.")
                    % {"municipality": agreement.municipality},
                )
                return redirect("agreements:paper_scan", pk=agreement.pk)
    elif request.method == "POST":
        messages.error(request, _("Avtalet har redan ett inskannat original. Det byts inte ut."))
    return render(request, "agreements/paper/scan.html", {"agreement": agreement, "form": form})


@require_safe
def paper_scan_download(request, pk):
    """The scanned original, to those who may see the agreement."""
    agreement = agreement_for_user(request.user, pk)
    if not agreement.scan:
        raise Http404
    try:
        handle = agreement.scan.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"pappersavtal-{slugify(agreement.municipality.name)}-{agreement.start_date}.pdf"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
