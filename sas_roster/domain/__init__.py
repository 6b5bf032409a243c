"""Plain dataclasses, enums and pure rules of the SAS association (no SQL, no Qt)."""
