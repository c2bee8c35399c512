"""What news portals write around an article, in English: footers, credits, UI strings, teasers, ads, bylines.

Machine-translated portals carry these into the translation; the source
article never has them. The insertions analysis (analyses/insertions.py)
labels an inserted segment by the first of these it matches. Patterns are
case-insensitive unless they say otherwise; ``whole_segment_of`` patterns
must match the whole segment, the others anywhere in it.
"""

from __future__ import annotations

import re


def whole_segment_of(phrases: str) -> re.Pattern[str]:
    """A segment made only of ``phrases``, alone or strung together ("Imprint | Privacy | Contact")."""
    item = rf"(?:{phrases})"
    return re.compile(rf"[\W_]*{item}(?:[\s|•·/,;:–—-]+{item})*[\W_]*", re.I)


YEAR = r"\b(?:19|20)\d\d\b"
FOOTER_LINKS = whole_segment_of(
    r"terms of (?:use|service)|terms and conditions|privacy(?: policy| notice| settings| center)?|"
    r"data protection(?: declaration)?|cookies?(?: settings| policy| preferences| consent)?|manage cookies|"
    r"imprint|impressum|legal notice|legal|disclaimer|contact(?: us)?|about us|accessibility|sitemap|"
    r"careers|advertise(?: with us)?|rss(?: feeds?)?|help|faq|corrections|"
    r"do not sell(?: or share)? my personal information|your privacy choices"
)
# Sentences only a portal writes about itself, never an article about privacy or cookies.
FOOTER_LINES = re.compile(
    rf"^(?:©|\(c\)|copyright\b)[^.!?]*{YEAR}|\bcopyright\s*(?:©|\(c\))?\s*{YEAR}|\ball rights reserved\b|"
    r"^this (?:article|story|page|content)\b.{0,40}\b(?:translated|first published|"
    r"originally (?:published|appeared))\b|\bwe(?: are)? (?:currently )?(?:testing|using|use) machine translations?\b|"
    r"^(?:this article was |it was )?first published\b|"
    r"\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b|\baccept (?:all )?cookies\b|"
    r"\bby (?:continuing to )?(?:use|using|browse|browsing) (?:this|our) (?:web)?site\b|"
    r"\bnot (?:under|within) our control\b|\bimply a recommendation\b|"
    r"\bnecessarily (?:reflect|represent|endorse) the (?:views|opinions)\b|"
    r"\bnot responsible for the content of (?:external|linked)\b|\bmay not be (?:re)?published, broadcast\b|"
    r"^source: \S+(?: \S+){0,3}$|^contact us\b|^contact:",
    re.I,
)
CREDIT = re.compile(
    r"^(?:©|\(c\)|(?:photo|image|picture|foto|credit|photograph)s?:|(?:photo|image|picture)s? by\b)|"
    r"\((?:photo|image|picture|foto|credit)s?:|/\s*(?:imago|dpa|afp|ap|reuters|getty|epa|picture alliance)\b|"
    r"\bvia getty images\b",
    re.I,
)
UI_STRINGS = whole_segment_of(
    r"comments?|press|print(?: (?:this )?article)?|share|split|tweet|e-?mail|save|follow(?: us)?(?: on \w+)?|"
    r"subscribe|like|reply|report|send|"
    r"bookmark|copy link|close|menu|home|search|log ?in|log ?out|sign in|next|previous|back|back to top|"
    r"more|read more|show (?:more|less|all)(?: comments)?|load more(?: articles| comments)?|"
    r"share (?:this )?(?:article|story|page)|share on \w+|facebook|twitter|x|whatsapp|linkedin|pinterest|"
    r"telegram|reddit|flipboard|listen(?: to (?:this )?article)?|go to comments|to the comments|all comments|"
    r"\d+ (?:comments?|shares?|likes?|replies|reactions|views)|(?:comments?|shares?) \(?\d+\)?"
)
TIMESTAMPS = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[t ][\d:.]+z?)?$|^(?:as of|(?:last )?updated|published|posted)(?: on| at)?\s*:|"
    r"^\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?) ago$|"
    r"^all (?:news )?articles (?:on|from)\b",
    re.I,
)
SIDEBAR_TITLES = whole_segment_of(
    r"my news|you may (?:also )?like|(?:also )?read also|read next|see also|more on (?:this|the) (?:topic|subject)|"
    r"related(?: articles| stories| topics| content)?|recommended(?: for you)?|most (?:read|popular)|"
    r"trending(?: now)?|trends(?: 24h)?|latest(?: news)?|top stories|more (?:news|stories)|editor'?s picks|"
    r"don'?t miss|further reading|also interesting"
)
SUMMARY_BOX = re.compile(r"^(?:highlights|at a glance|key points|in brief|read also|also read|see also)\s*:", re.I)
ADS = re.compile(
    r"\b(?:read|try|test|get|enjoy|access|stream)\b.{0,50}\b(?:for free|free (?:for|trial))\b|"
    r"\bfree for (?:\d+|a|one|two|three|four|six|twelve) (?:days?|weeks?|months?)\b|\bfree trial\b|"
    r"\b(?:subscribe|sign up)\b.{0,30}\b(?:newsletter|now|today|for free|our)\b|"
    r"^(?:advertisement|ad|anzeige|sponsored|promoted|promotion)$|"
    r"\b(?:advertisement|sponsored (?:content|post)|paid (?:content|partnership)|partner content)\b|"
    r"\bexclusive (?:research|access|content|offers?)\b|\bspecial offer\b|\btry .{0,30}for [$€£]?\d+|"
    r"\bcancel (?:at )?any ?time\b",
    re.I,
)
BIO_ROLE = r"(?:reporter|writer|editor|columnist|correspondent|bureau chief|journalist|photographer|contributor)"
BYLINES = re.compile(
    r"^(?:to the authors?|about the (?:authors?|writer)|authors?:)|"
    r"^(?-i:By [A-Z][\w.'-]+(?: [A-Z][\w.'-]+)+(?:(?:,| and) [A-Z][\w.'-]+(?: [A-Z][\w.'-]+)+)*)$|"
    rf"^(?-i:[A-Z][\w.'-]+ ){{0,3}}(?:is|was) (?:an? |the )?(?:[\w'-]+ ){{0,4}}{BIO_ROLE}\b|"
    r"^(?:writes|reports) (?:about|on|for)\b|"
    r"^(?:he|she|they) (?:has|have|had)(?: also| previously)? (?:worked|written|reported) (?:for|at) (?:the|this) "
    r"(?:\w+ ){0,3}(?:paper|newspaper|post|times|journal|agency|magazine|outlet|publication|network)\b|"
    r"^(?:he|she|they) (?:has|have) reported from\b",
    re.I,
)
