"""The texts of the account e-mails: set-password links (reset, invitation, sign-up) and notices."""

from __future__ import annotations

from datetime import timedelta


def link_mail(purpose: str, link: str, lifetime: timedelta) -> tuple[str, str]:
    """Subject and body of a mail carrying a one-time set-password ``link``."""
    if purpose == "invitation":
        return "Uitnodiging voor het Scholingsregister Kinderopvang", (
            f"U bent uitgenodigd voor het Scholingsregister Kinderopvang. Kies uw wachtwoord via:\n{link}\n"
            f"De link werkt één keer en verloopt over {lifetime.days} dagen."
        )
    if purpose == "signup":
        return "Uw aanmelding bij het Scholingsregister Kinderopvang", (
            f"Welkom! Kies via deze link uw wachtwoord; daarmee is uw aanmelding klaar:\n{link}\n"
            f"De link werkt één keer en verloopt over {lifetime.days} dagen. "
            "Niet aangemeld? Dan kunt u dit bericht negeren."
        )
    return "Nieuw wachtwoord instellen", (
        f"Via deze link kiest u een nieuw wachtwoord:\n{link}\n"
        "De link werkt één keer en verloopt over twee uur. "
        "Niet aangevraagd? Dan kunt u dit bericht negeren."
    )


def signup_notice(base: str) -> tuple[str, str]:
    """Subject and body for the owner of an address someone signed up with again."""
    return "Aanmelding met uw e-mailadres", (
        "Iemand heeft met dit e-mailadres een organisatie aangemeld bij het Scholingsregister "
        "Kinderopvang. Er bestaat al een account voor dit adres, dus er is niets aangemaakt.\n"
        f"Was u dat? Log dan in via {base}/inloggen, of kies een nieuw wachtwoord via "
        f"{base}/wachtwoord/vergeten.\n"
        "Was u dat niet? Dan kunt u dit bericht negeren."
    )


def invitation_notice(inviter: str) -> tuple[str, str]:
    """Subject and body for the owner of an address a colleague invited, which already has an account."""
    return "Uitnodiging voor het Scholingsregister Kinderopvang", (
        f"{inviter} heeft u uitgenodigd in het Scholingsregister Kinderopvang. U heeft al een account "
        "met dit e-mailadres; dat koppelen wij niet zonder u. Wilt u ook namens hen werken? Vraag dan de "
        "beheerder van het register om uw account te koppelen.\n"
        "Kent u hen niet? Dan kunt u dit bericht negeren."
    )
