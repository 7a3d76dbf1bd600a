"""Short reports of violence, made from templates, as training rows: not threats.

A news site's readers write about war every day ("The bombing of the hospital in Afrin
killed doctors and patients."), and such comments are welcome. The threat data come from
tweets and forums, where "killed", "shot" and "bombed" mostly appear in threats, so the
threat scorer gave plain war reporting 0.2-0.3 and the comment was held for a moderator.
These rows pair the violent verbs with what makes a report a report: a third-party
subject, the past tense or the passive, a victim, a place or a source. First-person and
second-person promises ("I will kill you") never appear in them.

The templates are ours, written for this project; the dev sets never share a sentence with
them (`tests/test_dev_sets.py`). Every combination would be tens of thousands of rows
with the same few words, so the parts are combined by strides into `ROWS` sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from moderation.training.datasets import Example

__all__ = ["LABELS", "SOURCE", "report_examples"]

#: The training source name (its weight is set in `TrainConfig.source_weights`).
SOURCE = "report_templates"

#: Only "this is not a threat": the other categories stay unknown for these rows, as for
#: the identity templates (a row labelled clean for abuse would teach that a massacre of
#: Yazidis reported with a slur is clean).
LABELS: dict[str, int] = {"threat": 0}

ACTORS: tuple[str, ...] = (
    "Gunmen", "The army", "Militants", "ISIS fighters", "Police", "Drones", "Government forces",
    "The militia", "Unknown attackers", "A suicide bomber", "Security forces", "Rebels",
    "Soldiers", "The regime", "Air strikes", "Snipers", "Masked men", "The occupying forces",
)
VERBS: tuple[str, ...] = (
    "killed", "shot", "bombed", "shelled", "attacked", "executed", "wounded", "kidnapped",
    "beheaded", "tortured", "massacred", "murdered", "burned", "stabbed", "hanged", "slaughtered",
)
VICTIMS: tuple[str, ...] = (
    "three civilians", "a journalist", "two soldiers", "several protesters", "the villagers",
    "dozens of people", "a family of five", "aid workers", "the guards", "children",
    "a local reporter", "the mayor", "two teachers", "shepherds", "prisoners", "patients",
)
PLACES: tuple[str, ...] = (
    "in Kobani", "near Kirkuk", "in Afrin", "in Mosul", "outside Erbil", "in Sinjar",
    "in the market", "at a checkpoint", "on Tuesday", "overnight", "last week", "in 2014",
    "near the border", "in the old city", "during the siege", "after the election",
)
#: `{a}` actor (`{al}` inside a sentence), `{v}` verb, `{x}` victims (`{X}` starting a
#: sentence, `{were}` agreeing with them), `{p}` place.
TEMPLATES: tuple[str, ...] = (
    "{a} {v} {x} {p}.",
    "{X} {were} {v} by {al} {p}.",
    "Witnesses said {al} {v} {x} {p}.",
    "The report says {al} {v} {x} {p}.",
    "According to the ministry, {al} {v} {x} {p}.",
    "{X} {were} {v} {p}, and nobody has been charged.",
    "Those who {v} {x} {p} must face justice.",
    "The men who {v} {x} {p} were sentenced yesterday.",
    "It is shameful that {al} {v} {x} {p} and the world said nothing.",
    "My cousin was among those {v} {p}.",
    "Do not forget the victims: {x} {v} by {al} {p}.",
    "The article does not mention that {al} also {v} {x} {p}.",
)
ROWS = 900

#: Bombs, shells and blasts as the subject: the threat scorer read "A car bomb exploded in
#: the market, killing at least 12 people" as 0.43, since "bomb" with "killing" is mostly a
#: threat in the tweets; the reports above have a person or a force as the actor.
BLASTS: tuple[str, ...] = (
    "car bomb", "roadside bomb", "suicide bomb", "mortar shell", "rocket", "drone strike",
    "landmine", "grenade", "IED", "artillery shell", "barrel bomb", "explosion", "bomb",
    "truck bomb", "blast",
)
BLAST_VERBS: tuple[str, ...] = ("killed", "wounded", "injured", "maimed", "hit")
#: `{b}` blast with its article (`{the}` definite), `{v}` verb, `{x}` victims, `{p}` place.
#: Seven templates against fifteen blasts: coprime counts, so each blast meets each template.
BLAST_TEMPLATES: tuple[str, ...] = (
    "{b} {v} {x} {p}.",
    "{b} exploded {p}, killing {x}.",
    "{X} {were} {v} when {b} went off {p}.",
    "Witnesses said {b} {v} {x} {p}.",
    "No group has claimed {the} that {v} {x} {p}.",
    "{The} {p} {v} {x}, the ministry said.",
    "My neighbour heard {the} that {v} {x} {p}.",
)
BLAST_ROWS = 150


def _strided(rows: int, subjects: tuple[str, ...], verbs: tuple[str, ...],
             templates: tuple[str, ...], victim_stride: int,
             subject_fields: Callable[[str], dict[str, str]]) -> list[str]:
    """`rows` distinct sentences: part `i` of each list is taken by a different stride, so
    every subject meets every verb, victim and place somewhere in the rows."""
    texts = []
    for index in range(rows * 4):
        victims = VICTIMS[(index // victim_stride) % len(VICTIMS)]
        singular = victims.startswith(("a ", "the mayor"))
        text = templates[index % len(templates)].format(
            **subject_fields(subjects[index % len(subjects)]),
            v=verbs[(index // 3) % len(verbs)], x=victims,
            p=PLACES[(index // 11) % len(PLACES)], X=victims[:1].upper() + victims[1:],
            were="was" if singular else "were")
        texts.append(text[:1].upper() + text[1:])
    return list(islice(dict.fromkeys(texts), rows))


def _actor(actor: str) -> dict[str, str]:
    return {"a": actor, "al": actor if actor.startswith("ISIS") else actor.lower()}


def _blast(blast: str) -> dict[str, str]:
    article = "an" if blast[0] in "aeiouAEIOU" else "a"
    return {"b": f"{article} {blast}", "the": f"the {blast}", "The": f"The {blast}"}


def _sentences() -> list[str]:
    """`ROWS` sentences with a person or a force as the actor."""
    return _strided(ROWS, ACTORS, VERBS, TEMPLATES, 7, _actor)


def _blast_sentences() -> list[str]:
    """`BLAST_ROWS` sentences with a blast as the subject."""
    return _strided(BLAST_ROWS, BLASTS, BLAST_VERBS, BLAST_TEMPLATES, 5, _blast)


def report_examples() -> list[Example]:
    """The templated reports, labelled not a threat."""
    return [Example(text, dict(LABELS), SOURCE)
            for text in (*_sentences(), *_blast_sentences())]
