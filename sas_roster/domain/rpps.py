"""RPPS numbers: 11 digits, the last one a Luhn check digit."""

from __future__ import annotations


def luhn_check_digit(payload: str) -> int:
    """Check digit that makes `payload + digit` pass the Luhn test."""
    total = 0
    # Double every second digit starting from the right of the payload (the check digit
    # will take the rightmost, undoubled position).
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def normalise_rpps(raw: str) -> str:
    """Strip the spaces and dots people type in identifiers."""
    return "".join(ch for ch in str(raw).strip() if ch not in " .\u00a0\u202f-")


def rpps_problem(raw: str | None) -> str | None:
    """French reason why `raw` is not a valid RPPS, or None when it is valid."""
    if raw is None or str(raw).strip() == "":
        return "RPPS manquant"
    value = normalise_rpps(raw)
    if not value.isdigit():
        return f"RPPS « {raw} » invalide : il ne doit contenir que des chiffres"
    if len(value) != 11:
        return f"RPPS « {raw} » invalide : 11 chiffres attendus, {len(value)} trouvés"
    if luhn_check_digit(value[:10]) != int(value[10]):
        return f"RPPS « {raw} » invalide : la clé de contrôle (dernier chiffre) est fausse"
    return None


def is_valid_rpps(raw: str | None) -> bool:
    return rpps_problem(raw) is None


def make_rpps(prefix10: str) -> str:
    """A valid RPPS from 10 digits (used to invent demo and test persons)."""
    if len(prefix10) != 10 or not prefix10.isdigit():
        raise ValueError("10 digits expected")
    return prefix10 + str(luhn_check_digit(prefix10))
