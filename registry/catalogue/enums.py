"""Fixed vocabularies of the catalogue: stored by their code, shown by their Dutch label."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Province(StrEnum):
    GRONINGEN = "groningen"
    FRIESLAND = "friesland"
    DRENTHE = "drenthe"
    OVERIJSSEL = "overijssel"
    FLEVOLAND = "flevoland"
    GELDERLAND = "gelderland"
    UTRECHT = "utrecht"
    NOORD_HOLLAND = "noord-holland"
    ZUID_HOLLAND = "zuid-holland"
    ZEELAND = "zeeland"
    NOORD_BRABANT = "noord-brabant"
    LIMBURG = "limburg"

    @property
    def label(self) -> str:
        return "-".join(part.capitalize() for part in self.value.split("-"))


class DeliveryMode(StrEnum):
    CLASSROOM = "classroom"
    ONLINE = "online"
    BLENDED = "blended"
    IN_COMPANY = "in_company"
    WORKPLACE = "workplace"

    @property
    def label(self) -> str:
        return str(_DELIVERY_LABELS[self])


_DELIVERY_LABELS = {
    DeliveryMode.CLASSROOM: _l("Klassikaal"),
    DeliveryMode.ONLINE: _l("Online"),
    DeliveryMode.BLENDED: _l("Blended"),
    DeliveryMode.IN_COMPANY: _l("In-company"),
    DeliveryMode.WORKPLACE: _l("Werkplekleren"),
}


class Level(StrEnum):
    MBO_2 = "mbo-2"
    MBO_3 = "mbo-3"
    MBO_4 = "mbo-4"
    HBO = "hbo"
    NONE = "none"

    @property
    def label(self) -> str:
        return str(_l("Geen niveau")) if self is Level.NONE else self.value.replace("-", " ")


class CourseStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(_COURSE_STATUS_LABELS[self])


_COURSE_STATUS_LABELS = {
    CourseStatus.DRAFT: _l("concept"),
    CourseStatus.PUBLISHED: _l("gepubliceerd"),
    CourseStatus.WITHDRAWN: _l("teruggetrokken"),
}


class ProviderStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"

    @property
    def label(self) -> str:
        return str(_l("actief") if self is ProviderStatus.ACTIVE else _l("geschorst"))


class RecognitionKind(StrEnum):
    CRKBO = "crkbo"
    NRTO = "nrto"
    CEDEO = "cedeo"
    ISO = "iso"
    OCW = "ocw"

    @property
    def label(self) -> str:
        return str(_RECOGNITION_LABELS[self])


_RECOGNITION_LABELS = {
    RecognitionKind.CRKBO: _l("CRKBO-registratie"),
    RecognitionKind.NRTO: _l("NRTO-keurmerk"),
    RecognitionKind.CEDEO: _l("Cedeo-erkenning"),
    RecognitionKind.ISO: _l("ISO 9001-certificaat"),
    RecognitionKind.OCW: _l("OCW-erkend"),
}
