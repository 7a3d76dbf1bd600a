"""Word lists, allow list, personal-attack, threat and promotion rules, with hard negatives."""
import os
import subprocess
import sys

import pytest

from moderation.pipeline.normalize import normalize
from moderation.pipeline.patterns import condemned_quotes
from moderation.pipeline.rules import (
    COMPOUND_STEMS,
    Entry,
    Hit,
    _may_hold_stem,
    default_rules,
    load_entries,
)


def _hits(text: str) -> tuple[Hit, ...]:
    return default_rules().scan(text)


def _evidence(text: str, category: str | None = None) -> list[str]:
    """The original substrings behind the hits (of one category if given)."""
    return [text[s.start : s.end] for h in _hits(text)
            if category is None or h.category == category for s in h.spans]


def _hits_in(text: str, *categories: str) -> list[Hit]:
    """The hits of `text` in any of `categories`."""
    return [hit for hit in _hits(text) if hit.category in categories]


def _actions(text: str, category: str) -> set[str]:
    return {hit.action for hit in _hits(text) if hit.category == category}


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("What a load of shit", "shit"),
        ("SHIT", "SHIT"),
        ("sh1t", "sh1t"),
        ("$h!t happens", "$h!t"),
        ("f.u.c.k off", "f.u.c.k"),
        ("f-u-c-k", "f-u-c-k"),
        ("s h i t", "s h i t"),
        ("f_u_c_k", "f_u_c_k"),
        ("fuuuuuck", "fuuuuuck"),
        ("ｆｕｃｋ", "ｆｕｃｋ"),
        ("fu\u200bck", "fu\u200bck"),
        ("ѕһіт", "ѕһіт"),
        ("f\u0301u\u0301c\u0301k", "f\u0301u\u0301c\u0301k"),
        ("shitshitshit", "shitshitshit"),
        ("fuckshit", "fuckshit"),
        ("this is a s h i t article", "a s h i t"),
        ("cunt", "cunt"),
        ("motherfucker", "motherfucker"),
    ],
)
def test_profanity_is_rejected_through_disguises(text: str, evidence: str) -> None:
    assert "reject" in _actions(text, "profanity")
    assert evidence in _evidence(text, "profanity")


@pytest.mark.parametrize(
    ("text", "category", "action"),
    [
        ("The minister is a pezevenk.", "profanity", "reject"),
        ("You are an orospu çocuğu.", "profanity", "reject"),  # Turkish letters folded
        ("kos omak, this article is a lie", "vulgarity", "reject"),
        ("Your sister is a sharmouta.", "vulgarity", "reject"),
        ("madarjende journalists", "profanity", "reject"),
        ("All these ibne journalists", "abuse", "review"),
        ("You salak, read the article.", "personal_attack", "reject"),
        ("What a serefsiz government.", "personal_attack", "review"),
    ],
)
def test_swears_of_the_sites_other_languages_in_latin_letters(
        text: str, category: str, action: str) -> None:
    assert action in _actions(text, category)


@pytest.mark.parametrize(
    "text",
    ["Amina Khalil wrote a great report.", "I visited Kos last summer.",
     "He is sick of the sik jokes"],
)
def test_names_and_places_like_those_swears_are_not_matched(text: str) -> None:
    assert not _hits(text)


@pytest.mark.parametrize("stem", sorted(COMPOUND_STEMS))
def test_every_compound_stem_passes_the_cheap_check(stem: str) -> None:
    # The check stands in for a scan for the stems: one it missed would go unmatched.
    assert _may_hold_stem(f"the {stem}ing clowns")
    assert "reject" in _actions(f"what {stem}wit wrote this", "profanity") | _actions(
        f"what {stem}wit wrote this", "abuse")


def test_stretched_double_letters_are_tried() -> None:
    assert "piiiiss" in _evidence("piiiiss off")


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe United won on Saturday",
        "The assassination of the archduke",
        "Dickens wrote about the poor",
        "A cocktail party in Sussex, Essex and Middlesex",
        "Shitake mushrooms and shiitake soup",
        "Her analysis of the class system",
        "The therapist used a sextant",
        "Cockburn and Hancock met in Penistone",
        "The regime murdered civilians and bombed the hospital",
        "The terrorist attack killed twelve; the execution was condemned",
        "He was sniggering at the niggardly offer",
        "Pussy Riot staged a protest",
        "She graduated magna cum laude",
        "The army will kill civilians if nobody stops it",
        "They murdered journalists",
        "I'd kill for that job",
        "Gay and lesbian couples, Jewish and Muslim groups, black and white voters",
        "My neighbour's bitch had puppies",
        "He used a hoe in the garden",
    ],
)
def test_news_vocabulary_and_innocent_words_are_not_rejected(text: str) -> None:
    assert not [h for h in _hits(text) if h.action == "reject"]


def test_identity_terms_are_not_entries() -> None:
    terms = {entry.term for entry in load_entries() if entry.action != "allow"}
    for word in ["gay", "queer", "jew", "muslim", "black", "oriental", "women", "hoe", "cock"]:
        assert word not in terms


def test_ambiguous_words_are_review_not_reject() -> None:
    by_term = {e.term: e for e in load_entries()}
    for word in ["bitch", "pussy", "bastard", "retard"]:
        assert by_term[word].action == "review"


def test_slurs_are_abuse_with_a_subtype() -> None:
    hits = _hits("go home you n1gger")
    abuse = [h for h in hits if h.category == "abuse"]
    assert abuse and abuse[0].action == "reject" and abuse[0].subtype == "racism"


def test_some_insults_count_only_when_aimed_at_the_reader() -> None:
    assert not _hits("The mayor is a liar: he promised clean water and delivered nothing")
    assert "reject" in _actions("You are a traitor and a coward, Mr Editor", "personal_attack")
    assert "reject" in _actions("what a hypocrite you are", "personal_attack")


def test_insults_alone_are_review_and_aimed_at_you_reject() -> None:
    assert _actions("Only idiots believe this policy will work", "personal_attack") == {"review"}
    assert "reject" in _actions("You are a complete idiot", "personal_attack")
    assert "reject" in _actions("you're such a moron", "personal_attack")
    assert "reject" in _actions("Shut up, you clown", "personal_attack")


@pytest.mark.parametrize(
    "text",
    [
        "I will kill you",
        "I'm going to find you",
        "We will hunt you down",
        "Watch your back",
        "Your days are numbered",
        "You will pay for this",
        "Someone should shoot him",
        "I hope you die",
        "Go kill yourself",
        "I know where you live",
        "We know where you live.",
        "ill fucking kill you",
        "ur dead if u show ur face in Duhok again",
        "k1ll them all and let God sort them out",
        "We're coming for you and your family",
        "Say that again and I'll break your legs.",
        "Somebody needs to slit the minister's throat.",
        "You will be next, we have your address.",
        "I'd happily strangle that commentator",
        "We will burn your office to the ground.",
        "Hang every one of those MPs from the bridge.",
        "I will make you suffer.",
        "We will make all of you bleed.",
        "I'm going to make every refugee in this town suffer.",
        "I'll shoot the next Kurd I see.",
        "gonna shoot ya in the face",
        "Go drink bleach.",
        "Go jump off a bridge.",
        "Do everyone a favour and end yourself.",
        "I found your home address, see you soon.",
    ],
)
def test_threat_phrases_reject(text: str) -> None:
    assert "reject" in _actions(text, "threat")


@pytest.mark.parametrize(
    "text",
    [
        "The army will kill civilians",
        "They murdered journalists",
        "I'd kill for that job",
        "We will beat them at the ballot box",
        "I will find you a source for that claim",
        "Police will find them and bring them to justice",
        "The killer was executed in 1998",
        "You are dead wrong about the budget",
        "I will kill this bill in committee",
        "'Death to America' chants at the rally show how little has changed",
        "We have your address for the delivery, thanks.",
        "I have your address on file from the last order.",
    ],
)
def test_violent_news_and_idioms_are_not_threats(text: str) -> None:
    assert not _actions(text, "threat")


def test_third_person_wishes_are_held_not_rejected() -> None:
    assert _actions("Traitors like him should be hanged", "threat") == {"review"}
    assert _actions("Death to the author of this article", "threat") == {"review"}


@pytest.mark.parametrize("text", [
    "Disgusting perverts, they should be beaten.",
    "Those judges should be stoned.",
    "He deserves to be flogged in the square.",
    "They should be beaten up.",
])
def test_wished_punishments_are_held(text: str) -> None:
    assert _actions(text, "threat") == {"review"}


@pytest.mark.parametrize("text", [
    "They should be beaten by Barcelona on Sunday.",
    "They should be beaten easily, their defence is weak.",
    "The prisoners were beaten by the guards, the report says.",
])
def test_being_beaten_in_sport_or_in_a_report_is_not_a_threat(text: str) -> None:
    assert not _actions(text, "threat")


@pytest.mark.parametrize("text", [
    "I hope someone blows up that parliament with all of them inside.",
    "I wish somebody would finally kill that dictator",
])
def test_wishing_that_someone_kills_is_held(text: str) -> None:
    assert _actions(text, "threat") == {"review"}


def test_calls_to_burn_places_of_worship_are_rejected() -> None:
    assert _actions("Burn every mosque in the country.", "threat") == {"reject"}
    assert _actions("Good. Bomb all the churches.", "threat") == {"reject"}
    assert not _actions("Burn all the old files.", "threat")
    assert not _actions("I hope someone stops him.", "threat")


@pytest.mark.parametrize(
    ("text", "actions"),
    [
        # Death wished on a group; reported or rejected, it is held rather than rejected.
        ("All Kurds must die.", {"reject"}),
        ("Refugees should be shot.", {"reject"}),
        ("these muslims need to be wiped out", {"reject"}),
        ("Anyone who says Kurds must die is a monster.", {"review"}),
        ("Civilians should not die in this war.", set()),
        ("Many refugees will die this winter without aid.", set()),
        ("The Kurds must be protected.", set()),
        # Promised attacks on places, beatings.
        ("I'm going to shoot up the newsroom tomorrow.", {"reject"}),
        ("We will bomb your office.", {"reject"}),
        ("Someone needs to bomb your office.", {"reject"}),
        ("I'm going to beat the crap out of you.", {"reject"}),
        ("Go die.", {"reject"}),
        ("I will attack this article's arguments one by one.", set()),
        ("The army will attack the town at dawn, sources said.", set()),
        ("Let the old system go die.", set()),
        # Veiled menace.
        ("Your reporter will regret writing this.", {"review"}),
        ("I'll make sure you never write again.", {"review"}),
        ("I know your daughter's school.", {"review"}),
        ("You won't live to see next year.", {"review"}),
        ("Journalists like you end up in the river.", {"review"}),
        ("Keep writing and see what happens.", {"review"}),
        ("He deserves to die for what he did.", {"review"}),
        ("You'll regret voting for them, mark my words.", set()),
        ("Enjoy your last days, traitor.", {"review"}),
        ("Enjoy your last days in office, Mr President.", set()),
        ("Enjoy your last days of summer before school starts.", set()),
        ("We will make sure he disappears.", set()),  # "disappears": not the bare verb
        ("We will make sure he disappear for good.", {"review"}),
        ("We'll deal with the journalist the old way.", {"review"}),
        ("The ministry will deal with the shortage permanently.", set()),
        ("I'll make sure they never see this coming.", set()),
        # Violence promised or wished on every member of a group.
        ("Christians deserve to be beheaded.", {"reject"}),
        ("I want to kill all Kurds.", {"reject"}),
        ("We will exterminate every Jew.", {"reject"}),
        ("i wanna shoot all the kurdz", {"reject"}),  # "kurdz": the plural typed with z
        ("I want to kill all the weeds in my garden.", set()),
        # A group, not one person: rejected as above (and held as a wished punishment).
        ("Those women should be stoned.", {"reject", "review"}),
        # A wish to hurt a person is held; the same verbs at things are not threats.
        ("I'd love to punch the minister.", {"review"}),
        ("I would like to strangle that referee.", {"review"}),
        ("I'd like to kill the bill in committee.", set()),
        ("I'd love to smash the record this season.", set()),
        ("We'd like to shoot the documentary in Erbil.", set()),
        # A price paid in votes or in court is politics, not a threat.
        ("You will pay for this at the ballot box.", set()),
        ("You'll pay for this in court, minister.", set()),
        ("You will pay for this.", {"reject"}),
        # Finding where someone lives.
        ("I will find where you live.", {"reject"}),
        ("We're going to find out where u live", {"reject"}),
        ("I will find where you can buy it.", set()),
    ],
)
def test_threats_to_groups_places_and_homes(text: str, actions: set[str]) -> None:
    assert _actions(text, "threat") == actions


def test_implied_threats_are_held() -> None:
    assert _actions("Someone should teach that journalist a lesson she won't forget.",
                    "threat") == {"review"}
    assert _actions("The author of this article will pay for these lies.", "threat") == {"review"}
    assert not _actions("This defeat will teach them a lesson about complacency", "threat")
    assert not _actions("Taxpayers will pay for this mess", "threat")


def test_crude_idioms_are_held() -> None:
    assert _actions("He's licking Erdogan's balls for a few barrels of oil.",
                    "vulgarity") == {"review"}
    assert _actions("I'd bang the weather girl any day.", "vulgarity") == {"review"}
    assert not _hits("They will bang the drum for war while licking their wounds")
    assert _actions("She only got the job because she slept with the party boss.",
                    "vulgarity") == {"review"}
    assert not _hits("She slept through the whole debate and got the job anyway")
    assert _actions("She sucked her way to the top.", "vulgarity") == {"review"}
    assert _actions("Send nudes and maybe I'll read your next article.",
                    "vulgarity") == {"review"}
    assert not _hits("He fought his way to the top of the party.")
    assert _actions("pen1s size of the minister must be tiny", "vulgarity") == {"review"}
    assert _actions("Typical small d1ck energy from the governor.", "vulgarity") == {"review"}
    assert _actions("I bet his dick is tiny, that explains the tanks.", "vulgarity") == {"review"}
    assert not _hits("The study measured penis size in 300 men before and after treatment")


@pytest.mark.parametrize(
    "text",
    [
        "Be careful walking home tonight, journalist.",
        "Keep writing this and you won't be smiling for long.",
        "Wait till we find you at the protest.",
        "A bomb under the reporter's car would shut him up.",
        "We know where your children go to school.",
        "Nice newsroom. Shame if something happened to it.",
        "Keep writing lies and see what happens to you.",
        "People like you end up in a ditch.",
        "You will be found floating in the river.",
        "I'm going to make you pay for this article.",
        "The world would be better without you.",
        "Nobody would miss you if you died.",
        "I hope your plane crashes.",
    ],
)
def test_veiled_threats_are_held(text: str) -> None:
    assert _actions(text, "threat") == {"review"}


def test_waiting_to_see_and_ending_up_are_not_threats_on_their_own() -> None:
    assert not _hits("Let us wait and see what happens to the budget.")
    assert not _hits("If you keep smoking you will end up in hospital.")
    assert not _hits("Investors could end up dead broke.")
    assert not _actions("I will make you pay at the ballot box.", "threat")
    assert not _actions("I'll make you understand how Kurds suffer.", "threat")
    assert not _actions("This decision will make farmers suffer.", "threat")
    assert not _actions("The missing journalist was found dead in the river.", "threat")
    assert not _hits("The world would be better without nuclear weapons.")
    assert not _hits("He had to end his own life after the scandal.")
    assert not _hits("Prices are going to kill the economy.")
    assert not _hits("Gonna bomb this exam lol")


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to shoot him down in the debate tonight.",
        "I will burn them at the ballot box.",
        "We will kill them with kindness.",
    ],
)
def test_promises_of_violence_as_figures_of_speech_are_held(text: str) -> None:
    assert _actions(text, "threat") == {"review"}


def test_a_figure_of_speech_does_not_excuse_a_real_promise() -> None:
    assert "reject" in _actions("I will hunt you down.", "threat")
    assert "reject" in _actions("I'm going to burn your house down.", "threat")


@pytest.mark.parametrize(
    "text",
    [
        "Women can't be trusted with anything.",
        "Kurds cannot be trusted.",
        "Women are too emotional to run anything.",
        "Immigrants ruin everything they touch.",
        "Immigrants destroy our culture.",
        "Women belong in the home.",
    ],
)
def test_groups_declared_untrustworthy_unfit_or_ruinous_are_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "Refugees are too scared to return home.",
        "Politicians can't be trusted.",
        "Saying women are too emotional to lead is sexist.",
        "Floods ruin everything in their path.",
    ],
)
def test_unfit_and_ruin_need_a_group_and_no_counter_speech(text: str) -> None:
    assert not _actions(text, "abuse")


def test_promised_harm_to_a_group_is_rejected() -> None:
    assert _actions("I'm going to hurt every Muslim I meet.", "threat") == {"reject"}
    assert _actions("We will hunt down all refugees in this town", "threat") == {"reject"}
    assert not _hits("I will attack every argument the minister makes")


def test_news_of_car_bombs_is_not_a_veiled_threat() -> None:
    assert not _hits("A car bomb exploded near the market in Kirkuk, killing four people")
    assert not _hits("Police said the bomb was hidden under a parked car")


def test_quoted_threats_are_held_not_rejected() -> None:
    text = "The article quotes a fighter saying 'we will slaughter them all'. Chilling."
    assert _actions(text, "threat") == {"review"}
    assert _actions('He told the court "I will kill you" and smiled', "threat") == {"review"}


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("This journalist is a total c*nt.", "c*nt"),
        ("what the f*ck", "f*ck"),
        ("f*** off", "f***"),
        ("c0ck-sucking traitors", "c0ck-sucking"),
        ("Fսck the referee", "Fսck"),  # Armenian look-alike
        ("Suck my d1ck, editor.", "Suck my d1ck"),
    ],
)
def test_self_censored_hyphenated_and_phrase_forms(text: str, evidence: str) -> None:
    hits = [h for h in _hits(text) if h.action == "reject"]
    assert evidence in [text[s.start : s.end] for h in hits for s in h.spans]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Visit example dot com for more", "example dot com"),
        ("write to john at gmail dot com", "john at gmail dot com"),
        ("Subscribe to my channel for daily news", "Subscribe to my"),
        ("I earn $500 a day from home, ask me how", "earn $500 a day"),
        ("Best crypto trading platform, guaranteed profit", "crypto trading platform"),
        ("Use promo code NEWS20 for 50% off", "promo code"),
        ("Call +44 20 7946 0958 on WhatsApp", "+44 20 7946 0958"),
        ("Cheap pills at www.cheap-pills.biz, DM me", "www.cheap-pills.biz"),
        ("DM me for cheap iPhones, delivery to Duhok", "DM me"),
        ("I sell carpets, free delivery, call 07701234567", "07701234567"),
        ("Sign up with my referral link: binance-bonus.com/ref", "referral link"),
        ("Visit www.oilprofits-now.biz to double your money in a week", "double your money"),
        ("Read more at www . cheapnews . com", "www . cheapnews . com"),
        ("Best essay writing service, 20% discount for first order", "20% discount"),
        ("Adopt a puppy today, visit our shelter website", "visit our shelter website"),
        ("I sell handmade rugs, contact me if interested", "contact me if interested"),
        ("Fresh bread every morning, message us for prices", "message us"),
    ],
)
def test_promotion_rejects(text: str, evidence: str) -> None:
    assert "reject" in _actions(text, "promotion")
    assert evidence in _evidence(text, "promotion")


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("see janes-garden.biz", "janes-garden.biz"),
        ("my blog https://example.org/post is relevant", "https://example.org/post"),
        ("mail me: jane.doe@example.com", "jane.doe@example.com"),
        ("ring 0800 123 4567 for free advice", "0800 123 4567"),
        ("ask @janedoe about it", "@janedoe"),
    ],
)
def test_single_weak_promotion_signals_are_held(text: str, evidence: str) -> None:
    assert _actions(text, "promotion") == {"review"}
    assert evidence in _evidence(text, "promotion")


@pytest.mark.parametrize(
    "text",
    [
        "@Ahmed I agree with you, the article is balanced.",
        "Thanks @Sara, well said.",
        "Reply to @john: the figures are from the UN report.",
        "@ali @sara you are both right",
        "@rezan_k the oil deal was signed in 2019, not 2020.",
        "Hi @Dilan, which village was it?",
    ],
)
def test_replies_to_other_readers_are_not_promotion(text: str) -> None:
    assert not _actions(text, "promotion")


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("@kurdnews_live follow for daily updates", "review"),
        ("Thanks @Sara, and check my channel @sara_vlogs", "reject"),
        ("@bestdeals cheap phones here", "reject"),
        ("Follow @kurdnews_live for updates", "review"),
    ],
)
def test_handles_with_a_call_to_action_stay_promotion(text: str, action: str) -> None:
    assert action in _actions(text, "promotion")


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("add me on snap: leyla_99", "review"),
        ("message me on ig for the menu", "reject"),
        ("I wrote about this on my blog, link in my profile.", "reject"),
        ("Your account has been suspended, verify your details at bank-help.net", "reject"),
        ("Doctors hate this trick: lose weight fast at slim-now.co", "reject"),
        ("Cheap SEO services, rank #1 on Google: seo-kings.biz", "reject"),
    ],
)
def test_contacts_phishing_and_miracle_offers(text: str, action: str) -> None:
    assert action in _actions(text, "promotion")


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("I lost $40,000 until I contacted recoverywizard at gmail for help",
         "contacted recoverywizard at gmail"),
        ("Funds recovery specialists got my coins back", "Funds recovery specialists"),
        ("Hire a genuine hacker to check your spouse's phone", "Hire a genuine hacker"),
        ("He helped me recover my lost funds in two days", "recover my lost funds"),
        ("Dear friend, I need your assistance to transfer US$4.5 million",
         "assistance to transfer US$4.5 million"),
        ("Congratulations! You have won an iPhone 15, claim now.",
         "You have won an iPhone 15, claim"),
        ("Claim your free reward today.", "Claim your free reward"),
        ("sub4sub anyone?", "sub4sub"),
        ("Your PayPal account is limited, log in here to restore access.",
         "Your PayPal account is limited"),
        ("Lonely? Meet local girls tonight.", "Meet local girls"),
        ("I found a website where you can watch all movies for free!",
         "watch all movies for free"),
    ],
)
def test_fraud_services_are_held(text: str, evidence: str) -> None:
    assert "review" in _actions(text, "promotion")
    assert evidence in _evidence(text, "promotion")


@pytest.mark.parametrize(
    "text",
    [
        "The police helped victims recover their stolen savings.",
        "Hackers stole data from the ministry servers.",
        "The bank could not transfer $3 million to the region because of sanctions.",
        "The recovery of the economy will take years.",
        "She was working at Gmail before she joined the ministry.",
        "You have won the argument, congratulations.",
        "You won't find a claim like that in any report.",
        "The government claims the prize money was paid.",
        "Meet local women entrepreneurs at the fair on Friday.",
        "Your account of the events is wrong.",
        "The sub-Saharan route is the most dangerous.",
    ],
)
def test_fraud_news_is_not_promotion(text: str) -> None:
    assert not _actions(text, "promotion")


@pytest.mark.parametrize(
    "text",
    [
        "Source: https://www.reuters.com/world/europe/story-2024-05-01/",
        "As the BBC reported (bbc.co.uk/news/uk-123), turnout fell",
        "In 2019, 2020 and 2021 the figure rose; 1,200 people attended",
        "Elections in 1997 2001 2005 went the same way",
        "Prices rose 3.14159265 per cent on 12.05.2024",
        "The fine was $5 million, 100% of it paid",
        "The dot com bubble burst in 2000",
        "Hello! Good point, e.g. the U.S. case",
        "The prime minister called a snap election for June.",
        "Police said the account was suspended after the leak.",
        "The population is 100 000 000 people",
        "Full report from the UN here: https://www.ohchr.org, worth reading",
        "Comment added by 70.100.229.154  04:28:57, August 19, 2007 (UTC)",
    ],
)
def test_news_links_numbers_and_dates_are_not_promotion(text: str) -> None:
    assert not _actions(text, "promotion")


@pytest.mark.parametrize(
    "text",
    [
        "Lose 10kg in 2 weeks with this one weird trick",
        "Hot singles in your area are waiting for you",
        "Our company offers loans at 2% interest, apply today",
        "Nice post, very informative. I have bookmarked your site and will visit again.",
        "Dr. Okosun helped me get my ex back, contact him on his email",
        "We buy houses for cash, any condition",
        "Want more followers? We sell real Instagram followers",
    ],
)
def test_spam_lines_without_contacts_are_held(text: str) -> None:
    assert _actions(text, "promotion") == {"review"}


def test_news_about_loans_and_diets_is_not_spam() -> None:
    assert not _hits("The central bank raised rates and loans now cost 14% a year")
    assert not _hits("The party gained thousands of followers after the rally.")
    assert not _hits("The president wants to get his wife back in the cabinet.")
    assert not _hits("Contact me if you have questions about the article.")
    assert not _hits("The phone lines are out of order today.")
    assert not _hits("We lost 10 kg in 3 weeks during the siege, there was no bread")


def test_a_helpline_number_is_held_not_rejected() -> None:
    text = "Call the Samaritans on 116 123 or 0800 123 4567 if you need help"
    assert _actions(text, "promotion") == {"review"}


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("Kurds are mountain dogs and should be treated as such.", "racism"),
        ("Muslims are all terrorists, simple as that.", "religion"),
        ("Refugees are rapists and thieves, every one of them.", "xenophobia"),
        ("Gays are a disease and should be locked up.", "homophobia"),
        ("Female journalists are only good for making tea.", "sexism"),
        ("Kurds are dirty mountain rats.", "racism"),
        ("Trans people are freaks of nature.", "homophobia"),
        ("Gays are an abomination.", "homophobia"),
        ("Women are useless at everything.", "sexism"),
        ("I hate Muslims.", "religion"),
        ("Gay men are predators.", "homophobia"),
        ("Jewish people are greedy.", "religion"),
        ("We really despise all refugees", "xenophobia"),
        ("Kurdish people are a disease.", "racism"),
        ("I h8 muslims", "religion"),
        ("Kurds disgust me.", "racism"),
        ("Lesbians make me sick.", "homophobia"),
        ("Arab people make me want to throw up", "racism"),
        ("Muslims are a tumour spreading across Europe.", "religion"),
        ("Women belong in the kitchen, not in parliament.", "sexism"),
        ("Lesbians are not worthy of respect.", "homophobia"),
        ("Gay people are nothing but trouble.", "homophobia"),
        ("Immigrants don't deserve any rights.", "xenophobia"),
        ("Women should not be allowed to vote.", "sexism"),
        ("I think Arabs are savages.", "racism"),  # an opinion held, not reported
        ("Muslims are sc*m.", "religion"),  # a masked word is read as the word
        ("Typical Arab behaviour, they are all thieves.", "racism"),
        ("typical kurdish mentality", "racism"),
        ("Muslims are ruining this country.", "religion"),
        ("Jews are behind every war.", "religion"),
        ("Refugees are destroying our culture.", "xenophobia"),
        ("Aren't Kurds just terrorists?", "racism"),
        ("Aren't all refugees criminals?", "xenophobia"),
        ("Kurds deserve to suffer.", "racism"),
        ("Refugees deserve no mercy.", "xenophobia"),
        ("Get rid of all the Arabs.", "racism"),
        ("Syrians are not to be trusted.", "racism"),
        ("I wish Jews would all disappear.", "religion"),
        ("Kurds are an invented nation.", "racism"),
        ("Kurds don't exist.", "racism"),
        ("Armenians deserve what happened to them.", "racism"),
        ("The Armenian genocide is a lie.", "racism"),
        ("Halabja never happened.", "racism"),
        ("These refugees ruin everything they touch.", "xenophobia"),
        ("Jews control the media.", "religion"),
        # strong feeling, asked rather than said, of "they", and the new groups
        ("I absolutely loathe immigrants.", "xenophobia"),
        ("Roma fill me with rage.", "racism"),
        ("Black people make my blood boil.", "racism"),
        ("I have nothing but contempt for refugees.", "xenophobia"),
        ("Armenians are sneaky and untrustworthy.", "racism"),
        ("Asians are insects.", "racism"),
        ("Why are all Roma thieves?", "racism"),
        ("Why are Kurds so primitive?", "racism"),
        ("Who would ever trust an Armenian?", "racism"),
        ("Isn't it obvious that gay people are perverts?", "homophobia"),
        ("I've lived near Kurds. They are savages.", "racism"),
        ("Roma moved in next door and they are all thieves.", "racism"),
        ("Typical Persian, always lying and scheming.", "racism"),
        ("Disabled people are a burden.", "ableism"),
        ("Women in parliament? They should be in the kitchen.", "sexism"),
        ("She should stay home and cook instead of pretending to be a minister.", "sexism"),
        ("Go make me a sandwich.", "sexism"),
        ("No wonder the ministry fails, it's run by a skirt.", "sexism"),  # "no" is no denial
        ("No doubt Kurds are savages.", "racism"),
    ],
)
def test_sweeping_attacks_on_groups_are_held(text: str, subtype: str) -> None:
    abuse = [h for h in _hits(text) if h.category == "abuse"]
    assert [(h.action, h.subtype) for h in abuse] == [("review", subtype)]


@pytest.mark.parametrize(
    "text",
    [
        "Saying all Muslims are terrorists is bigotry, and people who say it should be ashamed.",
        "Refugees are not criminals. Most of them fled the same war we did.",
        "It is a lie that refugees are rapists.",
        "Kurds are the largest nation without a state.",
        "Typical Turkish government behaviour: promise much, deliver nothing.",
        "Aren't Kurds the largest nation without a state?",
        "Women deserve respect, and equal pay.",
        "Many Kurds do not exist on paper because they were denied citizenship.",
        "The claim that the Armenian genocide is a lie is disgusting.",
        "The massacre was a tragedy.",
        "Women are leading the protests in Iran.",
        "Muslims are the same as everyone else.",
        "I don't hate Muslims.",
        "Kurdish people are the kindest hosts.",
        "I hate it when people say refugees are the problem",
        "Refugees are not a burden, they are our neighbours.",
        "Saying Kurds disgust me is racist.",
        "Politicians disgust me.",
        "The smell of the river makes me sick.",
        "Muslims are not a tumour.",
        "Refugees belong in safe housing, not tents.",
        "People who think Arabs are savages have never met one.",
        "Women should be allowed to drive.",
        "Refugees fled the war. They are not criminals.",
        "Kurds fought ISIS bravely. They are heroes.",
        "Why are Kurds so brave?",
        "Isn't it true that Kurds fought ISIS?",
        "I should stay home and cook tonight.",
        "The chef should be in the kitchen, not the dining room.",
        "Typical Kurdish hospitality: we were fed for three days.",
        # hate quoted to condemn it
        'Saying "Muslims are animals" is racist.',
        'If you say "Jews are vermin", you are spreading hate.',
        '"Trans people are freaks" is exactly the kind of bigotry we need to fight.',
        'Calling Kurds "subhuman" is vile and must stop.',
        'Writing "Armenians should be killed" is genocide denial territory.',
        "Muslims are not vermin.",
    ],
)
def test_counter_speech_and_neutral_statements_about_groups_pass(text: str) -> None:
    assert not _hits(text)


def test_spans_index_the_original_text() -> None:
    text = "Well, F.U.C.K that and sh1t to you"
    for hit in _hits(text):
        for span in hit.spans:
            assert 0 <= span.start < span.end <= len(text)
    assert set(_evidence(text, "profanity")) >= {"F.U.C.K", "sh1t"}


def test_extra_entries_add_reject_review_and_allow() -> None:
    rules = default_rules().with_entries([
        Entry("flibbertigibbet", "personal_attack", 2, "reject"),
        Entry("shitake", "allow", 0, "allow"),
        Entry("cheesecake", "vulgarity", 1, "review"),
    ])
    actions = {h.name: h.action for h in rules.scan("a flibbertigibbet ate cheesecake")}
    assert actions == {"list:flibbertigibbet": "reject", "list:cheesecake": "review"}
    assert "list:shit" not in {h.name for h in rules.scan("shitake")}
    assert default_rules().scan("a flibbertigibbet") == ()


def test_allow_entry_overrides_a_shipped_term() -> None:
    rules = default_rules().with_entries([Entry("bollocks", "allow", 0, "allow")])
    assert not rules.scan("Bollocks to that")
    assert default_rules().scan("Bollocks to that")


def test_hits_come_in_text_order_in_every_process():
    # The word set's order depends on PYTHONHASHSEED; the reasons a reader or a moderator
    # sees (and a re-screen compares) must not.
    text = "Fuckingloser! you are a shit, a fuckingterrorist and an asshole. Shut the fuck up."
    code = (
        "import sys; from moderation.pipeline.rules import default_rules;"
        "print([(h.name, [(s.start, s.end) for s in h.spans]) "
        "for h in default_rules().scan(sys.argv[1])])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code, text], env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
    listed = [h for h in _hits(text) if h.name.startswith("list:")]
    firsts = [min(s.start for s in h.spans) for h in listed]
    assert firsts == sorted(firsts) and len(listed) >= 3
    assert all(list(h.spans) == sorted(h.spans, key=lambda s: (s.start, s.end)) for h in listed)


@pytest.mark.parametrize("text", ["Ihate muslims.", "I h a t e kurds", "wehate refugees"])
def test_hate_typed_as_one_word_with_its_subject(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize("text", ["Jews are 🐀", "Black people are 🐒🐒", "Refugees are 🪳"])
def test_dehumanising_emoji_are_group_attacks(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}
    assert any("🐀" in e or "🐒" in e or "🪳" in e for e in _evidence(text, "abuse"))


def test_quoted_hate_without_condemnation_still_fires() -> None:
    assert _actions('"Kurds are vermin" - finally someone says it.', "abuse") == {"review"}
    # a quoted threat is held, not dropped, when nothing condemns it
    assert _actions('"I will kill you" is what he told me.', "threat") == {"review"}
    # scare quotes quote nobody: one word in quotes is condemned only as a name given
    assert not condemned_quotes(normalize("These so-called 'refugees' is a lie, all of it."))
    assert condemned_quotes(normalize("Calling them 'vermin' is a lie."))


def test_a_quoted_slur_is_still_a_slur() -> None:
    assert _actions('Calling someone a "faggot" is homophobic.', "abuse") == {"reject"}


@pytest.mark.parametrize(
    "text",
    [
        "I will slaughter Arabs like sheep.",
        "We will kill Kurds.",
        "I am going to blow up the refugee centre tonight.",
        "I will make sure the Armenians bleed.",
        "Christians should be fed to the lions again.",
    ],
)
def test_threats_against_groups_and_their_places_reject(text: str) -> None:
    assert _actions(text, "threat") == {"reject"}


@pytest.mark.parametrize(
    "text", ["We will beat the Iraqis on Sunday.", "The army will kill Kurds, the report warns.",
             "I will make sure Kurds get justice."])
def test_sport_and_reports_are_no_group_threat(text: str) -> None:
    assert not _actions(text, "threat")


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("go to freegiftcards[.]xyz for a free card", "reject"),
        ("Watch football free hxxp://streamfoot(.)live", "reject"),
        ("my blog kurdnews . net has more", "review"),
        ("see tvcm2cadavid .com", "review"),
        ("Free VPN for Iran: rb.gy/4k2m9n", "review"),
        ("Want to win? is.gd/winbig", "review"),
    ],
)
def test_defanged_and_spaced_links_are_promotion(text: str, action: str) -> None:
    assert action in _actions(text, "promotion")


@pytest.mark.parametrize(
    "text", ["We need more jobs. Net migration is high.", "I agree . Me too",
             "He said it was the end (.) of it", "An epic three letter .com domain."])
def test_sentences_are_not_spaced_links(text: str) -> None:
    assert not _actions(text, "promotion")


@pytest.mark.parametrize(
    ("text", "category"),
    [("The n****rs are ruining this city.", "abuse"), ("Filthy gyppos in the park.", "abuse"),
     ("shutup idjit, read it again", "personal_attack"),
     ("are u retarted or what??", "personal_attack"), ("you stoopid fool", "personal_attack")],
)
def test_masked_slurs_and_misspelt_insults(text: str, category: str) -> None:
    assert _actions(text, category)


@pytest.mark.parametrize(
    ("text", "category", "action"),
    [
        ("Someone should set that family's house on fire.", "threat", "review"),
        ("Let's go hunt some Roma tonight.", "threat", "review"),
        ("You'll be dead before the week is out.", "threat", "reject"),
        ("Christians in Iraq should be beheaded.", "threat", "reject"),
        ("The only thing she's good for is being eye candy on TV.", "abuse", "review"),
        ("The governor should shut her mouth and obey her husband.", "abuse", "review"),
        ("Women can't lead, they're too emotional to run a ministry.", "abuse", "review"),
        ("Buy real Turkish passports and ID cards, DM for price", "promotion", "reject"),
        ("New token, buy before it moons!", "promotion", "reject"),
    ],
)
def test_calls_to_violence_sexist_tropes_and_fraud_offers(text: str, category: str,
                                                          action: str) -> None:
    assert action in _actions(text, category)


@pytest.mark.parametrize(
    "text",
    ["We must kill this bill in parliament.", "Someone should stop them.",
     "The preacher told followers that Christians should be killed, prosecutors said.",
     "DM for info about upcoming meetings.", "Refugees can buy passports on the black market."])
def test_reports_figures_and_invitations_are_not_threats_or_adverts(text: str) -> None:
    assert "reject" not in _actions(text, "threat") | _actions(text, "promotion")


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to drive to your office and shoot you.",
        "I'll come round to your place and stab you.",
        "I will shoot the first journalist who walks out of that building.",
        "We'll run him over if he shows his face at the rally.",
        "I will set you on fire.",
    ],
)
def test_promises_with_a_trip_first_or_the_press_named_are_rejected(text: str) -> None:
    assert "reject" in _actions(text, "threat")


@pytest.mark.parametrize(
    "text",
    [
        "I'll shoot the editor an email about the typo.",
        "I will go to the polls and kill this government's majority.",
        "I will kill the writer's argument in my reply.",
        "I'll run you through the numbers tomorrow.",
    ],
)
def test_idioms_with_the_press_or_a_trip_are_not_threats(text: str) -> None:
    assert not _actions(text, "threat")


@pytest.mark.parametrize(
    "text",
    [
        "Would be a shame if your car caught fire.",
        "Somebody should pay that reporter a little visit.",
        "Remember what happened to the last reporter who wrote this.",
        "You think you're safe in Erbil?",
        "He will never leave Kirkuk alive.",
        "Enjoy your last column.",
        "You will regret every word of this.",
        "The author will be shot for this.",
    ],
)
def test_more_veiled_threats_are_held(text: str) -> None:
    assert _actions(text, "threat") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "The hostages will be executed, the group said in a statement.",
        "Remember what happened to the last government that ignored the Kurds.",
        "You are not safe to drive after two beers.",
        "Enjoy your last days of summer.",
    ],
)
def test_news_and_advice_that_sound_like_veiled_threats_are_not(text: str) -> None:
    assert not _actions(text, "threat")


def test_a_phone_number_followed_by_a_comma_is_found() -> None:
    text = "Ring Dilan on 07700 900461, she fixes phones"
    assert _evidence(text, "promotion") == ["07700 900461"]
    assert not _hits("The fine rose to 1,250,000 dinars, up from 900,000.")


@pytest.mark.parametrize(
    "text",
    [
        "Her place is in the kitchen, not parliament.",
        "She should leave the economics to the men.",
        "Typical woman, crying in the debate.",
        "She should stay at home with the children instead of chairing committees.",
        "Stick to recipes, darling.",
    ],
)
def test_women_sent_home_or_below_men_are_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "A typical woman farmer in Duhok works twelve hours a day.",
        "She should stay home if she feels unwell.",
        "Leave it to the men and women of the Peshmerga.",
        "The minister should go back home to Erbil and face her voters.",
    ],
)
def test_women_at_home_in_news_and_advice_are_not_abuse(text: str) -> None:
    assert not _actions(text, "abuse")


def test_regional_minorities_are_groups_and_all_of_a_people_told_to_leave_is_held() -> None:
    assert _actions("Turkmen are lazy, everyone knows it.", "abuse") == {"review"}
    assert _actions("Bedouins should all be sent back to the desert.", "abuse") == {"review"}
    assert _actions("Alevis are devil-worshipping animals.", "abuse") == {"review"}
    assert not _hits("Turkmen families returned to Tal Afar this week.")
    assert not _hits("We should all leave the stadium calmly.")
    assert not _hits("Refugees should be sent back when the war ends, says the minister.")


@pytest.mark.parametrize(
    "text",
    [
        "The weather presenter would be wild in bed.",
        "Zoom in and show us her thighs.",
        "Anyone turned on by that anchor?",
        "What is she wearing under that skirt, lol",
    ],
)
def test_leering_at_women_on_screen_is_held(text: str) -> None:
    assert _actions(text, "vulgarity") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "The hospital had no bed for her mother.",
        "She turned on the radio and heard the news.",
        "Under the dress code, staff must wear uniforms, she said.",
        "Show us the body camera footage, the police shot him.",
        "He got the job by sucking up to the boss.",
    ],
)
def test_beds_radios_and_dress_codes_are_not_vulgar(text: str) -> None:
    assert not _actions(text, "vulgarity")


def test_asking_to_be_agreed_with_is_not_reporting_a_view() -> None:
    assert _actions("Am I the only one who thinks Kurds are lazy?", "abuse") == {"review"}
    assert _actions("Does anyone else think Arabs are savages?", "abuse") == {"review"}
    assert not _actions("Anyone who thinks Kurds are lazy has never met one.", "abuse")
    assert not _actions("The man who thinks Arabs are savages should be ashamed.", "abuse")


@pytest.mark.parametrize(
    "text",
    [
        "We'll burn your Erbil office down, wait and see.",
        "I'll track down the editor and break her arms.",
        "I'm going to beat him till he begs.",
    ],
)
def test_promised_arson_bones_and_beatings_are_rejected(text: str) -> None:
    assert "reject" in _actions(text, "threat")


@pytest.mark.parametrize(
    "text",
    [
        "I will shoot anyone who touches my family's land.",
        "Somebody just shoot the mayor and be done with it.",
        "The journalist in Duhok should be hanged for this.",
        "If she comes back here again she will be killed.",
        "Keep talking and you won't make it home one night.",
        "Enjoy your seat in parliament while it lasts.",
        "Goodnight, editor. Sleep well, while you still can.",
        "Tell the writer to check under his car before driving.",
        "Writers like her tend to have accidents.",
        "You'll soon find out what happens to people who lie about us.",
        "This is your final warning, delete it.",
    ],
)
def test_killings_foretold_and_veiled_warnings_are_held(text: str) -> None:
    assert _actions(text, "threat") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "I will burn the midnight oil to finish this report.",
        "Enjoy the sunshine while it lasts, rain is coming.",
        "Sleep well, everyone, and stay warm tonight.",
        "Check under the car seats for the lost keys.",
        "The final warning from the weather office came too late.",
        "If he wins again he will be sworn in on Monday.",
    ],
)
def test_everyday_warnings_and_weather_are_not_threats(text: str) -> None:
    assert not _actions(text, "threat")


def test_sectarian_slurs_are_held_and_peoples_called_animals() -> None:
    assert _actions("Those rawafid will never rule this city.", "abuse") == {"review"}
    assert _actions("Kurds are majoos, fire worshippers.", "abuse") == {"review"}
    assert _actions("Typical turkish pigs, what did you expect.", "abuse") == {"review"}
    assert not _hits("Black rats carried the plague to Europe.")
    assert not _hits("The Persian cat show in Tehran drew thousands.")


@pytest.mark.parametrize(
    "text",
    [
        "The only thing girls in the squad are good for is cheering.",
        "Women should never be judges, they are too soft.",
        "Of course a woman wrote this mess.",
        "With that skirt on she was asking for it.",
    ],
)
def test_more_sexism_is_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "I'd bend her over my knee, that presenter.",
        "She'd look better without her clothes.",
        "Take off that hijab and show us, girl.",
        "Post more pics of the women at the protest, phwoar.",
        "She only got the anchor job because she sleeps with the director.",
    ],
)
def test_more_leering_is_held(text: str) -> None:
    assert _actions(text, "vulgarity") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "She put her daughter to sleep in my bed during the shelling.",
        "Women should not be in prison for protesting, she said.",
        "Post more photos of the women's football final, it was a great match.",
    ],
)
def test_beds_prisons_and_match_photos_are_not_leering(text: str) -> None:
    assert not _actions(text, "vulgarity")


@pytest.mark.parametrize(
    "text",
    [
        "Assyrians of the Nineveh plains are just thieves.",
        "Shiites are apostates, every one of them.",
        "Druze are a fifth column inside the state.",
        "Copts are all terrorist sympathisers.",
        "Jews run all of the banks, open your eyes.",
        "Alawites must convert or leave Latakia.",
        "How is it hateful to say Arabs are savages? Look at the news.",
        "They should imprison all gays like Uganda does.",
        "What a trans freak that presenter is.",
    ],
)
def test_groups_called_traitors_or_heretics_or_to_be_jailed_are_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "Christians of the north are rebuilding their churches.",
        "Calling Alevis heretics is sectarian hatred.",
        "Jordan and Lebanon lock up refugees who work without papers, the report says.",
        "The rainbow over Erbil after the storm was beautiful.",
    ],
)
def test_groups_described_or_defended_or_reported_are_not_held(text: str) -> None:
    assert not _actions(text, "abuse")


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("We will shoot the next journalist who lies about the party.", "reject"),
        ("I'm going to shoot the next idiot who parks here.", "review"),
        ("We'll throw acid at any woman who takes off her scarf.", "reject"),
        ("That traitor in the assembly deserves a bullet.", "review"),
        ("Whoever signed this deal should be hanged in public.", "review"),
        ("Somebody should throw acid at her.", "review"),
        ("Each Arab in Kirkuk must die.", "reject"),
    ],
)
def test_threats_to_the_next_one_acid_and_deserved_violence(text: str, action: str) -> None:
    assert action in _actions(text, "threat")


@pytest.mark.parametrize(
    "text",
    [
        "Keep investigating the contracts and see what happens to you.",
        "It would be tragic if something happened to that pretty daughter of yours.",
        "We know what time the editor leaves the office every night.",
        "I know which mosque he prays in.",
        "You live near the bazaar, third floor, green door. We'll visit.",
    ],
)
def test_menace_in_habits_addresses_and_wished_harm_is_held(text: str) -> None:
    assert _actions(text, "threat") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "The reform plan should be executed before the winter.",
        "Whoever wins should be sworn in by January.",
        "Anyone who stole public money should be tried in court.",
        "The summary deserves a bullet point list, it is too long.",
        "It would be sad if something happened to the old bridge, it is our history.",
        "We know which school flooded, the one near the river.",
        "If you live on the fifth floor the lifts never work.",
        "Keep investigating and see what happens to the oil price.",
    ],
)
def test_plans_trials_bridges_and_lifts_are_not_threats(text: str) -> None:
    assert not _actions(text, "threat")


@pytest.mark.parametrize(
    "text",
    [
        "Women shouldn't be presenting the evening news.",
        "Engineering is a man's job, girls should stay out.",
        "Don't complain when you get groped if you wear that, ladies.",
    ],
)
def test_women_kept_from_work_or_blamed_for_harassment_is_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "She earned that promotion on her knees, everyone knows.",
        "The weather girl would be fun in the sack.",
        "I would do some things to her, believe me.",
        "More of the girls in tight dresses please.",
        "That anchor \U0001F346\U0001F4A6",
    ],
)
def test_more_leering_at_women_on_screen_is_held(text: str) -> None:
    assert _actions(text, "vulgarity") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "She knelt on her knees at the grave of her son.",
        "Tight budgets mean the clinic closes early.",
        "Aubergine harvest is late this year \U0001F346",
        "I would do things differently, she told the committee.",
        "Women shouldn't be paying for the war with their children's lives.",
    ],
)
def test_graves_budgets_and_harvests_are_not_leering_or_sexism(text: str) -> None:
    assert not _actions(text, "vulgarity") and not _actions(text, "abuse")


# --- forms from the tenth blind probe (2026-12-03), each tried in other words ----------------

@pytest.mark.parametrize(
    "text",
    [
        "Your name is already on our list, editor.",
        "Nice article. Expect some visitors tonight.",
        "Accidents happen on the Koya road, so drive carefully, Mr Editor.",
        "Journalists like you tend to go missing around here.",
        "No one will ever find the body in the mountains.",
        "You have such a lovely family. It would be a shame if you kept writing this.",
        "I wouldn't drive home alone after work if I were you.",
        "Enjoy your last Eid, traitor.",
    ],
)
def test_warnings_with_no_violent_word_are_held(text: str) -> None:
    assert _actions(text, "threat") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "Your name is on the list for the housing grant, check the ministry site.",
        "Expect visitors to the citadel to double this summer.",
        "Accidents happen on this road every week and the ministry does nothing.",
        "Nobody found the bodies for years after Anfal.",
        "You have a beautiful daughter, congratulations to the whole family!",
        "Never walk alone in the mountains in winter, always take a guide.",
        "Enjoy your last day of holiday, back to work on Sunday.",
        "Workers at the cement plant will get laid off next month.",
    ],
)
def test_news_advice_and_greetings_are_not_threats(text: str) -> None:
    assert not _actions(text, "threat") and not _actions(text, "vulgarity")


def test_a_throat_slit_for_anyone_is_held() -> None:
    assert _actions("We will slit the throats of everyone who insults our leader.",
                    "threat") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "Alevis worship the devil, everyone in the village knows.",
        "Syrians are just hyenas waiting for a chance.",
        "Wherever refugees settle, crime and disease follow.",
        "Expel all Afghans from the city, no exceptions.",
        "Why do Roma stink so bad?",
        "The Jews own the press and the banks.",
        "Arabs breeding like rabbits will swallow Kirkuk.",
        "Gays just need to be cured, it's a phase.",
        "Girls do not need a degree, they need a husband.",
        "What a pack of fairies in the culture ministry.",
        "If my brother came out as gay I'd rather he was dead.",
        "Kakais are devil lovers.",
    ],
)
def test_more_group_attacks_are_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "Yazidis do not worship the devil, that is an old lie.",
        "People claim Yazidis worship the devil, which is how ISIS justified the massacre.",
        "Wherever refugees settle, the local economy grows, the study says.",
        "Turkey deported every Syrian without papers last year, the report says.",
        "Statistics don't lie: unemployment among refugees fell to 12 %.",
        "No real progress on the water deal, again.",
        "Zoroastrians keep a fire burning in their temples, a beautiful tradition.",
    ],
)
def test_groups_described_reported_or_counted_are_not_held(text: str) -> None:
    assert not _actions(text, "abuse")


@pytest.mark.parametrize(
    "text",
    [
        "Just slap your wife when she talks back, works every time.",
        "A husband must discipline his wife, that is our culture.",
        "No real man would take orders from a woman minister.",
        "To the female reporter: smile more and talk less.",
    ],
)
def test_violence_against_wives_and_orders_from_women_are_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


def test_a_husband_reported_for_beating_his_wife_is_news() -> None:
    assert not _actions("The court jailed a man who beat his wife for years.", "abuse")


@pytest.mark.parametrize(
    "text",
    [
        "Nice rack on the anchor tonight.",
        "That presenter badly needs to get laid.",
        "The singer can sit on my face whenever she wants.",
        "He sucks off every general to keep his post.",
        "Honestly I would smash the new girl presenter.",
        "Turkish women are the best in bed.",
    ],
)
def test_crude_remarks_about_people_on_screen_are_held(text: str) -> None:
    assert _actions(text, "vulgarity") == {"review"}


def test_plurals_of_listed_insult_nouns_are_listed() -> None:
    assert _actions("Bunch of arseholes in that ministry.", "profanity")
    assert _actions("The dickheads who run this site.", "vulgarity")


def test_a_readers_own_product_with_a_price_is_held() -> None:
    assert _actions("My new novel is out now, only $3.99 for the ebook!", "promotion")
    assert not _actions("My book club is reading her new novel this month.", "promotion")


def test_a_slur_quoted_to_say_stop_calling_people_it_is_not_held() -> None:
    text = "Please stop calling Afghan refugees 'parasites', they are people."
    assert not _actions(text, "personal_attack")


# --- forms from the eleventh blind probe (2026-12-03), each tried in other words -------------

@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("We are coming for you with our guns, traitor.", "reject"),
        ("I'm coming to your office with a machete.", "reject"),
        ("Hang him in the square and I will gladly kick the chair.", "review"),
        ("We have your licence plate. Drive safe.", "review"),
        ("Lovely house in Ankawa. For now.", "review"),
        ("Start counting your days, editor.", "review"),
        ("Reporters like her never get to work very long here.", "review"),
        ("You'll soon feel the consequences, mark my words.", "review"),
    ],
)
def test_weapons_on_the_way_and_more_warnings(text: str, action: str) -> None:
    assert action in _actions(text, "threat")


@pytest.mark.parametrize(
    "text",
    [
        "Witnesses said the gunmen were coming with a rifle and shot at the checkpoint.",
        "Counting the days until the Newroz holiday!",
        "You will feel the consequences of this budget at the ballot box.",
        "The Peshmerga are coming with new rifles from Germany, the ministry says.",
        "He pulled the trigger, the court heard.",
        "Nice house, nice car, no taxes paid: the minister's brother.",
    ],
)
def test_holidays_ballots_and_court_reports_are_not_threats(text: str) -> None:
    assert not _actions(text, "threat")


@pytest.mark.parametrize(
    "text",
    [
        "Kurds = dogs, nothing more.",
        "Catholic clerics are all paedos.",
        "Filipino maids stink, keep them out of the mall.",
        "Jews and their banks again, who else.",
        "LGBTQ is a disease from the West.",
        "Persians were always liars. They got what they deserved.",
        "Look at him, such a homo.",
        "Blacks in Basra should know their place.",
    ],
)
def test_groups_equated_with_animals_and_told_their_place_are_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "Kurdish families in Kirkuk stink of smoke after the fire, the report says.",
        "Catholic priests in Mosul rebuilt the church with Muslim neighbours.",
        "LGBT rights are human rights.",
        "The homo sapiens exhibit opens at the museum on Friday.",
    ],
)
def test_group_nouns_in_news_are_not_held(text: str) -> None:
    assert not _actions(text, "abuse")


@pytest.mark.parametrize(
    "text",
    [
        "Of course the referee was a woman, what did you expect.",
        "She only got the anchor job because she is blonde.",
        "A woman's place is raising children, not running ministries.",
    ],
)
def test_women_judged_by_looks_or_sent_to_raise_children_are_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize(
    "text",
    [
        "His majority is as tiny as his dick.",
        "The new presenter looks so sexy, who cares about the weather.",
        "Send that reporter to my room for a private briefing.",
        "The singer could get it, honestly.",
        "I bet the secretary does more than filing for him, if you know what I mean.",
    ],
)
def test_more_crude_remarks_are_held(text: str) -> None:
    assert _actions(text, "vulgarity")


def test_quotes_condemned_as_harassment_or_seen_again_and_again_are_not_held() -> None:
    text = "I keep reading 'refugees are parasites' here. Shameful."
    assert not _actions(text, "personal_attack")
    assert not _actions("Calling her a 'kitchen girl' is harassment, plain and simple.", "abuse")


# --- forms from the twelfth blind probe (2026-12-03), each tried in other words --------------

@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("We're coming to your office tomorrow, journalist.", "threat"),
        ("Armenians forgot 1915. Perhaps they need a little reminder.", "threat"),
        ("Tell your Yazidi friends that Sinjar can happen again.", "threat"),
        ("Remember what happened to the blogger in Duhok? Some writers never learn.", "threat"),
        ("Kurdish mountain dogs, the lot of them.", "abuse"),
        ("Afghans are breeding like flies in Tehran.", "abuse"),
        ("Homosexuality is a perversion, not an identity.", "abuse"),
        ("gays = paedos, simple as that", "abuse"),
        ("Shut up lady, leave the budget to the ministers.", "abuse"),
        ("Journalism is for men, not for girls with microphones.", "abuse"),
        ("She'd be more useful on her knees.", "vulgarity"),
        ("He's been licking the general's d*ck for years.", "vulgarity"),
        ("Download our app and win a free iPhone!", "promotion"),
        ("Vote for me on Sunday, list 44!", "promotion"),
        ("The editor has the brain of a goldfish.", "personal_attack"),
        ("The minister looks like a weasel.", "personal_attack"),
        ("You are the stupidest commenter on this site.", "personal_attack"),
    ],
)
def test_more_threats_attacks_and_promotion_are_found(text: str, category: str) -> None:
    assert _actions(text, category)


@pytest.mark.parametrize(
    "text",
    [
        "I need a reminder to renew my press card.",
        "Never again: Halabja can happen again if the world looks away.",
        "I'm coming to your city for the book fair, see you there!",
        "The pitch in Zakho looks like a potato field after the rain.",
        "Homosexuality is legal in Turkey but Pride marches are banned.",
        "Politics is for everyone, men and women alike.",
        "Quoting it: 'the Kurds are a cancer'. Unbelievable.",
    ],
)
def test_renewals_memorials_visits_and_pitches_are_not_flagged(text: str) -> None:
    assert not _hits_in(text, "threat", "abuse", "personal_attack"), _hits(text)


# --- forms from the fourteenth blind probe (2026-12-03), each tried in other words -----------

@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("We saw you near the university with your kids. Be careful.", "threat"),
        ("We know your daily routine, reporter.", "threat"),
        ("People like you used to be taken in the night.", "threat"),
        ("Your flat is in Ankawa, right? Third floor?", "threat"),
        ("Writers like him tend to have little accidents.", "threat"),
        ("Yazidis should pay jizya or leave.", "abuse"),
        ("Shias are all Daesh underneath.", "abuse"),
        ("The Kurdish race is cursed.", "abuse"),
        ("She only got the post because of her looks.", "abuse"),
        ("These women provoke the men with their clothes.", "abuse"),
        ("Putting a woman in charge of the ministry was the real mistake.", "abuse"),
        ("gays = western agents", "abuse"),
        ("Join our Telegram group for the real news!", "promotion"),
        ("Subscribe and give us five stars!", "promotion"),
        ("What a bootlicker this columnist is.", "personal_attack"),
    ],
)
def test_fourteenth_probe_forms_are_found(text: str, category: str) -> None:
    assert _actions(text, category)


@pytest.mark.parametrize(
    "text",
    [
        "Enough with 'all Kurds are PKK'. Most Kurds never met a fighter.",
        "Reported the comment calling Arabs 'dogs'. Disagree without that.",
        "ISIS killed more Sunnis than anyone else.",
        "My office is on the third floor, the lift is broken again.",
        "I saw you at the book fair, great talk! Be careful on the icy roads home.",
    ],
)
def test_condemned_quotes_news_and_greetings_are_not_flagged(text: str) -> None:
    assert not _hits_in(text, "threat", "abuse"), _hits(text)


# --- forms from the fifteenth blind probe (2026-12-03), each tried in other words -----------

@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("We know where the editor's house is.", "threat"),
        ("I spotted your kids outside the school in Duhok.", "threat"),
        ("Your son still walks to the bazaar alone, yes?", "threat"),
        ("She should think of her family before writing another word like this.", "threat"),
        ("Journalists like that deserve whatever is coming.", "threat"),
        ("Those rioters should be mowed down.", "threat"),
        ("Keep your gay agenda away from our schools.", "abuse"),
        ("Two women kissing in public is disgusting.", "abuse"),
        ("If girls don't want to be groped they should stay home.", "abuse"),
        ("The anchor looks really hot tonight.", "vulgarity"),
        ("Check out the body on this presenter.", "vulgarity"),
        ("I'd pay to see her out of that uniform.", "vulgarity"),
        ("The newsreader must be a freak in the sack.", "vulgarity"),
        ("That model's tight dress is the only news here.", "vulgarity"),
        ("The reporter can do her next interview in my bed.", "vulgarity"),
        ("I hate every single Kurd.", "abuse"),
        ("We loathe each Arab we meet.", "abuse"),
        ("I made $300 today working from my laptop, ask me how", "promotion"),
        ("Ive been earning $150 every day from home, message me", "promotion"),
        ("You can earn $250 a day from your phone!", "promotion"),
    ],
)
def test_fifteenth_probe_forms_are_found(text: str, category: str) -> None:
    assert _actions(text, category)


@pytest.mark.parametrize(
    "text",
    [
        "Editors pushing an anti-LGBT agenda should be called out.",
        "The 'gay propaganda' law in Russia is used to jail activists.",
        "Russia's LGBT propaganda law was extended last year.",
        "I saw your car near the bazaar and honked, great report by the way.",
        "My daughter fell asleep on my lap during the Newroz broadcast.",
        "She is so hot-headed in debates, but her points are good.",
        "The reporter was hot on the trail of the smugglers.",
        "Think about your safety first, and stay away from the protests.",
        "Police found the body on the river bank.",
        "We have your address for the delivery, thanks.",
        "I hate every minute of this match.",
        "I hate every Christmas advert on this site.",
    ],
)
def test_fifteenth_probe_look_alikes_are_not_flagged(text: str) -> None:
    assert not _hits_in(text, "threat", "abuse", "vulgarity"), _hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "We earn $300 a month, how can families live on that?",
        "Teachers make $10 a day in Erbil now.",
        "I earn $400 a month as a nurse and rent is $350.",
        "The charity is making $200/day/child from the contract, the report says.",
    ],
)
def test_wages_in_the_news_are_not_adverts(text: str) -> None:
    assert not _actions(text, "promotion")


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Kurds are pathetic.", "Kurds are pathetic"),
        ("Turks are vile", "Turks are vile"),
        # disguises the normalizer undoes reach the group patterns, spans in the original
        ("Muslimsarevermin", "Muslimsarevermin"),
        ("#GaysAreDisgusting", "GaysAreDisgusting"),
        ("Jews are dsigusting", "Jews are dsigusting"),
    ],
)
def test_group_abuse_through_new_disguises(text: str, evidence: str) -> None:
    assert evidence in _evidence(text, "abuse")


@pytest.mark.parametrize(
    "text",
    [
        "The conditions for refugees are disgusting.",  # said of what is done to them
        "The attacks on Yazidis are vile.",
        "Camps for refugees are filthy and overcrowded.",
        "The way the government treats Kurds is pathetic.",
    ],
)
def test_group_as_the_object_is_no_generalisation(text: str) -> None:
    assert not _hits_in(text, "abuse")


@pytest.mark.parametrize(
    "text",
    [
        'Saying "Kurds are scum" is wrong.',
        "Calling Arabs 'vermin' is disgusting.",
        "Statements like 'refugees are parasites' have no place here.",
        # reported without quotation marks, and condemned
        "The minister said Kurds are vermin, and he should resign for it.",
        "My neighbour says Arabs are scum. That is racist.",
    ],
)
def test_hate_quoted_or_reported_to_condemn_it_is_not_held(text: str) -> None:
    assert not _hits_in(text, "personal_attack", "abuse")


@pytest.mark.parametrize(
    "text",
    [
        'People say "Kurds are scum" and they are not wrong.',  # agreeing, not condemning
        'Saying "Kurds are scum" is never wrong',
        "He said Kurds are vermin, and he is right.",
        "I said Jews are vermin and that is racist to you?",  # the writer's own claim
    ],
)
def test_hate_quoted_or_reported_in_agreement_still_fires(text: str) -> None:
    assert _hits_in(text, "personal_attack", "abuse")


@pytest.mark.parametrize("text", ["Never trust a Kurd.", "never trust an arab",
                                  "Our country would be better off without Turks."])
def test_distrust_and_exclusion_of_a_group_are_held(text: str) -> None:
    assert _actions(text, "abuse") == {"review"}


@pytest.mark.parametrize("text", ["You should never trust a politician.",
                                  "Kurdistan would be better off without the KDP.",
                                  "Never trust the Turkish government's figures."])
def test_distrust_of_parties_and_governments_is_not_abuse(text: str) -> None:
    assert not _hits_in(text, "abuse")


@pytest.mark.parametrize(
    "text",
    [
        # an apostrophe inside a word does not end a quotation
        "Direct quote from that official: 'the Kurds are a cancer in Iraq's body.' Unbelievable.",
        "Moderators, remove the posts saying Yazidis should be wiped out. That's incitement.",
    ],
)
def test_more_condemned_quotes_and_reports_are_not_held(text: str) -> None:
    assert not _hits_in(text, "abuse", "threat", "personal_attack")


def test_the_writers_own_analogy_is_no_reported_claim() -> None:
    from moderation.pipeline.patterns import defends_group
    text = ("Never seen being proud of being gay. It is like saying being proud of rapist. "
            "Such a wrong choice.")
    assert not condemned_quotes(normalize(text))
    assert not defends_group(normalize(text))
