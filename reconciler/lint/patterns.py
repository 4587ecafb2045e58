"""Phrases that ask about a protected characteristic, per category and language, as data.

Each entry is a regular expression matched case-insensitively between word boundaries
on the normalised question text (see protected.py). Phrases are deliberately specific:
"your health" rather than "health" (health-and-safety questions are fine), "race" but
not "race condition", "arrest" but not "cardiac arrest", "trade union" but not
"European Union".

ALLOWANCES are phrases removed from the text before a category is matched, because the
law lets an interviewer ask them (decided for this project):

- nationality: whether the candidate is authorised / has the right to work, or needs a
  work permit or visa sponsorship (asking for the citizenship itself stays an error);
- health: whether the candidate can perform the essential functions of the role, with or
  without reasonable accommodation;
- age: whether the candidate has reached a minimum legal age (16, 18 or 21, "of legal
  age", volljährig, majeur, mayor de edad). Many roles (serving alcohol, driving,
  night work) require it by law; asking for the actual age or birth date stays an error.

Pure data: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

Phrases = Mapping[str, tuple[str, ...]]  # language code -> regular expressions

_AGE: Final[Phrases] = {
    "en": (r"how old are you", r"your age", r"(?:date|year) of birth", r"birth ?date",
           r"birthday", r"when were you born", r"what year were you born",
           r"\d{2} years (?:old|of age)", r"(?:plan|planning|intend) to retire",
           r"when (?:do|will) you retire"),
    "de": (r"wie alt (?:sind sie|bist du)", r"(?:ihr|dein) alter", r"geburtsdatum",
           r"geburtsjahr", r"geburtstag", r"wann (?:sind sie|bist du) geboren",
           r"welcher jahrgang", r"\d{2} jahre alt"),
    "fr": (r"quel âge (?:avez[- ]vous|as[- ]tu)", r"(?:votre|ton) âge", r"date de naissance",
           r"année de naissance", r"quand êtes[- ]vous née?", r"en quelle année êtes[- ]vous née?"),
    "es": (r"qué edad tienes?", r"cuántos años tienes?(?! de experiencia)", r"(?:su|tu) edad",
           r"fecha de nacimiento", r"año de nacimiento", r"cuándo nació",
           r"en qué año nació"),
}  # fmt: skip

_FAMILY: Final[Phrases] = {
    "en": (r"are you (?:married|divorced|widowed|engaged|single)", r"marital status",
           r"married or single", r"single or married",
           r"(?:do|will) you have (?:any )?(?:children|kids)", r"how many (?:children|kids)",
           r"(?:plan|planning|intend|want) (?:on |to )?(?:have|having|start|starting) "
           r"(?:a family|children|kids)",
           r"your (?:husband|wife|spouse|boyfriend|girlfriend)", r"maiden name",
           r"childcare (?:arrangements|responsibilities)",
           r"who (?:looks after|takes care of|will care for) your (?:children|kids)",
           r"family plans"),
    "de": (r"(?:sind sie|bist du) verheiratet", r"familienstand",
           r"(?:haben sie|hast du) kinder", r"wie viele kinder", r"kinderwunsch",
           r"(?:ihr|ihre|dein|deine) (?:ehemann|ehefrau|ehepartner(?:in)?|mann|frau)",
           r"familienplanung", r"kinderbetreuung", r"geschieden", r"ledig"),
    "fr": (r"êtes[- ]vous (?:mariée?|divorcée?|célibataire)",
           r"situation (?:familiale|matrimoniale)",
           r"avez[- ]vous des enfants", r"combien d'enfants",
           r"(?:votre|ton) (?:mari|époux|épouse|femme|conjointe?)", r"nom de jeune fille",
           r"fonder une famille", r"avoir des enfants", r"garde (?:de vos|des) enfants"),
    "es": (r"(?:está|estás|es) (?:usted )?(?:casad[oa]|divorciad[oa]|solter[oa])",
           r"estado civil", r"(?:tiene|tienes) hij[oa]s", r"cuántos hijos",
           r"(?:su|tu) (?:marido|esposo|esposa|mujer|pareja)", r"formar una familia",
           r"tener hijos", r"cuidado de (?:sus|tus) hijos"),
}  # fmt: skip

_PREGNANCY: Final[Phrases] = {
    "en": (r"pregnan(?:t|cy)", r"expecting a baby", r"(?:maternity|paternity) leave"),
    "de": (r"schwanger(?:schaft)?", r"mutterschutz", r"elternzeit"),
    "fr": (r"enceinte", r"grossesse", r"congé (?:de )?maternité", r"congé parental"),
    "es": (r"embarazad[ao]", r"embarazo", r"(?:baja|permiso) (?:por|de) maternidad"),
}

_RELIGION: Final[Phrases] = {
    "en": (r"religions?", r"religious", r"(?:your|what) faith", r"(?:go|goes|going) to church",
           r"attend (?:church|mosque|synagogue|temple|services)", r"(?:do|how often do) you pray",
           r"are you (?:a )?(?:christian|muslim|jewish|hindu|buddhist|atheist|catholic|"
           r"protestant)", r"ramadan", r"sabbath"),
    "de": (r"religion", r"religiös\w*", r"konfession", r"glaubensrichtung", r"kirche",
           r"moschee", r"synagoge", r"beten sie", r"glauben sie an gott"),
    "fr": (r"religion", r"religieu(?:x|se)", r"confession", r"croyante?", r"pratiquante?",
           r"église", r"mosquée", r"synagogue", r"priez[- ]vous"),
    "es": (r"religión", r"religios[oa]", r"creencias religiosas", r"iglesia", r"mezquita",
           r"sinagoga", r"practicante", r"cree en dios"),
}  # fmt: skip

_NATIONALITY: Final[Phrases] = {
    "en": (r"nationality", r"citizenship", r"(?:are you|you are) (?:an? )?(?:\w+ )?citizen",
           r"citizen of", r"where (?:were|was) you born",
           r"(?:country|place) of (?:birth|origin)", r"birthplace", r"native country",
           r"your (?:native language|mother tongue|first language)", r"native (?:\w+ )?speaker",
           r"where (?:are|is) your (?:family|parents) from",
           r"where are you (?:originally|really) from", r"immigration status", r"green card"),
    "de": (r"staatsangehörigkeit", r"staatsbürgerschaft", r"nationalität", r"staatsbürger(?:in)?",
           r"wo (?:sind sie|bist du) geboren", r"geburtsort", r"geburtsland", r"herkunftsland",
           r"woher (?:kommen sie|kommst du|stammen sie)", r"muttersprache",
           r"aufenthaltsstatus"),
    "fr": (r"nationalité", r"citoyenneté", r"où êtes[- ]vous née?", r"lieu de naissance",
           r"pays d'origine", r"langue maternelle", r"d'où venez[- ]vous", r"vos origines"),
    "es": (r"nacionalidad", r"ciudadanía", r"dónde nació", r"lugar de nacimiento",
           r"país de origen", r"lengua materna", r"de dónde es (?:usted|originalmente)",
           r"de dónde eres"),
}  # fmt: skip

_HEALTH: Final[Phrases] = {
    "en": (r"(?:your|any|a) disabilit(?:y|ies)", r"are you (?:disabled|handicapped)",
           r"medical (?:conditions?|history|problems?|issues?)",
           r"health (?:conditions?|problems?|issues?|history)", r"your health",
           r"mental (?:health|illness)", r"(?:any|an|your) (?:\w+ )?illness(?:es)?",
           r"chronic (?:illness|condition|disease|pain)", r"(?:your|any) medications?",
           r"sick (?:days|leave)", r"days? off sick",
           r"been hospitali[sz]ed", r"(?:been|ever) diagnosed",
           r"(?:do|have) you (?:ever )?(?:had|have|suffer(?:ed)? from) (?:a |an |any )?"
           r"(?:\w+ )?(?:disease|disorder|injur(?:y|ies))"),
    "de": (r"(?:eine|ihre|deine|keine) behinderung(?:en)?", r"schwerbehindert(?:ung)?",
           r"(?:sind sie|bist du) (?:schwer)?behindert",
           r"(?:ihre|deine|eine|keine|chronische) (?:\w+ )?(?:krankheit|erkrankung)(?:en)?",
           r"krankheitstage", r"krankgeschrieben", r"krankmeldungen?",
           r"gesundheitszustand", r"gesundheitliche (?:probleme|einschränkungen|beschwerden)",
           r"(?:nehmen sie|nimmst du|ihre|deine) (?:\w+ )?medikamente",
           r"chronisch\w* (?:krank\w*|erkrank\w*|schmerz\w*)",
           r"psychische (?:probleme|erkrankung(?:en)?)",
           r"(?:sind|waren) sie (?:oft |häufig )?krank"),
    "fr": (r"(?:un|votre|ton) handicap", r"handicapée?", r"invalidité",
           r"(?:une|vos|votre|ta) (?:\w+ )?maladies?", r"arrêts? (?:de travail|maladie)",
           r"(?:votre|ton) (?:état de )?santé", r"problèmes? de santé",
           r"(?:prenez[- ]vous|vos|tes) (?:des )?médicaments?",
           r"santé mentale", r"traitement médical"),
    "es": (r"(?:alguna|una|su|tu) discapacidad", r"minusvalía",
           r"(?:alguna|una|su|tu) (?:\w+ )?enfermedad(?:es)?",
           r"(?:su|tu) (?:estado de )?salud", r"problemas? de salud",
           r"(?:toma|tomas|sus|tus) (?:algún )?medicamentos?",
           r"salud mental", r"bajas? (?:médicas?|por enfermedad)", r"tratamiento médico"),
}  # fmt: skip

_RACE: Final[Phrases] = {
    "en": (r"your (?:race|ethnicity|ethnic (?:background|origin|group)|skin colou?r|"
           r"racial (?:background|origin))", r"what race", r"which (?:race|ethnic group)",
           r"colou?r of your skin", r"are you (?:white|black|asian|hispanic|latino|latina)"),
    "de": (r"hautfarbe", r"ethnische(?:n)? (?:herkunft|zugehörigkeit|gruppe)",
           r"(?:ihre|deine) (?:abstammung|rasse)", r"welcher ethnie"),
    "fr": (r"(?:votre|ta) (?:race|ethnie)", r"origine ethnique", r"couleur de (?:votre )?peau",
           r"quelle ethnie", r"appartenance ethnique"),
    "es": (r"(?:su|tu) (?:raza|etnia)", r"origen étnico", r"color de (?:su |tu )?piel",
           r"qué raza", r"grupo étnico"),
}  # fmt: skip

_ORIENTATION: Final[Phrases] = {
    "en": (r"sexual (?:orientation|preference)", r"sexuality",
           r"are you (?:gay|lesbian|bisexual|straight|homosexual|heterosexual|queer)",
           r"same[- ]sex (?:partner|relationship)"),
    "de": (r"sexuelle (?:orientierung|ausrichtung|neigung)", r"sexualität",
           r"(?:sind sie|bist du) (?:schwul|lesbisch|bisexuell|homosexuell|heterosexuell)",
           r"gleichgeschlechtliche\w* (?:partner\w*|beziehung)"),
    "fr": (r"orientation sexuelle", r"sexualité",
           r"êtes[- ]vous (?:gay|homosexuel(?:le)?|lesbienne|bisexuel(?:le)?|hétérosexuel(?:le)?)",
           r"(?:du )?même sexe"),
    "es": (r"orientación sexual", r"sexualidad",
           r"(?:es usted|eres) (?:gay|homosexual|lesbiana|bisexual|heterosexual)",
           r"(?:del )?mismo sexo"),
}  # fmt: skip

_UNION: Final[Phrases] = {
    "en": (r"(?:trade|labou?r) unions?",
           r"union (?:member(?:ship)?|activit(?:y|ies)|dues|organi[sz](?:ing|er|ers))",
           r"(?:join|joined|belong to|member of) (?:a|the|any) union",
           r"unioni[sz](?:e|ed|ing|ation)"),
    "de": (r"gewerkschaft\w*",),
    "fr": (r"syndicats?", r"syndiquée?s?", r"syndicale?s?", r"syndicaux"),
    "es": (r"sindicatos?", r"sindicales", r"sindical", r"sindicad[oa]s?"),
}  # fmt: skip

_ARREST: Final[Phrases] = {
    "en": (r"(?<!cardiac )(?<!respiratory )arrest(?:ed|s)?", r"detained by (?:the )?police",
           r"taken into (?:police )?custody"),
    "de": (r"verhaftet", r"festgenommen", r"festnahmen?", r"verhaftung(?:en)?",
           r"polizeigewahrsam"),
    "fr": (r"arrêtée? par la police", r"été interpellée?", r"interpellée? par la police",
           r"garde à vue"),
    "es": (r"(?:ha|has) sido (?:arrestad[oa]|detenid[oa])", r"detenid[oa] por la policía",
           r"arrestad[oa]", r"arrestos?", r"antecedentes de arresto"),
}  # fmt: skip

_GENDER: Final[Phrases] = {
    "en": (r"(?:your|what) (?:gender|sex)", r"gender identity",
           r"are you (?:a )?(?:man|woman|male|female)", r"male or female", r"transgender"),
    "de": (r"(?:ihr|dein) geschlecht", r"geschlechtsidentität",
           r"(?:sind sie|bist du) (?:ein )?(?:mann|frau)", r"männlich oder weiblich",
           r"transgender"),
    "fr": (r"(?:votre|ton) (?:sexe|genre)", r"identité de genre", r"homme ou (?:une )?femme",
           r"masculin ou féminin", r"transgenre"),
    "es": (r"(?:su|tu) (?:sexo|género)", r"identidad de género", r"hombre o (?:una )?mujer",
           r"masculino o femenino", r"transgénero"),
}  # fmt: skip

PROTECTED_PHRASES: Final[Mapping[str, Phrases]] = MappingProxyType(
    {
        "age": _AGE,
        "family": _FAMILY,
        "pregnancy": _PREGNANCY,
        "religion": _RELIGION,
        "nationality": _NATIONALITY,
        "health": _HEALTH,
        "race": _RACE,
        "orientation": _ORIENTATION,
        "union": _UNION,
        "arrest": _ARREST,
        "gender": _GENDER,
    }
)

ALLOWANCES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "nationality": (
            r"(?:legally )?(?:authori[sz]ed|permitted|eligible|entitled|allowed) to work",
            r"right to work", r"work (?:permit|authori[sz]ation|visa)",
            r"(?:visa )?sponsorship", r"arbeitserlaubnis", r"arbeitsgenehmigung",
            r"permis de travail", r"autorisée? à travailler", r"permiso de trabajo",
            r"autorizad[oa] (?:legalmente )?para trabajar",
        ),
        "health": (
            r"(?:perform|carry out) the essential (?:functions|duties)",
            r"with or without (?:a )?(?:reasonable )?accommodations?",
            r"wesentlichen (?:aufgaben|anforderungen) (?:der|dieser) (?:stelle|position|rolle)",
            r"fonctions essentielles du poste", r"funciones esenciales del puesto",
        ),
        "age": (
            r"(?:at least|over|older than) (?:16|18|21)(?: years(?: old| of age)?)?",
            r"(?:16|18|21) years (?:old|of age) or (?:older|over)", r"(?:of )?legal age",
            r"(?:mindestens|über) (?:16|18|21) jahre(?: alt)?", r"volljährig",
            r"(?:au moins|plus de) (?:16|18|21) ans", r"majeure?",
            r"mayor de edad", r"(?:al menos|más de) (?:16|18|21) años",
        ),
    }
)  # fmt: skip
