"""Who may see and do what in the steering group. Every steering-group view asks here.

- The project leader manages everything: terms, members, meetings, papers, minutes.
- City staff (finance, signatory) and the members of a term read that term: its meetings, papers
  and minutes. Membership is read from the Membership rows of the term, not from the role.
- A municipal contact applies for their own municipality while it has an agreement in force, and
  then reads the published (locked) minutes and their PDFs. An application of another
  municipality answers 404, so nothing is revealed about what exists.
- The chair approves the minutes, and so does the member chosen as adjuster for the meeting.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.roles import Role
from agreements.models import Agreement
from offers.models import Offer

from . import selectors
from .models import Application, Meeting, Membership, Minutes, Seat, Term


def can_manage(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


def require_manage(user) -> None:
    if not can_manage(user):
        raise PermissionDenied


def member_term_ids(user) -> set[int]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(Membership.objects.filter(user=user).values_list("term_id", flat=True))


def can_read_term(user, term: Term) -> bool:
    return user.is_city_staff or term.pk in member_term_ids(user)


def visible_terms(user):
    qs = Term.objects.all()
    if user.is_city_staff:
        return qs
    return qs.filter(pk__in=member_term_ids(user))


def term_for_user(user, year: int, offer) -> Term:
    """The term of ``offer`` and ``year`` if ``user`` may read it; 404 if there is none, 403 if
    not theirs."""
    try:
        term = Term.objects.select_related("offer").get(offer=offer, year=year)
    except Term.DoesNotExist:
        raise Http404 from None
    if not can_read_term(user, term):
        raise PermissionDenied
    return term


def managed_term(user, year: int, offer) -> Term:
    require_manage(user)
    try:
        return Term.objects.select_related("offer").get(offer=offer, year=year)
    except Term.DoesNotExist:
        raise Http404 from None


def meeting_for_user(user, pk: int) -> Meeting:
    """The meeting with everything its page shows, if ``user`` may read its term."""
    try:
        meeting = selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not can_read_term(user, meeting.term):
        raise PermissionDenied
    return meeting


def managed_meeting(user, pk: int) -> Meeting:
    require_manage(user)
    try:
        return selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def can_read_published(user, offer=None) -> bool:
    """Published minutes go to the members and to the contacts of every municipality with an
    agreement in force (of ``offer``, an Offer or its pk, when given); city staff read them
    too."""
    if user.is_city_staff:
        return True
    if offer is None:
        if member_term_ids(user):
            return True
        return user.is_municipal_contact and selectors.has_agreement_in_force(user.municipality_id)
    offers = published_offer_ids(user)
    return offers is None or getattr(offer, "pk", offer) in offers


def published_offer_ids(user) -> set[int] | None:
    """The offers whose published minutes ``user`` reads: None for every offer (city staff),
    else the offers of the groups they sit in and, for a municipal contact, the offers whose
    agreement their municipality has in force."""
    if user.is_city_staff:
        return None
    if not user.is_authenticated or not user.is_active:
        return set()
    offers = set(
        Term.objects.filter(pk__in=member_term_ids(user)).values_list("offer_id", flat=True)
    )
    if user.is_municipal_contact and user.municipality_id:
        offers |= set(_in_force_offer_ids(user.municipality_id))
    return offers


def _in_force_offer_ids(municipality_id: int) -> set[int]:
    """The offers whose agreement the municipality has in force today."""
    offers = (
        Agreement.objects.filter(municipality_id=municipality_id)
        .values_list("offer_id", flat=True)
        .distinct()
    )
    return {pk for pk in offers if selectors.has_agreement_in_force(municipality_id, offer=pk)}


def minutes_for_user(user, meeting_pk: int) -> Minutes:
    """The minutes of a meeting: the readers of the term always; once locked (published), also
    the contacts of municipalities with an agreement in force. 404 if there are none."""
    try:
        minutes = Minutes.objects.select_related(
            "meeting", "meeting__term", "adjuster", "adjuster__user"
        ).get(meeting_id=meeting_pk)
    except Minutes.DoesNotExist:
        raise Http404 from None
    if can_read_term(user, minutes.meeting.term):
        return minutes
    if minutes.is_locked and can_read_published(user, minutes.meeting.term.offer_id):
        return minutes
    raise PermissionDenied


def visible_applications(user):
    qs = Application.objects.select_related("term", "municipality", "submitted_by")
    if user.is_city_staff:
        return qs
    if user.is_municipal_contact and user.municipality_id:
        return qs.filter(municipality_id=user.municipality_id)
    return qs.none()


def application_for_user(user, pk: int) -> Application:
    """The application if ``user`` may see it, else 404 (another municipality's is not shown)."""
    try:
        return visible_applications(user).get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def can_apply(user, offer=None) -> bool:
    """A municipal contact whose municipality has an agreement in force (of ``offer``, an Offer
    or its pk, when given)."""
    return user.is_municipal_contact and selectors.has_agreement_in_force(
        user.municipality_id, offer=offer
    )


def require_apply(user, offer=None) -> None:
    if not can_apply(user, offer):
        raise PermissionDenied


def apply_offer_ids(user) -> set[int]:
    """The offers with a steering group that ``user`` may apply to for their municipality."""
    if not user.is_municipal_contact or not user.municipality_id:
        return set()
    in_force = _in_force_offer_ids(user.municipality_id)
    return set(
        Offer.objects.filter(pk__in=in_force, has_steering_group=True).values_list("pk", flat=True)
    )


def approver_seat(user, minutes: Minutes) -> str | None:
    """``"chair"`` or ``"adjuster"`` if ``user`` approves these minutes in that capacity."""
    if not user.is_authenticated:
        return None
    chair = (
        Membership.objects.filter(term_id=minutes.meeting.term_id, seat=Seat.CHAIR)
        .values_list("user_id", flat=True)
        .first()
    )
    if chair is not None and chair == user.pk:
        return "chair"
    if minutes.adjuster_id and minutes.adjuster.user_id == user.pk:
        return "adjuster"
    return None
