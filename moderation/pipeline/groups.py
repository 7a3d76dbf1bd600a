"""The identity groups that the group patterns name, as readers write them (after
normalization): the plural nouns by abuse subtype, and the adjectives that name a group
only with a noun after them. `normalize` knows them too: it reads `mus1ims` and `Muslms`
as `muslims`."""
from __future__ import annotations

__all__ = ["GROUPS", "GROUP_ADJECTIVES", "group_words"]

#: Groups by the abuse subtype an attack on them is.
GROUPS: dict[str, str] = {
    "religion": "muslims muzlims jews christians hindus sikhs yazidis shia shias shiites sunnis "
                "sunni catholics atheists alevis alawites druze copts ezidis zoroastrians kakais "
                "bahais mandaeans",
    "racism": "arabs kurds turks persians iranians afghans syrians iraqis africans blacks asians "
              "chinese indians pakistanis mexicans gypsies roma whites armenians assyrians turkmen "
              "turkmens bedouins azeris circassians baluchis bangladeshis filipinos ethiopians "
              "nepalis sudanese somalis",
    "xenophobia": "refugees migrants immigrants foreigners asylum",
    "homophobia": "gays lesbians homosexuals trans transgender queers lgbt lgbtq homosexuality",
    "sexism": "women females girls feminists",
    "ableism": "cripples",
}


#: Adjectives that name a group only with a noun after them ("Kurdish people").
GROUP_ADJECTIVES: dict[str, str] = {
    "religion": "muslim jewish christian catholic hindu sikh yazidi shia sunni alevi alawite "
                "coptic ezidi zoroastrian kakai bahai mandaean",
    "racism": "arab kurdish turkish persian iranian afghan syrian iraqi african black asian "
              "chinese indian pakistani mexican armenian assyrian azeri baluchi bedouin "
              "bangladeshi filipino ethiopian nepali somali",
    "xenophobia": "foreign",
    "homophobia": "gay lesbian trans transgender queer",
    "sexism": "female",
    "ableism": "disabled handicapped autistic",
}


def group_words() -> frozenset[str]:
    """Every group noun and adjective."""
    return frozenset(" ".join([*GROUPS.values(), *GROUP_ADJECTIVES.values()]).split())
