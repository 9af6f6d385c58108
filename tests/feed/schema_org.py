"""The part of the schema.org vocabulary our JSON-LD uses: each type's properties and their ranges.

Taken from the schema.org type definitions (Course, CourseInstance, Offer, Organization, Place,
PostalAddress, VirtualLocation and the types they inherit from), so tests can check documents offline.
"""

THING = {
    "name": {"Text"},
    "description": {"Text"},
    "url": {"URL"},
    "identifier": {"Text", "URL"},
    "sameAs": {"URL"},
}
CREATIVE_WORK = {
    **THING,
    "about": {"Thing", "Text"},  # Text: a name standing for a Thing, as search engines accept
    "audience": {"Audience"},
    "educationalLevel": {"Text", "URL", "DefinedTerm"},
    "inLanguage": {"Text", "Language"},
    "offers": {"Offer", "Demand"},
    "provider": {"Organization", "Person"},
    "teaches": {"Text", "DefinedTerm"},
    "timeRequired": {"Duration"},
}
EVENT = {
    **THING,
    "startDate": {"Date", "DateTime"},
    "endDate": {"Date", "DateTime"},
    "location": {"Place", "PostalAddress", "Text", "VirtualLocation"},
    "offers": {"Offer", "Demand"},
    "eventAttendanceMode": {"URL"},
}

TYPES: dict[str, dict[str, set[str]]] = {
    "Course": {
        **CREATIVE_WORK,
        "courseCode": {"Text"},
        "coursePrerequisites": {"Text", "Course", "AlignmentObject"},
        "educationalCredentialAwarded": {"Text", "URL", "EducationalOccupationalCredential"},
        "financialAidEligible": {"Text", "DefinedTerm"},
        "hasCourseInstance": {"CourseInstance"},
        "numberOfCredits": {"Integer", "StructuredValue"},
    },
    "CourseInstance": {
        **EVENT,
        "courseMode": {"Text", "URL"},
        "courseSchedule": {"Schedule"},
        "courseWorkload": {"Text"},
        "instructor": {"Person"},
    },
    "Offer": {
        **THING,
        "category": {"Text", "Thing", "URL"},
        "price": {"Number", "Text"},
        "priceCurrency": {"Text"},
        "availability": {"URL"},
        "validFrom": {"Date", "DateTime"},
    },
    "Organization": {**THING, "address": {"PostalAddress", "Text"}},
    "Place": {**THING, "address": {"PostalAddress", "Text"}},
    "PostalAddress": {
        **THING,
        "addressCountry": {"Text", "Country"},
        "addressLocality": {"Text"},
        "addressRegion": {"Text"},
        "postalCode": {"Text"},
        "streetAddress": {"Text"},
    },
    "VirtualLocation": {**THING},
}

# What the types need to be useful (schema.org's "expected" properties, as search engines require them).
REQUIRED = {
    "Course": [{"name"}, {"description"}, {"provider"}],
    "CourseInstance": [{"courseMode"}, {"courseWorkload", "courseSchedule"}],
    "Offer": [{"price"}, {"priceCurrency"}, {"category"}],
    "Organization": [{"name"}],
}
