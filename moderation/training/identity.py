"""Short clean sentences about identity groups, made from templates, as training rows.

Hate-speech corpora name a group almost only to attack it, so a bag of n-grams learns that
the name itself predicts abuse: trained on them alone, the model rejected "I love
Muslims." and "Women should be paid the same as men." (abuse 0.69 and 0.77). The
hand-written rows in `data/identity_clean.jsonl` are long news sentences and did not move
short ones. These rows pair every group with short neutral, supportive, negated and
counter-speech sentences (counterfactual augmentation), so the group's name carries no
weight and what is said about it decides.

The templates are ours, written for this project; the dev sets never share a sentence with
them (`tests/test_dev_sets.py`). Counter-speech templates that quote a hateful predicate
run over a few groups each, not all, so that "are vermin" next to a group still counts as
abuse in the data as a whole.
"""

from __future__ import annotations

from moderation.training.datasets import Example

__all__ = [
    "COUNTER_TEMPLATES",
    "GROUPS",
    "LABELS",
    "MEMBERS",
    "MEMBER_TEMPLATES",
    "SOURCE",
    "TEMPLATES",
    "identity_examples",
]

#: The training source name (its weight is set in `TrainConfig.source_weights`).
SOURCE = "identity_templates"

#: Plural noun phrases, as readers write them.
GROUPS: tuple[str, ...] = (
    "Muslims", "Christians", "Jews", "Hindus", "Sikhs", "Buddhists", "atheists", "Yazidis",
    "Alevis", "Shia Muslims", "Sunni Muslims", "women", "girls", "mothers", "gay people",
    "lesbians", "bisexual people", "trans people", "Black people", "Arabs", "Kurds", "Turks",
    "Persians", "Armenians", "Assyrians", "Africans", "Asians", "immigrants", "refugees",
    "migrants", "disabled people", "Roma", "trans women", "trans men", "gay men",
    "Black women", "Muslim women", "Jewish people", "Kurdish women",
)

#: Neutral, supportive and negated sentences; `{g}` is the group, `{G}` capitalised.
TEMPLATES: tuple[str, ...] = (
    "I love {g}.",
    "I respect {g}.",
    "I stand with {g}.",
    "{G} are welcome here.",
    "{G} deserve equal rights.",
    "{G} are people like everyone else.",
    "{G} have the right to live in peace.",
    "{G} should feel safe in this country.",
    "Many {g} live in our city.",
    "Some {g} voted for the opposition.",
    "My neighbours are {g} and they are lovely.",
    "The article interviews {g} about the election.",
    "{G} marched for peace on Sunday.",
    "{G} should be paid the same as everyone else.",
    "Attacks on {g} rose again last year, the report says.",
    "Violence against {g} must stop.",
    "I don't hate {g}.",
    "I have nothing against {g}.",
    "{G} are not the enemy.",
    "There is nothing wrong with being one of the {g} of this town.",
    "Hatred of {g} has no place here.",
    "Good to see {g} represented in this story.",
    "{G} are strong.",
    "{G} are kind and generous people.",
    "{G} should be allowed to pray in peace.",
    "{G} must be protected.",
    "{G} are part of this country.",
    "{G} are our fellow citizens.",
    "{G} have always been part of our history.",
    "Well done {g}, what a result!",
    "Congratulations to the {g} who organised this.",
    "Proud of the {g} in our community.",
    "{G} have suffered enough.",
    "Why do people still hate {g}? It makes no sense.",
)

#: One member of a group, for a reader who names their own identity ("As a queer woman I
#: ..."): the corpora's tweets use "queer", "gay" and "lesbian" mostly as slurs, and the
#: committed model held such comments for vulgarity (0.79) before these rows.
MEMBERS: tuple[str, ...] = (
    "a Muslim", "a Christian", "a Jew", "a Hindu", "an atheist", "a Yazidi", "an Alevi",
    "a woman", "a mother", "a gay man", "a lesbian", "a bisexual woman", "a queer woman",
    "a trans woman", "a trans man", "a Black man", "a Black woman", "an Arab", "a Kurd",
    "a Turk", "an Armenian", "an Assyrian", "an immigrant", "a refugee", "a disabled person",
    "a Muslim woman", "a Jewish man", "a Kurdish woman", "a deaf person", "a gay Muslim",
)

#: A reader speaking as one of a group; `{m}` is the member.
MEMBER_TEMPLATES: tuple[str, ...] = (
    "As {m}, I thought the reporting here was fair.",
    "I am proud to be {m} and to live here.",
    "I'm {m} and I agree with the editorial.",
    "Speaking as {m}, this report got it right.",
    "As {m} I have lived in this city for twenty years.",
    "My sister is {m} and she works as a nurse.",
)

#: Counter-speech that quotes a hateful claim to reject it; each runs over every
#: `COUNTER_STRIDE`-th group only (see the module docstring).
COUNTER_TEMPLATES: tuple[str, ...] = (
    "Saying {g} are stupid is plain bigotry.",
    "Calling {g} animals is dehumanising and wrong.",
    "It is wrong to blame {g} for the crisis.",
    "Anyone who says {g} should leave the country does not speak for me.",
)
COUNTER_STRIDE = 4


def _sentence(template: str, group: str) -> str:
    capitalised = group[:1].upper() + group[1:]
    text = template.format(g=group, G=capitalised)
    return text[:1].upper() + text[1:]


#: What these rows teach: that naming a group is not abuse, nor an attack, nor a swear
#: ("gay" and "queer" are swears in the offensive-language tweets). The threat label stays
#: unknown: as clean rows for threats, the violence words in "violence against refugees
#: must stop" taught the threat scorer that threats were clean, and threats approved on
#: the dev set rose from 7 % to 14 %.
LABELS: dict[str, int] = {"abuse": 0, "personal_attack": 0, "profanity": 0, "vulgarity": 0}


def identity_examples() -> list[Example]:
    """Every template with every group (counter-speech with every fourth) and every
    member template with every member, labelled as `LABELS` says."""
    texts = [_sentence(t, g) for t in TEMPLATES for g in GROUPS]
    texts += [template.format(m=member) for template in MEMBER_TEMPLATES for member in MEMBERS]
    for offset, template in enumerate(COUNTER_TEMPLATES):
        groups = GROUPS[offset % COUNTER_STRIDE :: COUNTER_STRIDE]
        texts.extend(_sentence(template, group) for group in groups)
    return [Example(text, dict(LABELS), SOURCE) for text in texts]
