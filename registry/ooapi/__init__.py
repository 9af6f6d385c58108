"""The Open Education API (OOAPI) v5 interface: the public catalogue as OOAPI courses, offerings and
organizations, for harvesters such as DUO's RIO."""
