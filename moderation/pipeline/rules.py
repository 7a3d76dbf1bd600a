"""Fast, explainable rules over the matching view: word lists and phrase patterns.

Word lists (data files in `moderation/pipeline/wordlists/`, see `wordlist_build`):
`terms.tsv` (profanity, vulgarity, abuse; action `reject` or `review`), `insults.tsv`
(personal attacks) and `allow.tsv` (news vocabulary and innocent look-alikes). Matching
is by whole words of the normalized view (a set intersection of the comment's words with
the list, so "Scunthorpe", "assassination" and "Dickens" never match "cunt", "ass" or
"dick"); multi-word entries are matched word by word. Words run together (`fuckshit`,
`shitshitshit`, `a s h i t` read as `ashit`) are caught by a short list of stems so strong
that any word containing them is a swear (`COMPOUND_STEMS`), unless the word is on the
allow list (`scunthorpe`, `shiitake`, `sniggering`). Where the normalizer collapsed a
stretched letter (`piiiiss` -> `pis`), the doubled letter is tried too.

Personal attacks: an insult word on its own is `review` (it may be aimed at a policy, or
quoted); aimed at the reader ("you idiot", "you're a complete moron") it is `reject`.

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

Every hit carries its category, action, a score, the entry or pattern name and spans in
the ORIGINAL text (through `View.span`).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from moderation.pipeline.normalize import View, fold, normalize
from moderation.pipeline.types import Span

__all__ = [
    "ACTIONS",
    "COMPOUND_STEMS",
    "Entry",
    "Hit",
    "RuleSet",
    "default_rules",
    "load_entries",
    "news_domains",
]

ACTIONS: tuple[str, ...] = ("reject", "review", "allow")

#: Stems that make any word containing them a swear or slur (unless allow-listed).
COMPOUND_STEMS: dict[str, str] = {
    "fuck": "fuck", "shit": "shit", "cunt": "cunt", "nigger": "nigger", "nigga": "nigger",
    "faggot": "faggot", "motherfuck": "motherfucker",
}  # fmt: skip

_SCORES = {1: 0.7, 2: 0.85, 3: 1.0}


@dataclass(frozen=True, slots=True)
class Entry:
    """One word-list entry: a word or phrase (normalized like comment text) and its verdict."""

    term: str
    category: str
    severity: int = 2
    action: str = "reject"
    subtype: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired, with evidence spans in the original text."""

    category: str
    action: str
    score: float
    name: str
    spans: tuple[Span, ...]
    subtype: str | None = None


def _key(term: str) -> str:
    return " ".join(normalize(term).text.split())


def _read_tsv(name: str) -> Iterator[dict[str, str]]:
    text = resources.files("moderation.pipeline").joinpath("wordlists", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")


@cache
def load_entries() -> tuple[Entry, ...]:
    """The shipped entries: built terms, hand-written insults and the allow list."""
    entries = [
        Entry(row["term"], row["category"], int(row["severity"]), row["action"],
              row["subtype"] or None)
        for row in _read_tsv("terms.tsv")
    ]
    entries += [
        Entry(row["term"], "personal_attack", int(row["severity"]), "review")
        for row in _read_tsv("insults.tsv")
    ]
    entries += [Entry(row["term"], "allow", 0, "allow") for row in _read_tsv("allow.tsv")]
    return tuple(entries)


_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[a-z]+")


def _words_of(text: str) -> set[str]:
    """The set of words (letter runs) in a view."""
    return set((_ASCII_WORD if text.isascii() else _WORD).findall(text))

# Cheap scans that must match before the slower patterns are tried.
_DIGIT_RUN = re.compile(r"\d[\d\s().\-]{6,}\d")
_YOU = r"(?:you|u|ya|ye|yall|y'all)"


def _insult_patterns(insults: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({re.escape(word) for word in insults if " " not in word}, key=len, reverse=True)
    if not words:
        return None
    insult = "(?:" + "|".join(words) + ")"
    adjectives = (
        r"(?:such|a|an|the|absolute|complete|total|utter|fucking|fuckin|bloody|stupid|pathetic"
        r"|little|ignorant|brainless|clueless|sad|ugly|dumb|lying|bunch|of|big|fat|worthless"
        r"|useless|old|silly|deluded|typical)"
    )
    return re.compile(
        rf"\b{_YOU}(?:\s*(?:'re|are|re|r|is)\b)?(?:\s+{adjectives}){{0,4}}\s+(?P<w>{insult})\b"
        rf"|\byour\s+(?:an?\s+)?(?:{adjectives}\s+){{0,3}}(?P<w2>{insult})\b"
        rf"|\b(?P<w3>{insult})\s+like\s+{_YOU}\b"
        rf"|\bwhat\s+an?\s+(?:{adjectives}\s+){{0,3}}(?P<w4>{insult})\s+{_YOU}\s+are\b"
        rf"|\bare\s+{_YOU}\s+(?:an?\s+)?(?:{adjectives}\s+){{0,3}}(?P<w5>{insult})\b"
    )


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

    def may_match(self, text: str, words: set[str]) -> bool:
        """A cheap test on the comment's word set that the regex cannot match without."""
        if words.isdisjoint(self.triggers) and not any(s in text for s in self.symbols):
            return False
        return not any(words.isdisjoint(group) for group in self.requires)


def _groups(requires: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(group.split()) for group in requires.split("|") if group.strip())


_SUBJECT = "i we ill im"
_YOU_WORDS = "you u ya ye yall"


def _threat(name: str, action: str, pattern: str, triggers: str, requires: str = "") -> _Pattern:
    score = 0.95 if action == "reject" else 0.7
    return _Pattern(name, "threat", action, re.compile(pattern), frozenset(triggers.split()),
                    score=score, requires=_groups(requires))


_STRONG_VIOLENCE = (
    r"(?:kill|murder|shoot|stab|strangle|behead|butcher|slaughter|rape|lynch|gut|torture"
    r"|execute|hang|burn|bomb|slit)"
)
_WEAK_VIOLENCE = r"(?:find|hunt|hunt\s+down|come\s+for|come\s+after|hurt|beat|break|end|get)"
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
    r"|your\s+(?:family|kids|children|wife|husband|office|house|home|car|newspaper|paper))"
)

THREAT_PATTERNS: tuple[_Pattern, ...] = (
    _threat("threat:promise", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?{_STRONG_VIOLENCE}\s+{_TARGET}\b",
            "kill murder shoot stab strangle behead butcher slaughter rape lynch gut torture "
            "execute hang burn bomb slit",
            f"{_SUBJECT} | {_YOU_WORDS} him her them your that this all"),
    _threat("threat:promise", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?{_WEAK_VIOLENCE}\s+(?:you|u|ya|ye)\b(?!\s+(?:a|an|some|one|the)\b)",
            "find hunt come hurt beat break end get", f"{_SUBJECT} | {_YOU_WORDS}"),
    _threat("threat:where_you_live", "reject", rf"\bi\s+know\s+where\s+{_YOU}\s+live",
            "live", "know | where"),
    _threat("threat:watch_your_back", "reject", r"\bwatch\s+(?:your|ur|yer)\s+back\b", "back",
            "watch | your ur yer"),
    _threat("threat:days_numbered", "reject", r"\b(?:your|ur)\s+days\s+are\s+numbered\b",
            "numbered"),
    _threat("threat:will_pay", "reject",
            rf"\b{_YOU}\s*(?:'ll|will|are\s+going\s+to|'re\s+going\s+to|re\s+going\s+to|gonna"
            r"|ll)\s+pay\s+for\s+(?:this|that|it|what)\b", "pay", f"for | {_YOU_WORDS}"),
    _threat("threat:someone_should", "reject",
            r"\b(?:someone|somebody|some1)\s+(?:should|needs\s+to|ought\s+to|has\s+to|must"
            r"|oughta|gotta|has\s+got\s+to)\s+(?:\w+\s+)?(?:shoot|kill|hang|stab|murder|lynch"
            r"|behead|assassinate|take\s+out|string\s+up|strangle|slit|burn|bomb|blow\s+up)"
            r"\s+(?:him|her|them|you|that|this|these|those|the|his|their)\b",
            "someone somebody", "shoot kill hang stab murder lynch behead assassinate take "
            "string strangle slit burn bomb blow"),
    _threat("threat:hope_die", "reject",
            r"\b(?:hope|wish|pray)\s+(?:that\s+)?(?:you|u|he|she|they|ya|your\s+\w+)\s+"
            r"(?:\w+\s+)?(?:die|dies|get\s+killed|gets\s+killed|get\s+shot|gets\s+shot"
            r"|get\s+raped|gets\s+raped|get\s+cancer|gets\s+cancer|drop\s+dead|drops\s+dead)\b",
            "hope wish pray", "die dies killed shot raped cancer dead"),
    _threat("threat:self_harm", "reject",
            r"\b(?:go\s+)?(?:kill|hang|shoot)\s+(?:yourself|urself|yourselves|ursel)\b|\bkys\b",
            "yourself urself yourselves kys ursel"),
    _threat("threat:you_are_dead", "reject",
            rf"\b{_YOU}\s*(?:'re|are|re|r)\s+(?:a\s+)?dead\s+(?:man|woman|meat)\b"
            rf"|\b{_YOU}\s*(?:'re|are|re|r)\s+(?:so\s+)?dead\s*(?:[.!]|$|if\b)"
            r"|\bur\s+dead\s+(?:if|when)\b",
            "dead", _YOU_WORDS + " ur"),
    _threat("threat:bullet", "reject",
            r"\bput\s+a\s+bullet\s+(?:in|through)\s+(?:your|his|her|their|ur)\b"
            r"|\bstring\s+(?:him|her|them|em)\s+up\b|\bline\s+(?:them|em)\s+up\s+and\s+shoot",
            "bullet string line"),
    _threat("threat:should_be", "review",
            r"\b(?:he|she|they|him|her|them|you|these\s+\w+|those\s+\w+|traitors?|politicians?)"
            r"\s+(?:should|deserves?\s+to|ought\s+to|needs?\s+to|must)\s+be\s+(?:\w+\s+)?"
            r"(?:shot|hanged|hung|killed|executed|lynched|beheaded|strung\s+up|put\s+down"
            r"|gassed|exterminated|burned|burnt|stabbed|murdered)\b",
            "shot hanged hung killed executed lynched beheaded strung put gassed exterminated "
            "burned burnt stabbed murdered wiped", "be"),
    _threat("threat:coming_for_you", "reject",
            rf"\b(?:i'm|im|i\s+am|we're|were|we\s+are)\s+coming\s+(?:for|after)\s+{_YOU}\b",
            "coming", f"for after | {_YOU_WORDS}"),
    _threat("threat:break_bones", "reject",
            rf"(?:{_I_WILL})(?:\w+\s+)?(?:break|smash|cut|slit|snap)\s+(?:your|ur)\s+"
            r"(?:legs?|neck|face|head|arms?|bones?|throat|skull|teeth|jaw)\b",
            "break smash cut slit snap", f"{_SUBJECT} | your ur"),
    _threat("threat:your_address", "reject",
            r"\b(?:i|we)\s*(?:'ve|have|got|know)\s+(?:got\s+)?(?:your|ur)\s+(?:home\s+)?address\b",
            "address", _SUBJECT),
    _threat("threat:kill_them_all", "reject",
            r"\b(?:kill|shoot|hang|gas|nuke|bomb|burn|behead|slaughter)\s+(?:them|em|'em)\s+all\b"
            r"|(?:^|[.!?]\s+)(?:hang|shoot|kill|execute|behead|lynch|gas)\s+(?:every|all|each)\s+",
            "kill shoot hang gas nuke bomb burn behead slaughter execute lynch",
            "them em all every each"),
    _threat("threat:death_to", "review",
            r"\bdeath\s+to\s+(?:the\s+)?\w+", "death", "to"),
)

_TLDS = (
    r"(?:com|net|org|biz|info|io|co|uk|ru|cn|xyz|top|online|site|shop|store|club|tv|ly|gg|app"
    r"|live|link|click|win|vip|bet|casino|news|eu|de|fr|ca|au|nz|ie|blog|pro|tk|ml|ga|cf|gq|pw"
    r"|cc|ws|su|me|us|in|za|ng|ke|pk|ph|my|sg|es|it|nl|pl|br|mx)"
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
_PHONE = re.compile(r"(?<![\w+.,/])(?:\+|00)?\(?\d[\d\s().\-]{6,20}\d(?![\w,]|\.\d)")
_HANDLE = re.compile(r"(?<![\w.@])@[a-z0-9_](?:[a-z0-9_.]{1,28}[a-z0-9_])\b")
_IP_ADDRESS = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
_TLD_HINT = re.compile(rf"\.{_TLDS}\b")
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
_CONTACTS = frozenset({"promotion:phone", "promotion:email", "promotion:handle"})
_CONTACT_PATTERNS = frozenset({"promotion:dm_me", "promotion:messenger"})

PROMOTION_PATTERNS: tuple[_Pattern, ...] = (
    _promo("promotion:email_obfuscated", "reject",
           r"\b[\w.+\-]{2,}\s*(?:\(at\)|\[at\]|\{at\}|\s+at\s+)\s*(?:gmail|yahoo|hotmail|outlook"
           r"|proton|protonmail|aol|icloud|mail|gmx|yandex|live|msn)\s*(?:\(dot\)|\[dot\]"
           r"|\{dot\}|\s+dot\s+|\.)\s*(?:com|net|org|co|uk|ru|me)\b",
           "gmail yahoo hotmail outlook proton protonmail aol icloud mail gmx yandex live msn"),
    _promo("promotion:messenger", "review",
           r"\b(?:whatsapp|whats\s+app|telegram|signal|viber|wechat|kik|snapchat|discord|skype"
           r"|instagram|insta|tiktok)\s*(?:me\b|us\b|@|:|\+|\d|id\b|number\b|handle\b|now\b"
           r"|group\b|channel\b)"
           r"|\b(?:contact|message|text|add|reach|find|follow|dm|inbox|msg|call)\s+(?:me|us)\s+"
           r"(?:on|via|at|through)\s+(?:whatsapp|whats\s+app|telegram|signal|viber|wechat|kik"
           r"|snapchat|discord|skype|instagram|insta|tiktok|facebook|fb|twitter|youtube)\b"
           r"|\b(?:contact|message|text|add|reach|call|find)\b.{0,30}\b(?:on|via)\s+"
           r"(?:whatsapp|telegram|viber|wechat|signal)\b",
           "whatsapp whats telegram signal viber wechat kik snapchat discord skype instagram "
           "insta tiktok"),
    _promo("promotion:dm_me", "review",
           r"\b(?:dm|pm|inbox|message|msg|text|whatsapp|contact|email|e-mail|call)\s+(?:me|us)\b"
           r"(?!\s+(?:if|when|why|how|what|a\s+liar|an?\s+\w+ist))"
           r"|\bhit\s+me\s+up\b|\bslide\s+into\s+my\s+dms?\b",
           "dm pm inbox message msg text whatsapp contact email e mail call hit slide", "",
           "me us dms dm"),
    _promo("promotion:channel", "reject",
           r"\b(?:subscribe|sub)\s+(?:to\s+)?(?:my|our)\b"
           r"|\bfollow\s+(?:me|us|my|our)\s+(?:on|at|channel|page|blog|account|instagram|twitter"
           r"|tiktok|youtube|for)\b"
           r"|\b(?:check|checkout|visit|see|watch|view)\s+(?:out\s+)?(?:my|our)\s+(?:new\s+)?"
           r"(?:channel|page|blog|website|site|profile|video|videos|youtube|podcast|shop|store"
           r"|instagram|tiktok|onlyfans|link|bio|music|mixtape|playlist|stream)\b"
           r"|\blink\s+in\s+(?:my\s+|the\s+)?bio\b|\bmy\s+(?:youtube|yt|twitch|tiktok)\s+channel\b"
           r"|\bonly\s*fans\b|\bsubscribe\b.{0,40}\bchannel\b|\bchannel\b.{0,40}\bsubscribe\b",
           "subscribe sub follow channel page blog website site profile video videos youtube "
           "podcast shop store instagram tiktok onlyfans link bio music mixtape playlist stream "
           "fans yt twitch", "", "my our me us bio fans onlyfans channel"),
    _promo("promotion:selling", "reject",
           r"\b(?:promo|discount|coupon|referral|voucher|invite)\s+code\b|\buse\s+(?:my\s+)?code\b"
           r"|\b\d{1,3}\s*%\s+off\b|\b(?:buy|order|shop)\s+now\b|\blimited\s+(?:time\s+)?offer\b"
           r"|\b(?:earn|make|making|earning|made|earned|get\s+paid)\s+(?:up\s+to\s+|over\s+)?"
           r"[$£€]\s?\d[\d,.]*k?\s*(?:usd|dollars|a|per|every|each|/|weekly|daily|monthly)"
           r"(?:\s*(?:day|week|month|hour))?"
           r"|\b(?:earn|make|making)\s+(?:extra\s+|real\s+|easy\s+)?money\s+(?:online|from\s+home"
           r"|fast|easy)\b|\bwork(?:ing)?\s+from\s+home\b.{0,40}(?:earn|[$£€]|paid|income)"
           r"|\b(?:cheap|buy|discount)\s+(?:viagra|cialis|pills|meds|replica|followers|likes)\b"
           r"|\bclick\s+(?:here|the\s+link|this\s+link|my\s+link|on\s+my)\b"
           r"|\bfree\s+(?:trial|gift\s+card|iphone|spins)\b"
           r"|\bguaranteed\s+(?:profit|profits|returns|income|win)\b"
           r"|\breferral\s+(?:link|code)\b|\bsign\s+up\s+(?:with|using)\s+my\b"
           r"|\bdouble\s+your\s+(?:money|investment|income|bitcoin)\b|\bget\s+rich\s+quick\b"
           r"|\bfree\s+(?:usdt|btc|bitcoin|crypto)\b",
           "code now offer money home viagra cialis pills meds replica followers likes click "
           "trial gift iphone spins guaranteed referral sign double rich usdt btc bitcoin crypto",
           "$£€%"),
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


_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_HYPHEN = re.compile("-")


def _hyphenated_words(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of words joined by hyphens; found from the hyphens, which are few."""
    found: list[tuple[int, int]] = []
    for hyphen in _HYPHEN.finditer(text):
        index = hyphen.start()
        if found and index < found[-1][1]:
            continue
        if 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha():
            start = index - 1
            while start > 0 and text[start - 1].isalpha():
                start -= 1
            match = _HYPHENATED.match(text, start)
            if match:
                found.append(match.span())
    return found
#: Self-censored swears: the first letter says which word is meant.
_MASKED = re.compile(
    r"(?<![\w*#])(?:f[*#]{1,3}(?:ck|k|ing|in|cking|cked|cker|ckers)?|fu[*#]{1,2}k\w*"
    r"|sh[*#]t\w*|s[*#]{2}t|c[*#]nt\w*|c[*#]{2}t|a[*#]{2}hole\w*|n[*#]{3,5}r|n[*#]gg[*#]?r)"
    r"(?![\w*#])"
)
_MASKED_WORDS = {"f": "fuck", "s": "shit", "c": "cunt", "a": "asshole", "n": "nigger"}
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
        self.symbols = [(s, i) for i, p in enumerate(self.patterns) for s in p.symbols]

    def candidates(self, text: str, words: set[str]) -> list[_Pattern]:
        chosen = {i for word in words & self.words for i in self.by_word[word]}
        chosen.update(i for symbol, i in self.symbols if symbol in text)
        return [self.patterns[i] for i in sorted(chosen)]


_THREAT_INDEX = _PatternIndex(THREAT_PATTERNS)
_PROMOTION_INDEX = _PatternIndex(PROMOTION_PATTERNS)

_Phrase = tuple[tuple[str, ...], Entry, frozenset[str], re.Pattern[str]]


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
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


class RuleSet:
    """A compiled set of word-list entries and patterns. Immutable once built."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        singles: dict[str, Entry] = {}
        phrases: dict[tuple[str, ...], Entry] = {}
        allow_words: set[str] = set()
        allow_phrases: set[tuple[str, ...]] = set()
        insults: set[str] = set()
        for entry in self.entries:
            key = _key(entry.term)
            if not key:
                continue
            words = tuple(key.split())
            if entry.action == "allow":
                (allow_words.add(key) if len(words) == 1 else allow_phrases.add(words))
                continue
            if entry.category == "personal_attack" and len(words) == 1:
                insults.add(key)
            target = singles if len(words) == 1 else phrases
            target[key if len(words) == 1 else words] = entry  # later entries override
        self._singles = singles
        self._single_keys = frozenset(singles)
        self._phrases_by_head: dict[str, list[_Phrase]] = {}
        for words, entry in phrases.items():
            regex = re.compile(
                r"(?<![^\W\d_])" + r"[\W\d_]+".join(map(re.escape, words)) + r"(?![^\W\d_])"
            )
            self._phrases_by_head.setdefault(words[0], []).append(
                (words, entry, frozenset(words), regex))
        self._heads = frozenset(self._phrases_by_head)
        self._allow_words = frozenset(allow_words)
        self._allow_phrases = allow_phrases
        self._allow_heads = frozenset(words[0] for words in allow_phrases)
        self._insult_keys = frozenset(insults)
        self._insults = _insult_patterns(insults)


    def with_entries(self, extra: Iterable[Entry]) -> RuleSet:
        """A new rule set with `extra` entries added; they override shipped ones."""
        return RuleSet(self.entries + tuple(extra))

    # -- matching -----------------------------------------------------------------

    def scan(self, text: str, view: View | None = None, folded: View | None = None
             ) -> tuple[Hit, ...]:
        """All rule hits in `text`, spans in the original. `view` / `folded` may be passed
        in when the caller already has them (they must be `normalize(text)` / `fold(text)`)."""
        folded = folded if folded is not None else fold(text)
        view = view if view is not None else normalize(text, folded)
        words = _words_of(view.text)
        hits = self._word_hits(view, words)
        hits += self._pattern_hits(view, words, _THREAT_INDEX)
        if words & self._insult_keys and self._insults is not None:
            hits += self._aimed_insults(view)
        fwords = words if folded.text == view.text else _words_of(folded.text)
        hits += self._promotion_hits(folded, fwords)
        return tuple(hits)

    def _word_hits(self, view: View, words: set[str]) -> list[Hit]:
        found = self._find_words(view, words)
        if not found:
            return []
        allowed = self._allowed_ranges(view, words)
        hits = []
        for name, (entry, ranges) in found.items():
            kept = [r for r in ranges if not any(a <= r[0] and r[1] <= b for a, b in allowed)]
            if kept:
                spans = tuple(view.span(start, end) for start, end in kept)
                hits.append(Hit(entry.category, entry.action, _SCORES.get(entry.severity, 0.85),
                                f"list:{name}", spans, entry.subtype))
        return hits

    def _find_words(self, view: View,
                    words: set[str]) -> dict[str, tuple[Entry, list[tuple[int, int]]]]:
        """Listed words and phrases in the view, by entry name, with their view ranges.
        Works from the comment's word set, so a clean comment costs a few set look-ups."""
        text = view.text
        found: dict[str, tuple[Entry, list[tuple[int, int]]]] = {}

        def add(name: str, entry: Entry, ranges: list[tuple[int, int]]) -> None:
            if ranges:
                found.setdefault(name, (entry, []))[1].extend(ranges)

        for word in (words & self._single_keys) - self._allow_words:
            add(word, self._singles[word], _occurrences(text, word))
        if any(stem in text for stem in COMPOUND_STEMS):
            for word in words - self._single_keys:
                if stem := self._compound_stem(word):
                    add(stem, self._singles[stem], _occurrences(text, word))
        if "-" in text:  # hyphenated compounds: "c0ck-sucking", "mother-fucker"
            for start, end in _hyphenated_words(text):
                joined = text[start:end].replace("-", "")
                entry = self._singles.get(joined)
                name = joined if entry else self._compound_stem(joined)
                if name and name not in self._allow_words:
                    add(name, self._singles[name], [(start, end)])
        if "*" in text or "#" in text:  # self-censored: "f*ck", "c*nt", "sh*t"
            for match in _MASKED.finditer(text):
                name = _MASKED_WORDS[match.group()[0]]
                if name in self._singles:
                    add(name, self._singles[name], [match.span()])
        for head in words & self._heads:
            for phrase, entry, needed, regex in self._phrases_by_head[head]:
                if needed <= words:
                    add(" ".join(phrase), entry, [m.span() for m in regex.finditer(text)])
        if view.collapsed:
            collapsed = set(view.collapsed)
            for match in _WORD.finditer(text):
                word, start, end = match.group(), match.start(), match.end()
                if word not in self._singles and any(start <= p < end for p in collapsed):
                    variant = self._stretched_variant(word, start, collapsed)
                    if variant:
                        add(variant, self._singles[variant], [(start, end)])
        return found

    def _stretched_variant(self, word: str, start: int, collapsed: set[int]) -> str | None:
        positions = [pos - start for pos in sorted(collapsed) if start <= pos < start + len(word)]
        for mask in range(1, 1 << min(len(positions), 3)):
            chars = list(word)
            for bit, pos in enumerate(positions[:3]):
                if mask >> bit & 1:
                    chars[pos] = chars[pos] * 2
            variant = "".join(chars)
            if variant in self._singles and variant not in self._allow_words:
                return variant
        return None

    def _compound_stem(self, word: str) -> str | None:
        if len(word) < 5 or word in self._allow_words:  # "shit" itself is a single entry
            return None
        for stem, canonical in COMPOUND_STEMS.items():
            if stem in word and canonical in self._singles:
                return canonical
        return None

    def _allowed_ranges(self, view: View, words: set[str]) -> list[tuple[int, int]]:
        if not (words & self._allow_heads):
            return []
        tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(view.text)]
        ranges = []
        for index, (word, start, _end) in enumerate(tokens):
            if word not in self._allow_heads:
                continue
            for phrase in self._allow_phrases:
                size = len(phrase)
                if phrase[0] == word and tuple(t[0] for t in tokens[index:index + size]) == phrase:
                    ranges.append((start, tokens[index + size - 1][2]))
        return ranges

    def _aimed_insults(self, view: View) -> list[Hit]:
        assert self._insults is not None
        hits = []
        for match in self._insults.finditer(view.text):
            word = next(w for w in match.group("w", "w2", "w3", "w4", "w5") if w)
            entry = self._singles.get(word)
            subtype = entry.subtype if entry else None
            hits.append(Hit("personal_attack", "reject", 0.9, f"pattern:insult_aimed:{word}",
                            (view.span(match.start(), match.end()),), subtype))
        return hits

    @staticmethod
    def _pattern_hits(view: View, words: set[str], patterns: _PatternIndex) -> list[Hit]:
        hits = []
        for pattern in patterns.candidates(view.text, words):
            if not pattern.may_match(view.text, words):
                continue
            matches = list(pattern.regex.finditer(view.text))
            if not matches:
                continue
            spans = tuple(view.span(m.start(), m.end()) for m in matches)
            action = pattern.action
            if pattern.category == "threat" and all(
                    _inside_quotes(view.text, m.start()) for m in matches):
                if action == "review":
                    continue  # a quoted chant or slogan ("'Death to America' chants")
                action = "review"  # a quoted promise of violence: a moderator decides
            hits.append(Hit(pattern.category, action, pattern.score, pattern.name, spans))
        return hits

    def _promotion_hits(self, folded: View, words: set[str]) -> list[Hit]:
        hits = self._pattern_hits(folded, words, _PROMOTION_INDEX)
        # "DM me" or a messenger contact next to "cheap", "prices", "offer": an advert.
        solicits = any(h.name in _CONTACT_PATTERNS for h in hits) and not words.isdisjoint(
            _SELLING_WORDS | _CONTACT_WORDS)
        for name, spans in _contact_signals(folded, words):
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
    text = resources.files("moderation.pipeline").joinpath("wordlists", "news_domains.txt")
    lines = text.read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_news_link(url: str) -> bool:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).split("/", 1)[0].split(":", 1)[0]
    host = host.rstrip(".,;:!?")
    parts = host.split(".")
    domains = news_domains()
    return any(".".join(parts[i:]) in domains for i in range(len(parts)))


def _is_phone(candidate: str) -> bool:
    if "\n" in candidate or "  " in candidate or _IP_ADDRESS.search(candidate):
        return False  # separate numbers, or an IP address (as signed on wikis and forums)
    digits = sum(char.isdigit() for char in candidate)
    international = candidate.startswith(("+", "00"))
    if not (9 <= digits <= 15 or (international and 8 <= digits <= 15)):
        return False
    groups = re.findall(r"\d+", candidate)
    if all(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
        return False  # a list of years
    if not international and re.fullmatch(r"[1-9]\d{0,2}(?:[ .]\d{3})+", candidate):
        return False  # a large number with thousands separators
    if re.fullmatch(r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}", candidate):
        return False  # a date
    # A single dot and no other separator: a decimal number.
    return not ("." in candidate and not re.search(r"[\s()\-]", candidate)
                and candidate.count(".") == 1)


def _contact_signals(folded: View, words: set[str]) -> list[tuple[str, tuple[Span, ...]]]:
    """Links, e-mail addresses, phone numbers and handles: (pattern name, spans)."""
    text = folded.text
    signals: list[tuple[str, tuple[Span, ...]]] = []

    def add(name: str, ranges: list[tuple[int, int]]) -> None:
        if ranges:
            signals.append((name, tuple(folded.span(a, b) for a, b in ranges)))

    link_ranges = []
    if "." in text:
        regexes = [_URL] if "http" in text or "www." in text else []
        if _TLD_HINT.search(text):
            regexes.append(_BARE_DOMAIN)
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
    if "@" in text:
        add("promotion:handle",
            [(m.start(), m.end()) for m in _HANDLE.finditer(text)])
    if _DIGIT_RUN.search(text):
        phones = [(m.start(), m.end()) for m in _PHONE.finditer(text)
                  if _is_phone(m.group().strip(" .-()"))]
        add("promotion:phone", phones)
    return signals


@cache
def default_rules() -> RuleSet:
    """The shipped rule set (built once per process)."""
    return RuleSet(load_entries())

