"""The planner's starting rules, one per legal requirement; admins keep them current in the portal."""

from datetime import date

CHECKED_ON = date(2026, 11, 2)

DEFAULT_RULES = [
    {
        "requirement": "babyscholing",
        "scope": "every_person",
        "role_slugs": ["pedagogisch-medewerker", "zij-instromer", "student-bbl"],
        "care_types": ["dagopvang"],
        "babies_only": True,
        "explanation": "Iedere pedagogisch medewerker die met kinderen tot 1 jaar werkt, moet daarvoor "
        "specifiek geschoold zijn (Wet IKK). Nieuwe medewerkers volgen de scholing bij de start.",
        "source_url": "https://www.rijksoverheid.nl/onderwerpen/kinderopvang/kwaliteit-kinderopvang",
    },
    {
        "requirement": "taalniveau-3f",
        "scope": "every_person",
        "role_slugs": ["pedagogisch-medewerker", "pedagogisch-beleidsmedewerker", "zij-instromer"],
        "care_types": ["dagopvang", "peuteropvang"],
        "explanation": "Pedagogisch medewerkers in dagopvang en peuteropvang beheersen de mondelinge "
        "taalvaardigheden op niveau 3F, sinds 1 januari 2025.",
        "source_url": "https://www.rijksoverheid.nl/onderwerpen/kinderopvang/kwaliteit-kinderopvang",
    },
    {
        "requirement": "kinder-ehbo",
        "scope": "per_location",
        "holders_per_location": 1,
        "renewal_months": 24,
        "plan_ahead_days": 90,
        "explanation": "Op elke locatie is altijd ten minste één volwassene met een geldig, geregistreerd "
        "certificaat kinder-EHBO aanwezig. Plan ruim: roosters vragen in de praktijk meer houders, en het "
        "certificaat blijft alleen geldig met tijdige herhaling.",
        "source_url": "https://wetten.overheid.nl/BWBR0040419",
    },
    {
        "requirement": "pedagogisch-coach",
        "scope": "hours",
        "role_slugs": ["pedagogisch-medewerker"],
        "hours_per_fte": 10,
        "hours_per_location": 50,
        "explanation": "Elke pedagogisch medewerker krijgt jaarlijks coaching: minimaal 10 uur per fte, plus "
        "50 uur per kindcentrum voor beleidsontwikkeling. De coach heeft een erkende kwalificatie.",
        "source_url": "https://www.rijksoverheid.nl/onderwerpen/kinderopvang/kwaliteit-kinderopvang",
    },
    {
        "requirement": "vve-certificaat",
        "scope": "every_person",
        "role_slugs": ["pedagogisch-medewerker"],
        "care_types": ["dagopvang", "peuteropvang"],
        "vve_only": True,
        "explanation": "Wie op een VVE-groep werkt, heeft een certificaat voor VVE-scholing "
        "en taalniveau 3F.",
        "source_url": "https://www.rijksoverheid.nl/onderwerpen/voorschoolse-en-vroegschoolse-educatie",
    },
]
