"""The lint corpus: questions that must be flagged and legitimate ones that must not be.

Each flagged entry names the one rule it must raise; legitimate entries must raise none.
Entries are (language, question text[, rule id]); the language becomes the interview's
mojito_language_code, so the language rule sees every text in its own language.
The legitimate side is chosen to sit close to the rules: work authorisation, essential
functions, minimum legal age, "race condition", "cardiac arrest", "European Union",
health and safety, users with disabilities, years of experience, thousands and dates.
"""

from __future__ import annotations

from typing import Final

FLAGGED: Final[tuple[tuple[str, str, str], ...]] = (
    # IAC101 age
    ("en", "How old are you?", "IAC101"),
    ("en", "Could you tell us your date of birth for our records?", "IAC101"),
    ("en", "When do you plan to retire?", "IAC101"),
    ("de", "Wie alt sind Sie?", "IAC101"),
    ("de", "Bitte nennen Sie uns Ihr Geburtsdatum.", "IAC101"),
    ("fr", "Quel âge avez-vous ?", "IAC101"),
    ("es", "¿Cuál es su fecha de nacimiento?", "IAC101"),
    ("es", "¿Qué edad tiene usted?", "IAC101"),
    # IAC102 marital or family status
    ("en", "Are you married?", "IAC102"),
    ("en", "Do you have any children, and who looks after them?", "IAC102"),
    ("en", "Are you planning to start a family in the next few years?", "IAC102"),
    ("en", "What does your husband do for a living?", "IAC102"),
    ("de", "Sind Sie verheiratet?", "IAC102"),
    ("de", "Haben Sie Kinder?", "IAC102"),
    ("fr", "Quelle est votre situation familiale ?", "IAC102"),
    ("fr", "Avez-vous des enfants ?", "IAC102"),
    ("es", "¿Está usted casado?", "IAC102"),
    ("es", "¿Tiene hijos pequeños en casa?", "IAC102"),
    # IAC103 pregnancy
    ("en", "Are you pregnant or planning to become pregnant?", "IAC103"),
    ("en", "Do you intend to take maternity leave soon?", "IAC103"),
    ("de", "Sind Sie derzeit schwanger?", "IAC103"),
    ("fr", "Êtes-vous enceinte ?", "IAC103"),
    ("es", "¿Está embarazada actualmente?", "IAC103"),
    # IAC104 religion
    ("en", "What religion do you practise?", "IAC104"),
    ("en", "Which religious holidays will you need off?", "IAC104"),
    ("de", "Welcher Religion gehören Sie an?", "IAC104"),
    ("fr", "Quelle est votre religion ?", "IAC104"),
    ("es", "¿Es usted religioso?", "IAC104"),
    # IAC105 nationality or citizenship
    ("en", "What is your nationality?", "IAC105"),
    ("en", "Where were you born?", "IAC105"),
    ("en", "Are you a US citizen?", "IAC105"),
    ("en", "Is English your native language?", "IAC105"),
    ("de", "Welche Staatsangehörigkeit haben Sie?", "IAC105"),
    ("de", "Was ist Ihre Muttersprache?", "IAC105"),
    ("fr", "Quelle est votre nationalité ?", "IAC105"),
    ("es", "¿Cuál es su nacionalidad?", "IAC105"),
    ("es", "¿Cuál es su país de origen?", "IAC105"),
    # IAC106 health or disability
    ("en", "Do you have a disability?", "IAC106"),
    ("en", "Do you have any medical conditions we should know about?", "IAC106"),
    ("en", "How many sick days did you take last year?", "IAC106"),
    ("en", "Are you currently taking any medication?", "IAC106"),
    ("de", "Haben Sie eine Behinderung?", "IAC106"),
    ("de", "Wie ist Ihr Gesundheitszustand?", "IAC106"),
    ("fr", "Avez-vous des problèmes de santé ?", "IAC106"),
    ("fr", "Avez-vous un handicap ?", "IAC106"),
    ("es", "¿Tiene alguna discapacidad?", "IAC106"),
    ("es", "¿Tiene problemas de salud?", "IAC106"),
    # IAC107 race, ethnicity or colour
    ("en", "What is your ethnic background?", "IAC107"),
    ("en", "What race do you identify as?", "IAC107"),
    ("de", "Was ist Ihre ethnische Herkunft?", "IAC107"),
    ("fr", "Quelle est votre origine ethnique ?", "IAC107"),
    ("es", "¿Cuál es su origen étnico?", "IAC107"),
    # IAC108 sexual orientation
    ("en", "What is your sexual orientation?", "IAC108"),
    ("de", "Was ist Ihre sexuelle Orientierung?", "IAC108"),
    ("fr", "Quelle est votre orientation sexuelle ?", "IAC108"),
    ("es", "¿Cuál es su orientación sexual?", "IAC108"),
    # IAC109 trade union membership
    ("en", "Are you a member of a trade union?", "IAC109"),
    ("de", "Sind Sie Mitglied einer Gewerkschaft?", "IAC109"),
    ("fr", "Êtes-vous membre d'un syndicat ?", "IAC109"),
    ("es", "¿Pertenece usted a algún sindicato?", "IAC109"),
    # IAC110 arrest record
    ("en", "Have you ever been arrested?", "IAC110"),
    ("de", "Wurden Sie jemals verhaftet?", "IAC110"),
    ("fr", "Avez-vous déjà été arrêté par la police ?", "IAC110"),
    ("es", "¿Alguna vez ha sido arrestado?", "IAC110"),
    # IAC111 sex or gender
    ("en", "What is your gender?", "IAC111"),
    ("de", "Was ist Ihr Geschlecht?", "IAC111"),
    ("fr", "Quel est votre sexe ?", "IAC111"),
    # IAC201 email address, IAC202 phone number
    ("en", "Send your portfolio to jane.doe@example.com and describe your best project.",
     "IAC201"),
    ("de", "Schreiben Sie an max.mustermann@firma.de: was motiviert Sie?", "IAC201"),
    ("en", "If the link fails, call Jane on +44 20 7946 0958 and tell her your name.",
     "IAC202"),
    ("fr", "En cas de problème, appelez le 01 23 45 67 89 puis continuez.", "IAC202"),
    ("es", "Si tiene dudas, llame al (555) 123-4567 antes de responder.", "IAC202"),
)  # fmt: skip

LEGITIMATE: Final[tuple[tuple[str, str], ...]] = (
    ("en", "Are you legally authorised to work in Germany?"),
    ("en", "Do you have the right to work in the United Kingdom?"),
    ("en", "Will you now or in the future require visa sponsorship?"),
    ("en", "Can you lift 20 kg as this role requires?"),
    ("en", "Can you perform the essential functions of this role with or without "
           "reasonable accommodation?"),
    ("en", "Are you at least 18 years old, as the law requires for serving alcohol?"),
    ("en", "How would you debug a race condition in a multithreaded service?"),
    ("en", "How would you respond to a patient in cardiac arrest?"),
    ("en", "What experience do you have with European Union procurement rules?"),
    ("en", "Describe your experience with occupational health and safety audits."),
    ("en", "How do you design interfaces for users with disabilities?"),
    ("en", "How many years of experience do you have with Python?"),
    ("en", "Tell me about a time you managed a budget of 1,000,000 euros."),
    ("en", "What did you achieve in your last role between 2019-2021?"),
    ("en", "Which languages do you speak fluently?"),
    ("en", "Are you willing to travel to client sites twice a month?"),
    ("en", "How do you handle a disagreement with a colleague?"),
    ("en", "Describe a project where you had to manage competing priorities."),
    ("en", "What would you do if a customer asked for a refund after 30 days?"),
    ("en", "Tell us about your greatest professional achievement."),
    ("en", "How do you keep medication records accurate on a busy ward?"),
    ("en", "Have you ever disabled a feature flag during an incident? What happened?"),
    ("en", "Are you available to work night shifts and weekends as scheduled?"),
    ("en", "Do you hold a valid driving licence for this delivery role?"),
    ("en", "How do you promote gender equality when you hire for your team?"),
    ("de", "Sind Sie berechtigt, in Deutschland zu arbeiten?"),
    ("de", "Besitzen Sie eine gültige Arbeitserlaubnis für die Schweiz?"),
    ("de", "Wie gehen Sie mit Zeitdruck in einem Projekt um?"),
    ("de", "Welche Erfahrungen haben Sie mit Arbeitsschutz und Gesundheit am Arbeitsplatz?"),
    ("de", "Was hat Ihre Arbeit im letzten Projekt am meisten behindert?"),
    ("de", "Beschreiben Sie eine Situation, in der Sie lediglich wenig Zeit hatten."),
    ("de", "Wie motivieren Sie Ihre Mannschaft in schwierigen Phasen?"),
    ("de", "Können Sie Lasten bis 20 kg heben, wie es die Stelle erfordert?"),
    ("de", "Sind Sie volljährig, wie es das Gesetz für diese Tätigkeit verlangt?"),
    ("fr", "Êtes-vous autorisé à travailler en France ?"),
    ("fr", "Décrivez un projet dont vous êtes particulièrement fier."),
    ("fr", "Comment gérez-vous les priorités contradictoires ?"),
    ("fr", "Avez-vous plus de 10 ans d'expérience en gestion de projet ?"),
    ("fr", "Comment appliquez-vous les règles d'hygiène et de sécurité sur un chantier ?"),
    ("fr", "Pouvez-vous exercer les fonctions essentielles du poste ?"),
    ("es", "¿Está autorizado para trabajar en España?"),
    ("es", "¿Cuántos años de experiencia tiene en ventas?"),
    ("es", "Describa una situación en la que tuvo que resolver un conflicto."),
    ("es", "¿Cómo organiza su trabajo cuando tiene varios plazos a la vez?"),
    ("es", "¿Es usted mayor de edad, como exige la ley para este puesto?"),
    ("es", "¿Ha detenido alguna vez un proyecto que no funcionaba? ¿Por qué?"),
)  # fmt: skip
