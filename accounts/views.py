from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.pagination import paginate

from . import access
from .forms import UserForm
from .mail import send_welcome
from .models import User
from .roles import Role


@require_safe
def user_list(request):
    access.require_user_manager(request.user)
    users = User.objects.select_related("municipality").prefetch_related("groups")
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(municipality__name__icontains=query)
        )
    role = request.GET.get("roll", "")
    if role in Role.values:
        users = users.filter(groups__name=role)
    page = paginate(request, users.order_by("last_name", "first_name", "username"))
    counts = dict(
        User.objects.filter(is_active=True)
        .values_list("groups__name")
        .annotate(n=Count("pk"))
        .values_list("groups__name", "n")
    )
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "query": query, "role": role, "roles": Role, "counts": counts},
    )


@require_http_methods(["GET", "POST"])
def user_create(request):
    access.require_user_manager(request.user)
    form = UserForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        send_welcome(user)
        messages.success(
            request,
            _("%(user)s har lagts till och fått ett e-brev för att välja lösenord.")
            % {"user": user},
        )
        return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    managed = access.managed_user_for_user(request.user, pk)
    form = UserForm(request.POST if request.method == "POST" else None, instance=managed)
    if request.method == "POST" and form.is_valid():
        if managed == request.user and not form.cleaned_data["is_active"]:
            form.add_error("is_active", _("Du kan inte inaktivera ditt eget konto."))
        elif managed == request.user and Role.PROJECT_LEADER not in form.cleaned_data["roles"]:
            form.add_error("roles", _("Du kan inte ta bort din egen roll som projektledare."))
        else:
            form.save()
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("accounts:user_list")
    return render(
        request, "accounts/user_form.html", {"form": form, "creating": False, "managed": managed}
    )


@require_http_methods(["POST"])
def user_send_reset(request, pk):
    managed = access.managed_user_for_user(request.user, pk)
    if not managed.email or not managed.is_active:
        messages.error(request, _("Kontot saknar e-post eller är inaktiverat."))
    else:
        send_welcome(managed)
        messages.success(
            request,
            _("En länk för att välja lösenord har skickats till %(email)s.")
            % {"email": managed.email},
        )
    return redirect("accounts:user_edit", pk=managed.pk)
