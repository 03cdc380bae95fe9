"""URLs of the steering group, mounted under /styrgrupp/ (config/urls.py)."""

from django.urls import path

from . import views, views_meetings, views_minutes

app_name = "steering_group"
urlpatterns = [
    path("", views.index, name="index"),
    path("nytt-ar/", views.term_create, name="term_create"),
    path("<int:year>/", views.term_detail, name="term"),
    # Members and applications
    path("<int:year>/ledamoter/", views.members, name="members"),
    path("<int:year>/ledamoter/ordforande/", views.add_chair, name="add_chair"),
    path("<int:year>/ledamoter/adjungerad/", views.add_adjunct, name="add_adjunct"),
    path("ledamoter/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
    path("<int:year>/intresseanmalan/", views.apply, name="apply"),
    path("intresseanmalan/<int:pk>/", views.application_detail, name="application"),
    path("intresseanmalan/<int:pk>/vantelista/", views.application_wait, name="application_wait"),
    # Meetings, papers, attendance
    path("<int:year>/moten/nytt/", views_meetings.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", views_meetings.meeting_detail, name="meeting"),
    path("moten/<int:pk>/andra/", views_meetings.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/stryk/", views_meetings.meeting_delete, name="meeting_delete"),
    path("moten/<int:pk>/kallelse/", views_meetings.invite, name="invite"),
    path("moten/<int:pk>/kallelse.ics", views_meetings.meeting_ics, name="meeting_ics"),
    path("moten/<int:pk>/handlingar/ny/", views_meetings.paper_upload, name="paper_upload"),
    path("handlingar/<int:pk>/", views_meetings.paper_download, name="paper"),
    path("handlingar/<int:pk>/ta-bort/", views_meetings.paper_delete, name="paper_delete"),
    path("moten/<int:pk>/narvaro/", views_meetings.attendance, name="attendance"),
    # Minutes
    path("moten/<int:pk>/protokoll/", views_minutes.minutes_detail, name="minutes"),
    path("moten/<int:pk>/protokoll/skapa/", views_minutes.minutes_create, name="minutes_create"),
    path("moten/<int:pk>/protokoll/redigera/", views_minutes.minutes_edit, name="minutes_edit"),
    path(
        "moten/<int:pk>/protokoll/justera/", views_minutes.minutes_approve, name="minutes_approve"
    ),
    path("moten/<int:pk>/protokoll.pdf", views_minutes.minutes_pdf, name="minutes_pdf"),
    # The same year pages for one offer of several (steering_group/scope.py); last, so that the
    # fixed words above ("moten", "ledamoter" …) are never read as an offer's slug.
    path("<slug:offer>/", views.offer_index, name="offer_index"),
    path("<slug:offer>/<int:year>/", views.term_detail, name="offer_term"),
    path("<slug:offer>/<int:year>/ledamoter/", views.members, name="offer_members"),
    path(
        "<slug:offer>/<int:year>/ledamoter/ordforande/",
        views.add_chair,
        name="offer_add_chair",
    ),
    path(
        "<slug:offer>/<int:year>/ledamoter/adjungerad/",
        views.add_adjunct,
        name="offer_add_adjunct",
    ),
    path("<slug:offer>/<int:year>/intresseanmalan/", views.apply, name="offer_apply"),
    path(
        "<slug:offer>/<int:year>/moten/nytt/",
        views_meetings.meeting_create,
        name="offer_meeting_create",
    ),
]
