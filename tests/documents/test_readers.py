"""The notice, press release and phone script as their readers need them: what to do first,
every sentence once, a third-person release with its dateline, a card for a live call, and
fixed wording that states only what the situation model says."""

from dataclasses import replace

import pytest

from crisis_desk.documents import kind
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import Spokesperson
from crisis_desk.i18n import document_date, gettext
from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.repetition import said_in, sentences
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.text_documents import render_text_parts

SCAM = ("Beware of scam calls, e-mails and text messages. We will never ask you for bank "
        "details, passwords or a payment by telephone, e-mail or text message. If in doubt, "
        "hang up and call our information line.")


def _text(org, incident, kind_id, languages, history=()):
    request = RenderRequest(org, incident, languages, history=history)
    return render_text_parts(kind_id, request)


@pytest.mark.parametrize("code", ["fr", "nl", "de"])
def test_the_notice_opens_with_what_to_do_and_says_each_sentence_once(demo, code):
    org, incident = demo
    [notice] = _text(org, incident, "notice", (code,))
    view = build_view(org, incident, code)
    summary = notice.index("== " + gettext(code, "What you need to know") + " ==")
    facts = notice.index(view.incident.facts)
    assert summary < facts
    box = notice[summary:facts]
    for sentence in view.appointments.sentences:
        assert f"- {sentence}" in box
        assert notice.count(sentence) == 1
    assert gettext(code, "In a life-threatening emergency, call 112.") in box
    assert view.org.hotline in box
    assert notice.count(gettext(code, SCAM)) == 1


def _sentences(document: str) -> list[str]:
    """Every sentence of a text document: its lines without list marks or headings, cut
    after . ! ? (a status line "Service : status" counts as one sentence)."""
    found = []
    for line in document.splitlines():
        line = line.strip().lstrip("-•■◆▲●✚➜ ").strip()
        if line and not line.startswith("=="):
            found += sentences(line)
    return found


def assert_each_sentence_once(document: str) -> None:
    """No sentence twice, nor one whose every word is in another (``said_in``)."""
    found = _sentences(document)
    normalised = [" ".join(s.casefold().split()) for s in found]
    assert len(set(normalised)) == len(normalised), \
        sorted({s for s in normalised if normalised.count(s) > 1})
    for index, sentence in enumerate(found):
        others = found[:index] + found[index + 1:]
        assert not said_in(sentence, others), sentence


@pytest.mark.parametrize("fixture", ["example", "demo"])
def test_no_sentence_of_the_notice_appears_twice_in_a_language(request, fixture):
    org, incident = request.getfixturevalue(fixture)
    for code in incident.languages:
        [notice] = _text(org, incident, "notice", (code,))
        assert_each_sentence_once(notice)


def test_advice_that_a_paragraph_below_says_is_left_out_of_the_box_only(example):
    org, incident = example
    for code in ("fr", "nl"):
        [notice] = _text(org, incident, "notice", (code,))
        advice = incident.patient_advice[code]
        # The example's advice ends on the bank-details warning the scam paragraph gives.
        *kept, repeated = sentences(advice)
        assert repeated not in notice
        for sentence in kept:
            assert notice.count(sentence) == 1
        # Without patient data at risk there is no scam paragraph: the advice stays whole.
        [safe] = _text(org, replace(incident, patient_data_at_risk=False), "notice", (code,))
        assert advice in safe


def test_the_notice_states_shared_services_once_then_each_sites_differences(example):
    org, incident = example
    [notice] = _text(org, incident, "notice", ("fr",))
    assert notice.count("Sur tous nos sites") == 1
    assert notice.count("Consultations\u202f:") == 1  # the same on all four sites
    assert "Hôpital d'Arlon, Hôpital de Libramont, Hôpital de Marche" in notice
    assert notice.count("Les examens d'imagerie ont lieu à Libramont.") == 1


def test_an_emergency_department_that_is_closed_is_named_in_the_summary(example):
    org, incident = example
    closed = replace(incident, statuses=(*incident.statuses, replace(
        incident.statuses[0], site="bastogne", service="emergency", status="closed",
        note={"fr": "Rendez-vous aux urgences de Libramont.", "nl": "Ga naar Libramont."},
        to=None, appointments=None)))
    [notice] = _text(org, closed, "notice", ("fr",))
    box = notice[:notice.index("Dans la nuit")]
    assert "Urgences, Hôpital de Bastogne" in box
    assert "Rendez-vous aux urgences de Libramont." in box
    assert "Nos services d'urgences sont ouverts." not in notice


def test_the_press_release_has_a_dateline_and_a_third_person_opening(example):
    org, incident = example
    [press] = _text(org, incident, "press", ("fr",))
    lines = press.splitlines()
    assert "Arlon, le 16 mai 2022 à 10\u202fh — mise à jour n° 3" in lines
    opening = next(line for line in lines if line.startswith("Le Réseau"))
    assert opening.startswith("Le Réseau hospitalier Ardenne-Gaume est la cible d'une "
                              "cyberattaque depuis le samedi 14 mai 2022 à 1\u202fh\u202f30.")
    assert "Hôpital de Bastogne" in opening
    assert " nous " not in opening.lower() and " nos " not in opening.lower()
    [dutch] = _text(org, incident, "press", ("nl",))
    assert "Het Ziekenhuisnetwerk Ardennen-Gaume is sinds zaterdag 14 mei 2022 om 1.30\u202fuur " \
        "getroffen door een cyberaanval. Betrokken sites: Ziekenhuis Aarlen," in dutch


OPENING_STARTS = {"fr": "Le Centre hospitalier Senne-et-Dyle ",
                  "nl": "Het Ziekenhuiscentrum Zenne-en-Dijle ",
                  "de": "Das Krankenhauszentrum Senne-und-Dyle ",
                  "en": "The Senne-and-Dyle Hospital Centre "}
FIRST_PERSON = {"fr": ("nous", "nos", "notre"), "nl": ("wij", "we", "ons", "onze"),
                "de": ("wir", "unser", "unsere"), "en": ("we", "our", "us")}


@pytest.mark.parametrize("kind_id", list(KINDS))
@pytest.mark.parametrize("code", ["fr", "nl", "de", "en"])
def test_the_press_opening_names_who_what_and_since_when_for_every_kind(demo, kind_id, code):
    org, incident = demo
    incident = replace(incident, kind=kind_id, languages=(code,))
    [press] = _text(org, incident, "press", (code,))
    view = build_view(org, incident, code)
    opening = next(p for p in press.split("\n\n") if p.startswith(OPENING_STARTS[code]))
    first = view.incident.opening
    assert opening.startswith(first + " ")
    # What: the event by its one name; when: the day it started; in the third person.
    assert view.incident.kind_name.casefold() in first.casefold()
    assert document_date(view.incident.started, code) in first
    assert not set(FIRST_PERSON[code]) & {w.strip(".,;:").casefold() for w in first.split()}
    # Where: every site, after the sentence.
    for site in view.sites:
        assert site.name in opening


@pytest.mark.parametrize("code", ["fr", "nl", "de", "en"])
def test_the_about_block_never_puts_the_name_after_a_preposition(demo, code):
    org, incident = demo
    [press] = _text(org, incident, "press", (code,))
    name = build_view(org, incident, code).org.name
    for about in ("À propos de ", "Over ", "Über ", "About "):
        assert f"{about}{name}" not in press
    assert "== " + gettext(code, "About the organisation") + " ==" in press


def test_the_press_release_quotes_the_spokesperson_by_name_and_role(example):
    org, incident = example
    org = replace(org, spokesperson=Spokesperson("Anne Dupont", {"fr": "Directrice générale",
                                                                 "nl": "Algemeen directeur"}))
    incident = replace(incident, quote={"fr": "Nous faisons tout pour nos patients.",
                                        "nl": "We doen alles voor onze patiënten."})
    [press] = _text(org, incident, "press", ("fr",))
    quote = build_view(org, incident, "fr").incident.quote_line
    assert "Anne Dupont, directrice générale" in quote
    measures = press.index("== Mesures prises ==")
    assert measures < press.index(quote) < press.index("== Conséquences pour les patients ==")


def test_the_press_release_says_what_changed_since_the_previous_update(example):
    org, incident = example
    earlier = replace(incident, update=2, statuses=tuple(
        replace(entry, status="closed") if entry.service == "consultations" else entry
        for entry in incident.statuses))
    [press] = _text(org, incident, "press", ("fr",), history=(earlier,))
    assert "== Changements depuis la mise à jour n° 2 ==" in press
    changed = [line for line in press.splitlines() if line.startswith("- Consultations, ")]
    assert len(changed) == len(org.sites) and all(" → " in line for line in changed)
    [same] = _text(org, incident, "press", ("fr",), history=(replace(incident, update=2),))
    assert "L'état des services n'a pas changé." in same
    [first] = _text(org, incident, "press", ("fr",))
    assert "Changements depuis" not in first


def test_the_phone_card_comes_first_and_the_questions_after(example):
    org, incident = example
    [script] = _text(org, incident, "phone-script", ("fr",))
    order = ["1. Décrocher", "Service | Arlon | Bastogne", "3. Rendez-vous",
             "4. Vers qui orienter", "5. Questions des appelants", "dialyse ou en chimiothérapie",
             "enceinte", "résultats d'analyses", "rendre visite", "opération de demain",
             "au nom de l'hôpital", "Comment joindre un service", "6. Passer l'appel",
             "7. Jamais"]
    positions = [script.index(marker) for marker in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize("kind_id", sorted(KINDS))
def test_no_answer_contradicts_the_rule_on_patient_information(example, kind_id):
    org, incident = example
    [script] = _text(org, replace(incident, kind=kind_id), "phone-script", ("en",))
    answers = [line for line in script.splitlines() if line.startswith("A: ")]
    assert "Never give information about a patient over the telephone." in script
    for answer in answers:
        assert "we will tell you where" not in answer
        assert "Call the information line" not in answer  # the caller is already on it
        assert not answer.startswith("A: Yes.")


UNSUPPORTED = ("day and night", "outside experts", "watched closely", "fire brigade",
               "are on site")


@pytest.mark.parametrize("kind_id", sorted(KINDS))
def test_fixed_wording_asserts_nothing_nobody_entered(kind_id):
    entry = KINDS[kind_id]
    texts = [entry.actions, entry.unknowns, entry.what_happened,
             *(text for pair in entry.questions for text in pair)]
    for text in texts:
        for claim in UNSUPPORTED:
            assert claim not in text, (kind_id, text)


@pytest.mark.parametrize("code", ["fr", "nl", "de"])
def test_one_name_per_event_in_the_kind_wording(code):
    power = KINDS["power-outage"]
    name = gettext(code, power.name).lower()
    assert name in gettext(code, power.what_happened).lower()
    assert name in gettext(code, power.headline).lower()


def test_a_press_statement_in_german_keeps_the_capital_of_the_event(demo):
    org, incident = demo
    press = kind("press").render("txt", RenderRequest(org, incident, ("de",))).decode()
    assert "von einem Cyberangriff betroffen." in press
