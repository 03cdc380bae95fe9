"""Forms of the offer pages: the offer itself and one of its services."""

from django import forms
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from core.collation import swedish_key
from municipalities.models import Municipality

from .models import FirstYearRule, Offer, Service

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# What each first-year rule means, shown with the choice (§ 6 of today's agreement is the first).
FIRST_YEAR_HELP = {
    FirstYearRule.TWELFTHS: _(
        "Startåret faktureras med de återstående tolftedelarna av årsbeloppet, räknat från "
        "startmånaden. Börjar avtalet under senare hälften av en månad räknas från nästa månad "
        "(start 10 juni: 7/12, start 16 juni: 6/12)."
    ),
    FirstYearRule.FULL_YEAR: _(
        "Startåret faktureras med hela årsbeloppet, vilken dag avtalet än börjar."
    ),
    FirstYearRule.DAYS: _(
        "Startåret faktureras efter dagar: årsbeloppet gånger dagarna från startdagen till och "
        "med 31 december, delat med årets dagar."
    ),
}


# Addresses below /erbjudanden/ that are pages, not offers.
RESERVED_SLUGS = {"nytt"}


class OfferForm(forms.ModelForm):
    """The offer: name, the host's party block, the cost base and the rules of § 6."""

    cost_base = forms.ModelMultipleChoiceField(
        label=_("Kommuner i befolkningsnyckeln"),
        queryset=Municipality.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Kommunerna vars folkmängd kostnaden fördelas efter. En kommun utanför nyckeln "
            "(t.ex. Gotland) betalar ett särskilt årsbelopp."
        ),
    )

    class Meta:
        model = Offer
        fields = [
            "name",
            "slug",
            "host_party",
            "indexation_percent",
            "population_date",
            "cost_base",
            "payment_term_days",
            "first_year_rule",
            "has_steering_group",
            "has_followup",
            "has_training",
        ]
        labels = {
            "name": _("Namn"),
            "slug": _("Kortnamn"),
            "host_party": _("Värdens partsuppgifter"),
            "indexation_percent": _("Årlig uppräkning av kostnadsramen (%)"),
            "population_date": _("Befolkningsnyckelns datum"),
            "payment_term_days": _("Betalningsvillkor (dagar)"),
            "first_year_rule": _("Första årets faktura"),
            "has_steering_group": _("Erbjudandet har en styrgrupp"),
            "has_followup": _("Erbjudandet har uppföljning"),
            "has_training": _("Erbjudandet har utbildning"),
        }
        help_texts = {
            "name": _(
                "Som det står i avtalet och i breven, t.ex. ”Mikamottagningen, KAST och "
                "regionkoordinatorer”."
            ),
            "slug": _(
                "Används i adresser och i kommandon (--offer). Lämna tomt så bildas det av namnet."
            ),
            "indexation_percent": _("Nästa års förslag till kostnadsram: årets ram plus detta."),
            "population_date": _("Den dag vars folkmängd kostnaden fördelas efter."),
            "first_year_rule": _("Hur fakturan för det år avtalet börjar räknas."),
        }
        widgets = {
            "host_party": forms.Textarea(attrs={"rows": 3}),
            "population_date": DATE_INPUT,
            "first_year_rule": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # The municipalities in Swedish alphabetical order (the database's order puts Ä before Å).
        municipalities = sorted(
            self.fields["cost_base"].queryset, key=lambda m: swedish_key(m.name)
        )
        self.fields["cost_base"].widget.choices = [(m.pk, m.name) for m in municipalities]
        # Each rule with what it means, read out with the choice itself.
        self.fields["first_year_rule"].choices = [
            (value, format_lazy("{} – {}", label, FIRST_YEAR_HELP[value]))
            for value, label in FirstYearRule.choices
        ]
        if self.instance.pk:
            # The short name is in addresses and commands already given out: it stays.
            del self.fields["slug"]

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("Kortnamnet ”%(slug)s” är upptaget av en sida. Ange ett annat.") % {"slug": slug}
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug") and cleaned.get("name"):
            slug = slugify(cleaned["name"])[:50].strip("-")
            if slug in RESERVED_SLUGS:
                slug = f"{slug}-1"
            if not slug:
                self.add_error("slug", _("Ange ett kortnamn med bokstäver eller siffror."))
            elif Offer.objects.filter(slug=slug).exists():
                self.add_error(
                    "slug",
                    _("Kortnamnet ”%(slug)s” används redan. Ange ett annat.") % {"slug": slug},
                )
            else:
                cleaned["slug"] = slug
                self.instance.slug = slug
        return cleaned


class ServiceForm(forms.ModelForm):
    """One of the offer's services (§ 3): name, positions, description and place in the list."""

    class Meta:
        model = Service
        fields = ["name", "code", "positions", "description", "order"]
        labels = {
            "name": _("Namn"),
            "code": _("Kod"),
            "positions": _("Antal anställningar"),
            "description": _("Beskrivning"),
            "order": _("Ordning"),
        }
        help_texts = {
            "code": _(
                "Används i importfiler för uppföljningen. Lämna tomt så bildas den av namnet."
            ),
            "description": _("Som i avtalets § 3."),
            "order": _("Verksamheterna visas i stigande ordning."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, offer: Offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.instance.offer = offer
        self.fields["code"].required = False
        if self.instance.pk:
            # Follow-up files already name the service by its code: it stays.
            del self.fields["code"]
        elif not self.is_bound:
            last = offer.services.order_by("-order").values_list("order", flat=True).first()
            self.fields["order"].initial = (last or 0) + 1

    def clean(self):
        cleaned = super().clean()
        if "code" not in self.fields:
            return cleaned
        code = cleaned.get("code") or slugify(cleaned.get("name") or "")[:50].strip("-")
        if not code:
            if cleaned.get("name"):
                self.add_error("code", _("Ange en kod med bokstäver eller siffror."))
            return cleaned
        if self.offer.services.filter(code=code).exists():
            self.add_error(
                "code",
                _("Erbjudandet har redan en verksamhet med koden ”%(code)s”.") % {"code": code},
            )
        else:
            cleaned["code"] = code
            self.instance.code = code
        return cleaned
