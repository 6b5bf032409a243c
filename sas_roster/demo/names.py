"""Invented names for the demo association: common French first and last names combined at
random, so that no real person is described (no RPPS here belongs to anyone: they are made
from a fixed fictitious prefix)."""

FIRST_NAMES = (
    "Camille", "Julien", "Claire", "Thomas", "Sophie", "Nicolas", "Élodie", "Mathieu", "Aurélie",
    "Pierre", "Hélène", "Antoine", "Léa", "Guillaume", "Chloé", "Benoît", "Manon", "Olivier",
    "Pauline", "Étienne", "Laure", "François", "Inès", "Romain", "Margaux", "Sébastien", "Anaïs",
    "Vincent", "Juliette", "Hugo", "Noémie", "Damien", "Céline", "Maxime", "Agathe", "Cédric",
    "Bérénice", "Rémi", "Lucie", "Jérôme", "Salomé", "Adrien", "Mathilde", "Fabien", "Gaëlle",
    "Quentin", "Solène", "Yann", "Marion", "Loïc",
)

LAST_NAMES = (
    "Aubertin", "Barrault", "Bellanger", "Besnard", "Bonnefoy", "Bourdais", "Carrel", "Chapuis",
    "Chevrier", "Colombet", "Courtade", "Dabadie", "Delorme", "Desfosses", "Dumoulin", "Esnault",
    "Fauvel", "Ferrandon", "Gaillot", "Garnerin", "Gironde", "Guérinel", "Hamelot", "Jaouen",
    "Labarthe", "Lachaume", "Lamarzelle", "Lebrasseur", "Lemercier", "Le Goff", "Maillebois",
    "Marquès", "Montagnac", "Morvillier", "Nédélec", "Oudinot", "Pasquereau", "Perrichon",
    "Poitevin", "Quérel", "Rabussier", "Renaudin", "Rivoallan", "Roubaud", "Sabatier",
    "Salvetat", "Tessonnier", "Thibergeau", "Vaillandet", "Vautrin", "Verdelhan", "Villemagne",
    "Yvinec", "Zimmerlin", "Castagnou", "Darrigade", "Estrabaut", "Fromentin", "Lhéritier",
    "Mallorquin", "Pérignac", "Ravaillon", "Soubeyran", "Trémouille", "Vignalou", "Aurignac",
    "Bastérot", "Cazenave", "Duhourcau", "Lartigau",
)
