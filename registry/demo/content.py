"""Fictional Dutch texts from which the demonstration catalogue is generated.

The sector's real vocabularies, requirements and schemes are reference data (registry/reference/data);
the course templates below refer to them by slug and code.
"""

from typing import TypedDict

__all__ = [
    "CITIES",
    "COURSE_TEMPLATES",
    "PROVIDER_BLURBS",
    "PROVIDER_NAME_PARTS",
    "STREETS",
]


class CourseTemplate(TypedDict):
    titles: list[str]
    summary: str
    paragraphs: list[str]
    topics: list[str]
    roles: list[str]
    age_groups: list[str]
    levels: list[str]
    modes: list[str]
    hours: tuple[int, int]
    price: tuple[int, int]
    legal_requirement: str | None
    certificate: str
    schemes: list[str]
    programme: str
    sectors: list[str]


COURSE_TEMPLATES: list[CourseTemplate] = [
    # --- Wettelijk verplichte scholing -------------------------------------------------------------------
    {
        "titles": [
            "Werken met 0-jarigen: babyscholing voor pedagogisch medewerkers",
            "Babyscholing werken met 0-jarigen – basistraining",
            "Baby's in de kinderopvang: de verplichte babyscholing",
        ],
        "summary": (
            "Cao-erkende babyscholing voor pedagogisch medewerkers die op een babygroep of een verticale "
            "groep met baby's werken of gaan werken."
        ),
        "paragraphs": [
            (
                "In deze scholing leer je hoe baby's zich ontwikkelen en wat dat vraagt van jou als "
                "pedagogisch medewerker. Hechting, wennen, slaap, voeding en verzorging komen uitgebreid aan "
                "bod."
            ),
            (
                "Je oefent met het lezen van signalen van baby's en met sensitief en responsief reageren. Je "
                "brengt video-opnames van je eigen groep mee en bespreekt die met de trainer en collega's."
            ),
            (
                "Tussen de bijeenkomsten voer je praktijkopdrachten uit op je eigen groep. De trainer geeft "
                "feedback op je verslag en je reflectie."
            ),
            (
                "De scholing heeft een studiebelasting van ten minste twintig uur, zoals de cao Kinderopvang "
                "vraagt voor werken met 0-jarigen. Je ontvangt een certificaat dat je aan je werkgever kunt "
                "laten zien."
            ),
        ],
        "topics": ["babyscholing", "sensitieve-responsiviteit"],
        "roles": ["pedagogisch-medewerker", "zij-instromer", "student-bbl"],
        "age_groups": ["0-1"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["classroom", "blended", "in_company"],
        "hours": (16, 32),
        "price": (325, 695),
        "legal_requirement": "babyscholing",
        "certificate": "Certificaat Werken met 0-jarigen (cao-erkend)",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": [],
    },
    {
        "titles": [
            "Hbo-module Baby's en dreumesen: ontwikkeling en pedagogisch handelen",
            "Korte hbo-cursus Babyspecialist",
            "Post-hbo Werken met 0-jarigen",
        ],
        "summary": (
            "Korte hbo-cursus over de ontwikkeling van baby's en dreumesen, voor medewerkers die de "
            "babyscholing willen combineren met verdieping en hun kennis willen delen met het team."
        ),
        "paragraphs": [
            (
                "Deze module verbindt recente kennis over hersenontwikkeling, hechting en emotieregulatie "
                "met het dagelijkse werk op de babygroep. Je leest vakliteratuur en vertaalt die naar "
                "concrete afspraken voor je groep."
            ),
            (
                "Je observeert een baby gedurende enkele weken en schrijft een ontwikkelingsverslag. "
                "Daarnaast ontwerp je een kleine verbeteractie voor je team, bijvoorbeeld rond wenbeleid of "
                "rustmomenten."
            ),
            (
                "De module sluit af met een presentatie voor collega's en een beoordeling door een docent. "
                "De scholing staat op de lijst van cao-erkende babyscholingen."
            ),
        ],
        "topics": ["babyscholing", "observeren-en-signaleren", "ontwikkelingsgericht-werken"],
        "roles": ["pedagogisch-medewerker", "pedagogisch-beleidsmedewerker", "leidinggevende"],
        "age_groups": ["0-1", "0-4"],
        "levels": ["hbo"],
        "modes": ["blended", "classroom"],
        "hours": (56, 112),
        "price": (895, 1850),
        "legal_requirement": "babyscholing",
        "certificate": "Certificaat hbo-module (cao-erkend als babyscholing)",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "Leergang Babyspecialist",
        "sectors": ["jeugdzorg"],
    },
    {
        "titles": [
            "Taaltraining 3F mondeling voor pedagogisch medewerkers",
            "Op weg naar de taaleis 3F: spreken, luisteren en gesprekken voeren",
            "Taal 3F in de kinderopvang – training en examen",
        ],
        "summary": (
            "Training in mondelinge taalvaardigheid op niveau 3F, afgestemd op situaties uit de "
            "kinderopvang, met een intake en de mogelijkheid om een erkende taaltoets af te leggen."
        ),
        "paragraphs": [
            (
                "Je begint met een intake waarin je huidige niveau in spreken, luisteren en gesprekken "
                "voeren wordt bepaald. Op basis daarvan krijg je een persoonlijk oefenplan."
            ),
            (
                "In de lessen oefen je met situaties uit je eigen werk: een overdracht aan ouders, een "
                "teamoverleg, een kind uitleg geven of een telefoongesprek met een ketenpartner. Je krijgt "
                "gerichte feedback op woordkeus, zinsbouw en uitspraak."
            ),
            (
                "Tussen de lessen werk je online aan luisteroefeningen en neem je korte gesprekken op. De "
                "trainer volgt je voortgang."
            ),
            (
                "De training bereidt je voor op een erkende taaltoets voor de deelvaardigheden spreken, "
                "gesprekken voeren en luisteren. Met het certificaat toon je aan dat je voldoet aan de "
                "taaleis."
            ),
        ],
        "topics": ["taalniveau-3f"],
        "roles": ["pedagogisch-medewerker", "pedagogisch-beleidsmedewerker", "zij-instromer"],
        "age_groups": ["0-1", "0-4"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["blended", "classroom", "in_company"],
        "hours": (20, 60),
        "price": (395, 1250),
        "legal_requirement": "taalniveau-3f",
        "certificate": "Certificaat taaltoets 3F (mondeling)",
        "schemes": ["OO-KINDEROPVANG", "VVE-GEMEENTE"],
        "programme": "",
        "sectors": [],
    },
    {
        "titles": [
            "Lezen op niveau 3F voor de voorschoolse educatie",
            "Taal 3F lezen en mondeling voor VE-medewerkers",
        ],
        "summary": (
            "Training lezen en mondelinge vaardigheid op niveau 3F voor pedagogisch medewerkers die "
            "voorschoolse educatie geven of gaan geven."
        ),
        "paragraphs": [
            (
                "Medewerkers in de voorschoolse educatie moeten ook op niveau 3F kunnen lezen. In deze "
                "training werk je met teksten uit je eigen vak, zoals programmahandleidingen, "
                "observatieformulieren en brieven van de gemeente."
            ),
            (
                "Je leert de hoofdzaak uit een tekst te halen, informatie te vergelijken en kritisch te "
                "lezen. Daarnaast oefen je gesprekken met ouders over de ontwikkeling van hun kind."
            ),
            (
                "De training eindigt met een oefentoets en een advies over het moment waarop je het "
                "officiële examen aflegt."
            ),
        ],
        "topics": ["taalniveau-3f", "vve"],
        "roles": ["pedagogisch-medewerker", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-4"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["classroom", "blended", "online"],
        "hours": (16, 40),
        "price": (350, 950),
        "legal_requirement": "vve-certificaat",
        "certificate": "Bewijs van deelname (examen 3F apart af te leggen)",
        "schemes": ["OO-KINDEROPVANG", "VVE-GEMEENTE"],
        "programme": "",
        "sectors": [],
    },
    {
        "titles": [
            "Nederlands op de werkvloer: opstap naar 3F",
            "Taalcursus voor groepshulpen en nieuwe collega's",
            "Beter Nederlands in de kinderopvang – basistraject",
        ],
        "summary": (
            "Taaltraject voor medewerkers die het Nederlands nog niet op niveau 2F beheersen en stap voor "
            "stap willen toewerken naar de taaleis voor pedagogisch medewerkers."
        ),
        "paragraphs": [
            (
                "Dit traject is bedoeld voor collega's die graag in de kinderopvang werken, maar bij wie de "
                "taal nog een drempel is. Een gevalideerde toets bepaalt vooraf het startniveau."
            ),
            (
                "Je leert woorden en zinnen die je op de groep nodig hebt: voor de dagelijkse routines, het "
                "praten met kinderen en korte gesprekken met ouders. Ook lezen en schrijven van eenvoudige "
                "werkteksten komen aan bod."
            ),
            (
                "De lessen vinden zo veel mogelijk plaats op of dicht bij de werkplek. Een taalmaatje uit "
                "het team oefent tussendoor met je."
            ),
            (
                "Aan het eind doe je opnieuw een toets. Je krijgt advies over een vervolgtraining richting "
                "niveau 3F."
            ),
        ],
        "topics": ["taalniveau-3f", "zij-instroom"],
        "roles": ["groepshulp", "zij-instromer", "gastouder"],
        "age_groups": ["0-4", "4-13"],
        "levels": ["none", "mbo-2"],
        "modes": ["workplace", "classroom", "in_company"],
        "hours": (40, 120),
        "price": (450, 1450),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname met toetsuitslag",
        "schemes": ["TEL-MEE-MET-TAAL", "STAP"],
        "programme": "Instroomroute Pedagogisch werk",
        "sectors": ["onderwijs", "zorg"],
    },
    {
        "titles": [
            "Kinder-EHBO: eerste hulp bij ongelukken met kinderen",
            "Cursus Eerste hulp aan kinderen (geregistreerd certificaat)",
            "Kinder-EHBO basiscursus voor de kinderopvang",
        ],
        "summary": (
            "Basiscursus eerste hulp aan baby's en kinderen die leidt tot een geregistreerd certificaat "
            "kinder-EHBO zoals de kinderopvang dat vraagt."
        ),
        "paragraphs": [
            (
                "Je leert wat je moet doen bij ongelukken en acute ziekte van baby's en kinderen: "
                "verslikking, bewusteloosheid, brandwonden, koorts, allergische reacties en hoofdletsel. Ook "
                "reanimatie en het gebruik van een AED bij kinderen oefen je."
            ),
            (
                "De cursus is praktisch: je oefent met oefenpoppen en met scenario's die in een "
                "kinderdagverblijf, op de bso of bij een gastouder kunnen voorkomen."
            ),
            (
                "De instructeur toetst je handelingen tijdens de laatste bijeenkomst. Na een geslaagde toets "
                "ontvang je een geregistreerd certificaat dat meetelt voor de eis uit het Besluit kwaliteit "
                "kinderopvang."
            ),
        ],
        "topics": ["kinder-ehbo"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder", "groepshulp", "zij-instromer"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none"],
        "modes": ["classroom", "in_company"],
        "hours": (8, 12),
        "price": (95, 195),
        "legal_requirement": "kinder-ehbo",
        "certificate": "Certificaat kinder-EHBO (geregistreerd)",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs", "sport"],
    },
    {
        "titles": [
            "Herhalingstraining kinder-EHBO",
            "Kinder-EHBO opfriscursus",
            "Kinder-EHBO herhaling op locatie",
        ],
        "summary": (
            "Herhalingstraining om je geregistreerde certificaat kinder-EHBO geldig te houden, met extra "
            "aandacht voor reanimatie en verslikking."
        ),
        "paragraphs": [
            (
                "In één dagdeel frissen je kennis en vaardigheden op. Je oefent reanimatie van baby's en "
                "kinderen, de AED en het handelen bij verslikking."
            ),
            (
                "De instructeur kiest per groep een paar actuele thema's, zoals allergieën of letsel bij "
                "buitenspelen. Je bespreekt ook ervaringen uit je eigen praktijk."
            ),
            "Na deelname wordt de herhaling geregistreerd, zodat je certificaat geldig blijft.",
        ],
        "topics": ["kinder-ehbo"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder", "groepshulp"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none"],
        "modes": ["classroom", "in_company"],
        "hours": (3, 4),
        "price": (45, 95),
        "legal_requirement": "kinder-ehbo",
        "certificate": "Certificaat kinder-EHBO (geregistreerd)",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs", "sport"],
    },
    {
        "titles": [
            "Bedrijfshulpverlening (BHV) voor de kinderopvang",
            "BHV basis: ontruimen met jonge kinderen",
            "BHV-basiscursus kinderopvang en bso",
        ],
        "summary": (
            "BHV-basiscursus met eerste hulp, brandbestrijding en ontruiming, toegespitst op een locatie met "
            "baby's, peuters en schoolkinderen."
        ),
        "paragraphs": [
            (
                "Als bedrijfshulpverlener weet je wat je moet doen bij brand, een ongeval of een ontruiming. "
                "In deze cursus leer je alarmeren, kleine branden blussen en eerste hulp verlenen."
            ),
            (
                "Er is veel aandacht voor ontruimen met kinderen die niet zelf kunnen lopen. Je oefent met "
                "evacuatiebedden en bespreekt het ontruimingsplan van je eigen locatie."
            ),
            "De cursus eindigt met een praktijkexamen. Daarna ben je inzetbaar als BHV'er op je locatie.",
        ],
        "topics": ["bhv", "veiligheidsbeleid"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "leidinggevende", "locatiemanager"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none"],
        "modes": ["classroom", "in_company"],
        "hours": (12, 16),
        "price": (195, 375),
        "legal_requirement": None,
        "certificate": "BHV-certificaat",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "BHV-herhaling kinderopvang",
            "Herhalingstraining bedrijfshulpverlening",
        ],
        "summary": (
            "Jaarlijkse herhaling voor BHV'ers in de kinderopvang, met een ontruimingsoefening op de eigen "
            "locatie."
        ),
        "paragraphs": [
            (
                "Je herhaalt de belangrijkste handelingen bij brand, ongevallen en ontruiming. Nieuwe "
                "richtlijnen worden kort toegelicht."
            ),
            (
                "Waar mogelijk oefen je op je eigen locatie, zodat vluchtwegen, verzamelplaats en "
                "taakverdeling echt getest worden. Na afloop evalueer je de oefening met het team."
            ),
            "Na deelname wordt je BHV-certificaat met een jaar verlengd.",
        ],
        "topics": ["bhv"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "leidinggevende", "locatiemanager"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none"],
        "modes": ["classroom", "in_company"],
        "hours": (4, 8),
        "price": (95, 195),
        "legal_requirement": None,
        "certificate": "BHV-certificaat",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "VVE-training: werken met een integraal programma voor peuters",
            "VVE-certificaattraining voor pedagogisch medewerkers",
            "VVE-training thematisch werken met peuters",
        ],
        "summary": (
            "Certificaattraining voor het werken met een erkend programma voor voorschoolse educatie, met "
            "thematisch werken, taal, rekenen en sociaal-emotionele ontwikkeling."
        ),
        "paragraphs": [
            (
                "In deze training leer je werken met een samenhangend programma voor voorschoolse educatie. "
                "Je maakt kennis met de opbouw van thema's, de rol van spel en de doelen voor taal, rekenen, "
                "motoriek en sociaal-emotionele ontwikkeling."
            ),
            (
                "Je bereidt activiteiten voor, voert ze uit op je eigen groep en bespreekt video-opnames met "
                "de trainer. Zo leer je de aanpak af te stemmen op peuters die extra ondersteuning nodig "
                "hebben."
            ),
            (
                "Ook observeren en registreren, ouderbetrokkenheid en de overdracht naar de basisschool "
                "komen aan bod."
            ),
            (
                "Na de praktijkbeoordeling ontvang je het VVE-certificaat dat nodig is om voorschoolse "
                "educatie te geven."
            ),
        ],
        "topics": ["vve", "ontwikkelingsgericht-werken", "taalstimulering"],
        "roles": ["pedagogisch-medewerker", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-4"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["blended", "classroom", "in_company"],
        "hours": (48, 96),
        "price": (950, 2150),
        "legal_requirement": "vve-certificaat",
        "certificate": "VVE-certificaat",
        "schemes": ["VVE-GEMEENTE", "OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "VVE-training voor peutergroepen met jonge peuters",
            "VVE-training: spelen en leren met peuters van 2 tot 4 jaar",
        ],
        "summary": (
            "VVE-certificaattraining voor de peuteropvang, met de nadruk op spel, taal in de dagelijkse "
            "routines en het betrekken van ouders."
        ),
        "paragraphs": [
            (
                "Jonge peuters leren vooral in spel en in de vaste momenten van de dag. In deze training "
                "leer je die momenten bewust te gebruiken voor taal, tellen en samen spelen."
            ),
            (
                "Je werkt met de materialen en thema's van het programma en ontwerpt activiteiten voor jouw "
                "groep. Tijdens praktijkbezoeken kijkt de trainer mee en geeft feedback."
            ),
            (
                "Je leert ouders te betrekken bij de thema's, bijvoorbeeld met een themakoffer of een "
                "ouderbijeenkomst."
            ),
            "Na afronding ontvang je het VVE-certificaat.",
        ],
        "topics": ["vve", "spel-en-spelverrijking", "educatief-partnerschap"],
        "roles": ["pedagogisch-medewerker"],
        "age_groups": ["0-4"],
        "levels": ["mbo-3"],
        "modes": ["blended", "in_company"],
        "hours": (40, 80),
        "price": (850, 1850),
        "legal_requirement": "vve-certificaat",
        "certificate": "VVE-certificaat",
        "schemes": ["VVE-GEMEENTE", "OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "VVE-borging: opbrengstgericht werken op de VE-groep",
            "VVE-opfristraining en planmatig werken",
        ],
        "summary": (
            "Vervolgtraining voor gecertificeerde VE-medewerkers die hun kennis willen opfrissen en "
            "planmatig en opbrengstgericht willen werken."
        ),
        "paragraphs": [
            (
                "Na een paar jaar werken met een VVE-programma sluipen er gewoontes in. In deze training "
                "kijk je samen met je team opnieuw naar de doelen van het programma en je eigen aanpak."
            ),
            (
                "Je leert observatiegegevens te gebruiken om activiteiten te plannen en groepjes samen te "
                "stellen. Je maakt een groepsplan voor een thema en evalueert dat na afloop."
            ),
            (
                "De training telt mee voor het jaarlijkse opleidingsplan voorschoolse educatie van je "
                "organisatie."
            ),
        ],
        "topics": ["vve", "kwaliteitszorg", "observeren-en-signaleren"],
        "roles": ["pedagogisch-medewerker", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-4"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["in_company", "blended"],
        "hours": (8, 16),
        "price": (195, 450),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["VVE-GEMEENTE", "OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    # --- Coaching en werkplekleren ------------------------------------------------------------------------
    {
        "titles": [
            "Opleiding Pedagogisch coach kinderopvang",
            "Coachen van pedagogisch medewerkers (branche-erkend)",
            "Pedagogisch coach: begeleiden op de groep",
        ],
        "summary": (
            "Branche-erkende opleiding tot pedagogisch coach, waarmee je met een mbo-4- of hbo-achtergrond "
            "de rol van pedagogisch beleidsmedewerker/coach kunt vervullen."
        ),
        "paragraphs": [
            (
                "Als pedagogisch coach help je pedagogisch medewerkers om hun werk met kinderen steeds een "
                "beetje beter te doen. In deze opleiding leer je coachgesprekken voeren, observeren op de "
                "groep en werken met een coachplan."
            ),
            (
                "Je oefent met gesprekstechnieken, feedback geven en het stellen van leervragen. Je coacht "
                "tijdens de opleiding zelf medewerkers en bespreekt die trajecten in intervisie."
            ),
            "Ook teamcoaching en het verbinden van coaching met het pedagogisch beleid komen aan bod.",
            (
                "De opleiding sluit af met een portfolio en een praktijkassessment. Samen met pedagogiek "
                "0-13 voldoet deze scholing aan de cao-eisen voor de functie."
            ),
        ],
        "topics": ["pedagogisch-coach", "intervisie-en-teamleren"],
        "roles": ["pedagogisch-beleidsmedewerker", "pedagogisch-medewerker", "leidinggevende"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-4", "hbo"],
        "modes": ["blended", "classroom"],
        "hours": (80, 160),
        "price": (1650, 3450),
        "legal_requirement": "pedagogisch-coach",
        "certificate": "Certificaat pedagogisch coach (branche-erkend)",
        "schemes": ["OO-KINDEROPVANG", "STAP"],
        "programme": "Leergang Pedagogisch beleidsmedewerker / coach",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "Pedagogiek 0-13 jaar (branche-erkend)",
            "Verdieping pedagogiek 0-13 voor beleidsmedewerkers",
            "Module Pedagogiek van 0 tot 13 jaar",
        ],
        "summary": (
            "Branche-erkende scholing pedagogiek voor kinderen van 0 tot 13 jaar, een van de bouwstenen om "
            "als pedagogisch beleidsmedewerker/coach aan de slag te gaan."
        ),
        "paragraphs": [
            (
                "Deze scholing geeft je een stevige basis in ontwikkelingspsychologie en pedagogiek van baby "
                "tot tiener. Je verdiept je in theorieën over hechting, spel, taal, zelfstandigheid en "
                "groepsdynamiek."
            ),
            (
                "Je leert die kennis te gebruiken bij het schrijven en toetsen van pedagogisch beleid. Je "
                "analyseert het beleidsplan van je eigen organisatie en doet verbetervoorstellen."
            ),
            (
                "De module sluit af met een beleidsstuk dat door een docent wordt beoordeeld. Samen met een "
                "coachopleiding voldoe je aan de kwalificatie-eisen uit de cao Kinderopvang."
            ),
        ],
        "topics": ["pedagogiek-0-13", "visie-en-pedagogisch-beleid", "pedagogisch-coach"],
        "roles": ["pedagogisch-beleidsmedewerker", "pedagogisch-medewerker", "leidinggevende"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["hbo", "mbo-4"],
        "modes": ["blended", "online", "classroom"],
        "hours": (80, 140),
        "price": (1450, 2950),
        "legal_requirement": "pedagogisch-coach",
        "certificate": "Certificaat pedagogiek 0-13 (branche-erkend)",
        "schemes": ["OO-KINDEROPVANG", "STAP"],
        "programme": "Leergang Pedagogisch beleidsmedewerker / coach",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    {
        "titles": [
            "Beeldcoaching en video-interactiebegeleiding in de kinderopvang",
            "Coachen met beeld: video-interactiebegeleiding",
        ],
        "summary": (
            "Training voor coaches die met korte video-opnames van de groep willen werken om interacties "
            "tussen medewerkers en kinderen zichtbaar en bespreekbaar te maken."
        ),
        "paragraphs": [
            (
                "Met beelden van de eigen groep zien pedagogisch medewerkers zelf wat goed gaat en wat beter "
                "kan. In deze training leer je filmen, fragmenten kiezen en een beeldbespreking voeren."
            ),
            (
                "Je oefent met het benoemen van geslaagde momenten en het stellen van open vragen. Ook "
                "privacy en toestemming van ouders komen aan bod."
            ),
            (
                "Tijdens de training begeleid je zelf enkele medewerkers. Je bespreekt je opnames van die "
                "gesprekken met de trainer."
            ),
        ],
        "topics": ["beeldcoaching", "pedagogisch-coach", "interactievaardigheden"],
        "roles": ["pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-4", "hbo"],
        "modes": ["blended", "classroom"],
        "hours": (24, 60),
        "price": (695, 1650),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "Leergang Pedagogisch beleidsmedewerker / coach",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    {
        "titles": [
            "Praktijkopleider kinderopvang: leren op de werkplek begeleiden",
            "Mentor werkplekleren voor pedagogisch medewerkers",
            "Werkbegeleider van stagiairs en nieuwe collega's",
        ],
        "summary": (
            "Training voor ervaren pedagogisch medewerkers die stagiairs, bbl-studenten en nieuwe collega's "
            "op de groep begeleiden als mentor of praktijkopleider."
        ),
        "paragraphs": [
            (
                "Veel leren gebeurt op de groep, naast een ervaren collega. In deze training leer je hoe je "
                "dat leren bewust begeleidt: met een goed inwerkplan, leerdoelen en regelmatige gesprekken."
            ),
            (
                "Je oefent met feedback geven, het voordoen en hardop denken tijdens het werk, en het "
                "beoordelen van praktijkopdrachten van mbo-studenten."
            ),
            (
                "Ook de samenwerking met de opleiding en het bewaken van de eigen grenzen als mentor komen "
                "aan bod."
            ),
            "Je sluit af met een begeleidingsplan voor een student of nieuwe collega op je eigen locatie.",
        ],
        "topics": ["mentor-werkplekleren", "zij-instroom", "leercultuur"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["classroom", "blended", "in_company"],
        "hours": (12, 32),
        "price": (295, 795),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "Leren op de werkvloer organiseren: traject lerende organisatie",
            "Werkplekleren invoeren in je kinderopvangorganisatie",
        ],
        "summary": (
            "Begeleidingstraject op maat waarin een organisatie een eigen aanpak voor werkplekleren, "
            "intervisie en coaching op de groep ontwikkelt en invoert."
        ),
        "paragraphs": [
            (
                "Dit is geen cursus, maar een traject voor de hele organisatie. Samen met een adviseur breng "
                "je in kaart hoe er nu geleerd wordt en wat medewerkers en teams nodig hebben."
            ),
            (
                "Op basis daarvan ontwerp je een aanpak: bijvoorbeeld vaste leermomenten in het teamoverleg, "
                "collegiale consultatie, leerbuddy's en een rol voor de coach."
            ),
            (
                "Een paar locaties proberen de aanpak eerst uit. Daarna wordt die bijgesteld en in de hele "
                "organisatie ingevoerd."
            ),
            (
                "Het traject levert een opleidings- en ontwikkelplan op dat past bij de visie van de "
                "organisatie."
            ),
        ],
        "topics": ["leercultuur", "mentor-werkplekleren", "innovatie"],
        "roles": ["leidinggevende", "locatiemanager", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none"],
        "modes": ["in_company", "workplace"],
        "hours": (40, 120),
        "price": (4500, 14500),
        "legal_requirement": None,
        "certificate": "Geen certificaat (organisatietraject)",
        "schemes": ["SLIM"],
        "programme": "",
        "sectors": [],
    },
    {
        "titles": [
            "Ontwikkelgesprekken en loopbaanadvies voor medewerkers",
            "Loopbaanscan kinderopvang: wat wil en kan ik?",
        ],
        "summary": (
            "Individuele loopbaan- en ontwikkeladviezen door een gekwalificeerde loopbaanadviseur, voor "
            "organisaties die de ontwikkelwensen van hun medewerkers in beeld willen brengen."
        ),
        "paragraphs": [
            (
                "Medewerkers voeren een of twee gesprekken met een loopbaanadviseur over hun talenten, "
                "ambities en mogelijkheden binnen en buiten de organisatie."
            ),
            (
                "Ze maken een persoonlijk ontwikkelplan, bijvoorbeeld gericht op doorgroei naar pedagogisch "
                "beleidsmedewerker, mentor of specialist baby's."
            ),
            (
                "De organisatie krijgt een geanonimiseerd overzicht van de ontwikkelwensen, als basis voor "
                "het opleidingsbeleid."
            ),
        ],
        "topics": ["leercultuur", "leidinggeven"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "leidinggevende", "groepshulp"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none"],
        "modes": ["in_company"],
        "hours": (3, 6),
        "price": (250, 650),
        "legal_requirement": None,
        "certificate": "Persoonlijk ontwikkelplan",
        "schemes": ["SLIM"],
        "programme": "",
        "sectors": ["onderwijs", "zorg"],
    },
    {
        "titles": [
            "Intervisie begeleiden in het kinderopvangteam",
            "Teamleren met intervisie en collegiale consultatie",
        ],
        "summary": (
            "Training voor coaches en leidinggevenden die intervisiebijeenkomsten willen begeleiden waarin "
            "medewerkers van elkaars praktijkvragen leren."
        ),
        "paragraphs": [
            (
                "In intervisie bespreken collega's een vraag uit hun eigen werk en helpen ze elkaar verder "
                "zonder direct advies te geven. In deze training leer je verschillende intervisiemethoden "
                "kennen."
            ),
            (
                "Je oefent met het begeleiden van een bijeenkomst, het bewaken van de structuur en het "
                "zorgen voor een veilige sfeer."
            ),
            (
                "Na de training begeleid je zelf een reeks bijeenkomsten in je team. Je bespreekt je "
                "ervaringen in een terugkombijeenkomst."
            ),
        ],
        "topics": ["intervisie-en-teamleren", "leercultuur"],
        "roles": ["pedagogisch-beleidsmedewerker", "leidinggevende", "locatiemanager"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-4", "hbo"],
        "modes": ["classroom", "in_company"],
        "hours": (8, 20),
        "price": (250, 695),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    {
        "titles": [
            "Starten in de kinderopvang: oriëntatie voor zij-instromers",
            "Zij-instroomtraject pedagogisch medewerker",
            "Van andere sector naar de kinderopvang",
        ],
        "summary": (
            "Oriëntatie- en instroomtraject voor mensen uit een andere sector die pedagogisch medewerker "
            "willen worden, met werkervaring op een groep en begeleiding."
        ),
        "paragraphs": [
            (
                "Je maakt kennis met het werk in de dagopvang, de peuteropvang en de bso. Je loopt mee op "
                "verschillende groepen en praat met ervaren collega's."
            ),
            (
                "In korte lessen leer je de basis: ontwikkeling van kinderen, veiligheid en gezondheid, de "
                "regels van de kinderopvang en het contact met ouders."
            ),
            (
                "Samen met een loopbaanbegeleider kijk je welke vervolgroute bij je past, bijvoorbeeld een "
                "bbl-opleiding of losse mbo-certificaten."
            ),
            "Je sluit af met een praktijkverklaring en een persoonlijk leerplan.",
        ],
        "topics": ["zij-instroom", "pedagogiek-0-13"],
        "roles": ["zij-instromer", "groepshulp"],
        "age_groups": ["0-4", "4-13"],
        "levels": ["mbo-2", "mbo-3"],
        "modes": ["workplace", "blended"],
        "hours": (40, 100),
        "price": (195, 950),
        "legal_requirement": None,
        "certificate": "Praktijkverklaring",
        "schemes": ["OO-KINDEROPVANG", "STAP"],
        "programme": "Instroomroute Pedagogisch werk",
        "sectors": ["zorg", "onderwijs"],
    },
    {
        "titles": [
            "Mbo-certificaat Pedagogisch werk: begeleiden van kinderen in groepen",
            "Module Pedagogisch werk niveau 3 (derde leerweg)",
        ],
        "summary": (
            "Erkende mbo-module uit de opleiding Pedagogisch werk, voor zij-instromers en groepshulpen die "
            "stap voor stap een kwalificatie opbouwen naast hun werk."
        ),
        "paragraphs": [
            (
                "Deze module is een deel van het mbo-diploma Pedagogisch werk en sluit aan op het "
                "kwalificatiedossier. Je leert een groep kinderen begeleiden, activiteiten voorbereiden en "
                "de ontwikkeling van kinderen volgen."
            ),
            (
                "Je werkt op je eigen werkplek aan praktijkopdrachten en volgt daarnaast lessen op school of "
                "online."
            ),
            (
                "Met een examen in de praktijk haal je het mbo-certificaat. Later kun je met andere modules "
                "het volledige diploma behalen."
            ),
        ],
        "topics": ["zij-instroom", "pedagogiek-0-13", "ontwikkelingsgericht-werken"],
        "roles": ["zij-instromer", "groepshulp", "student-bbl"],
        "age_groups": ["0-4", "4-13"],
        "levels": ["mbo-3"],
        "modes": ["blended", "workplace"],
        "hours": (200, 400),
        "price": (1250, 2950),
        "legal_requirement": None,
        "certificate": "Mbo-certificaat",
        "schemes": ["STAP", "OO-KINDEROPVANG"],
        "programme": "Instroomroute Pedagogisch werk",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "Bbl-opleiding Gespecialiseerd pedagogisch medewerker niveau 4",
            "Gespecialiseerd pedagogisch medewerker (bbl)",
        ],
        "summary": (
            "Tweejarige bbl-opleiding op mbo-niveau 4 voor pedagogisch medewerkers die willen doorgroeien "
            "naar een specialistische rol op de groep of in het team."
        ),
        "paragraphs": [
            (
                "Je werkt en leert tegelijk: je hebt een baan in de kinderopvang en gaat één dag per week "
                "naar school. De opleiding bouwt voort op je ervaring als pedagogisch medewerker."
            ),
            (
                "Je verdiept je in ontwikkelingsstimulering, het signaleren van problemen, het begeleiden "
                "van collega's en het meedenken over beleid."
            ),
            (
                "Op je werkplek krijg je begeleiding van een praktijkopleider. Je sluit af met het "
                "mbo-diploma Gespecialiseerd pedagogisch medewerker."
            ),
        ],
        "topics": ["pedagogiek-0-13", "observeren-en-signaleren", "mentor-werkplekleren"],
        "roles": ["pedagogisch-medewerker", "student-bbl"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-4"],
        "modes": ["workplace", "classroom"],
        "hours": (1200, 1600),
        "price": (1400, 3800),
        "legal_requirement": None,
        "certificate": "Diploma",
        "schemes": ["STAP"],
        "programme": "",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    # --- Pedagogisch vakmanschap --------------------------------------------------------------------------
    {
        "titles": [
            "De zes interactievaardigheden in de praktijk",
            "Interactievaardigheden voor pedagogisch medewerkers",
            "Training interactievaardigheden met beeld",
        ],
        "summary": (
            "Praktische training in de interactievaardigheden van pedagogisch medewerkers: sensitieve "
            "responsiviteit, autonomie respecteren, structureren en grenzen stellen, praten en uitleggen, "
            "ontwikkelingsstimulering en begeleiden van interacties."
        ),
        "paragraphs": [
            (
                "Goede interacties tussen medewerker en kind zijn de kern van pedagogische kwaliteit. In "
                "deze training werk je aan alle interactievaardigheden, met voorbeelden uit de dagopvang en "
                "de bso."
            ),
            (
                "Je neemt korte opnames van je eigen groep mee en bespreekt die met collega's. Zo zie je wat "
                "je al goed doet en waar je nog kunt groeien."
            ),
            "Tussen de bijeenkomsten kies je steeds één vaardigheid om bewust mee te oefenen.",
            "Aan het eind maak je een persoonlijk ontwikkelplan dat je kunt bespreken met je coach.",
        ],
        "topics": ["interactievaardigheden", "sensitieve-responsiviteit", "beeldcoaching"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["classroom", "in_company", "blended"],
        "hours": (12, 24),
        "price": (245, 595),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "Sensitief en responsief reageren op jonge kinderen",
            "Sensitieve responsiviteit: emotionele veiligheid op de groep",
        ],
        "summary": (
            "Training over het opmerken en goed beantwoorden van signalen van kinderen, zodat ze zich "
            "emotioneel veilig voelen op de groep."
        ),
        "paragraphs": [
            (
                "Kinderen die zich veilig voelen, durven te spelen en te ontdekken. Je leert signalen van "
                "kinderen beter te zien, ook de stille en minder opvallende."
            ),
            (
                "Je oefent met het benoemen van gevoelens, troosten en afstemmen op het tempo van het kind. "
                "Ook lastige momenten, zoals afscheid nemen bij het brengen, komen aan bod."
            ),
            "Je werkt met casussen en met beelden uit je eigen praktijk.",
        ],
        "topics": ["sensitieve-responsiviteit", "interactievaardigheden", "babyscholing"],
        "roles": ["pedagogisch-medewerker", "gastouder", "zij-instromer"],
        "age_groups": ["0-1", "0-4"],
        "levels": ["mbo-2", "mbo-3", "mbo-4"],
        "modes": ["classroom", "online", "in_company"],
        "hours": (6, 12),
        "price": (145, 375),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "Leergang Babyspecialist",
        "sectors": [],
    },
    {
        "titles": [
            "Observeren en signaleren met een kindvolgsysteem",
            "Kinderen volgen: observeren, registreren en bespreken",
            "Signaleren van ontwikkelingsachterstand en -voorsprong",
        ],
        "summary": (
            "Training in gericht observeren van kinderen, werken met een kindvolgsysteem en het tijdig "
            "signaleren van zorgen of een ontwikkelingsvoorsprong."
        ),
        "paragraphs": [
            (
                "Je leert objectief observeren en het verschil maken tussen wat je ziet en hoe je het "
                "uitlegt. Je oefent met observatielijsten en een kindvolgsysteem."
            ),
            (
                "Je leert wanneer een ontwikkeling reden is tot zorg of juist wijst op een voorsprong, en "
                "hoe je dat met collega's en de mentor van het kind bespreekt."
            ),
            "Ook het vastleggen van afspraken en het voorbereiden van een gesprek met ouders oefen je.",
        ],
        "topics": ["observeren-en-signaleren", "ontwikkelingsgericht-werken", "extra-ondersteuning"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["classroom", "blended", "online"],
        "hours": (8, 20),
        "price": (195, 545),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG", "VVE-GEMEENTE"],
        "programme": "",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    {
        "titles": [
            "Spelverrijking: meespelen en spel uitbreiden",
            "Spel als motor van ontwikkeling",
        ],
        "summary": (
            "Training over het begeleiden en verrijken van spel van jonge kinderen, met aandacht voor "
            "rollenspel, constructiespel en buitenspel."
        ),
        "paragraphs": [
            (
                "Spel is de belangrijkste manier waarop jonge kinderen leren. Je leert kijken naar het spel "
                "van kinderen en bepalen wanneer je meespeelt, iets toevoegt of juist even afstand neemt."
            ),
            (
                "Je richt hoeken in die uitnodigen tot rijk spel en oefent met het uitbreiden van een "
                "spelthema met nieuwe woorden en materialen."
            ),
            (
                "Na de training probeer je een spelverrijkingsactiviteit uit op je groep en bespreek je die "
                "met collega's."
            ),
        ],
        "topics": ["spel-en-spelverrijking", "taalstimulering", "ontwikkelingsgericht-werken"],
        "roles": ["pedagogisch-medewerker", "gastouder"],
        "age_groups": ["0-4"],
        "levels": ["mbo-2", "mbo-3"],
        "modes": ["classroom", "in_company"],
        "hours": (6, 12),
        "price": (135, 345),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG", "VVE-GEMEENTE"],
        "programme": "",
        "sectors": [],
    },
    {
        "titles": [
            "Taal stimuleren bij baby's en peuters",
            "Een taalrijke groep: praten, voorlezen en zingen",
        ],
        "summary": (
            "Training over taalstimulering in de dagelijkse praktijk: rijk taalaanbod, interactief voorlezen "
            "en omgaan met meertalige kinderen."
        ),
        "paragraphs": [
            (
                "Je leert hoe je in gewone momenten, zoals verschonen, eten en opruimen, veel taal aanbiedt. "
                "Je oefent met uitbreiden, doorvragen en nieuwe woorden aanbieden."
            ),
            (
                "Interactief voorlezen en het gebruik van liedjes en versjes krijgen veel aandacht. Ook het "
                "ondersteunen van kinderen die thuis een andere taal spreken komt aan bod."
            ),
            "Je maakt een eenvoudig taalplan voor je groep.",
        ],
        "topics": ["taalstimulering", "vve", "inclusie-en-diversiteit"],
        "roles": ["pedagogisch-medewerker", "gastouder"],
        "age_groups": ["0-1", "0-4"],
        "levels": ["mbo-2", "mbo-3"],
        "modes": ["classroom", "online", "in_company"],
        "hours": (6, 16),
        "price": (135, 425),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG", "VVE-GEMEENTE"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "Kinderen met extra ondersteuningsbehoefte op de groep",
            "Inclusieve opvang: omgaan met gedrag en zorgvragen",
        ],
        "summary": (
            "Training over het opvangen en begeleiden van kinderen met een ontwikkelingsprobleem, beperking "
            "of opvallend gedrag, in samenwerking met ouders en zorgpartners."
        ),
        "paragraphs": [
            (
                "Steeds meer kinderen met een extra ondersteuningsbehoefte gaan naar de reguliere opvang. Je "
                "leert wat dat vraagt van de groep, het team en jou als medewerker."
            ),
            (
                "Je verdiept je in veelvoorkomende situaties, zoals prikkelgevoeligheid, taalachterstand en "
                "moeilijk gedrag, en oefent met een aanpak die bij het kind past."
            ),
            "Ook de samenwerking met ouders, het consultatiebureau, de gemeente en jeugdhulp komt aan bod.",
            "Je maakt een ondersteuningsplan voor een kind van je eigen groep (geanonimiseerd).",
        ],
        "topics": ["extra-ondersteuning", "samenwerken-jeugdhulp", "inclusie-en-diversiteit"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-4", "4-13"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["classroom", "blended"],
        "hours": (12, 32),
        "price": (295, 895),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["jeugdzorg", "zorg"],
    },
    # --- Veiligheid en gezondheid -------------------------------------------------------------------------
    {
        "titles": [
            "Werken met de meldcode huiselijk geweld en kindermishandeling",
            "Meldcode in de kinderopvang: signaleren en handelen",
            "Basistraining meldcode kindermishandeling",
        ],
        "summary": (
            "Training over het herkennen van signalen van huiselijk geweld en kindermishandeling en het "
            "zetten van de stappen uit de meldcode."
        ),
        "paragraphs": [
            (
                "Je leert signalen herkennen bij kinderen en in het gedrag van ouders. Ook signalen dat een "
                "collega grensoverschrijdend gedrag vertoont, komen aan bod."
            ),
            (
                "Je doorloopt de vijf stappen van de meldcode met casussen uit de kinderopvang: van "
                "signaleren en overleggen tot de afweging of een melding bij Veilig Thuis nodig is."
            ),
            "Je oefent een gesprek met ouders waarin je je zorgen bespreekt.",
            "Na de training weet je wat jouw rol is en bij wie je op je locatie terechtkunt.",
        ],
        "topics": ["meldcode-kindermishandeling", "observeren-en-signaleren", "oudergesprekken"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder", "leidinggevende"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none", "mbo-3"],
        "modes": ["classroom", "online", "in_company"],
        "hours": (3, 8),
        "price": (75, 245),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    {
        "titles": [
            "Opleiding Aandachtsfunctionaris kindermishandeling",
            "Aandachtsfunctionaris huiselijk geweld in de kinderopvang",
        ],
        "summary": (
            "Opleiding voor medewerkers die in hun organisatie de rol van aandachtsfunctionaris krijgen en "
            "collega's ondersteunen bij het werken met de meldcode."
        ),
        "paragraphs": [
            (
                "Als aandachtsfunctionaris ben je het aanspreekpunt bij zorgen over de veiligheid van een "
                "kind. Je leert collega's adviseren, casussen begeleiden en de afwegingen uit de meldcode "
                "zorgvuldig vastleggen."
            ),
            (
                "Je verdiept je in vormen van kindermishandeling, de meldplicht bij vermoedens van een "
                "geweld- of zedendelict door een medewerker en de samenwerking met Veilig Thuis."
            ),
            "Je oefent met moeilijke gesprekken en met het geven van een teamtraining over de meldcode.",
        ],
        "topics": ["meldcode-kindermishandeling", "samenwerken-jeugdhulp"],
        "roles": ["aandachtsfunctionaris", "pedagogisch-beleidsmedewerker", "leidinggevende"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-4", "hbo"],
        "modes": ["classroom", "blended"],
        "hours": (24, 48),
        "price": (595, 1395),
        "legal_requirement": None,
        "certificate": "Certificaat aandachtsfunctionaris",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    {
        "titles": [
            "Risicovol spelen: uitdaging bieden zonder onnodig gevaar",
            "Spannend spelen mag! Risicovol spel in de kinderopvang",
        ],
        "summary": (
            "Training over het bewust toelaten van uitdagend spel, zoals klimmen en hutten bouwen, en het "
            "maken van goede afspraken over veiligheid."
        ),
        "paragraphs": [
            (
                "Kinderen leren veel van spel met een beetje spanning: ze leren hun grenzen kennen en worden "
                "zelfredzamer. Toch is het voor veel medewerkers lastig om los te laten."
            ),
            (
                "Je leert het verschil tussen grote risico's die je moet voorkomen en kleine risico's waar "
                "kinderen van leren. Je oefent met een risico-inschatting buiten en binnen."
            ),
            (
                "Ook het gesprek met ouders over risicovol spelen en het vastleggen in het veiligheids- en "
                "gezondheidsbeleid komen aan bod."
            ),
        ],
        "topics": ["risicovol-spelen", "buitenspelen-en-natuur", "veiligheidsbeleid"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder", "leidinggevende"],
        "age_groups": ["0-4", "4-13"],
        "levels": ["none", "mbo-3"],
        "modes": ["classroom", "in_company"],
        "hours": (4, 8),
        "price": (95, 275),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs", "sport"],
    },
    {
        "titles": [
            "Veiligheids- en gezondheidsbeleid: van document naar dagelijkse praktijk",
            "Een levend veiligheidsbeleid voor je locatie",
        ],
        "summary": (
            "Training voor leidinggevenden en beleidsmedewerkers over het opstellen, bespreken en actueel "
            "houden van het veiligheids- en gezondheidsbeleid."
        ),
        "paragraphs": [
            (
                "Iedere locatie heeft een veiligheids- en gezondheidsbeleid, maar het moet ook echt leven in "
                "het team. Je leert hoe je grote risico's in kaart brengt en met het team afspraken maakt "
                "over kleine risico's."
            ),
            (
                "Je oefent met het bespreken van het beleid in het teamoverleg en met het verwerken van "
                "incidenten en ongevallen."
            ),
            "Ook de inspectie door de GGD en het vierogenprincipe komen aan bod.",
        ],
        "topics": ["veiligheidsbeleid", "kwaliteitszorg", "hygiene"],
        "roles": ["leidinggevende", "locatiemanager", "pedagogisch-beleidsmedewerker", "gastouder"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-4", "hbo"],
        "modes": ["classroom", "online"],
        "hours": (6, 12),
        "price": (175, 450),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": [],
    },
    {
        "titles": [
            "Hygiëne en infectiepreventie in de kinderopvang",
            "Gezond en schoon: hygiëne op de groep",
        ],
        "summary": (
            "Korte training over hygiëne bij verschonen, voeding en schoonmaak, en over wat je doet als een "
            "infectieziekte rondgaat."
        ),
        "paragraphs": [
            (
                "Je leert waarom hygiëne in de kinderopvang extra belangrijk is en welke maatregelen echt "
                "verschil maken: handen wassen, verschonen, flesvoeding klaarmaken en schoonmaken."
            ),
            (
                "Ook komt aan bod wat je doet bij infectieziekten, wanneer je de GGD inschakelt en hoe je "
                "ouders informeert."
            ),
            "De training is geschikt als teamsessie op de eigen locatie.",
        ],
        "topics": ["hygiene", "veiligheidsbeleid", "gezonde-kinderopvang"],
        "roles": ["pedagogisch-medewerker", "gastouder", "groepshulp"],
        "age_groups": ["0-1", "0-4"],
        "levels": ["none"],
        "modes": ["online", "in_company"],
        "hours": (2, 4),
        "price": (45, 145),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["zorg"],
    },
    {
        "titles": [
            "Gezonde voeding en beweging in de kinderopvang",
            "Gezonde kinderopvang: eten, drinken en bewegen",
        ],
        "summary": (
            "Training over gezonde voeding, voldoende beweging en een gezonde leefstijl op de groep, in "
            "samenwerking met ouders."
        ),
        "paragraphs": [
            (
                "Je leert wat jonge kinderen nodig hebben aan voeding en beweging en hoe je daar op de groep "
                "op let. Denk aan traktaties, drinken, tussendoortjes en rustig en actief spel."
            ),
            (
                "Je maakt een plan om beweging in de dag te verwerken, binnen en buiten. Ook het gesprek met "
                "ouders over eten komt aan bod."
            ),
            "Na de training kies je met je team twee of drie concrete afspraken om mee te starten.",
        ],
        "topics": ["gezonde-kinderopvang", "sport-en-bewegen"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none", "mbo-3"],
        "modes": ["classroom", "online", "in_company"],
        "hours": (4, 8),
        "price": (85, 245),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["sport", "zorg"],
    },
    # --- Ouders en ketenpartners --------------------------------------------------------------------------
    {
        "titles": [
            "Oudergesprekken voeren in de kinderopvang",
            "In gesprek met ouders: van overdracht tot tienminutengesprek",
            "Communiceren met ouders",
        ],
        "summary": (
            "Training in het voeren van goede gesprekken met ouders, van de korte overdracht bij het halen "
            "tot het geplande gesprek over de ontwikkeling van hun kind."
        ),
        "paragraphs": [
            (
                "Ouders en pedagogisch medewerkers werken samen aan de ontwikkeling van het kind. Je leert "
                "hoe je daar in gesprekken vorm aan geeft: luisteren, samenvatten, vragen stellen en helder "
                "informatie geven."
            ),
            (
                "Je oefent met een trainingsacteur verschillende soorten gesprekken: het intakegesprek, de "
                "dagelijkse overdracht en het ontwikkelingsgesprek."
            ),
            (
                "Ook gesprekken met ouders die een andere taal spreken of andere verwachtingen hebben komen "
                "aan bod."
            ),
        ],
        "topics": ["oudergesprekken", "educatief-partnerschap"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder", "zij-instromer"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-3", "mbo-4"],
        "modes": ["classroom", "in_company"],
        "hours": (6, 16),
        "price": (145, 425),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "Moeilijke gesprekken met ouders: zorgen bespreken en klachten",
            "Lastige oudergesprekken voeren",
        ],
        "summary": (
            "Verdiepende training voor gesprekken met ouders waarin je zorgen deelt, een klacht bespreekt of "
            "een meningsverschil oplost."
        ),
        "paragraphs": [
            (
                "Sommige gesprekken met ouders zijn spannend: als je je zorgen maakt over een kind, als "
                "ouders boos zijn of als jullie het niet eens zijn. Je leert hoe je je goed voorbereidt."
            ),
            (
                "Je oefent met een trainingsacteur en krijgt feedback op je houding, je woorden en het "
                "vasthouden van het doel van het gesprek."
            ),
            "Je leert ook wanneer je een collega, je leidinggevende of de coach erbij vraagt.",
        ],
        "topics": ["oudergesprekken", "observeren-en-signaleren"],
        "roles": [
            "pedagogisch-medewerker",
            "bso-medewerker",
            "pedagogisch-beleidsmedewerker",
            "leidinggevende",
        ],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-3", "mbo-4", "hbo"],
        "modes": ["classroom", "in_company"],
        "hours": (6, 12),
        "price": (175, 495),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    {
        "titles": [
            "Cultuursensitief werken in de kinderopvang",
            "Inclusie en diversiteit: iedereen hoort erbij",
            "Omgaan met verschillen tussen kinderen en gezinnen",
        ],
        "summary": (
            "Training over het werken met kinderen en ouders met verschillende achtergronden, en over het "
            "herkennen van je eigen vooronderstellingen."
        ),
        "paragraphs": [
            (
                "Gezinnen verschillen in taal, cultuur, geloof en gewoonten. Je leert hoe je daar open en "
                "respectvol mee omgaat, zodat ieder kind en iedere ouder zich welkom voelt."
            ),
            "Je onderzoekt je eigen beelden en vooroordelen en oefent met gesprekken waarin waarden botsen.",
            (
                "Je kijkt kritisch naar de materialen, boeken en activiteiten op je groep: zien alle "
                "kinderen zichzelf daarin terug?"
            ),
        ],
        "topics": ["inclusie-en-diversiteit", "educatief-partnerschap"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder", "leidinggevende"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-3", "mbo-4", "hbo"],
        "modes": ["classroom", "in_company", "online"],
        "hours": (6, 12),
        "price": (145, 395),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG", "VVE-GEMEENTE"],
        "programme": "",
        "sectors": ["onderwijs", "jeugdzorg"],
    },
    {
        "titles": [
            "Doorgaande lijn: samenwerken met de basisschool",
            "Werken in een integraal kindcentrum (IKC)",
        ],
        "summary": (
            "Training voor teams in de kinderopvang die nauwer willen samenwerken met de basisschool, "
            "bijvoorbeeld binnen een integraal kindcentrum."
        ),
        "paragraphs": [
            (
                "Kinderen hebben baat bij een soepele overgang van opvang naar school en bij goede "
                "afstemming tussen school en bso. Je leert hoe je een doorgaande lijn in ontwikkeling en "
                "aanpak opbouwt."
            ),
            (
                "Je werkt met collega's uit het onderwijs aan gezamenlijke afspraken, bijvoorbeeld over "
                "overdracht, thema's en regels in het gebouw."
            ),
            (
                "Ook de verschillen in cultuur, wetgeving en werktijden tussen opvang en onderwijs komen aan "
                "bod."
            ),
        ],
        "topics": ["doorgaande-lijn", "vve", "visie-en-pedagogisch-beleid"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "leidinggevende", "locatiemanager"],
        "age_groups": ["0-4", "4-13"],
        "levels": ["mbo-4", "hbo"],
        "modes": ["in_company", "classroom"],
        "hours": (8, 24),
        "price": (195, 795),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG", "VVE-GEMEENTE"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    # --- Leiderschap en lerende organisatie ---------------------------------------------------------------
    {
        "titles": [
            "Leidinggeven aan een lerend team in de kinderopvang",
            "Pedagogisch leiderschap voor leidinggevenden",
            "Leiding geven aan professionele ontwikkeling",
        ],
        "summary": (
            "Leergang voor leidinggevenden en locatiemanagers die een team willen opbouwen waarin leren en "
            "verbeteren van pedagogische kwaliteit vanzelfsprekend is."
        ),
        "paragraphs": [
            (
                "Als leidinggevende heb je grote invloed op de leercultuur in je team. In deze leergang werk "
                "je aan je eigen pedagogisch leiderschap en aan de voorwaarden voor teamleren."
            ),
            (
                "Je leert hoe je met je team doelen stelt, ruimte maakt voor uitproberen en fouten maken, en "
                "collega's aanspreekt op afspraken. Ook de samenwerking met de pedagogisch coach komt aan "
                "bod."
            ),
            (
                "Je voert in je eigen team een verbeterproject uit en bespreekt de voortgang in een "
                "leergroep met andere leidinggevenden."
            ),
            "Je sluit af met een reflectieverslag en een presentatie van je project.",
        ],
        "topics": ["leidinggeven", "leercultuur", "intervisie-en-teamleren"],
        "roles": ["leidinggevende", "locatiemanager"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["hbo", "mbo-4"],
        "modes": ["blended", "classroom"],
        "hours": (40, 90),
        "price": (1250, 2950),
        "legal_requirement": None,
        "certificate": "Certificaat leergang",
        "schemes": ["OO-KINDEROPVANG", "STAP"],
        "programme": "Leergang Leidinggeven in de kinderopvang",
        "sectors": ["onderwijs", "zorg"],
    },
    {
        "titles": [
            "Kwaliteit meten en verbeteren op je locatie",
            "Monitoring en evaluatie van pedagogische kwaliteit",
        ],
        "summary": (
            "Module voor leidinggevenden en beleidsmedewerkers over het in beeld brengen van pedagogische "
            "kwaliteit en het gebruiken van die gegevens voor verbetering."
        ),
        "paragraphs": [
            (
                "Waar staat je locatie en waar wil je naartoe? Je leert instrumenten kennen om pedagogische "
                "kwaliteit te meten, zoals observaties, oudervragenlijsten en inspectierapporten."
            ),
            (
                "Je oefent met het analyseren van de uitkomsten en het vertalen daarvan naar verbeterdoelen "
                "en scholingsbehoeften."
            ),
            "Je maakt een kwaliteitsplan voor je locatie, met duidelijke momenten van evaluatie.",
        ],
        "topics": ["kwaliteitszorg", "leidinggeven", "innovatie"],
        "roles": ["leidinggevende", "locatiemanager", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["hbo"],
        "modes": ["blended", "online"],
        "hours": (16, 40),
        "price": (495, 1250),
        "legal_requirement": None,
        "certificate": "Certificaat module",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "Leergang Leidinggeven in de kinderopvang",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "Pedagogisch beleidsplan schrijven en laten leven",
            "Van visie naar pedagogisch beleid",
        ],
        "summary": (
            "Training voor beleidsmedewerkers en leidinggevenden over het schrijven van een helder "
            "pedagogisch beleidsplan dat medewerkers herkennen en gebruiken."
        ),
        "paragraphs": [
            (
                "Een goed pedagogisch beleidsplan begint bij een gedeelde visie. Je leert hoe je die samen "
                "met medewerkers en ouders formuleert."
            ),
            (
                "Je oefent met het vertalen van de visie naar concrete afspraken en voorbeelden uit de "
                "praktijk, en met het toetsen van je plan aan de wettelijke eisen."
            ),
            (
                "Ook het bespreekbaar houden van het beleid in het team en het jaarlijks bijstellen komen "
                "aan bod."
            ),
        ],
        "topics": ["visie-en-pedagogisch-beleid", "pedagogisch-coach", "kwaliteitszorg"],
        "roles": ["pedagogisch-beleidsmedewerker", "leidinggevende", "locatiemanager"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["hbo", "mbo-4"],
        "modes": ["classroom", "online"],
        "hours": (8, 20),
        "price": (245, 695),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "Leergang Pedagogisch beleidsmedewerker / coach",
        "sectors": [],
    },
    {
        "titles": [
            "Veranderen en vernieuwen in de kinderopvang",
            "Innovatie begeleiden: van idee naar nieuwe werkwijze",
        ],
        "summary": (
            "Training voor leidinggevenden en coaches die een vernieuwing willen invoeren, zoals een nieuwe "
            "werkwijze, groepsindeling of samenwerking met het onderwijs."
        ),
        "paragraphs": [
            (
                "Vernieuwing lukt alleen als het team meedoet. Je leert hoe je een verandering voorbereidt, "
                "medewerkers betrekt en weerstand serieus neemt."
            ),
            (
                "Je werkt aan een eigen vernieuwing en maakt een plan met kleine stappen, evaluatiemomenten "
                "en een rol voor de coach."
            ),
            "Je deelt je ervaringen met andere deelnemers en leert van hun aanpak.",
        ],
        "topics": ["innovatie", "leidinggeven", "leercultuur"],
        "roles": ["leidinggevende", "locatiemanager", "pedagogisch-beleidsmedewerker"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["hbo"],
        "modes": ["classroom", "blended"],
        "hours": (12, 32),
        "price": (395, 1150),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "Leergang Leidinggeven in de kinderopvang",
        "sectors": ["onderwijs", "zorg"],
    },
    {
        "titles": [
            "Digitale vaardigheden voor pedagogisch medewerkers",
            "Digitaal werken in de kinderopvang: ouderapp, kindvolgsysteem en privacy",
        ],
        "summary": (
            "Praktische training in de digitale hulpmiddelen van de kinderopvang, zoals de ouderapp, het "
            "kindvolgsysteem en online leren, met aandacht voor privacy."
        ),
        "paragraphs": [
            (
                "Steeds meer werk gaat digitaal: de dagelijkse berichten aan ouders, het vastleggen van "
                "observaties en het volgen van online trainingen. Je leert deze hulpmiddelen zeker en handig "
                "te gebruiken."
            ),
            (
                "Je oefent met het maken en delen van foto's en verslagen en leert wat wel en niet mag "
                "volgens de privacyregels."
            ),
            "Ook mediaopvoeding en het gebruik van schermen bij kinderen komen kort aan bod.",
        ],
        "topics": ["digitale-vaardigheden", "educatief-partnerschap"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder", "groepshulp"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none", "mbo-2", "mbo-3"],
        "modes": ["online", "in_company", "classroom"],
        "hours": (4, 12),
        "price": (75, 295),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
    {
        "titles": [
            "Digitale basisvaardigheden op het werk",
            "Computer en telefoon de baas: basiscursus voor medewerkers",
        ],
        "summary": (
            "Basiscursus voor medewerkers met weinig digitale ervaring, zodat ze zelfstandig kunnen "
            "inloggen, berichten lezen en sturen en online formulieren invullen."
        ),
        "paragraphs": [
            (
                "Deze cursus is bedoeld voor collega's die moeite hebben met computer, tablet of smartphone. "
                "Een korte toets bepaalt vooraf het startniveau."
            ),
            (
                "Je oefent in kleine groepen met taken uit het werk: inloggen, je rooster bekijken, een "
                "bericht aan ouders lezen en een formulier invullen."
            ),
            "De docent gaat in je eigen tempo en je krijgt oefenmateriaal mee naar huis.",
        ],
        "topics": ["digitale-vaardigheden"],
        "roles": ["groepshulp", "pedagogisch-medewerker", "gastouder"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["none"],
        "modes": ["classroom", "workplace"],
        "hours": (12, 30),
        "price": (195, 650),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname met toetsuitslag",
        "schemes": ["TEL-MEE-MET-TAAL", "STAP"],
        "programme": "",
        "sectors": ["zorg"],
    },
    # --- Opvangvormen -------------------------------------------------------------------------------------
    {
        "titles": [
            "Basistraining voor startende gastouders",
            "Gastouder worden: de basis op orde",
            "Startcursus gastouderopvang",
        ],
        "summary": (
            "Basistraining voor nieuwe gastouders over de pedagogische praktijk, veiligheid en gezondheid in "
            "huis en de regels van de gastouderopvang."
        ),
        "paragraphs": [
            (
                "Als gastouder vang je kinderen op in een huiselijke omgeving. In deze training leer je wat "
                "daarbij komt kijken: een vast dagritme, spelen met kinderen van verschillende leeftijden en "
                "contact met ouders."
            ),
            (
                "Je maakt een risico-inventarisatie van je eigen huis en tuin en bespreekt die met de "
                "bemiddelingsmedewerker van het gastouderbureau."
            ),
            (
                "Ook de wettelijke eisen, zoals het diploma, het kinder-EHBO-certificaat en de registratie "
                "in het Landelijk Register Kinderopvang, komen aan bod."
            ),
        ],
        "topics": ["gastouderschap", "veiligheidsbeleid", "pedagogiek-0-13"],
        "roles": ["gastouder", "bemiddelingsmedewerker"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-2", "none"],
        "modes": ["classroom", "blended", "online"],
        "hours": (8, 24),
        "price": (95, 395),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["STAP"],
        "programme": "",
        "sectors": [],
    },
    {
        "titles": [
            "Gastouderbureau: coachen en begeleiden van gastouders",
            "Begeleiding van gastouders voor bemiddelingsmedewerkers",
        ],
        "summary": (
            "Training voor bemiddelingsmedewerkers van gastouderbureaus over het begeleiden van gastouders "
            "bij huisbezoeken en evaluatiegesprekken."
        ),
        "paragraphs": [
            (
                "Bemiddelingsmedewerkers zijn voor gastouders het belangrijkste aanspreekpunt. Je leert een "
                "huisbezoek goed voor te bereiden en de pedagogische praktijk van de gastouder te observeren."
            ),
            (
                "Je oefent met coachende gesprekken, feedback geven en het bespreken van de "
                "risico-inventarisatie."
            ),
            (
                "Ook de rol van het gastouderbureau bij de meldcode en bij zorgen over een opvangadres komt "
                "aan bod."
            ),
        ],
        "topics": ["gastouderschap", "pedagogisch-coach", "meldcode-kindermishandeling"],
        "roles": ["bemiddelingsmedewerker"],
        "age_groups": ["0-1", "0-4", "4-13"],
        "levels": ["mbo-4", "hbo"],
        "modes": ["classroom", "online"],
        "hours": (8, 20),
        "price": (245, 695),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": [],
    },
    {
        "titles": [
            "Uitdagende activiteiten op de bso",
            "Bso-activiteiten die kinderen zelf kiezen",
            "Activiteitenplanning op de buitenschoolse opvang",
        ],
        "summary": (
            "Training voor bso-medewerkers over het bedenken en begeleiden van activiteiten die aansluiten "
            "bij de interesses van schoolkinderen, van knutselen en koken tot techniek."
        ),
        "paragraphs": [
            (
                "Kinderen op de bso hebben al een schooldag achter de rug en willen zelf kiezen wat ze doen. "
                "Je leert een activiteitenaanbod te maken met ruimte voor eigen ideeën van kinderen."
            ),
            (
                "Je oefent met activiteiten op het gebied van techniek, natuur, koken en kunst, en leert hoe "
                "je een activiteit aanpast voor verschillende leeftijden."
            ),
            (
                "Ook kinderparticipatie, zoals een kinderraad, en het omgaan met oudere kinderen die zich "
                "snel vervelen komen aan bod."
            ),
        ],
        "topics": ["bso-activiteiten", "pedagogiek-0-13"],
        "roles": ["bso-medewerker", "pedagogisch-medewerker"],
        "age_groups": ["4-13"],
        "levels": ["mbo-2", "mbo-3"],
        "modes": ["classroom", "in_company"],
        "hours": (6, 16),
        "price": (125, 395),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs", "sport"],
    },
    {
        "titles": [
            "Sport en spel op de bso",
            "Bewegen op de bso: sport- en spelbegeleiding",
        ],
        "summary": (
            "Praktische training voor bso-medewerkers die sport en bewegend spel willen aanbieden, binnen en "
            "buiten, voor kinderen van verschillende leeftijden en niveaus."
        ),
        "paragraphs": [
            (
                "Na een dag op school hebben kinderen behoefte aan beweging. Je leert een sport- of "
                "spelactiviteit op te bouwen met een warming-up, een kern en een afsluiting."
            ),
            (
                "Je oefent met spelvormen waarin ieder kind mee kan doen, ook kinderen die minder sportief "
                "zijn. Veiligheid en het verdelen van de groep krijgen aandacht."
            ),
            "De training wordt deels gegeven in een gymzaal of op een sportveld.",
        ],
        "topics": ["sport-en-bewegen", "bso-activiteiten", "gezonde-kinderopvang"],
        "roles": ["bso-medewerker"],
        "age_groups": ["4-13"],
        "levels": ["mbo-2", "mbo-3"],
        "modes": ["classroom"],
        "hours": (6, 12),
        "price": (125, 345),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["sport", "onderwijs"],
    },
    {
        "titles": [
            "Naar buiten! Natuurbeleving met jonge kinderen",
            "Buitenspelen en natuur in de kinderopvang",
        ],
        "summary": (
            "Training over het benutten van de buitenruimte en de natuur voor spel, ontdekken en leren, in "
            "elk seizoen."
        ),
        "paragraphs": [
            (
                "Buiten spelen is goed voor de gezondheid en de ontwikkeling van kinderen. Je leert hoe je "
                "de buitenruimte aantrekkelijk maakt met eenvoudige, natuurlijke materialen."
            ),
            (
                "Je oefent met activiteiten als hutten bouwen, zoeken naar beestjes en spelen met water en "
                "zand. Ook de kleding, het weer en afspraken met ouders komen aan bod."
            ),
            "Je maakt een seizoensplan met buitenactiviteiten voor je groep.",
        ],
        "topics": ["buitenspelen-en-natuur", "risicovol-spelen", "spel-en-spelverrijking"],
        "roles": ["pedagogisch-medewerker", "bso-medewerker", "gastouder"],
        "age_groups": ["0-4", "4-13"],
        "levels": ["none", "mbo-3"],
        "modes": ["classroom", "in_company"],
        "hours": (4, 8),
        "price": (95, 245),
        "legal_requirement": None,
        "certificate": "Bewijs van deelname",
        "schemes": ["OO-KINDEROPVANG"],
        "programme": "",
        "sectors": ["onderwijs"],
    },
]

PROVIDER_NAME_PARTS: dict[str, list[str]] = {
    "prefixes": [
        "Opleidingscentrum",
        "Academie",
        "Kenniscentrum",
        "Trainingsbureau",
        "Leerhuis",
        "Instituut",
        "Scholingshuis",
        "Werkplaats",
        "Studiecentrum",
        "Adviesbureau",
    ],
    "stems": [
        "Hummelwijs",
        "Tuimelpad",
        "De Wiegwijzer",
        "Kleurrijk Begin",
        "Speelwolk",
        "De Knikkerbaan",
        "Het Kruipspoor",
        "Dreumesdraad",
        "Blokkentoren",
        "Peuterpraat",
        "De Boomhut",
        "Wiebelwerk",
        "Hinkelhof",
        "De Rode Emmer",
        "Trappelzak",
        "Ukkenstee",
        "Knuffelkompas",
        "Springveer",
        "De Hoepelberg",
        "Zandtaart",
        "Vlieger & Vlinder",
        "Het Speelkwartier",
        "Kiekeboe Kennis",
        "De Klimboom",
        "Rammelaar",
        "Tolletjes",
    ],
    "suffixes": [
        "",
        "",
        " B.V.",
        " Opleidingen",
        " & Partners",
        " Training en Advies",
        " Kinderopvang",
    ],
}

PROVIDER_BLURBS: list[str] = [
    (
        "Kleinschalig opleidingsbureau met trainers die zelf jarenlang op de groep hebben gestaan. We "
        "trainen het liefst op de eigen locatie, met het hele team."
    ),
    (
        "Wij verzorgen de verplichte scholingen voor de kinderopvang, van kinder-EHBO tot babyscholing, in "
        "heel Nederland en op tijden die passen bij het rooster."
    ),
    (
        "Specialist in taal in de kinderopvang: taaltrainingen 3F, taalstimulering en voorlezen, voor "
        "pedagogisch medewerkers en gastouders."
    ),
    (
        "Opleider voor pedagogisch beleidsmedewerkers, coaches en leidinggevenden. Onze leergangen "
        "combineren theorie met opdrachten in de eigen praktijk."
    ),
    (
        "We begeleiden kinderopvangorganisaties bij het bouwen aan een lerende organisatie, met trajecten op "
        "maat voor teams, coaches en management."
    ),
    (
        "Trainingsbureau voor veiligheid en gezondheid in de kinderopvang en het onderwijs: BHV, "
        "kinder-EHBO, hygiëne en risicovol spelen."
    ),
    (
        "Wij zijn gespecialiseerd in voorschoolse educatie en werken nauw samen met gemeenten, scholen en "
        "kinderopvangorganisaties in de regio."
    ),
    (
        "Onze trainers komen uit de kinderopvang, de jeugdhulp en het onderwijs. Samen bieden we trainingen "
        "over ontwikkeling, gedrag en samenwerken met ouders."
    ),
    (
        "Praktijkgerichte trainingen voor de buitenschoolse opvang, met veel aandacht voor sport, spel, "
        "techniek en natuur."
    ),
    (
        "Ondersteuning voor gastouders en gastouderbureaus: startcursussen, thema-avonden en begeleiding op "
        "afstand."
    ),
    (
        "Wij helpen zij-instromers op weg in de kinderopvang, met oriëntatietrajecten, taalondersteuning en "
        "begeleiding naar een mbo-diploma."
    ),
    (
        "Online leerplatform met korte modules voor pedagogisch medewerkers, aangevuld met bijeenkomsten op "
        "locatie en coaching op afstand."
    ),
]

CITIES: dict[str, list[tuple[str, str]]] = {
    "groningen": [
        ("Groningen", "9711"),
        ("Hoogezand", "9601"),
        ("Veendam", "9641"),
        ("Winschoten", "9671"),
        ("Delfzijl", "9934"),
    ],
    "friesland": [
        ("Leeuwarden", "8911"),
        ("Sneek", "8601"),
        ("Heerenveen", "8441"),
        ("Drachten", "9201"),
    ],
    "drenthe": [
        ("Assen", "9401"),
        ("Emmen", "7811"),
        ("Hoogeveen", "7901"),
        ("Meppel", "7941"),
    ],
    "overijssel": [
        ("Zwolle", "8011"),
        ("Enschede", "7511"),
        ("Deventer", "7411"),
        ("Almelo", "7607"),
        ("Hengelo", "7551"),
    ],
    "flevoland": [
        ("Almere", "1315"),
        ("Lelystad", "8232"),
        ("Dronten", "8251"),
        ("Emmeloord", "8301"),
    ],
    "gelderland": [
        ("Arnhem", "6811"),
        ("Nijmegen", "6511"),
        ("Apeldoorn", "7311"),
        ("Ede", "6711"),
        ("Doetinchem", "7001"),
    ],
    "utrecht": [
        ("Utrecht", "3511"),
        ("Amersfoort", "3811"),
        ("Nieuwegein", "3431"),
        ("Veenendaal", "3901"),
        ("Zeist", "3701"),
    ],
    "noord-holland": [
        ("Amsterdam", "1012"),
        ("Haarlem", "2011"),
        ("Alkmaar", "1811"),
        ("Hilversum", "1211"),
        ("Zaandam", "1506"),
    ],
    "zuid-holland": [
        ("Rotterdam", "3011"),
        ("Den Haag", "2511"),
        ("Leiden", "2311"),
        ("Dordrecht", "3311"),
        ("Gouda", "2801"),
    ],
    "zeeland": [
        ("Middelburg", "4331"),
        ("Vlissingen", "4381"),
        ("Goes", "4461"),
        ("Terneuzen", "4531"),
    ],
    "noord-brabant": [
        ("Eindhoven", "5611"),
        ("Tilburg", "5038"),
        ("'s-Hertogenbosch", "5211"),
        ("Breda", "4811"),
        ("Helmond", "5701"),
    ],
    "limburg": [
        ("Maastricht", "6211"),
        ("Venlo", "5911"),
        ("Heerlen", "6411"),
        ("Roermond", "6041"),
        ("Sittard", "6131"),
    ],
}

STREETS: list[str] = [
    "Dorpsstraat",
    "Kerkstraat",
    "Schoolstraat",
    "Molenweg",
    "Stationsweg",
    "Julianastraat",
    "Wilhelminastraat",
    "Beatrixlaan",
    "Parallelweg",
    "Industrieweg",
    "Nieuwstraat",
    "Marktplein",
    "Kastanjelaan",
    "Eikenlaan",
    "Beukenlaan",
    "Lindelaan",
    "Prins Bernhardlaan",
    "Oranjestraat",
    "Havenstraat",
    "Spoorstraat",
    "Hoofdstraat",
    "Zuideinde",
]
