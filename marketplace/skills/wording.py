"""How a skill's text is worded before it is encoded.

Two steps, both part of the vector recipe (`embeddings.recipe`), so changing either makes
stored vectors stale and `marketplace reindex` re-embeds them:

1. The learning or teaching verb goes: "apprendre à négocier", "get better at negotiating"
   and "Je peux vous apprendre la négociation" all become the skill itself. Left in, the verb
   drove similarity: "apprendre Salesforce" matched "Apprendre à déléguer" first.
2. Each tool or abbreviation the glossary knows is followed by what it is, in English and French:
   "maîtriser les TCD" becomes "TCD (pivot table in Excel… ; tableau croisé dynamique…)".
"""

import re

# Version of the rules below; part of the recipe identity.
WORDING_VERSION = "w2"

# Which glossary entries are spelled out before encoding: names of tools and abbreviations,
# which the encoders cannot know. Methods ("coaching", "prise de parole en public") are plain
# words the encoders already read; their notes cost 0.014 recall@10 on the ESCO paraphrase set
# and gained nothing on the workplace set (README, "Matching"). Word search uses every entry.
NOTED_KINDS = ("tool", "abbreviation")

# Whole phrases people put before the skill, longest first within each group. Matched at the
# start of the text, case-insensitively, repeatedly ("je voudrais apprendre à" is two steps).
_OPENERS = [
    # wanting, asking
    r"j['’]aimerais( bien)?", r"je (voudrais|veux|souhaite|souhaiterais|cherche à|cherche)",
    r"(besoin|envie) (d['’]aide )?(de|d['’]|pour|sur)", r"(de l['’])?aide (pour|à|a|sur|avec)",
    r"(i['’]d like|i would like|i want|i['’]m looking|i am looking|i need|i['’]d love|looking) to",
    r"i need( help with)?", r"(need|want) (some )?help (with|on)", r"help( me)?( with| on| to)?",
    r"how (do i|to|can i)", r"comment",
    # the learning verb
    r"(apprendre|réapprendre) (à|a)", r"apprendre", r"comprendre( comment)?", r"ma[iî]triser",
    r"d[ée]couvrir", r"m['’]initier (à|a|aux)", r"s['’]initier (à|a|aux)", r"initiation (à|a|aux)",
    r"me (former|perfectionner|mettre) (à|a|en|sur|aux)", r"formation (à|a|en|sur|aux)",
    r"(progresser|monter en compétences?|me perfectionner) (en|sur|dans)",
    r"(être|etre|devenir) (plus )?(à l['’]aise|a l['’]aise|autonome|meilleure?|bon|bonne) (avec|en|sur|à|a|dans)",
    r"(améliorer|ameliorer|renforcer|développer|developper) (mon|ma|mes|ses|son|sa)",
    r"savoir(?![ -][êe]tre)( (utiliser|faire))?", r"(bien|mieux) (utiliser|comprendre|gérer|gerer)", r"utiliser",
    r"s['’]y retrouver (dans|avec)", r"y voir clair (dans|sur|en)",
    r"(learn (how )?to|how to|know how to|be able to) use", r"learn (how )?to", r"learn(ing)?( about| more about)?", r"re-?learn",
    r"(understand|understanding)( how)?", r"master(ing)?", r"discover", r"explore",
    r"get (better|good|comfortable|started|up to speed|familiar) (at|with|on|in)",
    r"(become|be) (better|more comfortable|comfortable|confident|fluent|autonomous) (at|with|in|on)",
    r"(improve|improving|strengthen|develop|brush up( on)?)( my| our)?", r"brush up on",
    r"(know|knowing) how to", r"be able to", r"make sense of",
    r"introduction to", r"intro to", r"basics of", r"les bases (de|du|des|d['’])",
    # the teaching verb, on offers
    r"je (peux|pourrais|sais) (vous |t['’]|te )?(apprendre|expliquer|montrer|former|aider)( (à|a|sur|en))?",
    r"i can (teach|show|help)( you)?( (how )?to| with)?",
    r"(enseigner|transmettre|partager|expliquer)( à| a)?", r"(teaching|teach|coaching on|sharing)",
    r"coaching (en|sur|à|a)",
]
_ARTICLES = r"(les|le|la|l['’]|des|du|de la|de|d['’]|un|une|mon|ma|mes|the|a|an|my|our|some)\s+|(l['’]|d['’])"
# An opener ends with a space, a comma or colon, or an elided article ("besoin d'aide").
_OPENER = re.compile(rf"^\s*(?:{'|'.join(_OPENERS)})(?:\s+|\s*[,:]\s*|(?<=['’]))", re.IGNORECASE)
_ARTICLE = re.compile(rf"^\s*(?:{_ARTICLES})", re.IGNORECASE)


def skill_itself(text):
    """The text without the learning or teaching phrase in front of it.

    A text that is nothing but such a phrase is returned as it was.
    """
    original = " ".join(str(text).split())
    current = original
    for _ in range(4):
        stripped = _OPENER.sub("", current, count=1)
        if stripped == current:
            break
        current = stripped
    if current != original:
        current = _ARTICLE.sub("", current, count=1)
    current = current.strip(" ,:;-.")
    # Nothing but the wish itself ("je veux apprendre"): keep the text as written.
    if len(current) < 2 or not _OPENER.sub("", current + " ", count=1).strip():
        return original
    return current


def with_glossary(text, glossary):
    """The text followed by what each tool or abbreviation the glossary finds in it is, in
    both languages (at most three)."""
    terms = [t for t in glossary.find(text) if t.kind in NOTED_KINDS] if glossary is not None else []
    if not terms:
        return text
    notes = "; ".join(f"{t.term}: {t.en} / {t.fr}" for t in terms[:3])
    return f"{text} ({notes})"


def prepared(text, glossary):
    """The text as the encoder sees it: verb removed, glossary applied."""
    return with_glossary(skill_itself(text), glossary)
