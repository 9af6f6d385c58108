"""A judged set of searches as childcare staff, managers and HR write them, and how to grade a hit.

The catalogue is the demo sector (fixed seed and day). Each course comes from a template whose first
topic is its main subject, so a judgment is a rule, not a list of ids:

* ``topics`` gives a grade (3 = exactly what was asked, 2 = clearly useful, 1 = related) per topic.
  A course gets its main topic's grade, or one less for a topic it only touches on;
* ``titles``: a course whose title contains one of these (folded) words is graded at least 2, and
  one more when its topic already counts, up to 3;
* ``levels``: a course at another level gets one grade less ("niveau 3" asks for mbo-3).

The vocabulary comes from the sector's own texts (shared/background: werkplekleren, praktijkopleider,
leercultuur, pedagogisch coach, IKK) and from how people type: typos, glued or split compounds,
questions and whole sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.demo import content
from registry.search.analysis import fold


@dataclass(frozen=True)
class Judgment:
    query: str
    topics: dict[str, int]
    titles: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    who: str = "staff"

    def grade(self, title: str, level: str) -> int:
        """How relevant a course with this title and level is to the query (0 to 3)."""
        template_topics = MAIN_TOPICS.get(title, ())
        grade = 0
        for position, topic in enumerate(template_topics):
            value = self.topics.get(topic, 0) - (1 if position else 0)
            grade = max(grade, value)
        folded = fold(title)
        if any(word in folded for word in self.titles):
            grade = min(3, grade + 1) if grade else 2
        if grade and self.levels and level not in self.levels:
            grade -= 1
        return max(grade, 0)


MAIN_TOPICS: dict[str, tuple[str, ...]] = {
    title: tuple(template["topics"]) for template in content.COURSE_TEMPLATES for title in template["titles"]
}


def j(query: str, topics: dict[str, int], *titles: str, levels: tuple[str, ...] = (), who: str = "staff"):
    return Judgment(query, topics, tuple(titles), levels, who)


BABY = {"babyscholing": 3, "sensitieve-responsiviteit": 2}
EHBO = {"kinder-ehbo": 3}
BHV = {"bhv": 3}
TAAL3F = {"taalniveau-3f": 3}
VVE = {"vve": 3}
COACH = {"pedagogisch-coach": 3, "beeldcoaching": 2}
MENTOR = {"mentor-werkplekleren": 3}
MELDCODE = {"meldcode-kindermishandeling": 3}
HYGIENE = {"hygiene": 3}
OUDERS = {"oudergesprekken": 3, "educatief-partnerschap": 2}
LEIDING = {"leidinggeven": 3}
TAAL = {"taalstimulering": 3, "vve": 1}
BUITEN = {"buitenspelen-en-natuur": 3, "risicovol-spelen": 2}
SPORT = {"sport-en-bewegen": 3, "gezonde-kinderopvang": 1}
OBSERVEREN = {"observeren-en-signaleren": 3}
INTERACTIE = {"interactievaardigheden": 3, "sensitieve-responsiviteit": 2}
INTERVISIE = {"intervisie-en-teamleren": 3}
ZIJ = {"zij-instroom": 3}
GASTOUDER = {"gastouderschap": 3}
BSO = {"bso-activiteiten": 3, "sport-en-bewegen": 2}
DIGITAAL = {"digitale-vaardigheden": 3}
VEILIG = {"veiligheidsbeleid": 3, "risicovol-spelen": 1}
KWALITEIT = {"kwaliteitszorg": 3}
INCLUSIE = {"inclusie-en-diversiteit": 3}
BELEID = {"visie-en-pedagogisch-beleid": 3}
ONDERSTEUNING = {"extra-ondersteuning": 3, "samenwerken-jeugdhulp": 2}
SPEL = {"spel-en-spelverrijking": 3}
INNOVATIE = {"innovatie": 3}
LEERCULTUUR = {"leercultuur": 3, "mentor-werkplekleren": 1}
GEZOND = {"gezonde-kinderopvang": 3, "hygiene": 1}
IKC = {"doorgaande-lijn": 3}
PEDAGOGIEK = {"pedagogiek-0-13": 3}

JUDGMENTS: list[Judgment] = [
    # -- the examples of the issue
    j("mishandeling", MELDCODE),
    j("kindermishandeling", MELDCODE),
    j("taalontwikkeling", TAAL, "taal"),
    j("ontwikkeling van taal", TAAL, "taal"),
    j("natuurbeleving", BUITEN, "natuur"),
    j("achterstand", {"observeren-en-signaleren": 3, "taalstimulering": 1}, "achterstand"),
    j("oudercontact", OUDERS),
    j("praktijkbegeleider", MENTOR),
    j("preventie van infecties", HYGIENE),
    j("infectiepreventie", HYGIENE),
    j("zuigelingen", BABY, "baby"),
    j("teamleider", LEIDING, who="manager"),
    j("pedagogisch medewerker 3", {"zij-instroom": 2, "pedagogiek-0-13": 2}, levels=("mbo-3",), who="hr"),
    j(
        "hbo ad pedagogisch educatief professional",
        {"pedagogiek-0-13": 2, "babyscholing": 1},
        levels=("hbo",),
    ),
    j("buiten", BUITEN, "buiten"),
    j("sport- en spelbegeleiding", SPORT, "sport"),
    # -- wettelijk verplicht, as staff and HR write it
    j("babyscholing", BABY, "baby"),
    j("welke cursus voor babyscholing", BABY, "baby"),
    j("baby scholing", BABY, "baby"),
    j("babyscolling", BABY, "baby"),
    j("werken met 0-jarigen", BABY, "0-jarigen"),
    j("scholing nuljarigen wet ikk", BABY),
    j("baby's en dreumesen", BABY, "baby"),
    j("kinder ehbo", EHBO),
    j("kinder-ehbo herhaling", EHBO, "herhaling", "opfris"),
    j("ehbo", EHBO),
    j("EHBO certificaat verlopen", EHBO, "herhaling", "opfris"),
    j("eerste hulp bij kinderen", EHBO),
    j("opfriscursus ehbo", EHBO, "opfris", "herhaling"),
    j("ehbo cursus op locatie", EHBO),
    j("bhv", BHV),
    j("bedrijfshulpverlener kinderopvang", BHV),
    j("bhv herhaling", BHV, "herhaling"),
    j("ontruimen met kleine kinderen", BHV, "ontruimen"),
    j("taaleis 3F", TAAL3F),
    j("taalniveau 3f halen", TAAL3F),
    j("taaltoets", TAAL3F),
    j("nederlands leren voor pm'ers", TAAL3F, "nederlands"),
    j("3F lezen", TAAL3F, "lezen"),
    j("vve certificaat", VVE),
    j("voorschoolse educatie", VVE),
    j("vve training peuters", VVE, "peuter"),
    j("vroeg- en voorschoolse educatie", VVE),
    # -- pedagogisch vakmanschap
    j("interactievaardigheden", INTERACTIE, "interactie"),
    j("interactie vaardigheden", INTERACTIE, "interactie"),
    j("de zes interactievaardigheden", INTERACTIE, "interactie"),
    j("sensitieve responsiviteit", {"sensitieve-responsiviteit": 3, "interactievaardigheden": 2}),
    j("sensitief reageren op baby's", {"sensitieve-responsiviteit": 3, "babyscholing": 2}),
    j("observeren", OBSERVEREN),
    j("kindvolgsysteem", OBSERVEREN, "kindvolgsysteem"),
    j("kinderen volgen en signaleren", OBSERVEREN),
    j("ontwikkelingsachterstand signaleren", OBSERVEREN, "achterstand"),
    j("spelverrijking", SPEL, "spel"),
    j("meespelen met kinderen", SPEL, "meespelen"),
    j("taalstimulering", TAAL, "taal"),
    j("voorlezen", TAAL, "voorlezen"),
    j("taal stimuleren bij peuters", TAAL, "taal"),
    j("kinderen met extra ondersteuning", ONDERSTEUNING),
    j("zorgkinderen op de groep", ONDERSTEUNING),
    j("pedagogiek 0-13", PEDAGOGIEK),
    j("pedagogiek 0 tot 13 jaar", PEDAGOGIEK),
    # -- veiligheid en gezondheid
    j("meldcode", MELDCODE),
    j("meldcode huiselijk geweld", MELDCODE),
    j("aandachtsfunctionaris", {"meldcode-kindermishandeling": 3}, "aandachtsfunctionaris"),
    j("signalen van kindermishandeling herkennen", MELDCODE),
    j("hygiene", HYGIENE),
    j("hygiëne op de groep", HYGIENE, "hygiene"),
    j("infectieziekten", HYGIENE),
    j("risicovol spelen", {"risicovol-spelen": 3, "buitenspelen-en-natuur": 2}),
    j("risico's durven nemen buiten", {"risicovol-spelen": 3, "buitenspelen-en-natuur": 3}),
    j("veiligheidsbeleid", VEILIG),
    j("veiligheids- en gezondheidsbeleid", VEILIG),
    j("risico-inventarisatie", VEILIG),
    j("gezonde voeding", GEZOND),
    j("bewegen", SPORT),
    j("sportbegeleiding", SPORT, "sport"),
    # -- coaching en werkplekleren
    j("pedagogisch coach", COACH, "coach"),
    j("opleiding pedagogisch coach", COACH, "coach", who="hr"),
    j("pedagogisch beleidsmedewerker", COACH, "coach", who="hr"),
    j("pbm", COACH, "coach", who="hr"),
    j("beleidsmedeweker", COACH, "coach", who="hr"),
    j("coaching on the job", COACH, "coach"),
    j("beeldcoaching", {"beeldcoaching": 3}, "beeld"),
    j("video interactie begeleiding", {"beeldcoaching": 3}, "video"),
    j("vib", {"beeldcoaching": 3}),
    j("praktijkopleider", MENTOR),
    j("werkbegeleider", MENTOR),
    j("werkplekbegeleider", MENTOR),
    j("mentor werkplekleren", MENTOR, "mentor"),
    j("begeleiden van stagiairs", MENTOR, "stagiair"),
    j("bbl studenten begeleiden", MENTOR),
    j("intervisie", INTERVISIE),
    j("collegiale consultatie", INTERVISIE),
    j("teamleren", INTERVISIE, "teamleren"),
    j("zij-instromers", ZIJ),
    j("zijinstromer", ZIJ),
    j("nieuwe collega's inwerken", {"zij-instroom": 3, "mentor-werkplekleren": 2}, who="manager"),
    j("omscholen naar de kinderopvang", ZIJ, who="hr"),
    # -- leiderschap en organisatie
    j("leidinggevende", LEIDING, who="manager"),
    j("locatiemanager", LEIDING, who="manager"),
    j("cursus voor managers kinderopvang", LEIDING, who="manager"),
    j("pedagogisch leiderschap", LEIDING, "leiderschap", who="manager"),
    j("leiding geven aan een team", LEIDING, who="manager"),
    j("pedagogisch beleidsplan", BELEID, "beleid", who="manager"),
    j("visie en beleid", BELEID, who="manager"),
    j("kwaliteit meten", KWALITEIT, "kwaliteit", who="manager"),
    j("kwaliteitszorg", KWALITEIT, who="manager"),
    j("innovatie", INNOVATIE, who="manager"),
    j("verandermanagement", INNOVATIE, who="manager"),
    j("lerende organisatie", LEERCULTUUR, who="manager"),
    j("leercultuur", LEERCULTUUR, who="manager"),
    j("loopbaangesprek", {"leercultuur": 2}, "loopbaan", who="hr"),
    j("digitale vaardigheden", DIGITAAL),
    j("ouderapp", DIGITAAL, "ouderapp"),
    j("computercursus voor medewerkers", DIGITAAL, "computer", who="hr"),
    # -- ouders en ketenpartners
    j("oudergesprekken", OUDERS, "gesprek"),
    j("gesprekken met ouders", OUDERS, "gesprek"),
    j("moeilijke gesprekken met ouders", OUDERS, "moeilijke", "lastige"),
    j("communicatie met ouders", OUDERS),
    j("ouderbetrokkenheid", {"educatief-partnerschap": 3, "oudergesprekken": 2}),
    j("cultuursensitief werken", INCLUSIE, "cultuur"),
    j("inclusie", INCLUSIE),
    j("diversiteit in de groep", INCLUSIE),
    j("ikc", IKC),
    j("samenwerken met de basisschool", IKC, "basisschool"),
    j("doorgaande lijn", IKC),
    j("jeugdhulp", {"samenwerken-jeugdhulp": 3, "extra-ondersteuning": 2}),
    # -- opvangvormen
    j("gastouder", GASTOUDER),
    j("gastouders", GASTOUDER),
    j("startende gastouder", GASTOUDER, "start"),
    j("gastouderbureau", GASTOUDER, "gastouderbureau"),
    j("bso", BSO, "bso"),
    j("buitenschoolse opvang activiteiten", BSO),
    j("activiteiten voor de bso", BSO, "activiteit"),
    j("sport en spel op de bso", {"sport-en-bewegen": 3, "bso-activiteiten": 2}, "sport"),
    j("buitenspelen", BUITEN, "buiten"),
    j("natuur", BUITEN, "natuur"),
    # -- levels and questions
    j("mbo 4 opleiding", {"pedagogiek-0-13": 2, "pedagogisch-coach": 1}, levels=("mbo-4",), who="hr"),
    j("niveau 3", {"zij-instroom": 2}, levels=("mbo-3",), who="hr"),
    j("hbo module baby", BABY, "baby", levels=("hbo",)),
    j("wat moet een pm'er voor het werken met baby's", BABY, "baby"),
    j("hoe voer ik een lastig gesprek met een ouder", OUDERS, "gesprek", "lastige"),
    j("ik zoek een training over observeren", OBSERVEREN),
]


# -- measuring ----------------------------------------------------------------------------------

TOP = 10


@dataclass
class Scores:
    """nDCG@10, recall@10 and the share of queries without any result, over a judged set."""

    ndcg: float
    recall: float
    zero_rate: float
    per_query: dict[str, float] = field(default_factory=dict)


def _dcg(grades: list[int]) -> float:
    import math

    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def evaluate(search, courses: dict[int, tuple[str, str]], judgments: list[Judgment] = JUDGMENTS) -> Scores:
    """Score ``search`` (query -> (total, the first ten course ids)) on the catalogue ``courses``.

    ``courses`` maps every published course id to its (title, level). Recall counts the courses
    graded 2 or 3 among the first ten, out of as many as could be there.
    """
    ndcgs, recalls, zeros, per_query = [], [], 0, {}
    for judgment in judgments:
        grades = {cid: judgment.grade(title, level) for cid, (title, level) in courses.items()}
        total, ranked = search(judgment.query)
        zeros += total == 0
        ideal = _dcg(sorted(grades.values(), reverse=True)[:TOP])
        got = [grades.get(cid, 0) for cid in ranked[:TOP]]
        ndcg = _dcg(got) / ideal if ideal else 1.0
        relevant = {cid for cid, grade in grades.items() if grade >= 2}
        found = len(relevant & set(ranked[:TOP]))
        recalls.append(found / min(TOP, len(relevant)) if relevant else 1.0)
        ndcgs.append(ndcg)
        per_query[judgment.query] = ndcg
    count = len(judgments)
    return Scores(sum(ndcgs) / count, sum(recalls) / count, zeros / count, per_query)
