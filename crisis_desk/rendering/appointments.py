"""What patients must do, in words: the appointment sentences every document states.

The rule is decided per service (``crisis_desk.domain.model.appointment_groups``);
this module writes it in one language, in full (notice, poster, phone script,
press statement) or compact (SMS, social post, status page, CAP). No wording here
ever tells every patient to stay away while a service keeps its appointments:
the "do not come" sentence for everyone is used only when no service keeps them.
The sentences are plain text; templates escape them like any other data.
"""

from __future__ import annotations

from typing import NamedTuple

from crisis_desk.i18n import N_, format_list, gettext

ALL_CANCELLED = N_("Do not come to your appointment unless we have contacted you. We will "
                   "contact you to set a new date.")
NONE_CANCELLED = N_("Come to your appointment as planned unless we have contacted you.")
ALL_CANCELLED_SHORT = N_("Only come to your appointment if we have contacted you.")
NONE_CANCELLED_SHORT = N_("Your appointment goes ahead unless we have contacted you.")
COME = N_("%(services)s: come as planned.")
STAY_AWAY = N_("%(services)s: do not come, we will contact you.")
ELSEWHERE = N_("%(service)s (%(site)s): your appointment goes ahead, at %(place)s.")
ELSEWHERE_SHORT = N_("%(service)s in %(town)s: at %(place)s.")  # towns: short, for an SMS
OTHERS_COME = N_("Other appointments go ahead.")
OTHERS_STAY_AWAY = N_("Other appointments: do not come, we will contact you.")


# Languages whose common nouns are lower-case inside a sentence ("Dialyse et maternité");
# German keeps the capitals of its nouns.
LOWER_CASE_INSIDE = frozenset({"fr", "nl", "en"})


class Moved(NamedTuple):
    """A service kept at another place: names for full documents, towns for short ones."""

    service: str
    site: str
    place: str
    site_town: str
    place_town: str


class Groups(NamedTuple):
    """The service names of each group, already in the document's language."""

    come: tuple[str, ...]
    stay_away: tuple[str, ...]
    elsewhere: tuple[Moved, ...]

    @property
    def all_cancelled(self) -> bool:
        return not self.come and not self.elsewhere

    @property
    def uniform(self) -> bool:
        """One rule for everyone: all cancelled, or nothing cancelled nor moved."""
        return self.all_cancelled or (not self.stay_away and not self.elsewhere)


def full_sentences(groups: Groups, code: str) -> tuple[str, ...]:
    """Every group named: who comes, who goes elsewhere, who does not come."""
    if groups.all_cancelled:
        return (gettext(code, ALL_CANCELLED),) if groups.stay_away else ()
    if groups.uniform:
        return (gettext(code, NONE_CANCELLED),)
    sentences = []
    if groups.come:
        sentences.append(_come(groups, code))
    sentences += _elsewhere(groups, code)
    if groups.stay_away:
        sentences.append(_stay_away(groups, code))
    return tuple(sentences)


def short_variants(groups: Groups, code: str) -> tuple[str, ...]:
    """The rule for an SMS or a post, most complete first, shortest last.

    Every variant tells every patient the truth: both groups named; or the services
    that keep their appointments named and "other appointments: do not come"; or the
    cancelled ones named and "other appointments go ahead". A document with a length
    limit takes the first that fits, and never drops a group to make it fit.
    """
    # Plain spaces: these go into the SMS, whose alphabet has no narrow no-break space,
    # and the post says them word for word the same.
    if groups.all_cancelled:
        return (gettext(code, ALL_CANCELLED_SHORT, plain=True),) if groups.stay_away else ()
    if groups.uniform:
        return (gettext(code, NONE_CANCELLED_SHORT, plain=True),)
    moved = [gettext(code, ELSEWHERE_SHORT, plain=True)
             % {"service": m.service, "town": m.site_town, "place": m.place_town}
             for m in groups.elsewhere]
    come = [_come(groups, code, plain=True)] if groups.come else []
    stay_away = [_stay_away(groups, code, plain=True)] if groups.stay_away else []
    both = " ".join([*come, *moved, *stay_away])
    naming_kept = " ".join([*come, *moved, gettext(code, OTHERS_STAY_AWAY, plain=True)])
    naming_cancelled = " ".join([*stay_away, *moved, gettext(code, OTHERS_COME, plain=True)])
    shorter = sorted({naming_kept, naming_cancelled} - {both}, key=len, reverse=True)
    return (both, *shorter)


def _come(groups: Groups, code: str, plain: bool = False) -> str:
    return gettext(code, COME, plain=plain) % {"services": _names(groups.come, code)}


def _stay_away(groups: Groups, code: str, plain: bool = False) -> str:
    return gettext(code, STAY_AWAY, plain=plain) % {"services": _names(groups.stay_away, code)}


def _elsewhere(groups: Groups, code: str) -> list[str]:
    return [gettext(code, ELSEWHERE) % {"service": m.service, "site": m.site,
                                        "place": m.place} for m in groups.elsewhere]


def _names(names: tuple[str, ...], code: str) -> str:
    """'Dialyse, laboratoire et maternité': a list inside a sentence, as the language writes it.

    Only a name whose second letter is lower-case loses its capital ("Opérations"
    does, "IRM" does not).
    """
    if code in LOWER_CASE_INSIDE and names:
        names = (names[0], *(_lower_first(name) for name in names[1:]))
    return format_list(names, code)


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name[1:2].islower() else name
