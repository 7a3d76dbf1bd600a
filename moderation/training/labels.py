"""How each dataset's labels map onto the site's categories.

Targets are **multi-label and masked**: a training row says 1 or 0 only for the
categories its source actually labels; every other category is *unknown* for that row
and the row is left out when that category's scorer is trained. A hate-speech corpus's
"not hate" row is a negative for `abuse`, not a clean comment: it may still swear or
insult. Only rows whose source labels offensiveness as a whole ("neither", "NOT",
all-zero Jigsaw/Gab rows, ham messages) are clean, negative for every category.

`LABEL_MAPPING` is the human-readable form of the rules the readers in
`moderation.training.datasets` apply; it is copied into the model card verbatim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from moderation.pipeline.types import CATEGORIES

#: Categories the datasets can teach besides promotion (spam is a different kind of data).
TOXIC_CATEGORIES: tuple[str, ...] = tuple(cat for cat in CATEGORIES if cat != "promotion")

CLEAN: Mapping[str, int] = {cat: 0 for cat in CATEGORIES}

LABEL_MAPPING: dict[str, dict[str, str]] = {
    "davidson-hate-offensive": {
        "class 2 (neither)": "clean: every category 0",
        "class 1 (offensive language)": "profanity=1, vulgarity=1, abuse=0",
        "class 0 (hate speech)": "abuse=1",
    },
    "ethos": {
        "binary isHate >= 0.5": "abuse=1",
        "binary isHate < 0.5": "abuse=0 (some are still rude, so nothing else is known)",
        "multi-label (all hateful)": "abuse=1, threat = violence >= 0.5, "
        "personal_attack = directed_vs_generalized >= 0.5",
    },
    "olid": {
        "NOT": "clean: every category 0",
        "OFF + UNT (untargeted)": "profanity=1, threat=0, personal_attack=0, abuse=0",
        "OFF + TIN + IND": "personal_attack=1, abuse=0",
        "OFF + TIN + GRP": "abuse=1, personal_attack=0",
        "OFF + TIN + OTH": "abuse=0",
    },
    "youtube-spam": {
        "CLASS 1 (spam)": "promotion=1, every other category 0",
        "CLASS 0 (ham)": "clean: every category 0",
    },
    "sms-spam": {
        "spam": "promotion=1, every other category 0",
        "ham": "clean: every category 0",
    },
    "jigsaw-toxic-comment": {
        "every label 0": "clean: every category 0",
        "any label 1": "profanity = vulgarity = obscene, personal_attack = insult, "
        "threat = threat, abuse = identity_hate (promotion unknown)",
    },
    "dynahate": {
        "nothate": "abuse=0, threat=0",
        "hate": "abuse=1; threat = 1 if type is threatening, 0 for the other types, "
        "unknown when type is notgiven",
    },
    "impermium-insults": {
        "Insult 1": "personal_attack=1",
        "Insult 0": "personal_attack=0 (insults of third parties and slurs were not "
        "labelled, so nothing else is known)",
    },
    "gab-hate-corpus": {
        "hd, cv, vo all 0": "clean: every category 0",
        "otherwise": "abuse = hd or cv, threat = cv, profanity = vulgarity = vo",
    },
    "hateval-semeval2019": {
        "HS 0": "abuse=0",
        "HS 1": "abuse=1; personal_attack = TR (an individual target); AG is not used",
    },
    "implicit-hate": {
        "stage 1 not_hate": "abuse=0",
        "stage 1 implicit_hate / explicit_hate": "abuse=1",
        "stage 2": "abuse=1; threat = 1 if implicit_class or extra_implicit_class is "
        "threatening, else 0",
    },
    "toxic-spans": {
        "span holds a strong insult word": "personal_attack=1 (every post is toxic but "
        "carries no category; posts without such a span are not used)",
    },
    "handwritten": {
        "labels list": "the listed categories 1, every other category 0",
    },
    "handwritten_bulk": {
        "labels list": "the listed categories 1, every other category 0",
    },
    "identity_templates": {
        "generated sentences": "abuse=0, personal_attack=0, the rest unknown "
        "(moderation.training.identity: short neutral, supportive, negated and counter-speech "
        "sentences about identity groups)",
    },
    "report_templates": {
        "generated sentences": "threat=0, the rest unknown (moderation.training.reports: "
        "third-person, past-tense and passive reports of violence with a victim and a place)",
    },
    "feedback": {
        "labels list": "the listed categories 1, every other category 0",
    },
    "arabic-l-hsab, arabic-osact2020": {
        "all rows": "not used: the English model does not cover Arabic, the language "
        "check holds Arabic comments for review",
    },
    "wordlists": {
        "all entries": "not used by the classifier: the rules own word lists",
    },
}

#: Words that make a toxic-spans span a personal attack. Deliberately leaves out words
#: the guidelines accept as strong criticism ("ridiculous", "silly", "ignorant",
#: "hypocrite", "pathetic").
INSULT_WORDS: frozenset[str] = frozenset(
    [
        "idiot",
        "idiots",
        "idiotic",
        "moron",
        "morons",
        "moronic",
        "stupid",
        "stupidity",
        "dumb",
        "dumbass",
        "fool",
        "fools",
        "foolish",
        "imbecile",
        "imbeciles",
        "loser",
        "losers",
        "scum",
        "retard",
        "retarded",
        "retards",
        "clown",
        "clowns",
        "jerk",
        "jerks",
        "dimwit",
        "dimwits",
        "nitwit",
        "cretin",
        "cretins",
        "buffoon",
        "buffoons",
        "dolt",
        "dolts",
        "halfwit",
        "twit",
        "twits",
        "numbskull",
        "dunce",
        "ignoramus",
        "bozo",
        "bozos",
        "lowlife",
        "lowlifes",
        "degenerate",
        "degenerates",
        "scumbag",
        "scumbags",
        "troll",
        "trolls",
        "trash",
        "garbage",
        "dope",
        "dopes",
        "wacko",
        "nutjob",
        "nutcase",
        "lunatic",
        "lunatics",
    ]
)


def labelled(positive: Iterable[str] = (), negative: Iterable[str] = ()) -> dict[str, int]:
    """A label dict with the named categories known; every other category unknown."""
    labels = dict.fromkeys(negative, 0)
    labels.update(dict.fromkeys(positive, 1))
    return labels


def fully_labelled(positive: Iterable[str]) -> dict[str, int]:
    """Every category known: the named ones 1, the rest 0 (hand-labelled rows)."""
    positive = set(positive)
    unknown = positive - set(CATEGORIES)
    if unknown:
        raise ValueError(f"unknown categories {sorted(unknown)}; expected {list(CATEGORIES)}")
    return {cat: int(cat in positive) for cat in CATEGORIES}
