"""The municipalities' pages, /kommuner/: each municipality with where it stands on the way to
an agreement (the pipeline) and the organisation number its agreement was signed with. They read
the agreements, so they live here, above municipalities; the population import stays there."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.roles import Role
from municipalities.access import municipality_for_user, visible_municipalities
from municipalities.selectors import cost_base_date, municipality_rows

from .selectors import pipeline_rows, signed_org_number


@require_safe
def municipality_list(request):
    # The pipeline status of each municipality; the project leader's notes only for the project
    # leader. Two queries whatever the number of municipalities.
    pipeline = pipeline_rows(
        visible_municipalities(request.user),
        include_dialogue=request.user.has_role(Role.PROJECT_LEADER),
    )
    for row in pipeline:
        row.municipality.pipeline = row.state
    rows, total = municipality_rows([row.municipality for row in pipeline])
    return render(
        request,
        "municipalities/municipality_list.html",
        {"rows": rows, "county_total": total, "reference_date": cost_base_date()},
    )


@require_safe
def municipality_detail(request, code):
    municipality = municipality_for_user(request.user, code)
    (row,), total = municipality_rows([municipality])
    figures = municipality.population_figures.order_by("-reference_date")
    return render(
        request,
        "municipalities/municipality_detail.html",
        {
            "municipality": municipality,
            "row": row,
            "county_total": total,
            "figures": figures,
            "reference_date": cost_base_date(),
            "signed": signed_org_number(municipality),
        },
    )
