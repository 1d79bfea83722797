"""Text documents: same facts everywhere, every language, user text exactly as typed."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisis_desk.documents import kind, plan, render_planned
from crisis_desk.domain.model import StatusEntry
from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.repetition import said_in, sentences
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.text import clean

TEXT_KINDS = ("notice", "press", "phone-script", "sms", "social")
HOSTILE = ["{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "<b>bold</b> & <i>", "%s %(x)s %d",
           "</para><para>", "${HOME} `id`", "שלום عربي", "👩‍⚕️🏥", "e\u0301\u0308", "\\n\\t"]


def _render_all(org, incident, kinds=TEXT_KINDS):
    return {doc.filename: render_planned(doc, org, incident).decode("utf-8")
            for doc in plan(org, incident, list(kinds), formats=["txt"])}


def test_kit_file_names(example):
    names = set(_render_all(*example))
    assert names == {"notice-fr-nl.txt", "press-fr.txt", "press-nl.txt",
                     "phone-script-fr-nl.txt", "sms-fr.txt", "sms-nl.txt",
                     "social-fr.txt", "social-nl.txt"}


def test_bilingual_notice_has_both_languages_and_every_site(example):
    org, incident = example
    notice = _render_all(org, incident, ["notice"])["notice-fr-nl.txt"]
    for code in ("fr", "nl"):
        assert incident.facts[code] in notice
        # Every sentence of the advice, but one the notice says anyway is said once.
        for sentence in sentences(incident.patient_advice[code]):
            assert sentence in notice or said_in(sentence, [notice]), sentence
        for site in org.sites:
            assert site.name[code] in notice
    assert "lundi 16 mai 2022" in notice and "maandag 16 mei 2022" in notice
    assert "mardi 17 mai 2022" in notice  # next update
    assert notice.index("Information aux patients") < notice.index("Informatie voor patiënten")


def test_statuses_read_the_same_in_every_document(example):
    org, incident = example
    docs = _render_all(org, incident, ["notice", "press", "phone-script"])
    view = build_view(org, incident, "fr")
    services = {s.id: s for site in view.sites if site.id == "bastogne" for s in site.services}
    imaging, consultations = services["imaging"], services["consultations"]
    for text in (docs["notice-fr-nl.txt"], docs["press-fr.txt"]):
        assert f"➜ Imagerie médicale\u202f: {imaging.status.label}" in text
        assert f"■ Consultations\u202f: {consultations.status.label}" in text
    phone = docs["phone-script-fr-nl.txt"]  # a grid: a service per row, a site per column
    assert f"| ➜ {imaging.status.label} |" in phone
    assert f"Consultations | ■ {consultations.status.label} |" in phone
    for text in (docs["notice-fr-nl.txt"], docs["press-fr.txt"], phone):  # the note too
        assert "Les examens d'imagerie ont lieu à Libramont." in text


def test_press_statement_has_the_six_cerc_parts_in_order(example):
    org, incident = example
    press = _render_all(org, incident, ["press"])["press-fr.txt"]
    markers = [incident.title["fr"], "Arlon, le 16 mai 2022 à 10\u202fh — mise à jour n° 3",
               "est la cible d'une cyberattaque depuis le samedi 14 mai 2022",
               "Cette situation cause de l'inquiétude",
               "Faits confirmés", incident.facts["fr"], "Ce qui n'est pas encore connu",
               "Mesures prises", "Conséquences pour les patients", "Données personnelles",
               "Engagement", "Plus d'informations", "Élodie Maréchal", "À propos de l'institution"]
    positions = [press.index(m) for m in markers]
    assert positions == sorted(positions)
    assert "Nederlands" not in press and "Persbericht" not in press


def test_data_paragraph_only_when_data_at_risk(example):
    org, incident = example
    safe = replace(incident, patient_data_at_risk=False)
    assert "Vos données personnelles" in _render_all(org, incident, ["notice"])["notice-fr-nl.txt"]
    assert "Vos données personnelles" not in _render_all(org, safe, ["notice"])["notice-fr-nl.txt"]


def test_missing_translation_is_visible_in_a_draft(example):
    org, incident = example
    broken = replace(incident, facts={"fr": incident.facts["fr"]})
    notice = _render_all(org, broken, ["notice"])["notice-fr-nl.txt"]
    assert "[Ontbrekende tekst: Nederlands]" in notice


def test_any_language_pair(demo):
    org, incident = demo
    request = RenderRequest(org, incident, ("de", "en"))
    text = kind("notice").render("txt", request).decode()
    assert "Information für Patienten und Besucher" in text
    assert "Information for patients and visitors" in text
    assert incident.facts["de"] in text and incident.facts["en"] in text


def test_a_ten_thousand_character_paragraph_comes_out_whole(example):
    org, incident = example
    paragraph = ("Zéro cut & <b> {{ x }} " * 500)[:10_000]
    docs = _render_all(org, replace(incident, facts={"fr": paragraph, "nl": paragraph}))
    assert paragraph in docs["notice-fr-nl.txt"]
    assert paragraph in docs["press-nl.txt"]


free_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200),
    st.lists(st.sampled_from(HOSTILE + ["a", " ", "\n", "é"]), min_size=1, max_size=30)
    .map("".join),
).filter(lambda t: clean(t).strip())


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(facts=free_text, advice=free_text, note=free_text, title=free_text)
def test_hostile_text_comes_out_literally_in_every_text_document(example, facts, advice, note,
                                                                 title):
    org, incident = example
    hostile = replace(
        incident,
        title={"fr": title, "nl": title},
        facts={"fr": facts, "nl": facts},
        patient_advice={"fr": advice, "nl": advice},
        statuses=(StatusEntry("*", "laboratory", "degraded", {"fr": note, "nl": note}),),
    )
    docs = _render_all(org, hostile)
    for name in ("notice-fr-nl.txt", "press-fr.txt", "press-nl.txt", "phone-script-fr-nl.txt"):
        for value in (facts, note):
            assert clean(value) in docs[name], name
    assert clean(advice) in docs["notice-fr-nl.txt"]
    assert clean(title) in docs["press-nl.txt"]
    assert clean(title).strip() in docs["social-fr.txt"]
