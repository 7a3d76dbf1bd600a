"""Phrase patterns over the views: threats, sweeping attacks on groups, crude idioms, promotion.

Threats: phrase patterns for the unambiguous forms only: a first-person promise of
violence against a person ("I will kill you", "I'm going to find you"), "watch your back",
"your days are numbered", "you will pay for this", "someone should shoot him", "hope you
die", "kill yourself". Reports of violence ("the army will kill civilians", "they
murdered journalists") and idioms ("I'd kill for that job") have no first-person subject
and target, so they do not fire. Third-person wishes ("he should be shot") are `review`.

Promotion (matched on the folded view, which keeps digits and punctuation):
* A link to a known news or reference site (`wordlists/news_domains.txt`, e.g. "Source:
  https://www.reuters.com/...") is not promotion at all: citing sources is welcome.
* Any other link, an e-mail address, a phone number, an @handle, a messenger contact or
  "DM me" on its own is `review`: a moderator can tell a helpline from an advert.
* Disguised contacts ("example dot com", "name at gmail dot com"), channel promotion
  ("subscribe to my channel", "check out my page"), selling, discount codes, "earn $500 a
  day", crypto/forex/casino pitches are `reject` on their own.
* Two or more different kinds of signal together (a link and "DM me", a phone number and
  an e-mail address), a contact with a messenger or selling word ("WhatsApp", "DM",
  "order" near a phone number) or a link with a selling word ("buy", "cheap", "click")
  make every promotion hit `reject`.
Phone numbers need 9-15 digits in phone-like groups; years ("2019 2020"), counts ("1,200
people", "100 000 000"), decimals and dates are not phone numbers.

Every hit carries its category, action, a score, the pattern name and spans in the
ORIGINAL text (through `View.span`).

Speed: a pattern runs only when one of its trigger words (or symbols) is in the comment,
and on a comment over `4 * REACH` characters only on the windows `REACH` around those
words: every match holds a trigger, and none reaches that far from it (checked against a
whole-text scan on the 1,707 texts over 800 characters in the shared data, and by
`tests/test_pattern_windows.py`); a long run of whitespace counts as 20 characters. An
`anchored` pattern (one that opens with a long alternation of words, which a scan would
try at every word) is tried only at its opening words up to `REACH` before a trigger.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from re import _constants as _c  # noqa: PLC2701 - to read a regex's opening
from re import _parser  # noqa: PLC2701
from typing import Any

from moderation.pipeline.groups import GROUP_ADJECTIVES as _GROUP_ADJECTIVES
from moderation.pipeline.groups import GROUPS as _GROUPS
from moderation.pipeline.groups import group_words
from moderation.pipeline.normalize import View, view_words
from moderation.pipeline.types import Span
from moderation.pipeline.wordlist_files import word_set

__all__ = ["ABUSE_PATTERNS", "DENIAL_PATTERNS", "PROMOTION_PATTERNS", "REACH",
           "SLUR_PHRASE_PATTERNS", "THREAT_PATTERNS", "VULGARITY_PATTERNS", "Hit", "Openers",
           "condemned_quotes", "condemns_hate", "criticises_thing", "defences", "defends_group",
           "finditer",
           "news_domains", "occurrences", "openers", "pattern_hits",
           "windows"]

_YOU = r"(?:you|u|ya|ye|yall|y'all)"

#: The words that can open a match: whole words, and prefixes of words.
Openers = tuple[frozenset[str], tuple[str, ...]]


def openers(regex: re.Pattern[str]) -> Openers | None:
    """The words that open every match of `regex` (whole words, and prefixes of longer
    words), read from its parse tree; None unless each alternative opens with `\\b` and
    a literal word. Not cached here: hashing a compiled regex costs microseconds."""
    if regex.flags & (re.ASCII | re.LOCALE | re.IGNORECASE):
        return None
    try:
        items = list(_parser.parse(regex.pattern, regex.flags))
    except Exception:  # noqa: BLE001 - a private module: when in doubt, scan whole
        return None
    found = _after_boundary(items)
    if not found:
        return None
    return (frozenset(word for word, whole in found if whole),
            tuple(sorted({word for word, whole in found if not whole})))


_Opener = set[tuple[str, bool]]


def _after_boundary(items: list[Any]) -> _Opener | None:
    """The opening words of `items`, which must start with `\\b` on every branch."""
    if not items:
        return None
    op, arg = items[0]
    if op is _c.AT and arg is _c.AT_BOUNDARY:
        return _opening_words(items[1:], "")
    if op is _c.SUBPATTERN:
        return _after_boundary(list(arg[-1]) + items[1:])
    if op is _c.BRANCH:
        return _union(_after_boundary(list(branch) + items[1:]) for branch in arg[1])
    return None


def _opening_words(items: list[Any], typed: str) -> _Opener | None:
    """(word, whole) pairs such that every string `items` match starts with one of the
    words (`typed` then literal word characters): a whole word when a non-word
    character or a boundary follows it, else a prefix. None when some string could
    open otherwise (with a character class, say)."""
    if not items:
        return {(typed, False)} if typed else None
    op, arg = items[0]
    rest = items[1:]
    if op is _c.LITERAL:
        char = chr(arg)
        if _is_word_char(char):
            return _opening_words(rest, typed + char)
        return {(typed, True)} if typed else None
    if op is _c.AT and arg is _c.AT_BOUNDARY:
        return {(typed, True)} if typed else _opening_words(rest, typed)
    if op is _c.IN and typed and all(not _set_member_may_be_word(m) for m in arg):
        return {(typed, True)}  # "\\s+" after the word
    if op is _c.SUBPATTERN:
        return _opening_words(list(arg[-1]) + rest, typed)
    if op is _c.BRANCH:
        return _union(_opening_words(list(branch) + rest, typed) for branch in arg[1])
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _opening_words(rest, typed)  # consumes nothing
    repeat = op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
    if typed and repeat and _opens_with_non_word(list(arg[2])):
        # "i(?:'ll|\\s+will)?", "you\\s*": the word ends, unless the repeat can be skipped
        return {(typed, True)} if arg[0] > 0 else _union([{(typed, True)},
                                                         _opening_words(rest, typed)])
    if typed:
        return {(typed, False)}  # a repeat or class may go on with word characters
    if repeat:
        low, _high, body = arg
        first = _opening_words(list(body), "")
        return first if low > 0 else _union([first, _opening_words(rest, "")])
    return None


def _opens_with_non_word(items: list[Any]) -> bool:
    """Whether every string `items` match opens with a character that is not a word's."""
    if not items:
        return False
    op, arg = items[0]
    if op is _c.LITERAL:
        return not _is_word_char(chr(arg))
    if op is _c.IN:
        return not any(_set_member_may_be_word(member) for member in arg)
    if op is _c.SUBPATTERN:
        return _opens_with_non_word(list(arg[-1]) + items[1:])
    if op is _c.BRANCH:
        return all(_opens_with_non_word(list(branch) + items[1:]) for branch in arg[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return arg[0] > 0 and _opens_with_non_word(list(arg[2]))
    return False


def _union(parts: Iterable[_Opener | None]) -> _Opener | None:
    found: _Opener = set()
    for part in parts:
        if part is None:
            return None
        found |= part
    return found


def _set_member_may_be_word(member: tuple[Any, Any]) -> bool:
    op, arg = member
    if op is _c.CATEGORY:
        return arg not in (_c.CATEGORY_SPACE, _c.CATEGORY_LINEBREAK)
    if op is _c.LITERAL:
        return _is_word_char(chr(arg))
    return True


def _is_word_char(char: str) -> bool:
    """What `\\w` matches in a str pattern."""
    return char.isalnum() or char == "_"



@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired, with evidence spans in the original text."""

    category: str
    action: str
    score: float
    name: str
    spans: tuple[Span, ...]
    subtype: str | None = None


# A cheap scan that must match before the phone pattern is tried.
_DIGIT_RUN = re.compile(r"\d[\d\s().\-]{6,}\d")


@dataclass(frozen=True, slots=True)
class _Pattern:
    name: str
    category: str
    action: str
    regex: re.Pattern[str]
    triggers: frozenset[str]  # words one of which must be in the text...
    score: float = 0.9
    symbols: str = ""  # ...or characters one of which must be in the text
    requires: tuple[frozenset[str], ...] = ()  # and a word from each of these groups
    #: Try the regex only where its opening words are (`openers`): worth it for a regex
    #: that opens with a long alternation of words, which a scan tries at every word.
    anchored: bool = False
    openers: Openers | None = field(init=False, compare=False)

    def __post_init__(self) -> None:
        opening = openers(self.regex) if self.anchored else None
        if self.anchored and opening is None:
            raise ValueError(f"{self.name}: an anchored pattern must open with \\b and a word")
        object.__setattr__(self, "openers", opening)

    def may_match(self, text: str, words: set[str]) -> bool:
        """A cheap test on the comment's word set that the regex cannot match without."""
        if words.isdisjoint(self.triggers) and not any(s in text for s in self.symbols):
            return False
        return not any(words.isdisjoint(group) for group in self.requires)


def _groups(requires: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(group.split()) for group in requires.split("|") if group.strip())


_SUBJECT = "i we ill im"
_YOU_WORDS = "you u ya ye yall"


def _threat(name: str, action: str, pattern: str, triggers: str, requires: str = "",
            anchored: bool = False) -> _Pattern:
    score = 0.95 if action == "reject" else 0.7
    return _Pattern(name, "threat", action, re.compile(pattern), frozenset(triggers.split()),
                    score=score, requires=_groups(requires), anchored=anchored)


#: "I'm coming", "we will be coming": the writer on the way (not "were", which is also
#: "they were coming with a rifle" in a report).
_COMING = r"\b(?:i'm|im|i\s+am|we're|we\s+are|i'll\s+be|we'll\s+be)\s+coming\s+"

_STRONG_VIOLENCE = (
    r"(?:kill|murder|shoot|stab|strangle|behead|butcher|slaughter|rape|lynch|gut|torture"
    r"|execute|hang|burn|bomb|slit)"
)
_WEAK_VIOLENCE = r"(?:find|hunt|hunt\s+down|come\s+for|come\s+after|hurt|beat|break|end|get)"
#: Every group's plural noun and adjective (`groups.GROUPS`, `groups.GROUP_ADJECTIVES`).
_GROUP_NAMES: tuple[str, ...] = tuple(" ".join(_GROUPS.values()).split())
_GROUP_ADJECTIVE_NAMES: tuple[str, ...] = tuple(" ".join(_GROUP_ADJECTIVES.values()).split())


def _singulars(names: Iterable[str]) -> set[str]:
    """The singular of each plural group name: "kurds" -> "kurd" ("sudanese" has none)."""
    return {name[:-1] for name in names if name.endswith("s")}


def _longest_first(words: Iterable[str]) -> str:
    """`words` as regex alternatives, longest first (so a name wins over its prefix), in
    the same order every run."""
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))


#: A group named in the plural or the singular ("all Kurds", "every Kurd", "each woman").
_GROUP_NOUN = "(?:" + _longest_first(
    {f"{name[:-1]}s?" if name.endswith("s") else name for name in _GROUP_NAMES}
    | {"woman", "women"}) + ")"
_I_WILL = (
    r"\b(?:i|we)\s*(?:'ll|will|shall|'m\s+going\s+to|'m\s+gonna|am\s+going\s+to|am\s+gonna"
    r"|m\s+going\s+to|m\s+gonna|'re\s+going\s+to|are\s+going\s+to|are\s+gonna|gonna"
    r"|going\s+to|want\s+to|wanna|would\s+love\s+to|'d\s+love\s+to|'d\s+happily"
    r"|'d\s+gladly|would\s+happily|would\s+gladly|ll)\s+"
    r"|\b(?:ill|im\s+going\s+to|im\s+gonna)\s+"
)
_TARGET = (
    r"(?:you|u|ya|ye|him|her|them|all\s+of\s+you|y'all|yall|(?:that|this)\s+(?:man|woman|guy"
    r"|bloke|idiot|traitor|journalist|reporter|commentator|editor|author|writer|minister"
    r"|politician|bastard|bitch|moron|scum|clown|kid|boy|girl|person|judge|mp|president|pig"
    r"|rat|dog|presenter|anchor|cop|officer|imam|priest|rabbi)"
    r"|your\s+(?:family|kids|children|wife|husband|office|house|home|car|newspaper|paper)"
    # "I'll shoot the next reporter I see": the press named, not possessed ("the writer's").
    r"|(?:the|any|every)\s+(?:next\s+|first\s+)?(?:journalist|reporter|editor|author|writer"
    r"|presenter|anchor|columnist|commentator|cameraman|photographer)(?!['’]))\b"
    # "I'll shoot him an email" is an idiom.
    r"(?!\s+(?:a|an)\s+(?:message|e-?mail|note|text|line|question|dm|look|glance|smile))"
)
#: "I'll come to your house and stab you": the trip to the victim before the violence.
_APPROACH = (r"(?:(?:come|go|drive|fly|walk|get|head|find|catch|track\s+down|meet|visit)\s+"
             r"(?:\w+\s+){0,4}?and\s+)?")

#: After "you will pay" or "I'll make you pay": not when the same sentence puts the price in
#: votes or in law ("... at the ballot box", "... in court").
_NOT_IN_VOTES_OR_LAW = (r"(?![^.!?\n]{0,40}\b(?:ballot|polls|elections?|votes?|voters|court"
                        r"|courts|lawsuit|tribunal|judge)\b)")

#: Veiled menace in small patterns, each tried only when its trigger and required words
#: are in the comment (`(regex, triggers, requires)` for `_threat`): as alternatives of one
#: regex they would run on every comment with a common word such as "now" or "again".
_GATED_VEILED: tuple[tuple[str, str, str], ...] = (
    # "I have your photo saved"
    (r"\b(?:i|we)\s+(?:have|kept|saved|screenshotted)\s+(?:your|ur)\s+(?:photo|photos|picture"
     r"|pictures|face|plate|licence\s+plate|car\s+number)\b",
     "photo photos picture pictures face plate number", "your ur"),
    # "nice view. For now."
    (r"\b(?:nice|lovely|beautiful|pretty)\s+(?:view|house|home|car|office|family|kids|children"
     r"|shop|flat)\b[^.!?]{0,30}[.!,]+\s*for\s+now\b",
     "now", "nice lovely beautiful pretty"),
    # "count your days" (not "counting the days until Eid")
    (r"\bcount(?:ing)?\s+(?:the|your|ur|his|her|their)\s+days\b(?!\s+(?:until|till|til|to"
     r"|before|of|in)\b)", "days", "count counting"),
    # "journalists who write like this don't get to write for very long"
    (r"\b(?:don't|dont|do\s+not|never|rarely)\s+get\s+to\s+(?:write|report|speak|live|work"
     r"|talk)\s+(?:for\s+)?(?:very\s+|too\s+)?long\b", "long", "get"),
    (rf"\b{_YOU}\s*(?:will|'ll|ll)\s+(?:soon\s+)?(?:see|feel|face)\s+the\s+consequences\b"
     + _NOT_IN_VOTES_OR_LAW, "consequences", ""),
    # "saw you at the mall in the blue coat. You should stay home more", "we know the
    # schedule", "people like you used to disappear in 1988", "your office is on 60 Meter
    # street, second floor?"
    (r"\b(?:(?:i|we)\s+)?saw\s+(?:you|u)\s+(?:at|in|near|outside|with)\b[^.!?]{0,60}[.!?]+\s*(?:you\s+"
     r"should\s+(?:stay\s+(?:at\s+)?home(?:\s+more)?|be\s+(?:more\s+)?careful)|be\s+careful"
     # the warning ends the comment: not "be careful on the icy roads home"
     r"|careful)\b(?=\W*$)",
     "saw", "careful stay"),
    (r"\b(?:i|we)\s+know\s+(?:the|her|his|your|ur|their)\s+(?:daily\s+)?(?:schedule|timetable"
     r"|routine|route|movements)\b", "schedule timetable routine route movements", "know"),
    (rf"\bpeople\s+like\s+{_YOU}\s+used\s+to\s+(?:disappear|vanish|go\s+missing|be\s+(?:killed"
     r"|shot|hanged|buried|taken))\b",
     "disappear vanish missing killed shot hanged buried taken", "used"),
    (r"\b(?:your|ur)\s+(?:office|house|home|flat|apartment|shop)\s+is\s+(?:on|in|at|near)\b"
     r"[^\n]{0,60}?\b(?:\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|top|ground)\s+floor\b",
     "floor", "office house home flat apartment shop"),
    # a massacre held over a people: "maybe they need a reminder" of 1988 (numbers are
    # not words, so a year alone cannot be required), "tell her 1915 can happen again"
    (r"\b(?:they|you|u|he|she|them|kurds|armenians|yazidis|arabs|turks|assyrians|people)\s+"
     r"(?:\w+\s+)?(?:need|needs|deserve|deserves)\s+(?:a\s+)?(?:little\s+|new\s+|fresh\s+)?"
     r"reminder\b", "reminder",
     "anfal halabja sinjar genocide massacre forgotten forget forgot"),
    (r"\b(?:1915|1988|1991|2014|anfal|halabja|sinjar|genocide|massacre)\s+(?:can|could|will"
     r"|may|might)\s+(?:easily\s+)?happen\s+again\b", "happen", "again | tell remind"),
    # Knowing or watching a target's places and family: "we know where the author's office
    # is", "I saw your car outside the cafe", "your daughter goes to school in Ankawa,
    # right?", "he should think about how much he loves his mother before publishing"
    (r"\b(?:i|we)\s+know\s+where\s+(?:the\s+\w+'s|your|ur|his|her|their)\s+(?:\w+\s+)?(?:office"
     r"|house|home|school|car|newsroom|flat|apartment|shop)\s+(?:is|are)\b", "where", "know"),
    (r"\b(?:i|we)\s+(?:saw|noticed|spotted|watched)\s+(?:your|ur)\s+(?:car|kids|children|daughter"
     r"|son|wife|husband|house|flat|family)\s+(?:\w+\s+)?(?:outside|parked|in\s+front\s+of)\b",
     "car kids children daughter son wife husband house flat family",
     "saw noticed spotted watched"),
    (r"\b(?:your|ur)\s+(?:daughter|son|kids|children|wife|husband|mother|sister|brother)\s+"
     r"(?:still\s+)?(?:goes|go|walks|works|studies|plays|takes)\b[^.!?\n]{0,60}?,?\s*(?:right|yes)"
     r"\s*\?", "daughter son kids children wife husband mother sister brother", "right yes"),
    (r"\bthink\s+(?:about|of)\s+(?:how\s+much\s+(?:he|she|you|they)\s+loves?\s+)?(?:his|her|your"
     r"|ur|their)\s+(?:mother|mum|mom|family|kids|children|wife|husband|daughter|son|safety"
     r"|health)\s+before\s+(?:publishing|writing|posting|printing|reporting)\b", "before", "think"),
    # "two men holding hands is disgusting and they deserve whatever happens to them"
    (r"\b(?:they|he|she|you|u|them|these\s+\w+|those\s+\w+|\w+\s+like\s+(?:that|them|him|her"
     r"|you|this))\s+deserves?\s+whatever\s+(?:happens"
     r"|comes|is\s+coming)\b", "whatever", "deserve deserves"),
    # "remember what happened to <a murdered journalist>? some reporters never learn"
    (r"\bremember\s+what\s+happened\s+to\s+[^.!?]{2,40}[.!?]+\s*(?:some|such|these|those)\s+"
     r"(?:people|reporters|journalists|writers|women|men)\s+never\s+learn\b",
     "learn", "remember"),
)

THREAT_PATTERNS: tuple[_Pattern, ...] = (
    _threat("threat:promise", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?{_APPROACH}{_STRONG_VIOLENCE}\s+{_TARGET}",
            "kill murder shoot stab strangle behead butcher slaughter rape lynch gut torture "
            "execute hang burn bomb slit",
            f"{_SUBJECT} | {_YOU_WORDS} him her them your that this all the any every"),
    _threat("threat:promise", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?{_APPROACH}{_WEAK_VIOLENCE}\s+(?:you|u|ya|ye)\b"
            r"(?!\s+(?:a|an|some|one|the)\b)",
            "find hunt come hurt beat break end get", f"{_SUBJECT} | {_YOU_WORDS}"),
    # "I'll run you over", "we will set him on fire".
    _threat("threat:promise", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?(?:run\s+(?:you|u|ya|him|her|them)\s+(?:over|down)"
            r"|set\s+(?:you|u|ya|him|her|them)\s+(?:on\s+fire|alight|ablaze))\b",
            "run set", f"{_SUBJECT} | {_YOU_WORDS} him her them"),
    # "I'll beat him until he can't walk": a beating promised with its outcome.
    _threat("threat:promise", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?{_APPROACH}beat\s+(?:you|u|ya|him|her|them)\s+(?:until|till"
            r"|untill|til|to\s+death|senseless|half\s+to\s+death|black\s+and\s+blue|to\s+a\s+pulp)\b",
            "beat", f"{_SUBJECT} | {_YOU_WORDS} him her them"),
    # "I will stab anyone who votes for them": held, since "I'll kill anyone who spoils
    # the final" is a figure of speech.
    _threat("threat:promise_anyone", "review",
            rf"(?:{_I_WILL})(?:\w+\s+)?{_STRONG_VIOLENCE}\s+(?:the\s+throats?\s+of\s+)?(?:anyone|anybody"
            r"|everyone|everybody"
            # "I'm going to stab the next traitor who writes lies"
            r"|the\s+next\s+\w+(?:\s+\w+)?)\s+(?:who|that)\b",
            "kill murder shoot stab strangle behead butcher slaughter rape lynch gut torture "
            "execute hang burn bomb slit", f"{_SUBJECT} | anyone anybody everyone everybody next"),
    # "I'm coming with a knife", "we are coming for you with our guns": a weapon on its way.
    _threat("threat:coming_armed", "reject",
            rf"{_COMING}(?:for\s+(?:you|u|him|her|them)\s+|to\s+your\s+\w+\s+|over\s+)?with\s+"
            r"(?:a|my|our|the)\s+(?:knife|knives|gun"
            r"|guns|rifle|pistol|kalashnikov|ak|axe|machete|bomb|acid|petrol)\b",
            "knife knives gun guns rifle pistol kalashnikov ak axe machete bomb acid petrol",
            "coming"),
    # "I'm coming to your house tonight": held (a friend may say it; here no friend does).
    _threat("threat:coming_to_you", "review",
            rf"{_COMING}to\s+(?:your|ur)\s+(?:house|home|flat|office|door|family|work|school)\b",
            "coming", "your ur"),
    # "... should hang, and I'd happily pull the rope": taking part in a killing wished.
    _threat("threat:would_take_part", "review",
            r"\b(?:i'd|id|i\s+would|i'll|i\s+will|i\s+will\s+be\s+the\s+one\s+to)\s+(?:happily\s+"
            r"|gladly\s+|personally\s+|be\s+happy\s+to\s+|volunteer\s+to\s+)?(?:pull\s+the\s+(?:rope"
            r"|lever|trigger)|kick\s+the\s+(?:chair|stool)|tie\s+the\s+(?:noose|rope)"
            r"|light\s+the\s+(?:match|fire|pyre))\b",
            "rope lever trigger chair stool noose match fire pyre", _SUBJECT + " id"),
    # "I'll throw acid on any girl who ...": no figure of speech throws acid.
    _threat("threat:promise", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?throw\s+acid\s+(?:on|at|in|into)\b", "acid", _SUBJECT),
    # "The MP deserves a car bomb", "he needs a bullet": violence as what someone has earned.
    _threat("threat:deserves_violence", "review",
            r"\b(?:deserves?|deserved|needs?|earned|should\s+get|ought\s+to\s+get)\s+(?:a\s+|the\s+)?"
            r"(?:bullet|car\s+bomb|noose|rope|good\s+beating|beating|knife|acid\s+attack)\b"
            r"(?!\s+(?:points?|train|proof|list|time|in\s+the\s+polls))",
            "bullet bomb noose rope beating knife acid",
            "deserve deserves deserved need needs earned get"),
    # "The editor will be beheaded", "you will be shot": a killing foretold. Held: a
    # report can say it of hostages, though not of "you" or of the site's writers.
    _threat("threat:will_be_killed", "review",
            r"\b(?:you|u|(?:the|this|that|your)\s+(?:editor|reporter|journalist|writer|author"
            r"|presenter|anchor|columnist)s?)\s*(?:will|'ll|shall|are\s+going\s+to|is\s+going\s+to"
            r"|'re\s+going\s+to)\s+be\s+(?:shot|beheaded|hanged|hung|killed|executed|lynched"
            r"|slaughtered|butchered|stabbed|murdered|burned|burnt|punished|dealt\s+with)\b"
            # "If he shows his face here again he will be shot"
            r"|\bif\s+(?:he|she|they|you|this\s+\w+|that\s+\w+)\s+(?:\w+\s+){0,6}?(?:again|here)\b"
            r"[^.!?]{0,20}?\b(?:he|she|they|you)\s*(?:will|'ll)\s+be\s+(?:shot|beheaded|hanged|hung"
            r"|killed|executed|lynched|slaughtered|stabbed|murdered|burned|burnt)\b",
            "shot beheaded hanged hung killed executed lynched slaughtered butchered stabbed "
            "murdered burned burnt punished dealt", "be"),
    # "I'm going to shoot up the newsroom", "we will bomb your office": a promised attack
    # on a place, and "I'll beat the crap out of you".
    _threat("threat:promise_place", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?(?:shoot\s+up|bomb|blow\s+up|burn\s+down|burn|torch|storm"
            r"|attack|firebomb)\s+(?:the|this|your|ur|that|their|his|her)\s+(?:\w+\s+)?(?:newsroom"
            r"|office|offices|building|studio|studios|station|school|mosque|church|synagogue"
            r"|parliament|rally|event|house|home|headquarters|hq|paper|newspaper|embassy|shop|centre"
            r"|center|camp|shelter|hostel|hotel|temple|market|clinic|hospital|bus|march|parade)\b"
            rf"|(?:{_I_WILL})(?:\w+\s+)?(?:beat|kick|knock|smack|punch)\s+the\s+(?:crap|shit|hell"
            r"|life|living\s+daylights|fuck|snot)\s+out\s+of\s+(?:you|u|ya|him|her|them)\b",
            "shoot bomb blow burn torch storm attack firebomb beat kick knock smack punch",
            f"{_SUBJECT} | the this your ur that their his her"),
    _threat("threat:promise_group", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?(?:hurt|hunt\s+down|beat\s+up|attack|kill|murder|shoot"
            r"|stab|slaughter|behead|butcher|massacre|gas|exterminate|wipe\s+out|bomb|burn|lynch"
            r"|hang|rape|execute)\s+(?:every|all|any|each|the\s+next|the\s+first)\s+"
            rf"(?:(?:of\s+)?the\s+)?(?:\w+\s+)?{_GROUP_NOUN}\b",
            "hurt hunt beat attack kill murder shoot stab slaughter behead butcher massacre gas "
            "exterminate wipe bomb burn lynch hang rape execute",
            f"{_SUBJECT} | every all any each next first"),
    # "I will slaughter Arabs like sheep": the group itself, with a verb of killing only
    # ("we will beat the Iraqis on Sunday" is sport).
    _threat("threat:promise_group", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?(?:kill|murder|shoot|stab|slaughter|behead|butcher|massacre"
            r"|gas|exterminate|wipe\s+out|lynch|rape|execute)\s+(?:the\s+|these\s+|those\s+)?"
            rf"(?:\w+\s+)?{_GROUP_NOUN}\b",
            "kill murder shoot stab slaughter behead butcher massacre gas exterminate wipe lynch "
            "rape execute", _SUBJECT),
    _threat("threat:where_you_live", "reject",
            rf"\b(?:i|we)\s+know\s+where\s+{_YOU}\s+live"
            rf"|(?:{_I_WILL})(?:find\s+(?:out\s+)?|track\s+down\s+|look\s+up\s+)where\s+{_YOU}"
            r"\s+(?:live|sleep)",
            "live sleep", "know find track look | where"),
    _threat("threat:watch_your_back", "reject", r"\bwatch\s+(?:your|ur|yer)\s+back\b", "back",
            "watch | your ur yer"),
    _threat("threat:days_numbered", "reject", r"\b(?:your|ur)\s+days\s+are\s+numbered\b",
            "numbered"),
    _threat("threat:will_pay", "reject",
            rf"\b{_YOU}\s*(?:'ll|will|are\s+going\s+to|'re\s+going\s+to|re\s+going\s+to|gonna"
            r"|ll)\s+pay\s+for\s+(?:this|that|it|what)\b" + _NOT_IN_VOTES_OR_LAW,
            "pay", f"for | {_YOU_WORDS}"),
    _threat("threat:someone_should", "reject",
            r"\b(?:someone|somebody|some1)\s+(?:should|needs\s+to|ought\s+to|has\s+to|must"
            r"|oughta|gotta|has\s+got\s+to)\s+(?:\w+\s+)?(?:shoot|kill|hang|stab|murder|lynch"
            r"|behead|assassinate|take\s+out|string\s+up|strangle|slit|burn|bomb|blow\s+up)"
            r"\s+(?:him|her|them|you|that|this|these|those|the|his|their|your|ur)\b",
            "someone somebody", "shoot kill hang stab murder lynch behead assassinate take "
            "string strangle slit burn bomb blow"),
    _threat("threat:hope_die", "reject",
            r"\b(?:hope|wish|pray)\s+(?:that\s+)?(?:you|u|he|she|they|ya|your\s+\w+)\s+"
            r"(?:\w+\s+)?(?:die|dies|get\s+killed|gets\s+killed|get\s+shot|gets\s+shot"
            r"|get\s+raped|gets\s+raped|get\s+cancer|gets\s+cancer|drop\s+dead|drops\s+dead)\b",
            "hope wish pray", "die dies killed shot raped cancer dead"),
    _threat("threat:self_harm", "reject",
            r"\b(?:go\s+)?(?:kill|hang|shoot)\s+(?:yourself|urself|yourselves|ursel)\b|\bkys\b"
            r"|(?:^|[.!?,]\s*|\bjust\s+|\bplease\s+)go\s+(?:and\s+)?die\b"
            # "go drink bleach", "go jump off a bridge", "end yourself"
            r"|\bgo\s+(?:and\s+)?(?:drink\s+(?:some\s+)?bleach|jump\s+off\s+(?:a|the)\s+(?:bridge|cliff"
            r"|building|roof)|play\s+in\s+(?:the\s+)?traffic)\b"
            r"|\bend\s+(?:yourself|urself|your\s+(?:own\s+)?(?:life|miserable\s+life))\b",
            "yourself urself yourselves kys ursel die bleach jump traffic life"),
    _threat("threat:you_are_dead", "reject",
            rf"\b{_YOU}\s*(?:'re|are|re|r)\s+(?:a\s+)?dead\s+(?:man|woman|meat)\b"
            rf"|\b{_YOU}\s*(?:'re|are|re|r)\s+(?:so\s+)?dead\s*(?:[.!]|$|if\b)"
            r"|\bur\s+dead\s+(?:if|when)\b"
            rf"|\b{_YOU}\s*(?:'ll|will)\s+be\s+dead\s+(?:before|by|within|soon|tomorrow|next)\b",
            "dead", _YOU_WORDS + " ur"),
    # "Someone should set that family's house on fire", "let's go hunt some Roma": violence
    # called for, not promised. Held.
    _threat("threat:call_to_violence", "review",
            r"\b(?:someone|somebody|anyone)\s+(?:should|needs\s+to|ought\s+to|must|has\s+to)\s+"
            r"(?:just\s+|finally\s+)?(?:(?:kill|shoot|stab|hang|burn|bomb|behead|lynch|execute|torch"
            r"|run\s+over|blow\s+up|beat\s+up|hunt\s+down|throw\s+acid\s+(?:on|at))\s+(?:him|her"
            r"|them|that|this|those|these"
            r"|the|all|every|his|their)\b|set\s+(?:\w+(?:'s)?\s+){1,4}on\s+fire\b)"
            r"|\blet'?s\s+(?:go\s+)?(?:hunt|kill|lynch|shoot|burn|beat\s+up|bash)\s+(?:some|the|those"
            r"|these|all|every)\b"
            r"|\b(?:someone|somebody)\s+(?:go\s+(?:and\s+)?|please\s+|just\s+)(?:kill|shoot|stab|hang"
            r"|behead|lynch|bomb)\s+(?:him|her|them|that|this|the|his|their)\b",
            "kill shoot stab hang burn bomb behead lynch execute torch run blow beat hunt set bash "
            "acid", "someone somebody anyone let lets"),
    _threat("threat:bullet", "reject",
            r"\bput\s+a\s+bullet\s+(?:in|through)\s+(?:your|his|her|their|ur)\b"
            r"|\bstring\s+(?:him|her|them|em)\s+up\b|\bline\s+(?:them|em)\s+up\s+and\s+shoot",
            "bullet string line"),
    _threat("threat:should_be", "review",
            r"\b(?:he|she|they|him|her|them|you|these\s+\w+|those\s+\w+|traitors?|politicians?"
            r"|(?:your|the|this|that)\s+(?:reporter|journalist|editor|writer|author|presenter)"
            # "whoever leaked this should be executed"
            r"(?:\s+in\s+\w+)?|whoever(?:\s+\w+){1,4}?|(?:anyone|anybody)\s+who(?:\s+\w+){1,4}?)"
            r"\s+(?:should|deserves?\s+to|ought\s+to|needs?\s+to|must)\s+be\s+(?:\w+\s+)?"
            r"(?:shot|hanged|hung|killed|executed|lynched|beheaded|strung\s+up|put\s+down"
            r"|gassed|exterminated|burned|burnt|stabbed|murdered|stoned|flogged|whipped|tortured"
            r"|raped|castrated|beaten\s+up|run\s+over|crushed|mowed\s+down"
            # "Italy should be beaten by Spain": a result, not a punishment.
            r"|beaten(?!\s+(?:by|in|at|on|easily|comfortably|again|twice|soundly)\b))\b",
            "shot hanged hung killed executed lynched beheaded strung put gassed exterminated "
            "burned burnt stabbed murdered wiped stoned flogged whipped tortured raped "
            "castrated beaten run crushed mowed", "be"),
    _threat("threat:coming_for_you", "reject",
            rf"\b(?:i'm|im|i\s+am|we're|were|we\s+are)\s+coming\s+(?:for|after)\s+{_YOU}\b",
            "coming", f"for after | {_YOU_WORDS}"),
    _threat("threat:break_bones", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?{_APPROACH}(?:break|smash|cut|slit|snap)\s+(?:your|ur|his|her"
            r"|their)\s+"
            r"(?:legs?|neck|face|head|arms?|bones?|throat|skull|teeth|jaw)\b",
            "break smash cut slit snap", f"{_SUBJECT} | your ur his her their"),
    _threat("threat:your_address", "reject",
            r"\b(?:i|we)\s*(?:'ve|have|got|know|found|traced)\s+(?:got\s+|found\s+)?(?:your|ur)\s+"
            r"(?:home\s+|real\s+)?address\b"
            # not a business writing back: "we have your address for the delivery"
            r"(?!\s+(?:for\s+(?:the\s+|your\s+)?(?:delivery|deliveries|order|parcel|invoice"
            r"|billing|subscription|newsletter|records)|on\s+file|wrong))",
            "address", _SUBJECT),
    _threat("threat:kill_them_all", "reject",
            r"\b(?:kill|shoot|hang|gas|nuke|bomb|burn|behead|slaughter)\s+(?:them|em|'em)\s+all\b"
            r"|(?:^|[.!?]\s+)(?:hang|shoot|kill|execute|behead|lynch|gas)\s+(?:every|all|each)\s+",
            "kill shoot hang gas nuke bomb burn behead slaughter execute lynch",
            "them em all every each"),
    # "Burn every mosque in the country": a call to destroy a people's places, not "burn
    # all the old files".
    _threat("threat:destroy_places", "reject",
            r"(?:^|[.!?]\s+)(?:burn|bomb|torch|nuke|blow\s+up)\s+(?:down\s+)?(?:every|all|each)"
            r"\s+(?:of\s+)?(?:the\s+|their\s+|these\s+|those\s+)?(?:\w+\s+)?(?:mosques?|churches"
            r"|church|synagogues?|temples?|shrines?|homes?|houses?|villages?|camps?)\b",
            "burn bomb torch nuke blow", "every all each"),
    # "I hope someone blows up that parliament": a wish for violence by others, held.
    _threat("threat:hope_someone", "review",
            r"\b(?:i|we)\s+(?:really\s+|just\s+|truly\s+)?(?:hope|wish|pray)\s+(?:that\s+)?"
            r"(?:someone|somebody|some1)\s+(?:will\s+|would\s+)?(?:finally\s+|just\s+)?(?:kills?"
            r"|shoots?|murders?|stabs?|hangs?|lynch(?:es)?|beheads?|blows?\s+up|bombs?|burns?"
            r"|rapes?|puts?\s+a\s+bullet|slits?|strangles?|assassinates?)\b",
            "someone somebody some1", "hope wish pray"),
    # "I'd love to punch the minister": a wish to hurt a person, not a promise; held.
    _threat("threat:would_love_to", "review",
            r"\b(?:i'd|id|i\s+would|i'll|we'd|we\s+would)\s+(?:really\s+|so\s+)?(?:love|like|want)"
            r"\s+to\s+(?:punch|slap|kick|shoot|stab|strangle|kill|hang|behead|smash|choke"
            r"|murder|torture)\s+(?:him|her|them|you|u|(?:that|this|the|our|your)\s+(?:minister"
            r"|president|prime\s+minister|mayor|governor|politician|mp|referee|reporter|journalist"
            r"|writer|author|editor|judge|guy|man|woman|idiot|bastard|clown|traitor|coward))\b",
            "love like want", "punch slap kick shoot stab strangle kill hang behead smash "
            "choke murder torture"),
    _threat("threat:lesson", "review",
            r"\b(?:someone|somebody)\b[^.!?]{0,25}\bteach\s+(?:him|her|them|you|that\s+\w+"
            r"|this\s+\w+|those\s+\w+|these\s+\w+)\s+a\s+lesson\b"
            r"|\bteach\s+\w+(?:\s+\w+)?\s+a\s+lesson\s+(?:he|she|they|you)\s+(?:won't|will\s+never"
            r"|wont)\s+forget\b",
            "teach", "lesson"),
    _threat("threat:will_pay_for_lies", "review",
            r"\bwill\s+pay\s+(?:dearly\s+)?for\s+(?:these|those|his|her|their|your|this|such)\s+"
            r"(?:lies|words|articles?|insults?|comments?|slander)\b",
            "pay", "lies words article articles insults insult comments comment slander"),
    # Veiled menace: no violent verb, only the promise of harm. Held, never rejected.
    _threat("threat:veiled", "review",
            rf"\bbe\s+careful\s+(?:walking|going|driving)\s+home\b"
            rf"|\b{_YOU}\s+(?:won't|wont|will\s+not)\s+(?:walk\s+away|be\s+smiling|smile\s+again"
            r")\b"
            rf"|\bwait\s+(?:till|until|til)\s+(?:we|i)\s+(?:catch|find|get|see)\s+{_YOU}\b"
            r"|\bbomb\s+under\s+(?:the|your|his|her|their|ur)\s+(?:\w+'s\s+)?car\b"
            r"|\bsleep\s+with\s+one\s+eye\s+open\b"
            r"|\b(?:i|we)\s+know\s+where\s+(?:your|ur)\s+(?:kids|children|family|wife|husband"
            r"|daughter|son|mother)\b"
            r"|\b(?:i|we)\s+know\s+(?:your|ur)\s+(?:kids|children|daughter|son|wife|husband"
            r"|family|mother)(?:'s|s')?\s+(?:school|address|house|home|workplace|office|route)\b"
            rf"|\b(?:{_YOU}|your\s+\w+|he|she|they)\s*(?:'ll|will|are\s+going\s+to|'re\s+going\s+to"
            r"|is\s+going\s+to|'s\s+going\s+to)\s+regret\s+(?:this|it|that|writing|saying"
            r"|publishing|the\s+day|every\s+(?:single\s+)?word|your\s+words|these\s+words"
            r"|those\s+words|what\s+you\s+(?:wrote|said|published))\b"
            rf"|\bmake\s+sure\s+(?:{_YOU}|he|she|they)\s+(?:never|can't|cannot|won't)\s+(?:write"
            r"|speak|work|walk|talk|report|publish)\s+(?:again|anymore|another)\b"
            rf"|\b{_YOU}\s+(?:won't|wont|will\s+not)\s+live\s+(?:to\s+see|long|much\s+longer"
            r"|another)\b"
            r"|\bshame\s+if\s+something\s+(?:happened|were\s+to\s+happen)\s+to\b"
            rf"|\bsee\s+what\s+happens\s+to\s+(?:{_YOU}|your\s+\w+)\b"
            rf"|\b(?:people\s+like\s+{_YOU}|{_YOU})\s+(?:will\s+|could\s+|might\s+|usually\s+)?"
            r"end\s+up\s+(?:in\s+(?:a|the)\s+(?:ditch|body\s+bag|coffin|grave|river)|dead)\b"
            r"|\b(?:keep|carry\s+on|go\s+on|continue)\s+(?:writing|talking|publishing|lying|posting"
            r"|reporting|digging|investigating|asking|poking|snooping|prying|insulting|mocking)"
            r"(?:\s+\w+){0,5}?\s+and\s+(?:see|you'll\s+see|watch)\s+what\s+happens\b"
            # (to you, next, or nothing more: not "... what happens to the oil price")
            r"(?=\s*(?:[.!?,;]|$)|\s+(?:next|then)\b|\s+to\s+(?:you|u|him|her|them|your|ur|his"
            r"|their)\b)"
            r"|\b(?:he|she|they|you|u)\s+(?:deserves?|ought|needs?)\s+to\s+die\b"
            # not "enjoy your last days in office / of summer": those are mockery and holidays
            r"|\benjoy\s+(?:your|ur)\s+last\s+(?:days|hours|weeks|moments|breaths?|articles?"
            r"|stories|story|columns?|reports?|broadcasts?|newroz|nowruz|eid|birthday|christmas)\b"
            r"(?!\s+(?:of|in|at|on|as|with)\s+(?!freedom\b|life\b|earth\b))"
            rf"|\b(?:i|we)\s*(?:'ll|will)\s+make\s+sure\s+(?:{_YOU}|he|she|they)\s+(?:disappear"
            r"|vanish|suffer|never\s+(?:walk|come\s+home|wake\s+up))\b"
            r"|\bdeal\s+with\s+(?:you|him|her|them|(?:that|this|the)\s+(?:writer|journalist"
            r"|reporter|editor|author|traitor|guy|man|woman))\s+(?:the\s+old\s+way|permanently"
            r"|our\s+way|the\s+hard\s+way)\b",
            "careful smiling smile walk till until til bomb sleep shame kids children family wife "
            "husband daughter son mother happens end regret sure live die enjoy deal"),
    # More of the same, apart so that the long regex above does not run on every
    # "remember" or "safe" (a comment in both is one reason: hits of one name merge).
    _threat("threat:veiled", "review",
            r"\bshame\s+if\s+(?:it|he|she|they|you|(?:your|the|his|her|their)\s+\w+)\s+(?:caught"
            r"\s+fire|burned|burnt|went\s+up\s+in\s+flames|had\s+an\s+accident|got\s+hurt"
            r"|went\s+missing|disappeared|exploded|blew\s+up)\b"
            # "Someone should pay this journalist a visit", "before someone visits your office"
            r"|\bpay\s+(?:you|u|him|her|them|(?:this|that|the|your)\s+(?:\w+\s+)?(?:journalist"
            r"|reporter|editor|writer|author|presenter|family|traitor|guy|man|woman))\s+a\s+"
            r"(?:little\s+|friendly\s+|short\s+|quick\s+|late\s+night\s+)?visit\b"
            r"|\b(?:someone|somebody|some\s+people)\s+(?:\w+\s+)?visits?\s+(?:you|u|(?:your|ur)"
            r"\s+(?:office|house|home|family|newsroom|kids|children|wife|husband))\b"
            r"|\bremember\s+what\s+happened\s+to\s+(?:the\s+last|that|the\s+other)\s+(?:journalist"
            r"|reporter|writer|editor|author|presenter|one|guy|man|woman|person)\b"
            rf"|\b{_YOU}\s*(?:'re|are|re|r)\s+not\s+safe\b(?!\s+to\b)"
            rf"|\bthink\s+{_YOU}\s*(?:'re|are|re|r)\s+safe\b"
            rf"|\b(?:you|u|he|she|they)\s*(?:won't|wont|will\s+not|'ll\s+never|will\s+never)\s+"
            r"(?:leave|get\s+out|make\s+it\s+out|go\s+home|come\s+back|return|walk\s+out"
            r"|be\s+leaving)(?:\s+\w+){0,2}\s+alive\b"
            rf"|\b{_YOU}\s*(?:won't|wont|will\s+not|'ll\s+never|will\s+never)\s+(?:come|make\s+it"
            r"|get)\s+home\b"
            r"|\benjoy\s+(?:your|ur)\s+(?:\w+\s+){1,3}?while\s+(?:it\s+lasts|you\s+(?:still\s+)?can)\b"
            r"|\bsleep\s+well\b[^.!?]{0,30}[.!?,]\s*while\s+(?:you|u)\s+(?:still\s+)?can\b"
            r"|\bcheck(?:ing)?\s+under\s+(?:his|her|your|their|ur)\s+car\b"
            r"|\b(?:tend|tends)\s+to\s+have\s+(?:an\s+)?(?:car\s+|little\s+|unfortunate\s+)?accidents?\b"
            rf"|\b{_YOU}\s*(?:'ll|will|are\s+going\s+to|'re\s+going\s+to)\s+(?:soon\s+)?(?:learn"
            r"|see|find\s+out)\s+what\s+happens\s+to\b"
            r"|\b(?:your|ur)\s+(?:last|final)\s+warning\b",
            "shame visit visits remember safe alive home while under accidents accident happens "
            "warning"),
    # Menace in a harm wished aloud or in knowing a target's habits and address: "it would
    # be sad if something happened to her", "we know which cafe he sits in", "you live in
    # Bakhtiary, blue door, second floor".
    _threat("threat:veiled", "review",
            r"\b(?:sad|pity|terrible|awful|tragic|unfortunate)\s+if\s+something\s+(?:bad\s+"
            r"|terrible\s+)?(?:happened|were\s+to\s+happen|happens)\s+to\s+(?:you|u|him|her|them"
            r"|(?:your|ur|his|their|that|the)\s+(?:\w+\s+){0,2}?(?:daughter|son|wife|husband|family"
            r"|kids|children|girl|boy|mother|father|reporter|journalist|editor|writer|author))\b"
            r"|\b(?:i|we)\s+know\s+(?:exactly\s+)?(?:where|which\s+\w+|what\s+(?:time|route|car"
            r"|school|street|cafe|café))\s+(?:\w+\s+){0,3}?(?:you|u|he|she|they|your\s+\w+|his\s+\w+"
            r"|her\s+\w+|the\s+(?:editor|reporter|journalist|writer|author|presenter))\s+(?:\w+\s+)"
            r"{0,2}?(?:live|lives|work|works|sit|sits|park|parks|pray|prays|sleep|sleeps|study"
            r"|studies|drive|drives|walk|walks|leave|leaves|drink|drinks)\b"
            r"|(?<!\bif\s)\b(?:you|u|he|she|they)\s+lives?\s+(?:in|on|at|near)\s+[^.!?\n]{0,50}?\b(?:(?:\d+(?:st"
            r"|nd|rd|th)?|first|second|third|fourth|fifth|top|ground)\s+floor|(?:blue|red|green"
            r"|black|white|grey|gray|brown|yellow)\s+(?:door|gate)|(?:building|house|flat|apartment)"
            r"\s+(?:no\.?\s*|number\s+)?\d+)\b",
            "sad pity terrible awful tragic unfortunate know live lives",
            "something know live lives | happened happen happens where which what floor door gate "
            "building house flat apartment"),
    # Menace in a warning with no violent word: "your name is already on the list", "expect
    # visitors", "accidents happen ... drive carefully, reporter", "people who write like
    # this tend to disappear", "nobody finds bodies there", "you have a beautiful
    # daughter. Be careful", "I'd think twice about walking home alone if I were you".
    _threat("threat:veiled", "review",
            r"\b(?:your|ur)\s+names?\s+(?:is|are|'s)\s+(?:already\s+)?(?:on|in)\s+(?:it|the\s+list"
            r"|our\s+list|my\s+list|a\s+list)\b(?!\s+(?:of|for|to|at|as)\b)"
            # said to the reader, not "we expect visitors" nor "expect visitors to double"
            r"|\b(?<!\bwe\s)(?<!\bi\s)(?<!\bthey\s)(?<!\bto\s)(?<!\bcan\s)(?<!\bwill\s)expect\s+"
            r"(?:some\s+)?(?:visitors|a\s+visit|company|guests)\b"
            r"(?!\s+(?:to|from|at|in|for|this|next|during)\b)"
            r"|\baccidents\s+(?:happen|can\s+happen|do\s+happen)\b[^.!?]{0,40}[.!?,]+\s*(?:so\s+)?"
            r"(?:drive|walk|be)\s+(?:carefully|careful|safe)\b"
            r"|\b(?:people|journalists|reporters|writers|those|men|women)\s+(?:like\s+(?:you|u|him|her"
            r"|that|this)|who\s+(?:\w+\s+){1,4}?like\s+(?:this|that|you))\s+(?:tend\s+to|often"
            r"|usually|always|sometimes|have\s+a\s+way\s+of)\s+(?:disappear|disappearing"
            r"|go\s+missing|going\s+missing|vanish|vanishing|get\s+hurt|have\s+accidents)\b"
            r"|\b(?:nobody|no\s+one|no-one|noone)\s+(?:ever\s+)?(?:finds?|will\s+(?:ever\s+)?find"
            r"|would\s+(?:ever\s+)?find)\s+(?:the\s+|your\s+)?bod(?:y|ies)\s+(?:there|here|in\s+the"
            r"\s+(?:mountains|river|desert|lake))\b"
            r"|\byou\s+have\s+(?:a\s+|such\s+a\s+)?(?:beautiful|lovely|nice|pretty|cute|sweet)\s+"
            r"(?:daughter|son|kids|children|family|wife|little\s+girl|little\s+boy)\b[^.!?]{0,15}"
            r"[.!?,]+\s*(?:be\s+careful|careful|it\s+would\s+be\s+a\s+(?:shame|pity)|shame\s+if"
            r"|keep\s+(?:them|her|him)\s+safe)"
            r"|\b(?:walk|walking|go|going|drive|driving)\s+(?:home\s+)?alone\b[^.!?]{0,40}\bif\s+i"
            r"\s+(?:were|was)\s+(?:you|u)\b",
            "name names expect accidents disappear disappearing missing vanish vanishing hurt "
            "bodies body beautiful lovely nice pretty cute sweet alone", anchored=True),
    # More of them, each tried only when both of its words are in the comment.
    *(_threat("threat:veiled", "review", *gated) for gated in _GATED_VEILED),
    # "I will make you suffer", "we'll make every refugee bleed": pain promised.
    _threat("threat:make_suffer", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?make\s+(?:sure\s+(?:that\s+)?)?(?:you|u|ya|him|her|them"
            rf"|all\s+of\s+you|y'all|yall"
            rf"|(?:(?:every|all|each)\s+(?:(?:of\s+)?the\s+)?|the\s+)?(?:\w+\s+)?{_GROUP_NOUN}"
            r"(?:\s+(?:in|of|on|at|from|across)(?:\s+\w+){1,2})?)\s+(?:all\s+|really\s+)?"
            r"(?:suffer|bleed|scream|beg\s+for\s+(?:mercy|your\s+life|death))\b",
            "suffer bleed scream beg", f"{_SUBJECT} | make"),
    # "I'll make you pay for this": held, since the price may be in votes or in court.
    _threat("threat:make_pay", "review",
            rf"(?:{_I_WILL})(?:\w+\s+)?make\s+(?:you|u|ya|him|her|them|all\s+of\s+you)\s+pay\b"
            + _NOT_IN_VOTES_OR_LAW, "pay", f"{_SUBJECT} | make"),
    # "You will be found floating in the river": a body foretold. Held.
    _threat("threat:found_dead", "review",
            rf"\b{_YOU}\s*(?:will|'ll|ll|are\s+going\s+to|'re\s+going\s+to|re\s+going\s+to|gonna)"
            r"\s+be\s+found\s+(?:dead|floating|hanging|in\s+(?:a|the)\s+(?:river|ditch|gutter"
            r"|canal|dumpster))\b", "found", f"{_YOU_WORDS} | be"),
    # "Nobody would miss you if you died", "the world would be better without you",
    # "I hope your plane crashes": death or harm wished, not promised. Held.
    _threat("threat:wish_gone", "review",
            rf"\b(?:nobody|no\s+one|no-one)\s+(?:would|will)\s+miss\s+{_YOU}\s+(?:if|when)\s+{_YOU}"
            r"\s+(?:died|die|were\s+dead|was\s+dead|disappeared)\b"
            rf"|\b(?:the\s+world|everyone|we)\s+(?:would|will)\s+be\s+better\s+(?:off\s+)?without"
            rf"\s+{_YOU}\b"
            r"|\b(?:i|we)\s+(?:really\s+)?(?:hope|wish|pray)\s+(?:that\s+)?(?:your|ur)\s+(?:plane"
            r"|car|house|home|office|flight)\s+(?:crashes|burns|explodes|blows\s+up|burns\s+down"
            r"|goes\s+down)\b",
            "miss better without plane car house home office flight"),
    # "gonna shoot ya in the face": a promise with its subject left out.
    _threat("threat:promise_bare", "reject",
            rf"(?:^|(?<=[.!?,]\s))(?:gonna|finna|going\s+to)\s+(?:\w+\s+)?{_STRONG_VIOLENCE}\s+"
            rf"{_TARGET}\b",
            "kill murder shoot stab strangle behead butcher slaughter rape lynch gut torture "
            "execute hang burn bomb slit", "gonna finna going"),
    _threat("threat:death_to", "review",
            r"\bdeath\s+to\s+(?:the\s+)?\w+", "death", "to"),
)

_TLDS = (
    r"(?:com|net|org|biz|info|io|co|uk|ru|cn|xyz|top|online|site|shop|store|club|tv|ly|gg|app"
    r"|live|link|click|win|vip|bet|casino|news|eu|de|fr|ca|au|nz|ie|blog|pro|tk|ml|ga|cf|gq|pw"
    r"|cc|ws|su|me|us|in|za|ng|ke|pk|ph|my|sg|es|it|nl|pl|br|mx|gy|gd)"
)
_TLDS_DOTTED = r"(?:com|net|org|biz|info|io|co|uk|ru|xyz|top|online|site|shop|store|club|tv|me)"


def _promo(name: str, action: str, pattern: str, triggers: str, symbols: str = "",
           requires: str = "") -> _Pattern:
    score = 0.95 if action == "reject" else 0.7
    return _Pattern(name, "promotion", action, re.compile(pattern), frozenset(triggers.split()),
                    score, symbols, _groups(requires))


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]]+")
_BARE_DOMAIN = re.compile(
    rf"(?<![@\w.\-/])(?:[a-z0-9](?:[a-z0-9\-]{{0,61}}[a-z0-9])?\.)+{_TLDS}\b(?:/[^\s<>\"']*)?"
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}\b")
#: A comma or dot after the number ends it ("call 07911 234567, any time") unless a digit
#: follows ("1 234,56" is a decimal, "12 345,678" a list).
_PHONE = re.compile(r"(?<![\w+.,/])(?:\+|00)?\(?\d[\d\s().\-]{6,20}\d(?!\w|[.,]\d)")
_HANDLE = re.compile(r"(?<![\w.@])@[a-z0-9_](?:[a-z0-9_.]{1,28}[a-z0-9_])\b")
_IP_ADDRESS = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
_TLD_HINT = re.compile(rf"\.{_TLDS}\b")
#: A link defanged so that it does not link: "site[.]xyz", "stream(.)live", "hxxp://".
_DEFANGED_URL = re.compile(
    r"\bhxxps?://\S+|\b[a-z0-9\-]{2,}(?:\s*(?:\[\.\]|\(\.\)|\{\.\})\s*[a-z0-9\-]{2,})*"
    rf"\s*(?:\[\.\]|\(\.\)|\{{\.\}})\s*{_TLDS}\b")
#: A domain with a space before its dot: "quickprofit . net", "shop-mega .com". Held: a
#: sentence may end before a word that is also a TLD.
_SPACED_TLD = re.compile(r" \.\s*(?:com|net|org|biz|info|io|ru|xyz|online|shop|store|club)\b")
_SPACED_DOMAIN = re.compile(
    r"\b[a-z0-9\-]{3,}\s+\.\s+(?:com|net|org|biz|info|io|ru|xyz|online|shop|store|club)\b"
    r"|\b[a-z0-9\-]*\d[a-z0-9\-]*\s+\.(?:com|net|org|biz|info|io|ru|xyz|online|shop|store|club)\b"
    r"|\b[a-z0-9\-]{3,}\s+\.(?:com|net|org|biz|info|io|ru|xyz|online|shop|store|club)\s*$")
_DOTTED_URL = re.compile(
    rf"\b(?P<label>[a-z0-9\-]{{2,}})\s*[\[(]?\s*dot\s*[\])]?\s*{_TLDS_DOTTED}\b"
    r"(?!\s+(?:bubble|boom|bust|crash|era|age|days|compan|millionaire|stock|mania|burst))"
)
_DOTTED_STOP = frozenset(
    ["the", "a", "an", "of", "this", "that", "early", "first", "big", "old", "late", "in", "and"]
)
#: Words that turn a bare phone number, e-mail address or handle into solicitation ("call"
#: is not one: "call the Samaritans on 116 123" is help, "call me on ..." is `dm_me`)...
_CONTACT_WORDS = frozenset(
    ["whatsapp", "telegram", "viber", "wechat", "signal", "dm", "inbox", "order", "buy", "price",
     "prices", "cheap", "earn", "loan", "discount", "offer", "sell", "selling", "delivery"]
)
#: ...and a bare link into an advert.
_SELLING_WORDS = frozenset(
    ["order", "buy", "price", "prices", "cheap", "discount", "offer", "sale", "click", "earn",
     "profit", "invest", "loan", "loans", "deal", "deals", "shop", "store", "pills", "casino",
     "prices", "price", "sell", "selling", "guaranteed", "visa", "visas", "tutoring"]
)
_SOLICITING_WORDS = _SELLING_WORDS | _CONTACT_WORDS
_CONTACTS = frozenset({"promotion:phone", "promotion:email", "promotion:handle"})
_CONTACT_PATTERNS = frozenset(
    {"promotion:dm_me", "promotion:messenger", "promotion:contact_on_platform"})
#: Words that make an @handle an advert's contact ("follow @x", "my insta @x", "Telegram:
#: @x"). Without any of them, a handle where readers address each other is a reply. (Not
#: "deal" or "visa": "@Ali the oil deal is ..." is news talk.)
_NEWS_SELLING_WORDS = frozenset(["deal", "deals", "visa", "visas"])
_HANDLE_CONTEXT = (_CONTACT_WORDS | _SELLING_WORDS) - _NEWS_SELLING_WORDS | frozenset(
    ["instagram", "insta", "ig", "twitter", "tiktok", "snapchat", "snap", "youtube", "facebook",
     "fb", "kik", "discord", "skype", "onlyfans", "threads", "channel", "page", "account",
     "profile", "follow", "following", "followers", "subscribe", "join", "add", "contact",
     "message", "msg", "visit", "check", "link", "bio"])
#: What comes before a handle that addresses someone: the comment's start, a greeting or
#: thanks, "reply to", or another handle ("@ali @sara you are both right").
_ADDRESSING = re.compile(
    r"(?:^|\b(?:thanks|thank\s+you|thx|ty|cheers|hi|hey|hello|dear|sorry|agreed|agree"
    r"|well\s+said|reply\s+to|replying\s+to|in\s+reply\s+to)|@[a-z0-9_.]+)[\s,:]*$")


def _is_reply_mention(text: str, match: re.Match[str]) -> bool:
    """Whether the @handle of `match` addresses another reader: news comment threads
    answer "@Ahmed I agree" or "Thanks @Sara, well said", which is no promotion. A handle
    named to send readers somewhere ("ask @janedoe about it") is not a reply."""
    if _ADDRESSING.search(text, max(0, match.start() - 40), match.start()):
        return True
    return text[match.end() : match.end() + 1] in (",", ":")


PROMOTION_PATTERNS: tuple[_Pattern, ...] = (
    _promo("promotion:email_obfuscated", "reject",
           r"\b[\w.+\-]{2,}\s*(?:\(at\)|\[at\]|\{at\}|\s+at\s+)\s*(?:gmail|yahoo|hotmail|outlook"
           r"|proton|protonmail|aol|icloud|mail|gmx|yandex|live|msn)\s*(?:\(dot\)|\[dot\]"
           r"|\{dot\}|\s+dot\s+|\.)\s*(?:com|net|org|co|uk|ru|me)\b",
           "gmail yahoo hotmail outlook proton protonmail aol icloud mail gmx yandex live msn"),
    _promo("promotion:messenger", "review",
           r"\b(?:whatsapp|whats\s+app|telegram|signal|viber|wechat|kik|snapchat|discord|skype"
           r"|instagram|insta|tiktok)\s*(?:me\b|us\b|@|:|\+|\d|id\b|number\b|handle\b|now\b|only\b"
           r"|group\b|channel\b)"
           r"|\b(?:contact|message|text|add|reach|call|find)\b.{0,30}\b(?:on|via)\s+"
           r"(?:whatsapp|telegram|viber|wechat|signal)\b",
           "whatsapp whats telegram signal viber wechat kik snapchat discord skype instagram "
           "insta tiktok"),
    # A pattern of its own: its platform words ("facebook", "twitter") are common in news
    # talk, and the large messenger regex need not run on every comment that names one.
    _promo("promotion:contact_on_platform", "review",
           r"\b(?:contact|message|text|add|reach|find|follow|dm|inbox|msg|call)\s+(?:me|us)\s+"
           r"(?:on|via|at|through)\s+(?:whatsapp|whats\s+app|telegram|signal|viber|wechat|kik"
           r"|snapchat|snap|discord|skype|instagram|insta|ig|tiktok|facebook|fb|twitter|youtube)\b",
           "whatsapp whats telegram signal viber wechat kik snapchat snap discord skype instagram "
           "insta ig tiktok facebook fb twitter youtube", "", "me us"),
    _promo("promotion:dm_me", "review",
           r"\b(?:dm|pm|inbox|message|msg|text|whatsapp|contact|email|e-mail|call)\s+(?:me|us)\b"
           r"(?!\s+(?:if|when|why|how|what|a\s+liar|an?\s+\w+ist))"
           # "contact me if interested", "message me for prices": "if" and "for" asked for.
           r"|\b(?:dm|pm|inbox|message|msg|text|whatsapp|contact|email|e-mail|call|write)\s+"
           r"(?:to\s+)?(?:me|us)\s+(?:if\s+(?:you\s+are\s+|you're\s+|anyone\s+is\s+)?interested"
           r"|for\s+(?:details|more\s+(?:info|information|details)|prices?|orders?|a\s+quote"
           r"|bookings?|rates))\b"
           r"|\bhit\s+me\s+up\b|\bslide\s+into\s+my\s+dms?\b",
           "dm pm inbox message msg text whatsapp contact email e mail call hit slide write", "",
           "me us dms dm"),
    _promo("promotion:channel", "reject",
           r"\b(?:subscribe|sub)\s+(?:to\s+)?(?:my|our)\b"
           r"|\bfollow\s+(?:me|us|my|our)\s+(?:on|at|channel|page|blog|account|instagram|twitter"
           r"|tiktok|youtube|for)\b"
           r"|\b(?:check|checkout|visit|see|watch|view)\s+(?:out\s+)?(?:my|our)\s+(?:new\s+)?"
           r"(?:\w+\s+)?(?:channel|page|blog|website|site|profile|video|videos|youtube|podcast|shop|store"
           r"|instagram|tiktok|onlyfans|link|bio|music|mixtape|playlist|stream)\b"
           r"|\blink\s+(?:is\s+)?in\s+(?:my\s+|the\s+)?(?:bio|profile)\b|\bmy\s+(?:youtube|yt|twitch|tiktok)\s+channel\b"
           r"|\bonly\s*fans\b|\bsubscribe\b.{0,40}\bchannel\b|\bchannel\b.{0,40}\bsubscribe\b",
           "subscribe sub follow channel page blog website site profile video videos youtube "
           "podcast shop store instagram tiktok onlyfans link bio music mixtape playlist stream "
           "fans yt twitch", "", "my our me us bio fans onlyfans channel"),
    _promo("promotion:course", "reject",
           r"\b(?:join|buy|book)\s+(?:my|our)\s+(?:online\s+|paid\s+|new\s+)?(?:course|courses"
           r"|class|classes|webinar|masterclass|program|programme|coaching)\b",
           "course courses class classes webinar masterclass program programme coaching", "",
           "join buy book | my our"),
    _promo("promotion:selling", "reject",
           r"\b(?:promo|discount|coupon|referral|voucher|invite)\s+code\b|\buse\s+(?:my\s+)?code\b"
           r"|\b\d{1,3}\s*%\s+(?:off|discount)\b|\b(?:buy|order|shop)\s+now\b"
           r"|\blimited\s+(?:time\s+)?offer\b"
           # "www . cheapnews . com": a link spaced out so that it is not one
           r"|\bwww(?:\s+\.\s*|\s*\.\s+)[a-z0-9\-]{2,}(?:\s+\.\s*|\s*\.\s+)" + _TLDS_DOTTED + r"\b"
           # (not a wage reported: "we earn $300 a month", "teachers make $10 a day")
           # (the look-ahead first: five look-behinds at every character cost 3x the regex)
           r"|\b(?=[emg])(?<!\bwe\s)(?<!\bthey\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bwho\s)(?<!\bi\s)"
           r"(?<!s\s)(?:earn|make|making|earning|made|earned|get\s+paid)\s+(?:up\s+to\s+|over\s+)?"
           r"[$£€]\s?\d[\d,.]*k?\s*(?:usd|dollars|a|per|every|each|/|weekly|daily|monthly)"
           r"(?:\s*(?:day|week|month|hour))?"
           # said by the writer, by the day or the hour ("I earn $500 a day"; a month is a wage)
           r"|\b(?=[em])(?<=\bi\s)(?:earn|make|made|earned)\s+(?:up\s+to\s+|over\s+)?[$£€]\s?\d[\d,.]*k?\s*"
           r"(?:a|per|every|each|/)\s*(?:day|hour)\b"
           r"|\b(?:earn|make|making)\s+(?:extra\s+|real\s+|easy\s+)?money\s+(?:online|from\s+home"
           r"|fast|easy)\b|\bwork(?:ing)?\s+from\s+home\b.{0,40}(?:earn|[$£€]|paid|income)"
           r"|\b(?:cheap|buy|discount)\s+(?:viagra|cialis|pills|meds|replica|followers|likes)\b"
           r"|\bclick\s+(?:here|the\s+link|this\s+link|my\s+link|on\s+my)\b"
           r"|\bfree\s+(?:trial|gift\s+card|iphone|spins)\b"
           r"|\bguaranteed\s+(?:profit|profits|returns|income|win)\b"
           r"|\breferral\s+(?:link|code)\b|\bsign\s+up\s+(?:with|using)\s+my\b"
           r"|\bdouble\s+your\s+(?:money|investment|income|bitcoin)\b|\bget\s+rich\s+quick\b"
           r"|\bfree\s+(?:usdt|btc|bitcoin|crypto)\b"
           r"|\bdm\s+(?:me\s+|us\s+)?for\s+(?:the\s+)?(?:price|prices|details|rates)\b"
           r"|\bbefore\s+it\s+(?:moons|pumps|goes\s+\d+\s*x)\b|\b\d{2,4}\s*x\s+guaranteed\b"
           r"|\bbuy\s+(?:real|fake|genuine|registered)\s+(?:\w+\s+)?(?:passports?|id\s+cards|driving"
           r"\s+licen[cs]es?|diplomas)\b",
           "code now offer money home viagra cialis pills meds replica followers likes click "
           "trial gift iphone spins guaranteed referral sign double rich usdt btc bitcoin crypto "
           "dm moons pumps passport passports cards licence license licences licenses diplomas "
           "www", "$£€%"),
    # A reader's own product with where to buy it: "my new book is on Amazon, only $4.99".
    # Held: an author may answer under a review of the book.
    _promo("promotion:own_product", "review",
           r"\bmy\s+(?:new\s+|latest\s+|first\s+)?(?:book|novel|album|single|ebook|e-book|app"
           r"|product|products|handmade\s+\w+)\b[^.!?\n]{0,60}?(?:\bon\s+amazon\b|\bavailable\s+(?:now"
           r"|on|at|in)\b|\bout\s+now\b|\bonly\s+[$£€]\s?\d|[$£€]\s?\d+(?:[.,]\d\d)?|\bbuy\s+(?:it"
           r"|now|a\s+copy)\b|\border\s+(?:it|now|yours|your\s+copy)\b)",
           "book novel album single ebook e app product products handmade", "", "my"),
    # "Download our app", "vote for me, list 112", "tell them you saw us here"
    _promo("promotion:own_product", "review",
           r"\bdownload\s+(?:our|my)\s+(?:new\s+|free\s+)?(?:app|game|ebook|e-book)\b"
           r"|\bvote\s+for\s+me\b|\btell\s+them\s+(?:you\s+saw\s+(?:us|me|this|it)|\w+\s+sent\s+you)\b"
           r"|\bat\s+the\s+best\s+prices?\s+(?:at|in|from)\b"
           r"|\bjoin\s+(?:our|my)\s+(?:\w+\s+){0,2}?(?:group|channel|page|community|server)\b"
           r"|\b(?:give|leave)\s+(?:it|us|me|him|her|them)?\s*(?:5|five)\s+stars\b",
           "download vote tell best join stars", "", "our my me them prices price it us him her"),
    # Classic spam lines with no contact or price in them: held, since a reader may quote one.
    _promo("promotion:spam_phrase", "review",
           r"\bone\s+(?:weird|simple|strange)\s+trick\b|\bhot\s+singles\b"
           r"|\blose\s+\d+\s*(?:kg|kilos?|lbs?|pounds)\s+in\s+\d+\s+(?:days?|weeks?)\b"
           r"|\b(?:loans?|credit)\s+at\s+(?:only\s+)?\d+(?:\.\d+)?\s*%"
           r"|\b(?:apply|register|message\s+us|call\s+us)\s+(?:today|now)\b|\b(?:book|order)\s+now\b"
           r"|\b(?:degree|diploma)\s+online\b.{0,40}\bno\s+exams?\b"
           # comment-section spam: praise for "your site", a service for hire, a spell
           r"|\bbookmarked\s+(?:your|this)\s+(?:site|blog|website|page)\b"
           r"|\b(?:essay|assignment|homework|seo|content)\s+writing\s+services?\b"
           r"|\b(?:get|bring|brought|got)\s+(?:my|your)\s+(?:ex|lover)\s+back\b"
           r"|\bspell\s*casters?\b|\blove\s+spells?\b"
           r"|\bwe\s+buy\s+(?:houses|homes|cars|gold|junk\s+cars)\s+for\s+cash\b"
           r"|\b(?:sell|selling)\s+(?:\w+\s+){0,2}(?:followers|subscribers)\b"
           # channel swaps, dating bait, pirated streams
           r"|\bsub\s*(?:4|for)\s*sub\b"
           r"|\bmeet\s+(?:hot|sexy|lonely|single|beautiful)\s+(?:local\s+)?(?:girls|women|singles"
           r"|ladies|milfs|men)\b|\bmeet\s+local\s+(?:girls|singles|ladies|milfs)\b"
           r"|\b(?:hot|sexy|lonely)\s+(?:local\s+)?(?:girls|women|singles|ladies|milfs)\s+(?:in\s+your"
           r"\s+area|near\s+you|waiting)\b"
           r"|\bwatch\s+(?:all\s+)?(?:the\s+)?(?:latest\s+|new\s+)?(?:movies|films|tv\s+shows|series)"
           r"\s+(?:online\s+)?(?:for\s+)?free\b",
           "trick singles lose loan loans credit apply register message degree diploma call "
           "book order bookmarked writing ex lover spell spells caster casters cash followers "
           "subscribers spellcaster sub sub4sub meet girls women ladies milfs men movies films "
           "shows series"),
    # Income from a laptop: "I made $300 today working from my laptop, ask me how", "you
    # can earn $200 a day". Not a wage in the news: "we earn $300 a month, how do we live?"
    _promo("promotion:spam_phrase", "review",
           r"\b(?:i|we|i've|ive|i\s+have)\s+(?:made|make|earn|earned|been\s+earning|been\s+making)"
           r"\s+(?:over\s+|about\s+|around\s+|up\s+to\s+)?[$\u00a3\u20ac]\s?\d[\d,.]*k?\s+(?:\w+\s+){0,4}?"
           r"(?:from\s+home|online|from\s+my\s+(?:laptop|phone|computer|sofa|couch|bed)"
           r"|(?:working|work)\s+(?:from|at)\s+home|part[\s-]time)\b"
           r"|\b(?:you\s+(?:can|could|will)|how\s+to|easily|start\s+to)\s+(?:earn|make)\s+"
           r"(?:over\s+|up\s+to\s+)?[$\u00a3\u20ac]\s?\d[\d,.]*k?\s+(?:a|per|every)\s+(?:day|week|hour)\b",
           "made make earn earned earning making",
           requires="home online laptop phone computer sofa couch bed time day week hour"),
    # Miracle cures, phishing, search-ranking offers and a reader's own goods sold with the
    # terms of an advert ("I sell ... delivery to every city"): apart from the phrases above,
    # so that their common trigger words ("account", "sell") run only this small regex.
    _promo("promotion:scam_phrase", "review",
           r"\bdoctors\s+hate\s+(?:it|this|him|her|them)\b|\blose\s+weight\s+fast\b"
           r"|\bverify\s+your\s+(?:account|details|identity|information|payment)\b"
           r"|\byour\s+(?:\w+\s+)?account\s+(?:has\s+been|was|is)\s+(?:temporarily\s+)?(?:suspended"
           r"|locked|blocked|compromised|limited)\b"
           r"|\blog\s*in\s+(?:here\s+)?to\s+(?:restore|verify|unlock|reactivate)\s+(?:your\s+)?"
           r"(?:access|account)\b"
           r"|\bseo\s+(?:services?|experts?|agency|company)\b|\brank\s+#?1\s+on\s+google\b"
           r"|\b(?:i|we)\s+(?:sell|am\s+selling|are\s+selling)\b[^.!?\n]{0,60}\b(?:delivery"
           r"|half\s+price|best\s+prices?|wholesale|free\s+shipping|in\s+stock)\b",
           "doctors lose verify account seo rank sell selling log login"),
    # The prize that only needs claiming: "Congratulations! You have won an iPhone 15".
    _promo("promotion:prize", "review",
           r"\b(?:you(?:'ve|\s+have)?\s+(?:just\s+)?(?:won(?!['\u2019]t)|been\s+selected)|you\s+are\s+(?:our\s+)?"
           r"(?:lucky\s+)?winner)\b[^.!?\n]{0,60}\b(?:claim|prize|iphone|gift\s+card|voucher|reward"
           r"|cash)\b|\bclaim\s+(?:your|the)\s+(?:free\s+)?(?:prize|reward|gift|iphone|voucher"
           r"|bonus)\b",
           "won selected winner claim", "", "claim prize iphone gift voucher reward cash"),
    # Fraud that sells a service rather than goods: "recovery experts" who get back lost
    # crypto, hackers for hire, the advance-fee letter ("help me transfer $4.5 million"),
    # and an address at a mail provider spelt out with no domain ("john at gmail").
    _promo("promotion:fraud_phrase", "review",
           r"\b(?:funds?|money|crypto|bitcoin|asset|assets)\s+recovery\s+(?:experts?|hackers?"
           r"|specialists?|agents?|company|companies|services?)\b"
           # ("recovery expert", "... agent", "... service": `promotion:crypto` has them)
           r"|\brecovery\s+(?:experts|hackers?|specialists?|wizards?|agents)\b"
           r"|\b(?:contact(?:ed)?|hire|hired|hiring)\s+(?:a\s+|the\s+)?(?:legit\s+|genuine\s+"
           r"|professional\s+|ethical\s+)?hackers?\b"
           r"|\brecover(?:ed|ing)?\s+(?:all\s+)?(?:my|your)\s+(?:lost|stolen|scammed)\s+(?:funds"
           r"|money|bitcoin|btc|crypto|coins|investment|savings)\b"
           r"|\b(?:help|assistance)\s+(?:me\s+)?(?:to\s+|in\s+)?transfer(?:ring)?\s+(?:the\s+)?"
           r"(?:sum\s+of\s+)?(?:us)?[$£€]?\s?\d[\d,.]*\s*(?:million|m|usd|dollars)\b"
           # "contact him: john at gmail", not "she worked at gmail"
           r"|\b(?:contact|contacted|email|e-mail|mail|write|reach|message|text)\b[^.!?\n]{0,40}?"
           r"\b[\w.+\-]{3,}\s*(?:\(at\)|\[at\]|\{at\}|\s+at\s+)\s*(?:gmail|hotmail|protonmail)\b"
           r"(?!\s*(?:\(dot\)|\[dot\]|\{dot\}|dot\b|\.))",
           "recovery hacker hackers recover recovered recovering transfer transferring gmail "
           "hotmail protonmail"),
    _promo("promotion:crypto", "reject",
           r"\b(?:crypto|bitcoin|btc|forex|fx|binary\s+options?)\s+(?:investment\s+(?:platform"
           r"|expert|manager|opportunity)|trading\s+(?:platform|expert|signals?|account|bot)"
           r"|signals?|expert|broker|account\s+manager|mining\s+(?:platform|pool))\b"
           r"|\binvest(?:ed|ing)?\s+(?:[$£€]?\d[\d,]*\s+)?(?:in|with)\s+(?:bitcoin|crypto|forex"
           r"|binary)\b.{0,60}\b(?:profit|returns|earn|made|contact|whatsapp|telegram)"
           r"|\b(?:recovery|hacker|hacking)\s+(?:expert|agent|service|services)\b"
           r"|\b(?:online\s+casino|sign\s*-?\s*up\s+bonus|betting\s+tips|sure\s+odds)\b",
           "crypto bitcoin btc forex fx binary invest invested investing recovery hacker hacking "
           "casino bonus betting odds"),
)


def _inside_quotes(text: str, start: int) -> bool:
    """Whether position `start` lies inside an open quotation ("...", “...”, '...')."""
    before = text[:start]
    if before.count('"') % 2 or before.rfind("\u201c") > before.rfind("\u201d"):
        return True
    for opening in _OPENING_QUOTE.finditer(before):
        rest = before[opening.end() :]
        if not _CLOSING_QUOTE.search(rest):
            return True
    return False


#: What follows a promise of violence that makes it a figure of speech ("I'm going to shoot
#: him down in the debate", "we'll kill them with kindness", "... at the ballot box"): such a
#: promise is held for a moderator instead of rejected.
_FIGURATIVE = re.compile(
    r"\s+with\s+kindness\b"
    r"|[^.!?\n]{0,40}\b(?:ballot|polls|elections?|votes?|voters|debates?|arguments?|court|courts"
    r"|chess|game|match|quiz|exam)\b")
_SHOT_DOWN = re.compile(r"\s+down\b")  # an argument shot down, not a person
_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s:(]))['\u2018]")
_CLOSING_QUOTE = re.compile(r"[\u2019'](?![^\W\d_])")


class _PatternIndex:
    """Patterns by trigger word, so a comment only meets the patterns its words can start."""

    def __init__(self, patterns: Iterable[_Pattern]) -> None:
        self.patterns = tuple(patterns)
        self.by_word: dict[str, list[int]] = {}
        for index, pattern in enumerate(self.patterns):
            for word in pattern.triggers:
                self.by_word.setdefault(word, []).append(index)
        self.words = frozenset(self.by_word)
        self.by_symbol: dict[str, list[int]] = {}
        for index, pattern in enumerate(self.patterns):
            for symbol in pattern.symbols:
                self.by_symbol.setdefault(symbol, []).append(index)

    def candidates(self, text: str, words: set[str]) -> list[_Pattern]:
        chosen: set[int] = set()
        for word in words & self.words:
            chosen.update(self.by_word[word])
        for symbol, indices in self.by_symbol.items():  # a few substring searches
            if symbol in text:
                chosen.update(indices)
        return [self.patterns[i] for i in sorted(chosen)]


_DEHUMANISING = (
    r"(?:animals|dogs|rats|snakes|pigs|vermin|cockroaches|parasites|savages|subhumans?|monkeys"
    r"|apes|devils|devil\s+worshippers|barbarians|terrorists|rapists|criminals|infidels|filth"
    r"|scum|(?:a\s+)?disease|(?:a\s+)?cancer|(?:a\s+)?tumou?rs?|locusts|pests"
    r"|mentally\s+ill(?:\s+\w+)?|sick|inferior|evil"
    r"|snakes|thieves|liars|traitors|(?:all\s+)?the\s+same(?!\s+as\b)|a\s+plague|a\s+virus|freaks"
    r"|degenerates|perverts|leeches|lice|trash|garbage|(?:an\s+)?abominations?|a\s+disgrace"
    r"|a\s+burden|a\s+curse|unclean|filthy|disgusting|worthless|useless|stupid|dumb|predators"
    r"|paedophiles|pedophiles|greedy|backward|primitive|lazy|dirty|ugly|inbred|men\s+in\s+dresses"
    r"|less\s+intelligent|property|insects|cattle|livestock|defective|untrustworthy|treacherous"
    r"|deceitful|sneaky|pathetic|vile|repulsive|revolting"
    # "Kurds are just mountain goats", "Kaka'i are devil lovers"
    r"|goats|donkeys|hyenas|jackals|primitives|devil\s+lovers|satan\s+worshippers"
    r"|(?:child\s+)?molesters|paedos|pedos|(?:a\s+)?mental\s+(?:illness|disorder)|(?:a\s+)?perversion"
    # "Sunnis are all Daesh in their hearts", "the Armenian race is cursed"
    r"|daesh|isis|isil|cursed"
    # "Alevis are heretics", "Sunnis are all Daesh sympathisers", "a fifth column"
    r"|heretics|spies|idol\s+worshippers|apostates|(?:a\s+)?fifth\s+column(?:ists)?"
    r"|(?:terrorist|daesh|isis|isil|jihadi)\s+sympathi[sz]ers)"
)
_COUNTER_SPEECH = re.compile(
    # "Am I the only one who thinks ...", "anyone else think ...": asking to be agreed
    # with, not reporting a view.
    r"\b(?:saying|say|says|said|claim|claims|claiming|(?<!\bone\swho\s)(?:thinks|believes)"
    r"|idea|myth|apparently"
    r"|lie|stereotype|stop|not|never|isn't(?!\s+it\s+(?:obvious|clear|true|a\s+fact)\b)|aren't"
    # not "no wonder", nor "soon there will be no real Kurds left, only ..."
    r"|no(?!\s+(?:wonder|doubt|real|more|longer)\b)"
    r"|calling|called"
    # "people who think ..." reports a view; "I think ..." holds it.
    r"|(?<!\bi\s)(?<!\bwe\s)(?<!\breally\s)(?<!\bstill\s)(?<!\belse\s)(?:think|believe)"
    # "the preacher told followers that ...": reported, as "said" is
    r"|(?<!\bi\s)(?<!\bwe\s)(?:told|tells|wrote|writes|posted|shouted|chanted|preached|urged))\b"
    r"[^.!?]*$"
)


#: "... are (all, just, like) animals": a group called less than human.
_DEHUMANISED = (r"(?:(?:are|is)\s+|=\s*)(?!not\b)"
                r"(?:all\s+|just\s+|nothing\s+but\s+|like\s+|only\s+)?"
                rf"(?:\w+(?:-\w+)?\s+){{0,2}}{_DEHUMANISING}\b")


#: "Women are too emotional to ...": a group declared unfit (not "too scared to return").
_UNFIT = (r"(?:emotional|stupid|dumb|lazy|weak|primitive|backward|violent|dirty|ignorant"
          r"|irrational|hysterical|savage)")


def _group_phrase(names: list[str], adjectives: list[str]) -> str:
    """A regex for a group as readers name it: a plural noun ("kurds") or an adjective with
    a noun after it ("kurdish people")."""
    return ("(?:" + "|".join(names) + r"|(?:" + "|".join(adjectives)
            + r")\s+(?:people|folk|men|women|immigrants|workers|families|priests|clerics|maids"
            + r"|race))")


#: Any group of `GROUPS`, as `_group_phrase` writes it.
_ANY_GROUP = _group_phrase(list(_GROUP_NAMES), list(_GROUP_ADJECTIVE_NAMES))
_GROUP_WORDS = group_words()


#: Not right after a preposition or "treat": "the conditions for refugees are disgusting",
#: "the way they treat Kurds is disgusting" say it of something done to the group.
_NOT_AN_OBJECT = "".join(
    rf"(?<!\b{word}\s)" for word in
    [
        "for", "of", "to", "with", "towards", "toward", "against", "about", "on", "by", "at",
        "treat", "treats", "treated", "treating"
    ])


#: Where a group lives, said after its name ("christians in iraq", "kurds of the north").
#: Not before "is": a plural group takes "are" ("the word thrown at Alevis in this thread is
#: the same incitement" says nothing of Alevis).
_WHERE = r"(?:\s+(?:in|of|from|living\s+in)\s+(?:the\s+)?\w+(?:\s+\w+)?(?!\s+is\b))?"


def _abuse(subtype: str, groups: str) -> _Pattern:
    adjectives = _GROUP_ADJECTIVES[subtype].split()
    group = _group_phrase(groups.split(), adjectives)
    # The group is read once and what follows it tried after (its alternation of names
    # costs more than the rest: spelt out at the head of each alternative, one attempt
    # at a word cost 3 us). Claims that may call them "kurdish people" come first, then
    # those said of the plural noun alone ("kurds breed like"), in the order they had.
    with_people = (
        r"(?:really\s+|just\s+)?(?:disgust|sicken|repulse)\s+me\b"
        r"|make\s+me\s+(?:sick|vomit|puke|want\s+to\s+(?:vomit|puke|throw\s+up))\b"
        r"|make\s+my\s+(?:blood\s+boil|skin\s+crawl|stomach\s+turn)\b"
        r"|fill\s+me\s+with\s+(?:rage|disgust|hatred|hate|contempt|loathing|revulsion)\b"
        rf"|{_DEHUMANISED}"
        rf"|(?:are|is)\s+(?:all\s+)?too\s+{_UNFIT}\s+to\b"
        r"|(?:are|is)\s+nothing\s+but\s+(?:\w+\s+)?(?:trouble|problems|a\s+problem|a\s+threat"
        r"|a\s+danger|a\s+drain)\b"
        r"|(?:are|is)\s+(?:not|n't)\s+(?:worthy\s+of|fully\s+human|human|real\s+people|people"
        r"|capable\s+of\s+(?:thinking|reason))\b"
        r"|(?:don't|do\s+not|doesn't)\s+deserve\s+(?:any\s+)?(?:rights|respect|to\s+live"
        r"|to\s+exist|to\s+vote|dignity)\b"
        r"|(?:all\s+)?deserved?s?\s+(?:to\s+(?:suffer|rot|starve|perish|(?:burn|rot)\s+in\s+hell)"
        r"|no\s+(?:mercy|pity|rights)|what\s+(?:happened\s+to\s+them|they\s+got))\b"
        # "kurds are an invented nation", "kurds do not exist": a people denied
        r"|(?:are|is)\s+(?:an?\s+|just\s+an?\s+)?(?:invented|fake|made\s+up|made-up|fictional"
        r"|imaginary)\s+(?:nation|people|race|ethnicity|identity)\b"
        r"|(?:don't|do\s+not)\s+(?:even\s+|really\s+)?exist\s*(?:[.!]|$)"
        r"|belong\s+(?:in|at|on)\s+(?:the\s+|a\s+)?(?:kitchen|cages?|zoos?|jungle|chains|ovens?"
        r"|gas\s+chambers?|gutter|trash|bin|camps?|home|house)\b"
        # "Arabs should all leave": a people told to go ("refugees should be sent back" is
        # a policy; "all" makes it the people).
        r"|(?:should|must|need\s+to|ought\s+to)\s+all\s+(?:be\s+(?:sent\s+back|deported|expelled"
        r"|kicked\s+out|thrown\s+out|driven\s+out)|go\s+back|leave|get\s+out)\b"
        # "Kakais should convert or leave"
        r"|(?:should|must|need\s+to|have\s+to|ought\s+to)\s+(?:all\s+)?(?:(?:convert|pay\s+(?:the\s+)?"
        r"jizya)\s+or\s+(?:leave"
        r"|die|get\s+out|be\s+killed|go)|leave\s+or\s+(?:convert|die))\b"
        # "... should remember their place"
        r"|(?:should|must|need\s+to|ought\s+to|better)\s+(?:remember|know|learn)\s+their\s+place\b"
        # "Yazidis worship Satan", "Zoroastrians worship fire like primitives"
        r"|worship(?:s|ping)?\s+(?:satan|the\s+devil|shaitan|shaytan|demons|fire\s+like)\b"
        r"|(?:should|must)\s+(?:not|never)\s+be\s+allowed\s+to\s+(?:vote|marry|adopt|teach"
        r"|exist|breed|have\s+children|have\s+rights|hold\s+office|drive|speak"
        r"|work\s+with\s+children)\b"
    )
    alone = (
        r"(?:are\s+)?(?:breed|breeds|breeding)\s+like\b|(?:control|run|own)\s+(?:all\s+)?(?:of\s+)?the\s+"
        r"(?:banks|media|world|government|money|oil|press|economy|markets)\b"
        # "why do Afghans smell so bad?", "lesbians just need a real man"
        r"|(?:smell|stink)\s+(?:so\s+|really\s+|very\s+)?(?:bad|awful|terrible|horrible"
        r"|disgusting)\b|stinks?\b(?!\s+(?:of|about)\b)"
        # "Jews and their money"
        r"|and\s+their\s+(?:money|banks|lies|tricks|schemes|propaganda|agenda|masonic\s+friends)\b"
        r"|(?:just\s+|only\s+)?need\s+(?:a\s+)?(?:real\s+man|good\s+man|real\s+woman|husband"
        r"|good\s+beating|to\s+be\s+(?:cured|fixed|straightened\s+out|beaten))\b"
        r"|are\s+only\s+good\s+for\b"
        r"|(?:can't|cannot|can\s+not|shouldn't|should\s+never)\s+be\s+trusted\b"
        r"|(?:are|is)\s+not\s+to\s+be\s+trusted\b"
        r"|(?:(?:are|is)\s+)?(?:ruin|ruins|ruining|destroy|destroys|destroying|infest|infests"
        r"|infesting|poison|poisons|poisoning|pollute|pollutes|polluting)\s+(?:everything|every"
        r"|our|this)\b"
        r"|(?:(?:are|is)\s+)?behind\s+(?:every|all)\s+(?:\w+\s+)?(?:wars?|attacks?|crises|crisis"
        r"|problems?|evil|terror|conflicts?)\b"
    )
    # "I despise every Christian in this country"
    singulars = _singulars(groups.split())
    singular = _longest_first(singulars) or "(?!)"
    regex = (
        # "ihate": typed so, or "I h a t e", which the normalizer joins into one word
        rf"\b(?:(?:i|we)\s+(?:really\s+|just\s+|truly\s+|fucking\s+|absolutely\s+|totally\s+"
        rf"|utterly\s+|honestly\s+|seriously\s+|genuinely\s+|still\s+|do\s+)?(?:hate|h8|despise|detest"
        rf"|loathe|can't\s+stand|cannot\s+stand)|ihate|wehate|ih8)\s+(?:(?:all\s+|these\s+|those\s+"
        rf"|the\s+)?{group}|(?:every|each)\s+(?:single\s+)?(?:{singular}))\b"
        rf"|\b(?:all|these|those|the|every)\s+{group}(?:\s+people)?\s+{_DEHUMANISED}"
        # the same asked to be agreed with: "aren't kurds just terrorists?"
        rf"|\b(?:aren't|arent)\s+(?:all\s+|the\s+)?{group}(?:\s+people)?\s+(?:all\s+|just\s+"
        rf"|simply\s+|nothing\s+but\s+)?(?:\w+\s+){{0,2}}{_DEHUMANISING}\b"
        # "gypsies in iraq are just criminals": the group with where it lives
        # (the group as the subject: "conditions for refugees are disgusting" is not it)
        rf"|\b{_NOT_AN_OBJECT}{group}(?:(?:\s+people)?{_WHERE}\s+(?:{with_people})"
        rf"|{_WHERE}\s+(?:{alone}))"
        # "parliament should jail homosexuals": a people to be locked up or cured
        # (called for, not reported: "Jordan locks up refugees" is news)
        rf"|\b(?:should|must|to|will|would|let's|lets|please|we\s+need\s+to)\s+(?:just\s+|simply\s+)?"
        rf"(?:jail|imprison|lock\s+up|cure|sterili[sz]e|castrate)\s+(?:all\s+)?(?:the\s+"
        rf"|these\s+|those\s+)?{group}\b"
        # "i wish kurds would all disappear"
        rf"|\b(?:i|we)\s+(?:really\s+)?wish\s+(?:all\s+)?(?:the\s+)?{group}\s+would\s+(?:all\s+|just\s+)?"
        r"(?:disappear|vanish|die|drop\s+dead|go\s+extinct|cease\s+to\s+exist)\b"
        # "i have nothing but contempt for refugees"
        rf"|\b(?:i|we)\s+(?:have|feel)\s+nothing\s+but\s+(?:contempt|hatred|hate|disgust|loathing)"
        rf"\s+for\s+(?:all\s+|these\s+|those\s+|the\s+)?{group}\b"
        # asked, not said: "why are all roma thieves?", "why are kurds so primitive?"
        rf"|\bwhy\s+(?:are|do)\s+(?:all\s+|so\s+many\s+|most\s+|the\s+)?{group}(?:\s+people)?\s+"
        rf"(?:all\s+|always\s+|so\s+|such\s+|(?:look\s+)?like\s+)?(?:\w+\s+)?{_DEHUMANISING}\b"
        rf"|\bwho\s+(?:would|could|can)\s+(?:ever\s+|possibly\s+|really\s+)?trust\s+(?:an?\s+|any\s+)?"
        rf"(?:{group}|{'|'.join(adjectives)})\b"
        # "never trust a Turk", "our country would be better off without Kurds"
        rf"|\bnever\s+trust\s+(?:an?\s+|any\s+|the\s+)?(?:{group}|{singular})\b"
        rf"|\bbetter\s+off\s+without\s+(?:any\s+|the\s+|all\s+(?:the\s+)?|these\s+|those\s+)?"
        rf"{group}\b"
        # the group in one sentence, "they" in the next: "I've met Kurds. They are savages."
        rf"|\b{group}\b[^.!?\n]{{0,80}}?(?:[.!?;,]+\s*|\s+)(?:and\s+|but\s+|so\s+)?"
        rf"(?:(?:they\s*(?:'re|are|r)|theyre)\s+(?!not\b)(?:all\s+|just\s+|like\s+|nothing\s+but\s+"
        rf"|only\s+)?(?:\w+\s+)?{_DEHUMANISING}\b|they\s+(?:got|get)\s+what\s+they\s+deserved?\b)"
        # "get rid of all kurds"
        rf"|\b(?:get\s+rid\s+of|deport|expel|kick\s+out|throw\s+out|round\s+up)\s+(?:all|every)\s+"
        rf"(?:(?:of\s+)?the\s+|these\s+|those\s+)?{group}\b"
        # "wherever Arabs go, crime follows"
        rf"|\bwherever\s+(?:the\s+)?{group}\s+(?:go|goes|live|settle|are|move)\b[^.!?]{{0,20}}?"
        r"\b(?:crime|trouble|violence|terror|terrorism|disease|dirt|problems|chaos)\b"
        # "typical arab behaviour": a people's conduct as one
        rf"|\btypical\s+(?:{'|'.join(adjectives)})\s+(?:behaviou?r|mentality)\b"
        rf"|\btypical\s+(?:{'|'.join(adjectives)})\s*[,!]"
    )
    # "bedouin dogs", "turkish pigs": a people called animals in two words ("black rats"
    # and "gay animals" are zoology).
    animal_adjectives = [a for a in adjectives if a not in ("black", "white")]
    if subtype in ("racism", "religion", "xenophobia") and animal_adjectives:
        regex += (rf"|\b(?:{'|'.join(animal_adjectives)})\s+(?:\w+\s+)?(?:dogs|pigs|rats|vermin"
                  r"|scum|monkeys|apes|cockroaches|savages|filth|parasites|swine|donkeys)\b")
    triggers = frozenset(groups.split()) | frozenset(adjectives) | frozenset(singulars)
    if subtype == "homophobia":  # "queer freak", "rainbow filth"
        regex += (rf"|\b(?:{'|'.join(adjectives)}|rainbow)\s+(?:freaks?|perverts?|deviants?"
                  r"|degenerates?|abominations?|filth|scum|plague|disease)\b"
                  r"|\b(?:bunch|pack|load|nest)\s+of\s+(?:fairies|pansies|poofs|poofters|queers)\b"
                  r"|\b(?:a|such\s+a|total|a\s+total|fucking|bloody|filthy)\s+homos?\b"
                  r"|\b(?:gay|gays|homosexuals?|lgbt|lgbtq|queer|queers|trans)\s*(?:=|equals)\s*"
                  r"(?:pedo|pedos|paedo|paedos|pedophiles?|paedophiles?|sick|disease|perverts?"
                  r"|(?:western\s+)?agents?|a\s+disease|mental\s+illness)\b"
                  # "if my son were gay I'd rather he was dead"
                  r"|\bif\s+my\s+(?:son|daughter|child|kid|brother|sister|boy|girl)\s+(?:was|were"
                  r"|is|turned\s+out(?:\s+to\s+be)?|came\s+out\s+as)\s+(?:gay|lesbian|homosexual"
                  r"|trans|queer)\b[^.!?]{0,30}?\brather\s+(?:he|she|they)\s+(?:was|were|be)\s+dead\b"
                  # "pushing homo propaganda" (not Russia's "gay propaganda law", reported)
                  # (not "anti-LGBT agenda", nor "'LGBT propaganda' is a myth", quoted)
                  r"|\b(?<!\banti-)(?<!\banti\s)(?<!['\"\u2018\u201c])"
                  r"(?:homo|gay|lgbt|lgbtq|queer|trans|rainbow)\s+(?:propaganda|agenda|lobby"
                  r"|ideology)\b(?!\s+(?:laws?|bills?|bans?|act)\b)"
                  r"|\b(?:two\s+men|two\s+women|gay\s+couples?|men|gays)\s+(?:holding\s+hands|kissing)"
                  r"\s+(?:in\s+public\s+)?(?:is|are)\s+(?:disgusting|sick|gross|vile|repulsive"
                  r"|an\s+abomination|unnatural)\b")
        triggers |= {"rainbow", "fairies", "pansies", "poofs", "poofters", "homo", "homos",
                     "holding", "kissing"}
    if subtype == "sexism":
        regex += (r"|\b(?:female|women)\s+\w+\s+are\s+only\s+good\s+for\b"
                  # "girls don't need university", "women don't need to vote"
                  r"|\b(?:women|girls|females)\s+(?:don't|dont|do\s+not)\s+need\s+(?:a\s+|an\s+)?"
                  r"(?:university|school|schooling|education|degrees?|jobs?|careers?|rights"
                  r"|to\s+(?:study|work|vote|drive|learn|be\s+educated))\b")
        triggers |= {"female"}
    # Anchored: its alternatives open with long alternations of words (the groups), which
    # a scan tries at every word; 3x faster on the comments that reach it.
    return _Pattern(f"abuse:generalisation:{subtype}", "abuse", "review", re.compile(regex),
                    triggers, 0.75, anchored=True)


def _group_threat() -> _Pattern:
    """ "All Kurds must die", "refugees should be shot": death wished on a whole group."""
    regex = (
        # "christians in iraq should be beheaded", "every yazidi left in sinjar should be shot"
        rf"\b(?:(?:all\s+(?:the\s+)?|the\s+|these\s+|those\s+|every\s+)?{_ANY_GROUP}"
        rf"|(?:every|each)\s+(?:single\s+)?{_GROUP_NOUN})"
        r"(?:\s+(?:in|of|from|left\s+in|living\s+in)\s+\w+)?\s+(?:must"
        r"|should|need\s+to|deserve\s+to|ought\s+to|have\s+got\s+to|gotta)\s+(?:all\s+)?"
        r"(?:die|burn|hang|be\s+(?:killed|exterminated|wiped\s+out|gassed|slaughtered|eliminated"
        r"|eradicated|shot|hanged|hung|burned|burnt|executed|lynched|massacred|nuked|bombed"
        r"|stoned|beheaded|tortured|raped|castrated|flogged|whipped|stabbed|murdered"
        r"|fed\s+to\s+the\s+(?:lions|dogs|sharks|wolves|pigs)))\b"
    )
    # Group names are in most news comments: the modal and the fate must be there too.
    requires = _groups("must should need deserve ought gotta got | die burn hang be")
    return _Pattern("threat:group_die", "threat", "reject", re.compile(regex),
                    _GROUP_WORDS | _singulars(_GROUP_NAMES), 0.95, requires=requires,
                    anchored=True)


#: Words that put a woman in the comment, for the patterns that say where she belongs.
_WOMAN = frozenset(["she", "shes", "her", "women", "woman", "girls", "girl", "female", "females",
                    "ladies", "lady", "sweetheart", "darling", "honey", "wife", "mother",
                    "mothers", "skirt"])
#: A woman's job on screen or in print, for the leering patterns that need one nearby.
_ON_SCREEN = frozenset(["presenter", "anchor", "reporter", "journalist", "newsreader",
                        "actress", "singer", "model"])

#: Sweeping attacks on a group ("Kurds are mountain dogs", "Jews control the banks"):
#: held for a moderator (the classifier judges abuse; these make sure it is not approved).
#: Counter-speech and negation ("saying all Muslims are terrorists is bigotry",
#: "refugees are not criminals") do not fire.
ABUSE_PATTERNS: tuple[_Pattern, ...] = (
    *(_abuse(subtype, groups) for subtype, groups in _GROUPS.items()),
    # A woman sent back to the kitchen ("They should be in the kitchen, not making laws",
    # "she should stay home and cook"), said of anyone but oneself.
    _Pattern("abuse:womans_place:sexism", "abuse", "review", re.compile(
        r"(?<!\bi\s)(?<!\bwe\s)\b(?:should|must|need\s+to|needs\s+to|ought\s+to|belongs?"
        r"|go\s+back|get\s+back|stick\s+to)\s+(?:be\s+|stay\s+|go\s+)?(?:(?:at\s+)?home\s+(?:and\s+)?"
        r"(?:cook|cooking|clean|cleaning|make\s+(?:babies|sandwiches|dinner))|barefoot\s+and\s+pregnant"
        r"|cooking\s+and\s+cleaning)\b"
        r"|\b(?:go\s+)?make\s+me\s+a\s+sandwich\b"
        r"|\bneeds?\s+a\s+(?:husband|man)\s+to\s+(?:teach|control|discipline|tell|keep)\b"),
        frozenset(["cook", "cooking", "clean", "cleaning", "babies", "sandwiches", "dinner",
                   "barefoot", "sandwich", "husband", "man"]), 0.75,
        requires=(frozenset(["should", "must", "need", "needs", "ought", "go", "get", "stick",
                             "make"]),)),
    # Women in public life as ornaments, or under a husband's rule: "the only thing she's
    # good for", "run by a skirt", "she should obey her husband", "too emotional to lead".
    _Pattern("abuse:womans_place:sexism", "abuse", "review", re.compile(
        r"\b(?:the\s+)?only\s+(?:thing|reason)\s+(?:she's|she\s+is|shes|women\s+are|they're)\s+good"
        r"\s+for\b|\ball\s+(?:she's|she\s+is|shes|women\s+are)\s+good\s+for\b"
        r"|\brun\s+by\s+a\s+skirt\b|\beye\s+candy\b"
        r"|\b(?:should|must|ought\s+to)\s+(?:shut\s+(?:her|their)\s+mouths?\s+and\s+)?obey\s+(?:her"
        r"|their)\s+husbands?\b"
        r"|\b(?:her|their)\s+husbands?\s+should\s+(?:control|discipline|keep)\b"
        r"|\bshould\s+stick\s+to\s+(?:makeup|make-up|cooking|housework|babies|fashion)\b"
        r"|\bshe\s+should\s+be\s+(?:cooking|cleaning|at\s+home|in\s+the\s+kitchen)\b"
        r"|\b(?:they're|they\s+are|women\s+are|she's|she\s+is)\s+(?:just\s+|far\s+)?too\s+emotional"
        r"\s+to\b|\bwomen\s+(?:can't|cannot|can\s+not)\s+(?:lead|govern|rule|think|drive)\b"),
        frozenset(["good", "skirt", "candy", "obey", "husband", "husbands", "makeup", "make",
                   "cooking", "cleaning", "home", "kitchen", "emotional", "lead",
                   "govern", "rule", "think", "drive"]), 0.75,
        requires=(frozenset(["she", "shes", "her", "women", "woman", "girls", "girl", "female",
                             "females", "ladies", "lady", "they", "theyre", "skirt"]),)),
    # ... and to the kitchen, where the sentence speaks of women ("the chef should be in
    # the kitchen" is a restaurant review).
    _Pattern("abuse:womans_place:sexism", "abuse", "review", re.compile(
        r"(?<!\bi\s)(?<!\bwe\s)\b(?:should|must|need\s+to|needs\s+to|ought\s+to"
        r"|go\s+back|get\s+back|stick\s+to)\s+(?:be\s+|stay\s+|go\s+)?(?:in|to|into)\s+(?:the|her"
        r"|their)\s+kitchens?\b"),
        frozenset(["kitchen", "kitchens"]), 0.75,
        requires=(frozenset(["she", "her", "women", "woman", "girls", "girl", "wife", "wives",
                             "ladies", "lady", "female", "females", "feminists", "they"]),)),
    # A woman in public life sent home or below the men: "her place is at home", "leave
    # the analysis to the men", "give the desk back to a man", "typical woman, all
    # feelings". Not "a typical woman in Iraq earns ..." (a statistic), nor "leave it to
    # the men and women of the army", nor staying home when ill.
    *(_Pattern("abuse:womans_place:sexism", "abuse", "review", re.compile(regex),
               frozenset(triggers.split()), 0.75, requires=(*_groups(requires), _WOMAN))
      for regex, triggers, requires in (
        (r"\b(?:her|a\s+woman's|women's|their)\s+place\s+is\s+(?:at\s+home|in\s+the\s+(?:home"
         r"|kitchen|house|bedroom)|with\s+(?:her|their)\s+(?:kids|children|family|husbands?)"
         r"|raising\s+(?:sons|children|kids|babies|a\s+family))\b",
         "place", ""),
        # "she's only presenting because she's pretty"
        (r"\b(?:only|just)\b[^.!?]{0,40}?\bbecause\s+(?:(?:she's|she\s+is|shes|she\s+was)\s+(?:so\s+)?"
         r"(?:pretty|hot|beautiful|sexy|good-looking|good\s+looking|blonde|a\s+woman|female)"
         r"|of\s+her\s+(?:pretty\s+face|face|looks|body|legs))\b"
         # "some of these girls provoke it", "putting a woman at the head of it was the mistake"
         r"|\b(?:girls|women|she)\s+(?:\w+\s+){0,3}?provoke[sd]?\s+(?:it|them|him|men|the\s+men)\b"
         r"|\bputting\s+a\s+(?:woman|female|girl)\s+(?:at\s+the\s+head\s+of|in\s+charge\s+of|as\s+"
         r"(?:head|chief|leader))\b[^.!?]{0,40}\b(?:mistake|problem|error|disaster)\b",
         "pretty hot beautiful sexy good looking blonde woman female face looks body legs provoke "
         "provokes provoked putting", "because provoke provokes provoked putting"),
        # the harassed woman blamed: "if she didn't want to be harassed she should have ..."
        (r"\bif\s+(?:she|women|girls|a\s+woman|a\s+girl)\s+(?:didn't|didnt|did\s+not|don't|dont"
         r"|do\s+not|doesn't|doesnt|does\s+not)\s+want\s+to\s+be\s+(?:harassed|raped|groped"
         r"|assaulted|touched|attacked|catcalled)\b",
         "harassed raped groped assaulted touched attacked catcalled", "want"),
        (r"\b(?:should|must|ought\s+to|better|belongs?)\s+(?:\w+\s+){0,5}?(?:stay|be)\s+(?:at\s+)?"
         r"home\b(?![^.!?]{0,30}\b(?:sick|ill|unwell|covid|flu|injured|recover|safe|storm))",
         "home", "should must ought better belong belongs"),
        (r"\bleave\s+(?:\w+\s+){0,3}?to\s+(?:the\s+)?(?:men|real\s+men|grown\s+men|a\s+man)\b"
         r"(?!\s+and\s+women\b)|\bback\s+to\s+a\s+man\b", "men man", "leave back"),
        (r"(?<!\ba\s)(?<!\bthe\s)(?<!\bof\s)\btypical\s+(?:woman|women|female|girl|lady)\b",
         "typical", ""),
        (r"\bstick\s+to\s+(?:\w+\s+)?(?:fashion|cooking|makeup|make-up|housework|knitting"
         r"|recipes|the\s+kitchen|babies)\b",
         "fashion cooking makeup housework knitting recipes kitchen babies", "stick"),
        # "The only thing female players are good for is ...", "women should not be in
        # parliament", "of course a woman wrote this", "in that skirt she is asking for it"
        (r"\bonly\s+(?:thing|reason)\s+(?:\w+\s+){1,4}?(?:is|are|'s|'re)\s+good\s+for\b"
         r"|\bwomen\s+(?:(?:should|must)\s+(?:not|never)|shouldn't|shouldnt|mustn't)\s+(?:be\s+"
         r"(?:in\s+|allowed\s+(?:in|into|to)\s+)?(?:parliament|politics|government|power|charge"
         r"|office|the\s+army|sport|football|ministers?|judges?|leaders?)|vote|lead|rule|govern"
         # "women shouldn't be reporting on war"
         r"|drive|work|be\s+(?:reporting|working|driving|leading|ruling|governing|teaching|playing"
         r"|presenting|commenting|judging|refereeing|fighting|voting|competing))\b"
         r"|\bof\s+course\s+a\s+(?:woman|girl|female)\s+(?:wrote|did|made|said|messed)\b"
         r"|\bof\s+course\s+(?:the|this|that)\s+\w+\s+(?:was|is)\s+a\s+(?:woman|girl|female)\b"
         r"|\b(?:is|was|are|were)\s+(?:just\s+|clearly\s+|obviously\s+)?asking\s+for\s+it\b",
         "good women course asking", ""),
        # "slap your wife once and she will respect you", "men should discipline their wives"
        (r"\b(?<!\bnot\s)(?<!\bnever\s)(?<!\bdon't\s)(?<!\bdont\s)(?<!\bwho\s)(?:slap|beat|hit"
         r"|smack)\s+(?:your|ur)\s+(?:wife|wives|woman|girlfriend|daughter|sister)\b"
         r"|\b(?:men|husbands|a\s+man|a\s+husband)\s+(?:should|must|need\s+to|has\s+to|have\s+to)"
         r"\s+(?:slap|beat|hit|discipline)\s+(?:their|his)\s+(?:wives|wife|women|woman)\b",
         "slap beat hit smack discipline", ""),
        # "shut up woman and go make the tea", "politics is for men"
        (r"\bshut\s+up\s+(?:woman|women|girl|girls|lady|sweetheart|darling)\b"
         r"|\b(?:politics|football|journalism|parliament|leadership|war|business|power)\s+is\s+"
         r"(?:for|a\s+job\s+for|only\s+for)\s+(?:men|real\s+men|a\s+man)\b",
         "woman women girl girls lady sweetheart darling men man", ""),
        # "no real man takes orders from a female commander", "smile more and talk less"
        (r"\bno\s+real\s+man\s+(?:\w+\s+){0,3}?(?:from|to|for)\s+(?:a|any)\s+(?:woman|female|girl"
         r"|lady)\b|\bsmile\s+more\s+and\s+talk\s+less\b",
         "man smile", ""),
        # "real fighting is men's work", "politics is a man's job"
        (r"\b(?:is|are|was|remains?)\s+(?:still\s+)?(?:a\s+)?(?:men's|man's|mens|mans)\s+(?:work|job"
         r"|business|game)\b", "work job business game", "men man mens mans"),
        # "if you dress like that, don't cry when you get harassed"
        (r"\b(?:don't|do\s+not|dont)\s+(?:cry|complain|be\s+surprised|act\s+surprised)\s+(?:when|if)"
         r"\s+(?:you|they|she|women|girls)\s+(?:get|gets|are|is)\s+(?:harassed|raped|attacked|groped"
         r"|assaulted|touched)\b", "harassed raped groped assaulted touched attacked",
         "cry complain surprised"),
      )),
)

#: Crude sexual idioms that no single listed word gives away: held for a moderator.
VULGARITY_PATTERNS: tuple[_Pattern, ...] = (
    _Pattern("vulgarity:licking", "vulgarity", "review", re.compile(
        r"\blick(?:s|ing|ed)?\s+(?:\w+(?:'s)?\s+)?(?:balls|arse|ass|arsehole|asshole|crotch|cock|dick"
        r"|c\*ck|d\*ck)\b"),
        frozenset(["lick", "licks", "licking", "licked"]), 0.75),
    _Pattern("vulgarity:bang", "vulgarity", "review", re.compile(
        r"\b(?:i'd|id|i\s+would|i'll|i\s+will|would|wanna|want\s+to)\s+(?:totally\s+|so\s+|happily\s+)?"
        r"(?:bang|shag|hump)\s+(?:her|him|them|the|that|this|your)\b"),
        frozenset(["bang", "shag", "hump"]), 0.75),
    _Pattern("vulgarity:slept_her_way", "vulgarity", "review", re.compile(
        r"\b(?:slept|sleeping|sleeps|shagged|screwed|sucked|sucking|blew|blown|bonked)\s+(?:her|his"
        r"|their)\s+way\s+(?:to|into|up)\b"
        r"|\bgot\s+(?:the|her|his|this|that)\s+(?:\w+\s+)?(?:job|role|post|position|seat|promotion"
        r"|part)\s+(?:because|by|after)\s+(?:she|he)\s+(?:slept|sleeps|was\s+sleeping|had\s+slept"
        r"|is\s+sleeping)\s+with\b"
        # "bet the reporter got this job on her knees"
        r"|\b(?:more\s+useful|better|best)\s+on\s+(?:her|his|their)\s+knees\b"
        r"|\b(?:got|gets|earned|landed|won)\s+(?:the|this|that|her|his|a)\s+(?:\w+\s+)?(?:job|role"
        r"|post|position|seat|promotion|part|gig)\s+on\s+(?:her|his|their)\s+knees\b"),
        frozenset(["slept", "sleeping", "sleeps", "shagged", "screwed", "sucked", "sucking",
                   "blew", "blown", "bonked", "knees"]), 0.75),
    _Pattern("vulgarity:send_nudes", "vulgarity", "review", re.compile(
        r"\bsend\s+(?:me\s+|us\s+)?(?:your\s+)?(?:nudes|nude\s+(?:pics|photos|pictures)"
        r"|(?:pics|photos|pictures)\s+of\s+your\s+(?:tits|boobs|body|ass|arse))\b"),
        frozenset(["nudes", "nude", "tits", "boobs", "body", "ass", "arse"]), 0.75,
        requires=(frozenset(["send"]),)),
    # Leering at a woman on screen or on the pitch: "she'd be good in bed", "turned on by
    # the anchor", "show us more of the reporter's legs", "what she has under that dress".
    # Needs a woman in the comment ("the bed shortage", "turned on by the debate" about a
    # man are not this).
    _Pattern("vulgarity:leering", "vulgarity", "review", re.compile(
        r"\b(?:good|great|wild|amazing|fun|best|a\s+tiger|an\s+animal)\s+in\s+(?:the\s+)?(?:bed"
        r"|sack)\b"
        # "he badly needs to get laid" (not "laid off"), "I'd smash the weather girl",
        # "nice legs on the MP in photo 3"
        r"|\bneeds?\s+to\s+get\s+laid\b(?!\s+off)"
        r"|\b(?:i'd|id|i\s+would|would)\s+(?:totally\s+|definitely\s+|so\s+)?smash\s+(?:her|that"
        r"|the\s+(?:\w+\s+)?(?:girl|woman|lady|presenter|anchor|reporter))\b"
        r"|\b(?:nice|best|great|fine)\s+(?:legs|rack|ass|arse|bum|boobs|tits|curves)\b"
        # "wouldn't let her out of bed", "send the reporter to my hotel room", "could get it"
        r"|\b(?:wouldn't|would\s+not|wouldnt|never)\s+let\s+(?:her|him)\s+out\s+of\s+(?:my\s+)?bed\b"
        r"|\bsend\s+(?:\w+\s+){0,3}?to\s+my\s+(?:hotel\s+room|bedroom|room|bed|flat)\b"
        r"|\bcould\s+(?:definitely\s+|totally\s+)?get\s+it\s*[.!,]"
        r"|\b(?:is|looks)\s+(?:so\s+|really\s+|very\s+)?(?:sexy|thicc)\b"
        r"|\bmore\s+than\s+(?:just\s+)?\w+(?:\s+\w+){0,3}\b[^.!?]{0,40}\bif\s+you\s+know\s+what\s+i"
        r"\s+mean\b|\bunder\s+the\s+desk\b"
        r"|\bneeds?\s+a\s+good\s+(?:night\s+in\s+bed|shag|seeing\s+to|lay|rogering|ride)\b"
        r"|\b(?:i'd|id|i\s+would|i'll|i\s+will|i\s+could)\s+do\s+(?:\w+\s+){0,2}?things\s+to\s+(?:her"
        r"|him|that|this|the)\b"
        r"|\b(?:in|those|that|her|their)\s+tight\s+(?:uniforms?|dress(?:es)?|jeans|clothes|tops?"
        r"|skirts?|leggings|trousers|outfits?)\b"
        r"|\bturned\s+on\s+by\b|\bturns?\s+me\s+on\b|\bget(?:s|ting)?\s+(?:me\s+)?turned\s+on\b"
        r"|\bunder\s+(?:that|her|this)\s+(?:dress|skirt|blouse|shirt|top|hijab|uniform)\b(?!\s+code)"
        r"|\b(?:show|post|give)\s+(?:us\s+)?(?:more\s+)?(?:of\s+)?(?:the\s+|her\s+|their\s+|those\s+)?"
        r"(?:\w+(?:'s)?\s+)?(?:legs|cleavage|boobs|curves|thighs|bum|butt|ass|arse)\b"
        r"|\b(?:do|did)\s+(?:very\s+|some\s+|such\s+)?(?:naughty\s+things\s+to|(?:dirty|nasty)\s+things"
        r"\s+to\s+(?:her|him|that\s+(?:girl|woman|lady|female|referee|anchor|presenter)))\b"
        r"|\bby\s+sucking\s+(?!up\b)(?:on\s+)?(?:the\s+right|his|the\s+boss|someone|off)\b"
        r"|\bbend\s+(?:her|him|that|this|the)\s+(?:\w+\s+){0,2}?over\b"
        r"|\bwithout\s+(?:her|their|any)\s+clothes\b"
        r"|\b(?:want|like|get|have)\s+(?:\w+\s+){0,4}?in\s+my\s+(?:bed|bedroom)\b"
        r"|\btake\s+(?:off\s+)?(?:the\s+|her\s+|your\s+|that\s+)?(?:hijab|clothes|dress|top|bra|shirt)"
        r"\s+(?:off\s+)?and\s+show\b"
        r"|\b(?:show|post)\s+(?:us\s+)?more\s+(?:pics|pictures|photos)\s+of\s+(?:the\s+)?(?:\w+\s+)?"
        r"(?:girls|women|ladies)\b(?!['’]s)"),
        frozenset(["bed", "turned", "turns", "turn", "under", "legs", "cleavage", "boobs",
                   "curves", "thighs", "bum", "butt", "ass", "arse", "naughty", "dirty",
                   "nasty", "sucking", "bend", "clothes", "bed", "bedroom", "hijab", "dress",
                   "top", "bra", "shirt", "girls", "women", "ladies", "sack", "shag", "lay",
                   "rogering", "ride", "things", "tight", "laid", "smash", "rack", "tits", "room",
                   "flat", "get", "sexy", "thicc", "mean", "desk"]), 0.75,
        requires=(frozenset(["she", "shes", "her", "women", "woman", "girls", "girl", "female",
                             "females", "ladies", "lady", "presenter", "anchor", "reporter",
                             "referee", "minister", "wife", "secretaries", "secretary", "he",
                             "man", "him", "his", "girlfriend", "model", "singer", "actress",
                             "dancer", "dancers", "journalist", "guys", "boys", "men"]),)),
    # Said of a woman on screen or in print: "the presenter is so hot", "look at the body
    # on that reporter", "I'd love to see her without that blazer", "the anchor is a freak
    # in bed", "the reporter's tight jeans" (not "hot-headed", "hot on the trail").
    _Pattern("vulgarity:leering", "vulgarity", "review", re.compile(
        r"\b(?:presenter|anchor|reporter|journalist|newsreader|actress|singer|model|she|girl"
        r"|woman|lady)\s+(?:\w+\s+){0,4}?(?:is|looks|was|s)\s+(?:so\s+|really\s+|very\s+"
        r"|damn\s+|super\s+)?hot\b(?![-\s]+(?:headed|tempered|on\b|under\b|topic|issue|seat))"
        r"|\bthe\s+body\s+on\s+(?:that|this|the|her)\b"
        r"|\b(?:see|seeing|picture|imagine)\s+her\s+(?:without|out\s+of)\s+(?:that|her|the|those"
        r"|this)\s+(?:\w+\s+)?(?:blazer|dress|hijab|clothes|jacket|shirt|blouse|top|skirt|uniform"
        r"|headscarf|scarf|suit|jeans|outfit)\b"
        r"|\ba\s+(?:freak|beast|wildcat|minx)\s+in\s+(?:the\s+)?(?:bed|sack)\b"
        r"|\b\w+'s\s+tight\s+(?:uniforms?|dress(?:es)?|jeans|clothes|tops?|skirts?|leggings"
        r"|trousers|outfits?)\b"),
        frozenset(["hot", "body", "without", "out", "bed", "sack", "tight"]), 0.75,
        requires=(frozenset(["she", "shes", "her", "women", "woman", "girls", "girl", "female",
                             "ladies", "lady"]) | _ON_SCREEN,)),
    # A woman in the news asked to the writer's bed: "the journalist should come interview
    # me in my bedroom", "what's her number? asking for my lonely bed". Only beside a
    # woman's job on screen or her number: "my daughter fell asleep on my lap" is not one.
    _Pattern("vulgarity:leering", "vulgarity", "review", re.compile(
        r"\b(?:in|on|to|into|for)\s+my\s+(?:lonely\s+|warm\s+|big\s+|cold\s+|empty\s+)?"
        r"(?:bed|bedroom|lap)\b"),
        frozenset(["bed", "bedroom", "lap"]), 0.75,
        requires=(_ON_SCREEN | {"secretary", "hostess", "number"},)),
    _Pattern("vulgarity:leering", "vulgarity", "review", re.compile(
        r"\bcan(?:'t|not|\s+not|t)\s+(?:even\s+)?get\s+it\s+up\b"),
        frozenset(["up"]), 0.75, requires=(frozenset(["get"]), frozenset(["he", "his", "him"]))),
    # The aubergine, peach and droplets emoji said of a woman on screen.
    _Pattern("vulgarity:leering", "vulgarity", "review",
             re.compile("[\U0001F346\U0001F351\U0001F4A6]+"), frozenset(), 0.75,
             symbols="\U0001F346\U0001F351\U0001F4A6",
             requires=(frozenset(["she", "shes", "her", "women", "woman", "girls", "girl", "ladies",
                                  "lady", "presenter", "anchor", "reporter", "journalist", "wife",
                                  "actress", "singer", "minister"]),)),
    # "penis" alone is health and court news; its size said of a person is a taunt.
    _Pattern("vulgarity:genital_size", "vulgarity", "review", re.compile(
        r"\b(?:tiny|small|little|micro|minuscule)\s+(?:penis|penises|dick|dicks|cock|willy|pecker)\b"
        r"|\b(?:penis|dick|cock|willy|pecker)\s+size\s+of\s+(?:the|his|your|their|that|this)\b"
        r"|\bas\s+(?:small|tiny|little|short)\s+as\s+(?:his|your|their|the\s+\w+'s)\s+(?:penis|dick"
        r"|cock|willy|pecker)\b"
        r"|\b(?:his|your|their)\s+(?:penis|dick|cock|willy|pecker)(?:\s+size)?\s+(?:is|must\s+be)\s+"
        r"(?:tiny|small|little)\b"),
        frozenset(["penis", "penises", "dick", "dicks", "cock", "willy", "pecker"]), 0.75),
)

#: Slurs of more than one word that the word lists lack, each word innocent alone
#: ("mountain", "sand"): held, and not when the sentence reports the slur ("Ankara called Kurds
#: 'mountain Turks' for decades"). "Mountain Turks" denies that Kurds exist as a people.
SLUR_PHRASE_PATTERNS: tuple[_Pattern, ...] = (
    _Pattern("abuse:slur_phrase:racism", "abuse", "review", re.compile(
        r"\bmountain\s+turks?\b|\bsand\s+(?:niggers?|niggas?|monkeys?)\b"
        r"|\bgoat\s+(?:fuckers?|shaggers?)\b"),
        frozenset(["turks", "turk", "niggers", "nigger", "niggas", "nigga", "monkeys", "monkey",
                   "fuckers", "fucker", "shaggers", "shagger"]), 0.75,
        requires=(frozenset(["mountain", "sand", "goat"]),)),
)

_DENIED = (r"(?:all\s+|just\s+|simply\s+)?(?:\w+\s+)?(?:" + _DEHUMANISING + r"|dangerous"
           r"|violent|a\s+threat|a\s+danger|the\s+enemy|the\s+problem|a\s+problem|to\s+blame"
           # "Jews are not our enemies", "immigrants aren't stealing jobs", "Christians are
           # not foreigners here"
           r"|enemies|foreigners|outsiders|invaders|guests|stealing\s+(?:our\s+)?jobs"
           r"|taking\s+(?:our\s+)?jobs)\b")
#: The stereotype denied of "they" ("Refugees fled the war. They are not criminals."),
#: where a group is named just before (`_THEY_DENIED_AFTER` characters); searched on its
#: own, since it opens with a word and the group names do not.
_THEY_DENIED = re.compile(
    r"\b(?:they\s*(?:'re|\s+are)\s+(?:not|never|no)|theyre\s+(?:not|never|no)|they\s+aren't"
    rf"|they\s+arent)\s+{_DENIED}")
_THEY_DENIED_AFTER = 100
#: "No refugee deserves to be called vermin", "Nobody should be attacked for being Muslim".
_NO_ONE_HARMED = re.compile(
    r"\b(?:no|nobody|no\s+one)\s+(?:\w+\s+){0,2}?(?:deserves?\s+to\s+be|should\s+(?:ever\s+)?be)\s+"
    r"(?:called|treated\s+like|attacked|hurt|killed|abused|insulted|harassed|targeted|persecuted"
    r"|discriminated|beaten|threatened)\b(?:\s+(?:an?\s+)?\w+)?")


#: What one may be called for being of a group: "being gay", "being a Yazidi".
_BEING = _longest_first({*_GROUP_ADJECTIVE_NAMES, *_singulars(_GROUP_NAMES)})


def _defences() -> re.Pattern[str]:
    named = rf"{_ANY_GROUP}(?:\s+people)?\s+"
    group = rf"\b{named}"
    return re.compile(
        # denied: "refugees are not criminals", "muslims aren't terrorists"
        rf"{group}(?:are\s+not|is\s+not|aren't|arent|isn't|isnt|are\s+never|are\s+no)\s+{_DENIED}"
        # affirmed: "refugees are human beings", "kurds are our neighbours", "... are welcome"
        rf"|{group}are\s+(?:(?:also|just|simply|all)\s+)?(?:human|humans|human\s+beings|people"
        r"|people\s+too|our\s+(?:neighbours|neighbors|friends|brothers|sisters|fellow\s+citizens)"
        r"|equal|welcome|citizens|equal\s+citizens)\s*(?:[.!]|$|like\s+(?:the\s+rest\s+of\s+)?us\b"
        r"|like\s+everyone\s+else\b|too\b|and\b|here\b|in\s+(?:this|our)\s+\w+)"
        # "being gay is not a 'disease from the West'", "being Kurdish is no crime"
        rf"|\bbeing\s+(?:an?\s+)?(?:{_BEING})\s+(?:is\s+not|isn't|isnt|is\s+no|is\s+never)\s+"
        r"(?:an?\s+)?['\"\u2018\u201c]?(?:crime|sin|choice|sickness|illness|disease|disorder"
        r"|perversion|abomination|mental\s+illness|threat|danger|shame|disgrace|insult)\b"
        # a stereotype called false: "it's a lie that refugees are criminals"
        r"|\b(?:lie|myth|false|nonsense|untrue|not\s+true|stereotype)\s+that\s+(?:all\s+)?"
        rf"{named}(?:are|is)\b")


#: A group defended: the stereotype denied ("Refugees are not criminals", "Muslims aren't
#: terrorists", `_DEHUMANISING`) or called false ("it's a myth that Kurds are ..."), or its
#: humanity and equality affirmed ("Refugees are human beings.", "Kurds are our
#: neighbours.").
_DEFENCES = _defences()
_DEFENCE_OPENERS = openers(_DEFENCES)


_QUOTED = re.compile(r'"[^"\n]{3,300}"|\u201c[^\u201d\n]{3,300}\u201d'
                     r"|\u2018[^\u2019\n]{3,300}\u2019"
                     # an apostrophe between letters is in a word: 'a cancer in Iraq's body.'
                     r"|(?<!\w)'(?:[^'\n]|(?<=\w)'(?=\w)){3,300}'(?!\w)")
#: What condemns what a comment quotes ('Saying "Kurds are animals" is racist.', '... you
#: are spreading hate', 'Shameful.'): said of it, not a word anywhere ("screaming racism").
_CONDEMNING = re.compile(
    # ("... and they are not wrong" agrees)
    r"\b(?:is|was|are|it's|its|that's|thats|sounds|seems|remains)\s+"
    r"(?:(?!not\b|never\b|hardly\b|far\s+from\b)\w+\s+){0,4}?(?:racist"
    r"|sexist|bigoted|bigotry|hateful|hate\s+speech|homophobic|transphobic|xenophobic"
    r"|islamophobic|antisemitic|misogynist\w*|misogyny|prejudice|prejudiced|vile|shameful|harassment"
    r"|antisemitism|racism|sexism|bigotry|homophobia|islamophobia|xenophobia|hatred"
    r"|disgraceful|unacceptable|offensive|dehumani[sz]ing|genocide\s+denial|a\s+lie|lies"
    r"|nonsense|a\s+stereotype|a\s+slur|disgusting|wrong|appalling|sickening|false|untrue"
    r"|ignorant|cruel|incitement|hate\s+propaganda)\b"
    r"|\b(?:have|has)\s+no\s+place\b|\bshould\s+(?:resign|be\s+(?:fired|sacked|banned))\b"
    r"|\bspreading\s+(?:hate|hatred|bigotry)\b|\bmust\s+stop\b|\bshould\s+be\s+ashamed\b"
    r"|\bstop\s+(?:calling|labelling|labeling|naming)\b|\breported\s+the\s+(?:comment|post|reply)\b"
    r"|\benough\s+(?:with|of)\b"
    r"|\b(?:sick|tired)\s+of\s+(?:seeing|reading|hearing)\b|\bi\s+keep\s+(?:seeing|reading|hearing)\b"
    r"|\b(?:is|are)\s+not\s+(?:a\s+)?(?:joke|funny|acceptable|okay|ok|true)\b|\bno\s+better\s+than\b"
    r"|\bmakes?\s+my\s+blood\s+boil\b"
    r"|\b(?:remove|delete|report|ban)\s+(?:the|these|this|those|such)\s+(?:\w+\s+)?(?:posts?|comments?)\b"
    r"|\b(?:we|you)\s+(?:need\s+to|must|should)\s+(?:fight|stop|challenge|condemn|reject)\b"
    r"|\b(?:we|you|they)\s+(?:should|must|need\s+to)\s+be\s+better\b"
    # (a reaction right after the quotation too: `condemned_quotes` joins the two sides
    # with an ellipsis)
    r"|(?:^|[.!?\u2026]\s*)(?:shameful|disgraceful|disgusting|vile|unacceptable|appalling"
    r"|unbelievable"
    r"|outrageous|sickening|horrifying)\s*[.!]")
_QUOTE_MARKS = ('"', "'", "\u201c", "\u2018")


_NAMING = re.compile(r"\b(?:calling|(?<!so-)(?<!so\s)called|call|calls|labelling|labeling|labelled"
                     r"|labeled)\s+"
                     r"(?:\w+\s+){0,3}$")
#: A claim reported without quotation marks, up to the end of its clause: condemned near
#: it, it is quoted as surely as in marks.
_REPORTING_VERBS = ["said", "says", "claimed", "claims", "wrote", "writes", "tweeted", "posted"]
#: "saying" only after those who say it: "it is like saying ..." is the writer's own.
_SAYERS = ["posts", "post", "comments", "people", "those", "anyone", "someone", "trolls", "users",
           "accounts"]
_REPORTING_HINT = re.compile(r"\b(?:" + "|".join([*_REPORTING_VERBS, "saying"]) + r")\b")
_REPORTED_CLAIM = re.compile(
    r"(?<!\bi\s)(?<!\bwe\s)"
    r"(?:\b(?:" + "|".join(_REPORTING_VERBS) + ")"
    + "".join(rf"|(?<={sayer}\s)saying" for sayer in _SAYERS) + r")\s+"
    r"(?:that\s+)?([^\s.!?;,:\u2026][^.!?;,:\u2026\n]{2,200})")
#: How far before and after a quotation its condemnation may be.
_CONDEMNED_WITHIN = 120


def condemned_quotes(view: View) -> list[tuple[int, int]]:
    """The `[start, end)` in the view of each quotation that the comment condemns near it,
    outside the quotation marks ('Saying "Kurds are animals" is racist.'). A quotation of
    one word counts only as a name given ('calling Kurds "subhuman" is vile'): scare quotes
    ("so-called 'refugees'") quote nobody."""
    text = view.text
    quoted = [m.span() for m in _QUOTED.finditer(text)] if any(
        mark in text for mark in _QUOTE_MARKS) else []
    if _REPORTING_HINT.search(text):  # 'The minister said Kurds are vermin; he must resign.'
        quoted += [m.span(1) for m in _REPORTED_CLAIM.finditer(text)]
    if not quoted:
        return []
    found = []
    for start, end in quoted:
        if " " not in text[start:end].strip(" \"'\u201c\u201d\u2018\u2019") and not (
                _NAMING.search(text, max(0, start - 40), start)):
            continue
        around = (text[max(0, start - _CONDEMNED_WITHIN) : start] + " \u2026 "
                  + text[end : end + _CONDEMNED_WITHIN])
        if _CONDEMNING.search(around):
            found.append((start, end))
    return found


def defends_group(view: View) -> bool:
    """Whether the comment (its matching view, `normalize(text)`) defends a group: denies
    a stereotype of it, affirms that its people are people and equal, or condemns the
    hate it quotes. The classifier, which reads words and not their negation, scores many
    of these as abuse, and the policy then asks it for more (`policy.decide`)."""
    if _defence_matches(view):
        return True
    if view_words(view).isdisjoint(_GROUP_WORDS):
        return False
    # A condemned quotation about a group: the group in it, or just before a name given
    # ('calling Kurds "subhuman"').
    return any(not _GROUP_WORDS.isdisjoint(_TOKEN.findall(view.text[max(0, start - 25) : end]))
               for start, end in condemned_quotes(view))


#: What a thing is called when it is called bad (regex alternatives, each ending in a word).
_BAD_THING = ("garbage", "rubbish", "trash", "crap", "stupid", "idiotic", "dumb", "moronic",
              "pathetic", "disgusting", "ridiculous", "nonsense", r"a\s+joke", "joke", "laughable",
              "absurd", "insane", "crazy", "useless", "worthless", "awful", "terrible", "horrible",
              "shameful", "disgraceful", "embarrassing", "bullshit", r"a\s+disgrace", r"a\s+mess",
              "mess", "idiocy", "stupidity", "ignorant", "lazy", "sick")
#: The last word of each: a comment without one calls nothing bad (a set look-up, where
#: the regex, tried at every word, costs 14 us a comment).
_BAD_THING_WORDS = frozenset(alternative.split("\\s+")[-1] for alternative in _BAD_THING)
#: A thing, not a person, called bad: "This policy is garbage.", "The council's plan is
#: stupid and wasteful."
_THING_CRITICISED = re.compile(
    r"\b(?:this|the|that|these|those|their|his|her|our|its|your|ur|(?:\w+'s))\s+(?:\w+\s+){0,2}?"
    r"(?:policy|policies|plan|plans|law|laws|bill|idea|ideas|decision|decisions|article|report"
    r"|reporting|coverage|argument|budget|deal|agreement|system|website|site|app|service"
    r"|traffic|weather|result|results|game|match|show|programme|program|video|headline"
    r"|headlines|speech|statement|proposal|strategy|reform|tax|taxes|economy|situation"
    r"|response|approach|campaign|constitution|referendum|ruling|verdict|movie|film|book"
    r"|song|design|logo|layout|interview|debate|question|questions|answer|excuse|excuses"
    r"|logic|reasoning|analysis|theory|claim|claims|process|project|scheme|rule|rules"
    r"|editorial|editorials|piece|column|story|op-ed|podcast|documentary|broadcast)\s+"
    r"(?:is|was|are|were|seems|looks|sounds)\s+(?:so\s+|just\s+|utterly\s+|completely\s+"
    r"|totally\s+|absolutely\s+|really\s+|pure\s+|utter\s+|complete\s+|total\s+|absolute\s+"
    r"|an?\s+)*(?:\w+\s+(?:and\s+)?)?(?:" + "|".join(_BAD_THING) + r")\b")


#: Words that speak to a person, not of their things ("your article").
_YOU_AS_PERSON = frozenset(["you", "u", "ya", "ye", "yourself", "yourselves", "youre", "yall"])


def criticises_thing(view: View) -> bool:
    """Whether the comment calls a thing bad ("This policy is garbage.", "Your article is
    rubbish.") and speaks to no one but of their things: the classifier reads "garbage" as
    an insult whoever or whatever it is aimed at, and the policy does not hold such a
    comment for a personal attack."""
    words = view_words(view)
    return (not words.isdisjoint(_BAD_THING_WORDS) and _YOU_AS_PERSON.isdisjoint(words)
            and "@" not in view.original and _THING_CRITICISED.search(view.text) is not None)


#: What hate is called when a comment condemns it (regex alternatives, each ending in a
#: word, as `_BAD_THING`).
_HATE_NAMES = ("racist", "sexist", "bigoted", "hateful", "homophobic", "transphobic",
               "islamophobic", "antisemitic", "xenophobic", "sectarian", "incitement",
               r"hate\s+speech", "ignorant", "disgraceful", "vile", "shameful", "disgusting",
               "embarrassing", "unacceptable", r"a\s+disgrace", r"a\s+conspiracy\s+theory")
_HATE_NAMED = "(?:" + "|".join(_HATE_NAMES) + ")"
_INTENSIFIER = r"(?:so\s+|just\s+|pure\s+|plain\s+|absolutely\s+|utterly\s+|deeply\s+|really\s+)?"
#: Hate said by someone and condemned as such, with no quotation: "Your comment about
#: Muslims is bigoted", "the sexism towards female MPs in these comments is embarrassing",
#: "Mocking disabled people like that is disgraceful", "Stop blaming ordinary Arabs".
_HATE_CONDEMNED = re.compile(
    r"\b(?:your|this|that|the|these|those|such|his|her|their)\s+(?:\w+\s+){0,2}?(?:comments?"
    r"|posts?|remarks?|rhetoric|language|words|claims?|chants?|slogans?|speech|tweets?|repl(?:y|ies)"
    r"|jokes?|stereotypes?|attitudes?|views?|talk)(?:\s+(?:about|on|towards|toward|against)"
    r"(?:\s+\w+){1,3}?)?\s+(?:is|are|was|were|sounds|seems)\s+" + _INTENSIFIER + _HATE_NAMED + r"\b"
    r"|\b(?:sexism|racism|bigotry|hatred|homophobia|transphobia|antisemitism|islamophobia"
    r"|xenophobia|sectarianism)\s+(?:towards|toward|against|in|of|on)\s+[^.!?]{0,50}?\b(?:is|are"
    r"|was|were)\s+" + _INTENSIFIER + _HATE_NAMED + r"\b"
    r"|\b(?:mocking|calling|insulting|blaming|attacking|hating|abusing|demoni[sz]ing"
    r"|dehumani[sz]ing|targeting|harassing|scapegoating)\s+(?:\w+\s+){1,5}?(?:is|are)\s+"
    + _INTENSIFIER + r"(?:" + _HATE_NAMED + r"|wrong|cowardly)\b"
    # ... and a people named: not "stop attacking conservatives", "stop calling me a feminist"
    r"|\bstop\s+(?:calling|blaming|attacking|insulting|demoni[sz]ing|mocking|hating"
    rf"|scapegoating)\s+(?:all\s+|the\s+)?(?:\w+\s+)?{_ANY_GROUP}\b")
#: A comment without one of these words condemns no hate (a set look-up first): the last
#: word of each name, and those of the other forms.
_HATE_NAMED_WORDS = frozenset(
    [name.split("\\s+")[-1] for name in _HATE_NAMES] + ["wrong", "cowardly", "stop"])


def condemns_hate(view: View) -> bool:
    """Whether the comment condemns hate that someone said or did ("Your comment about women
    is sexist."): it names the hate to reject it, and the classifier, which reads "women"
    and "sexist", scores it as abuse or an insult. The policy treats it as a defence of the
    group and as criticism of a thing, unless a rule finds abuse or an insult in it."""
    return (not view_words(view).isdisjoint(_HATE_NAMED_WORDS)
            and _HATE_CONDEMNED.search(view.text) is not None)


def defences(view: View) -> list[Span]:
    """Where the comment defends a group (`defends_group`), in the original text: an
    insult word denied there ("Muslims are not vermin") is no insult."""
    return [view.span(m.start(), m.end()) for m in _defence_matches(view)]


def _defence_matches(view: View) -> list[re.Match[str]]:
    """The stereotypes denied and the harms refused in the view (not the condemned
    quotations, which `defends_group` adds)."""
    text = view.text
    harmed = [*_NO_ONE_HARMED.finditer(text)] if "no" in text else []
    if view_words(view).isdisjoint(_GROUP_WORDS):
        return harmed
    # Tried only where a word that opens a defence stands before a group's name.
    return [*finditer(_DEFENCES, text, lambda: view_words(view) & _GROUP_WORDS,
                      _DEFENCE_OPENERS), *_they_denied(text), *harmed]


def _they_denied(text: str) -> list[re.Match[str]]:
    """`_THEY_DENIED` where a group is named in the `_THEY_DENIED_AFTER` characters before."""
    if "they" not in text:
        return []
    return [m for m in _THEY_DENIED.finditer(text) if not _GROUP_WORDS.isdisjoint(
        _TOKEN.findall(text, max(0, m.start() - _THEY_DENIED_AFTER), m.start()))]


#: Denial of a genocide or massacre a people suffered ("the Armenian genocide is a lie",
#: "Halabja never happened"): held, and not where the sentence reports or rejects it.
DENIAL_PATTERNS: tuple[_Pattern, ...] = (
    _Pattern("abuse:genocide_denial:racism", "abuse", "review", re.compile(
        r"\b(?:genocide|holocaust|anfal|massacre|massacres)\s+(?:is|was|are|were)\s+(?:all\s+)?"
        r"(?:a\s+|just\s+a\s+|nothing\s+but\s+a\s+)?(?:lie|lies|myth|hoax|fake|fabrication|fairy\s+tale"
        r"|exaggeration|propaganda)\b"
        r"|\b(?:genocide|holocaust|anfal|halabja|massacre)\s+(?:never\s+happened|did\s+not\s+happen"
        r"|didn't\s+happen)\b"),
        frozenset(["genocide", "holocaust", "anfal", "halabja", "massacre", "massacres"]), 0.75,
        requires=(frozenset(["lie", "lies", "myth", "hoax", "fake", "fabrication", "fairy",
                             "exaggeration", "propaganda", "never", "not", "didn't"]),)),
)

#: Insults without an insult word: "has the IQ of a potato", "looks like a rat" (held).
INSULT_PATTERNS: tuple[_Pattern, ...] = (
    _Pattern("personal_attack:insult_phrase", "personal_attack", "review", re.compile(
        r"\b(?:has|have|with)\s+the\s+(?:iq|brain|brains)\s+of\s+(?:a|an)\s+(?:\w+\s+)?\w+"
        r"|\b(?:looks?|looking)\s+like\s+(?:a|an)\s+(?:\w+\s+)?(?:rat|rats|pig|monkey|donkey"
        r"|goat|toad|rodent|weasel|cockroach|potato|hyena)\b"
        # not "the pitch looks like a potato field"
        r"(?!\s+(?:field|fields|farm|patch|sack|soup|salad|cage|nest|trap|race|pen|sty))"),
        frozenset(["iq", "brain", "brains", "rat", "rats", "pig", "monkey", "donkey", "goat",
                   "toad", "rodent", "weasel", "cockroach", "potato", "hyena"]), 0.7,
        requires=(frozenset(["has", "have", "with", "look", "looks", "looking"]),)),
)

#: Threats aimed at a group, built from the group names above.
GROUP_THREAT_PATTERNS: tuple[_Pattern, ...] = (_group_threat(),)

_INDEX = _PatternIndex(THREAT_PATTERNS + GROUP_THREAT_PATTERNS + ABUSE_PATTERNS
                       + SLUR_PHRASE_PATTERNS + DENIAL_PATTERNS + VULGARITY_PATTERNS
                       + INSULT_PATTERNS + PROMOTION_PATTERNS)


def pattern_hits(view: View, folded: View, words: set[str], folded_words: set[str]) -> list[Hit]:
    """Every pattern hit: threats, group attacks and crude idioms in the matching `view`,
    promotion in the `folded` view (`words` / `folded_words`: the words of each)."""
    both = words if folded_words is words else words | folded_words
    hits: list[Hit] = []
    promotion: list[Hit] = []
    for pattern in _INDEX.candidates(folded.text, both):  # symbols: promotion, folded
        on = folded if pattern.category == "promotion" else view
        if not pattern.may_match(on.text, folded_words if on is folded else words):
            continue
        hit = _match(pattern, on, folded_words if on is folded else words)
        if hit is not None:
            (promotion if pattern.category == "promotion" else hits).append(hit)
    return _merged(hits) + _promotion(folded, folded_words, promotion)


def _merged(hits: list[Hit]) -> list[Hit]:
    """One hit per pattern name: several patterns share a name (the forms of one kind of
    attack), and a comment in two of their forms is one reason with both spans."""
    if len({hit.name for hit in hits}) == len(hits):
        return hits
    by_name: dict[str, Hit] = {}
    for hit in hits:
        if (first := by_name.get(hit.name)) is None:
            by_name[hit.name] = hit
        else:
            by_name[hit.name] = replace(
                first, score=max(first.score, hit.score),
                action="reject" if "reject" in (first.action, hit.action) else first.action,
                spans=tuple(sorted(set(first.spans) | set(hit.spans),
                                   key=lambda span: (span.start, span.end))))
    return list(by_name.values())


#: How far a pattern's match may reach before or after the trigger word in it. Every
#: pattern's match holds one of its trigger words (or symbols), so on a long comment the
#: regex runs only on the windows this far around them.
REACH = 200
#: A run of whitespace this long could stretch a match past `REACH`: windows count a
#: longer run as this long.
_LONG_SPACE = " " * 20
#: Every character `\s` matches, as a space (a regex search for `\s{20}` costs 20 ns a
#: character; `str.translate` and a substring search cost a tenth of that).
_AS_SPACE = dict.fromkeys(map(ord, "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002"
                              "\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029"
                              "\u202f\u205f\u3000"), " ")


def occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Where `word` occurs in `text` as a whole word (not inside a longer one)."""
    ranges = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalpha()) and (
                end == len(text) or not text[end].isalpha()):
            ranges.append((start, end))
        start = text.find(word, end)
    return ranges


def windows(text: str, needles: Iterable[str]) -> list[tuple[int, int]] | None:
    """Merged `[start, end)` windows `REACH` around every occurrence of `needles` (words,
    or symbols of one character), or None when the text is short enough, or the windows
    cover enough of it, that one scan of the whole text costs no more. A run of
    whitespace longer than `_LONG_SPACE` counts as that long: a match may cross it."""
    size = len(text)
    if size <= 4 * REACH:
        return None
    runs = _long_runs(text)
    found = sorted(span for needle in needles for span in _needle_spans(text, needle))
    merged: list[tuple[int, int]] = []
    for start, end in found:
        start, end = _reach_before(start, runs), _reach_after(end, runs, size)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    if sum(end - start for start, end in merged) * 2 > size:
        return None
    return merged


_LONG_RUN = re.compile(f" {{{len(_LONG_SPACE)},}}")


@lru_cache(maxsize=16)
def _long_runs(text: str) -> tuple[tuple[int, int], ...]:
    """The `[start, end)` of each run of whitespace longer than `_LONG_SPACE`. Cached: the
    patterns of one comment ask in turn (a str caches its own hash)."""
    spaced = text.translate(_AS_SPACE)
    if _LONG_SPACE not in spaced:
        return ()
    return tuple(match.span() for match in _LONG_RUN.finditer(spaced))


def _reach_before(position: int, runs: tuple[tuple[int, int], ...]) -> int:
    """Where a window reaching `REACH` back from `position` starts, each of the long
    whitespace `runs` it crosses counting as `_LONG_SPACE` long."""
    budget, cursor = REACH, position
    for start, end in reversed(runs):
        if start >= position:
            continue
        if cursor - end >= budget:
            break
        budget -= cursor - end + len(_LONG_SPACE)
        cursor = start
        if budget <= 0:
            return cursor
    return max(0, cursor - budget)


def _reach_after(position: int, runs: tuple[tuple[int, int], ...], size: int) -> int:
    """Where a window reaching `REACH` on from `position` ends (see `_reach_before`)."""
    budget, cursor = REACH, position
    for start, end in runs:
        if end <= position:
            continue
        if start - cursor >= budget:
            break
        budget -= start - cursor + len(_LONG_SPACE)
        cursor = end
        if budget <= 0:
            return cursor
    return min(size, cursor + budget)


def _needle_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where a trigger occurs: a word as a whole word, a symbol anywhere."""
    return occurrences(text, needle) if needle.isalpha() else _symbol_spans(text, needle)


def _symbol_spans(text: str, symbol: str) -> list[tuple[int, int]]:
    spans = []
    start = text.find(symbol)
    while start >= 0:
        spans.append((start, start + 1))
        start = text.find(symbol, start + 1)
    return spans


def finditer(
    regex: re.Pattern[str], text: str, needles: Callable[[], Iterable[str]],
    opening: Openers | None = None,
) -> list[re.Match[str]]:
    """`regex.finditer(text)` for a regex whose every match holds one of `needles()` and
    reaches at most `REACH` beyond it: the matches, and their positions in `text`, are
    the same, found with less work. A regex whose matches start at given words is tried
    only where one of those words opens up to `REACH` before a needle; another, on a
    long text, only on the windows around the needles. `opening` is `openers(regex)`,
    worked out once by the caller."""
    if opening is not None:
        return _anchored(regex, text, needles(), opening)
    if len(text) <= 4 * REACH:
        return list(regex.finditer(text))
    spans = windows(text, needles())
    if spans is None:
        return list(regex.finditer(text))
    return [match for start, end in spans for match in regex.finditer(text, start, end)]


#: A word (as `\\b` and `\\w` see one) and where it starts.
_TOKEN = re.compile(r"\w+")


def _anchored(regex: re.Pattern[str], text: str, needles: Iterable[str],
              opening: Openers) -> list[re.Match[str]]:
    """What `regex.finditer(text)` finds, trying `regex.match` only at the words that can
    open a match (`openers`: whole words, and prefixes of words) from `REACH` before each
    needle up to it. Every match opens with such a word at most that far before a needle
    it holds (a long run of whitespace counting as `_LONG_SPACE` long), so none is
    skipped; they are tried in order, each match resuming the search at its end, as
    `finditer` does."""
    words, prefixes = opening
    occurrences_at = sorted(
        start for needle in needles for start, _end in _needle_spans(text, needle))
    if not occurrences_at:
        return []
    runs = _long_runs(text) if len(text) > REACH else ()
    starts: list[int] = []
    covered = 0
    for occurrence in occurrences_at:
        for token in _TOKEN.finditer(text, max(covered, _reach_before(occurrence, runs))):
            if token.start() > occurrence:
                break
            word = token.group()
            if word in words or word.startswith(prefixes):
                starts.append(token.start())
        covered = max(covered, occurrence + 1)
    matches = []
    resume = 0
    for position in starts:
        if position >= resume and (match := regex.match(text, position)):
            matches.append(match)
            resume = max(match.end(), position + 1)
    return matches


def _match(pattern: _Pattern, view: View, words: set[str]) -> Hit | None:
    # The trigger words by set intersection: a pattern may have dozens (the group names).
    matches = finditer(pattern.regex, view.text, lambda: [
        *(pattern.triggers & words),
        *(symbol for symbol in pattern.symbols if symbol in view.text)], pattern.openers)
    action, subtype = pattern.action, None
    if pattern.category == "threat" and matches and all(
            _inside_quotes(view.text, m.start()) for m in matches):
        if action == "review":
            return None  # a quoted chant or slogan ("'Death to America' chants")
        action = "review"  # a quoted promise of violence: a moderator decides
    if pattern.category == "threat" and action == "reject" and matches and all(
            _FIGURATIVE.match(view.text, m.end())
            or ("shoot" in m.group() and _SHOT_DOWN.match(view.text, m.end())) for m in matches):
        action = "review"  # "shoot him down in the debate", "burn them at the ballot box"
    if pattern.name == "threat:group_die" and all(
            _COUNTER_SPEECH.search(view.text[: m.start()]) for m in matches):
        action = "review"  # "anyone who says Kurds must die ...": reported, a moderator decides
    if pattern.category == "abuse":  # not when the sentence reports or rejects the claim
        matches = [m for m in matches if not _reported(view.text[: m.start()])]
        subtype = pattern.name.rsplit(":", 1)[1]
    if not matches:
        return None
    spans = tuple(view.span(m.start(), m.end()) for m in matches)
    return Hit(pattern.category, action, pattern.score, pattern.name, spans, subtype)


#: "Why is it racist to say ...": the claim made while asking why it may not be made.
_JUST_ASKING = re.compile(
    r"\b(?:why|how)\s+is\s+it\s+(?:\w+\s+)?(?:racist|sexist|homophobic|islamophobic|bigoted"
    r"|hateful|wrong|offensive|hate\s+speech|a\s+crime|illegal)\s+to\s+(?:say|point\s+out"
    r"|state|notice|admit|think)\b[^.!?]*$"
    # "statistics don't lie: wherever X go, ...": the claim asserted as fact
    r"|\b(?:statistics|stats|numbers|facts|figures|data|history)\s+(?:don't|dont|do\s+not"
    r"|never)\s+lies?\b[^.!?]*$")


def _reported(before: str) -> bool:
    """Whether the sentence before an abuse match reports or rejects the claim."""
    return bool(_COUNTER_SPEECH.search(before)) and not _JUST_ASKING.search(before)


def _promotion(folded: View, words: set[str], hits: list[Hit]) -> list[Hit]:
    """Add the contact signals to the promotion phrase hits and escalate together."""
    # "DM me" or a messenger contact next to "cheap", "prices", "offer": an advert.
    solicits = any(h.name in _CONTACT_PATTERNS for h in hits) and not words.isdisjoint(
        _SOLICITING_WORDS)
    signals = _contact_signals(folded, words)
    if not hits and not signals:
        return hits
    for name, spans in signals:
        action = "reject" if name == "promotion:link_obfuscated" else "review"
        hits.append(Hit("promotion", action, 0.95 if action == "reject" else 0.7, name,
                        spans))
        context = _CONTACT_WORDS if name in _CONTACTS else _SELLING_WORDS
        solicits = solicits or not words.isdisjoint(context)
    if len({hit.name for hit in hits}) >= 2 or solicits:
        hits = [Hit(h.category, "reject", max(h.score, 0.9), h.name, h.spans) for h in hits]
    return hits


@cache
def news_domains() -> frozenset[str]:
    """Sites whose links are citations, not promotion (`wordlists/news_domains.txt`)."""
    return word_set("news_domains.txt")


_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?")


def _is_news_link(url: str) -> bool:
    host = _SCHEME.sub("", url).split("/", 1)[0].split(":", 1)[0]
    host = host.rstrip(".,;:!?")
    parts = host.split(".")
    domains = news_domains()
    return any(".".join(parts[i:]) in domains for i in range(len(parts)))


_DIGITS = re.compile(r"\d+")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:[ .]\d{3})+")
_DATE = re.compile(r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}")
_SEPARATOR = re.compile(r"[\s()\-]")


def _is_phone(candidate: str) -> bool:
    if "\n" in candidate or "  " in candidate or _IP_ADDRESS.search(candidate):
        return False  # separate numbers, or an IP address (as signed on wikis and forums)
    digits = sum(char.isdigit() for char in candidate)
    international = candidate.startswith(("+", "00"))
    if not (9 <= digits <= 15 or (international and 8 <= digits <= 15)):
        return False
    groups = _DIGITS.findall(candidate)
    if all(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
        return False  # a list of years
    if not international and _THOUSANDS.fullmatch(candidate):
        return False  # a large number with thousands separators
    if _DATE.fullmatch(candidate):
        return False  # a date
    # A single dot and no other separator: a decimal number.
    return not ("." in candidate and not _SEPARATOR.search(candidate)
                and candidate.count(".") == 1)


def _contact_signals(folded: View, words: set[str]) -> list[tuple[str, tuple[Span, ...]]]:
    """Links, e-mail addresses, phone numbers and handles: (pattern name, spans)."""
    text = folded.text
    signals: list[tuple[str, tuple[Span, ...]]] = []

    def add(name: str, ranges: list[tuple[int, int]]) -> None:
        if ranges:
            signals.append((name, tuple(folded.span(a, b) for a, b in ranges)))

    link_ranges = []
    regexes = []
    if "." in text:
        regexes = [_URL] if "http" in text or "www." in text else []
        if _TLD_HINT.search(text):
            regexes.append(_BARE_DOMAIN)
    if regexes or ("." in text and "@" in text):  # most comments hold no link nor address
        for regex in regexes:
            for match in regex.finditer(text):
                url = match.group().rstrip(".,;:!?")
                if not _is_news_link(url) and not any(
                        a <= match.start() < b for a, b in link_ranges):
                    link_ranges.append((match.start(), match.start() + len(url)))
        emails = [(m.start(), m.end()) for m in _EMAIL.finditer(text)] if "@" in text else []
        link_ranges = [r for r in link_ranges if not any(a <= r[0] < b for a, b in emails)]
        add("promotion:link", link_ranges)
        add("promotion:email", emails)
    if "dot" in words:
        dotted = [(m.start(), m.end()) for m in _DOTTED_URL.finditer(text)
                  if m.group("label") not in _DOTTED_STOP]
        add("promotion:link_obfuscated", dotted)
    if "[.]" in text or "(.)" in text or "{.}" in text or "hxxp" in text:
        add("promotion:link_obfuscated",
            [(m.start(), m.end()) for m in _DEFANGED_URL.finditer(text)])
    if " ." in text and _SPACED_TLD.search(text):
        add("promotion:link", [(m.start(), m.end()) for m in _SPACED_DOMAIN.finditer(text)])
    if "@" in text:
        handles = _HANDLE.finditer(text)
        if words.isdisjoint(_HANDLE_CONTEXT):  # no platform, call to action or selling
            handles = (m for m in handles if not _is_reply_mention(text, m))
        add("promotion:handle", [(m.start(), m.end()) for m in handles])
    if _DIGIT_RUN.search(text):
        phones = [(m.start(), m.end()) for m in _PHONE.finditer(text)
                  if _is_phone(m.group().strip(" .-()"))]
        add("promotion:phone", phones)
    return signals


