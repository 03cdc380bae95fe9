"""The personal-data page: the project leader sees everything stored about a member of staff or a
contact, and erases what may be erased (privacy.inventory says what, and why the rest is kept)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.roles import Role

from . import inventory
from .forms import EraseForm, PersonForm


def can_manage_personal_data(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


def _require(user) -> None:
    if not can_manage_personal_data(user):
        raise PermissionDenied


@require_safe
def person(request):
    _require(request.user)
    form = PersonForm(request.GET or None)
    findings = None
    if form.is_valid():
        findings = inventory.find(**form.cleaned_data)
    return render(
        request,
        "privacy/person.html",
        {
            "form": form,
            "findings": findings,
            "erasable": [f for f in findings or [] if f.erasable],
            "legal_basis": inventory.LEGAL_BASIS,
            "query": urlencode(form.cleaned_data) if form.is_valid() else "",
        },
    )


@require_http_methods(["GET", "POST"])
def erase(request):
    _require(request.user)
    data = request.POST if request.method == "POST" else request.GET
    person_form = PersonForm(data)
    if not person_form.is_valid():
        return redirect("privacy:person")
    findings = inventory.find(**person_form.cleaned_data)
    erasable = [f for f in findings if f.erasable]
    form = EraseForm(request.POST if request.method == "POST" else None, initial=data)
    if request.method == "POST" and form.is_valid():
        count = inventory.erase(findings)
        messages.success(request, _("%(count)s uppgifter raderade.") % {"count": count})
        return redirect(reverse("privacy:person") + "?" + urlencode(person_form.cleaned_data))
    return render(
        request,
        "privacy/erase_confirm.html",
        {
            "form": form,
            "person": person_form.cleaned_data,
            "query": urlencode(person_form.cleaned_data),
            "erasable": erasable,
            "kept": [f for f in findings if not f.erasable],
        },
    )
