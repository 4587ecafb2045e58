"""Function words per language for the language rule (IAC501), as data.

Only words that are frequent in one language and rare in the others listed here are
kept (no "de", "la", "in", "a", "e", "o", "en", ...), so a single hit means something.
Pure data: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "en": _words(
            "the and you your what how why when which would could have has with for this "
            "that are is were do does did about can tell me describe our we they it be "
            "been an or if from will should who there their them any"
        ),
        "de": _words(
            "der das und sie ihre ihr ihren ihrem ihrer wie warum wann welche welchen "
            "welcher haben hat sind ist mit für nicht ein eine einen einem einer zu auf "
            "bei von über würden können beschreiben erzählen uns wir sich dem den des "
            "auch oder wenn dass im noch sie bitte"
        ),
        "fr": _words(
            "les des et est vous votre vos nous notre une du au aux avec pour dans sur "
            "qui quel quelle quels quelles comment pourquoi quand avez êtes pouvez "
            "décrivez parlez expliquez ce cette ces il elle ne pas ou où été fait qu "
            "d l j"
        ),
        "es": _words(
            "el los las y usted su sus qué cómo del tiene puede describa cuéntenos cuál "
            "cuáles cuándo dónde nuestro nuestra muy pero también hay alguna algún vez "
            "ha han ustedes cuando tuvo fue está hizo explique cuénteme"
        ),
        "it": _words(
            "il gli è di che della delle dei degli nel nella sono perché quale quali "
            "suo sua suoi lei hai può descriva ci anche questo questa alla dal dalla "
            "cosa ha mai"
        ),
        "nl": _words(
            "het een van je jij u uw jouw hoe wat waarom wanneer welke heb hebt heeft "
            "bent met voor op aan niet dat er bij ook naar ons onze kunt kun zou "
            "beschrijf vertel wij zijn"
        ),
        "pt": _words(
            "os é um uma do da dos das na em você seu sua qual quais tem pode descreva "
            "conte nosso nossa não também já isso ao à foi sobre seus suas"
        ),
        "sv": _words(
            "och att det som är på för med har inte av till du din ditt dina hur vad "
            "varför när vilken vilka skulle berätta beskriv vi oss vår från också eller"
        ),
        "pl": _words(
            "w z się jak jaki jaka jakie dlaczego kiedy czy pan pani pana ma jest są "
            "oraz dla że który która które proszę opisz swoje swój swoją twoje może od "
            "po przez też"
        ),
    }
)

# Platform codes that share a detection profile.
SAME_LANGUAGE: Final[Mapping[str, str]] = MappingProxyType({"br": "pt"})
