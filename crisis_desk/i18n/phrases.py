"""The packaged phrasebook: sentences crisis notes say again and again, by stable id.

Each phrase is marked ``P_(id, English text)``: the id is the gettext context
(``msgctxt``) of the ``phrases`` domain, the English text its msgid, and the
translators give French, Dutch and German in ``translations/<lang>/LC_MESSAGES/
phrases.po`` like every other catalog. Placeholders stand only for model values,
filled in each document's language:

- ``{destination}``: the town of the site or partner hospital a relocated service
  moved to (a status note only);
- ``{hotline}``: the information line's number;
- ``{next_date}``, ``{next_time}``: when the next update is due.

Ids are never renamed: incident files and saved versions refer to them.
"""

from __future__ import annotations


def P_(phrase_id: str, text: str) -> tuple[str, str]:
    """Mark a phrase for extraction: its id (the catalog's context) and its English text."""
    return phrase_id, text


PACKAGED: tuple[tuple[str, str], ...] = (
    # -- services and their status (status notes) --------------------------------------
    P_("results-on-paper", "Results are sent on paper, with a delay."),
    P_("we-will-call-new-date", "We will contact you to arrange a new appointment."),
    P_("urgent-operations-only", "Only urgent operations go ahead."),
    P_("exams-at-destination", "Examinations take place in {destination}."),
    P_("imaging-at-destination", "Imaging examinations take place in {destination}."),
    P_("samples-at-destination", "Samples are analysed in {destination}."),
    P_("service-moved", "The service has moved temporarily to {destination}."),
    P_("switchboard-intermittent",
       "The switchboard can only be reached intermittently: call the information line."),
    P_("emergency-normal", "The emergency department is working normally."),
    P_("ambulances-diverted",
       "Ambulances are diverted to other hospitals; patients who come by themselves are "
       "still received."),
    P_("dialysis-as-planned", "Dialysis sessions go ahead as planned."),
    P_("chemotherapy-as-planned", "Chemotherapy treatments go ahead as planned."),
    P_("maternity-as-planned", "Births and pregnancy check-ups go ahead as planned."),
    P_("consultations-postponed", "Consultations are postponed."),
    P_("urgent-consultations-only", "Only urgent consultations go ahead."),
    P_("planned-operations-postponed", "Planned operations are postponed; we will contact you."),
    P_("urgent-analyses-only", "Only urgent analyses are carried out."),
    P_("blood-tests-by-appointment", "Blood samples are taken by appointment only."),
    P_("urgent-imaging-only", "Only urgent imaging examinations are carried out."),
    P_("pharmacy-paper-prescriptions",
       "The pharmacy only dispenses medicines on a paper prescription."),
    P_("visits-one-person", "Visits are limited to one person per patient."),
    P_("visits-suspended", "Visits are suspended until further notice."),
    P_("closed-until-further-notice", "The service is closed until further notice."),
    P_("longer-waiting-times", "Expect longer waiting times."),
    P_("delays-possible", "Delays are possible."),
    P_("staff-on-paper", "Staff are working on paper; thank you for your patience."),
    P_("come-as-planned", "Come to your appointment as planned."),
    P_("call-hotline-number", "Call the information line on {hotline}."),
    # -- titles --------------------------------------------------------------------------
    P_("title-cyberattack", "Cyberattack: our IT systems are down"),
    P_("title-it-outage", "IT failure: our systems are disrupted"),
    P_("title-phone-outage", "Our telephone lines are out of order"),
    P_("title-power-outage", "Power cut in our hospital"),
    P_("title-fire", "Fire: part of the hospital has been evacuated"),
    # -- what happened, per incident kind -------------------------------------------------
    P_("cyberattack-network-targeted", "Our computer network was the target of a cyberattack."),
    P_("systems-shut-down", "As a precaution, all our systems have been shut down."),
    P_("police-ccb-investigating",
       "An investigation is under way with the federal police and the Centre for "
       "Cybersecurity Belgium."),
    P_("specialists-restoring", "Specialists are working day and night to restore our systems."),
    P_("care-continues-safely", "Patient care continues safely, on paper where necessary."),
    P_("ransom-not-paid", "The attackers are demanding a ransom; we will not pay it."),
    P_("it-failure", "A major IT failure is disrupting our systems."),
    P_("not-an-attack", "According to what we know now, the failure is not due to an attack."),
    P_("phone-lines-down", "Our telephone lines are out of order."),
    P_("reach-us-on-hotline", "To reach us, call {hotline}."),
    P_("power-cut", "A power cut is affecting our hospital."),
    P_("generators-running",
       "Emergency generators supply the intensive care and emergency departments."),
    P_("fire-building-evacuated", "A fire broke out; the building concerned has been evacuated."),
    P_("patients-safe", "All patients have been moved to safety."),
    P_("fire-brigade-on-site", "The fire brigade is on site."),
    # -- what is not yet known, what is being done, the quote ----------------------------
    P_("duration-unknown", "We do not yet know how long the disruption will last."),
    P_("data-theft-unknown", "At this stage we do not know whether data has been stolen."),
    P_("crisis-cell-coordinates", "A crisis cell coordinates the response around the clock."),
    P_("paper-procedures", "Every department works with paper procedures prepared in advance."),
    P_("next-update-planned", "We will give an update on {next_date} at {next_time}."),
    P_("quote-sorry-thanks",
       "We are sorry for the inconvenience and thank patients and staff for their patience."),
    P_("quote-safety-first", "The safety of every patient is our priority."),
    # -- advice to patients, appointment exceptions --------------------------------------
    P_("no-consultation-unless-contacted",
       "Do not come for a consultation unless we have contacted you."),
    P_("bring-medication-list", "Bring your medicines or the list of your medicines."),
    P_("bring-identity-card", "Bring your identity card."),
    P_("bring-medical-documents",
       "Bring your medical documents (letters, results, prescriptions)."),
    P_("appointment-letter-at-hand", "Have your appointment letter at hand."),
    P_("no-bank-details",
       "We will never ask for your bank details by phone or by e-mail."),
    P_("beware-of-scams",
       "Beware of calls, e-mails or text messages claiming to come from the hospital."),
    P_("emergency-call-112", "In a life-threatening emergency, call 112."),
    P_("see-your-gp-first", "For a problem that is not urgent, contact your GP first."),
    P_("do-not-call-switchboard",
       "Please do not call the switchboard for information: use the information line."),
    P_("avoid-the-site", "Please do not come to the site unless it is an emergency."),
    P_("follow-updates", "Follow the updates on our status page."),
    P_("pregnant-36-weeks-come", "Women 36 weeks pregnant or more come as planned."),
    P_("dialysis-chemo-come", "Dialysis and chemotherapy patients come as planned."),
    # -- the data paragraph --------------------------------------------------------------
    P_("data-may-be-published",
       "The attackers may publish personal data of patients and staff."),
    P_("data-fraud-risk", "Stolen data could be used for fraudulent calls or messages."),
    P_("data-no-sign-of-copy",
       "Nothing indicates at this stage that medical records have been copied."),
    P_("data-authority-notified", "We have notified the Data Protection Authority."),
    P_("data-people-informed", "We will personally inform the people whose data is affected."),
    P_("data-watch-publication", "We are watching the internet for any publication of our data."),
)
