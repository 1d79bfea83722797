"""An organisation's name as the subject of a sentence, with the article it takes.

"Réseau hospitalier Ardenne-Gaume" heads a document as it is, but a sentence
needs "Le Réseau hospitalier Ardenne-Gaume est…", "Het Ziekenhuisnetwerk
Ardennen-Gaume is…", "Das Krankenhauszentrum Senne-und-Dyle ist…". The article
follows the noun that heads the name: in French the first word ("Réseau",
"Clinique", "Hôpital"), in Dutch and German the last part of the first word, a
compound ("…netwerk", "…zentrum"), in English any of its words ("… Hospital
Centre"). A name headed by no noun of these lists is a proper name ("Vivalia",
"Epicura") and takes no article, which is what French, Dutch and German do with
such names. Only singular heads are listed: the sentences that use the name have
a singular verb.
"""

from __future__ import annotations

import re

# French: the first word of the name, case folded, and its article.
_FRENCH = {
    "réseau": "le", "centre": "le", "groupe": "le", "groupement": "le", "grand": "le",
    "chu": "le", "chr": "le", "chc": "le", "pôle": "le", "consortium": "le",
    "hôpital": "l'", "institut": "l'", "établissement": "l'", "ensemble": "l'",
    "clinique": "la", "polyclinique": "la", "maison": "la", "fondation": "la",
    "association": "l'", "intercommunale": "l'",
}
# Dutch and German: how the first word ends (the head of a compound), longest first.
_DUTCH = (("ziekenhuis", "het"), ("netwerk", "het"), ("centrum", "het"), ("instituut", "het"),
          ("verbond", "het"), ("kliniek", "de"), ("groep", "de"), ("vereniging", "de"),
          ("stichting", "de"), ("zorg", "de"))
_GERMAN = (("krankenhaus", "das"), ("klinikum", "das"), ("zentrum", "das"),
           ("netzwerk", "das"), ("spital", "das"), ("hospital", "das"), ("institut", "das"),
           ("haus", "das"), ("klinik", "die"), ("gruppe", "die"), ("stiftung", "die"),
           ("gesellschaft", "die"), ("verbund", "der"), ("verband", "der"))
_ENGLISH = frozenset({"hospital", "centre", "center", "network", "group", "trust", "clinic",
                      "institute", "infirmary", "university", "foundation", "association"})
# A word: letters, and the hyphens of a compound ("Sint-Jozefkliniek").
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def article(name: str, code: str) -> str:
    """The definite article ``name`` takes in language ``code`` ("" for none); French
    "l'" is written without a space before the name."""
    words = [word.casefold() for word in _WORD.findall(name)]
    if not words:
        return ""
    if code == "fr":
        return _FRENCH.get(words[0], "")
    if code in ("nl", "de"):
        endings = _DUTCH if code == "nl" else _GERMAN
        return next((art for ending, art in endings if words[0].endswith(ending)), "")
    if code == "en":
        return "the" if words[0] != "the" and _ENGLISH.intersection(words) else ""
    return ""


def subject(name: str, code: str) -> str:
    """``name`` with its article, as a sentence starts with it: "Le Réseau…",
    "L'Hôpital…", "Het Ziekenhuisnetwerk…", or the name alone."""
    found = article(name, code)
    if not found:
        return name
    joined = found + name if found.endswith("'") else f"{found} {name}"
    return joined[:1].upper() + joined[1:]
