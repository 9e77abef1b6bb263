"""The word and pattern filter for pupils' posts. Pure Python with no Django import.

`check_message` says whether a message should be held for the school's designated
safeguarding lead, and why: abuse (including l33t spellings, spaced or dotted letters,
stretched and starred words), personal details (phone numbers, email addresses, postcodes,
home addresses, full names), invitations to make contact off the board, and a child telling
of harm ("he hits me at home"). `strip_links`
removes web addresses, which pupils may not post. It errs towards holding: a held message
costs a teacher a minute; a missed one can cost a child far more.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from kinship.forums import concerns

LINK_REMOVED = "[link removed]"


# What each kind of finding is a concern about (see concerns.CATEGORIES).
KIND_CATEGORY = {
    "abuse": "offensive_language",
    "phone": "personal_data",
    "email": "personal_data",
    "postcode": "personal_data",
    "address": "personal_data",
    "full_name": "personal_data",
    "contact": "personal_data",
    "disclosure": "abuse",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # abuse, phone, email, postcode, address, full_name, contact, disclosure
    excerpt: str
    category: str = ""  # a key of concerns.CATEGORIES; by default the kind's

    def __post_init__(self) -> None:
        if not self.category:
            object.__setattr__(self, "category", KIND_CATEGORY.get(self.kind, "personal_data"))


@dataclass(frozen=True)
class Verdict:
    text: str  # the message with links removed: what is stored
    findings: tuple[Finding, ...] = field(default=())

    @property
    def held(self) -> bool:
        return bool(self.findings)

    @property
    def reasons(self) -> list[str]:
        """The kinds of thing found ('phone', 'email', ...), sorted."""
        return sorted({finding.kind for finding in self.findings})

    @property
    def categories(self) -> list[str]:
        """The categories of concern, most severe first."""
        return concerns.by_urgency(finding.category for finding in self.findings)

    @property
    def category(self) -> str:
        """The most severe category, or '' when nothing was found."""
        return self.categories[0] if self.findings else ""

    @property
    def severity(self) -> concerns.Severity:
        return concerns.most_severe(finding.category for finding in self.findings)


ABUSE_WORDS = frozenset(
    """
    arse arsehole asshole bastard bitch bollocks bugger crap cunt damn dick dickhead dumb
    dumbo dweeb fatso freak fuck fucker fucking idiot knob loser minger moron nonce numpty
    piss pissed prat prick retard retarded scum shit shitty skank slag slut spaz spastic
    stupid thicko tosser twat ugly wanker weirdo whore wimp
    """.split()  # noqa: SIM905 - a word list reads best as words
)
ABUSE_PHRASES = (
    "kill yourself",
    "kill urself",
    "kys",
    "go die",
    "hope you die",
    "i hate you",
    "hate you",
    "shut up",
    "nobody likes you",
    "no one likes you",
    "you smell",
    "get lost",
    "fat pig",
    "you pig",
    "you are a pig",
    "youre a pig",
    "ur a pig",
    "is a pig",
    "what a pig",
    "pig face",
    "you are fat",
    "youre fat",
    "you're fat",
    "ur fat",
    "drop dead",
    "beat you up",
    "punch you",
    "smack you",
)
CONTACT_PHRASES = (
    "snapchat",
    "snap me",
    "whatsapp",
    "instagram",
    "insta",
    "tiktok",
    "discord",
    "facetime",
    "add me",
    "text me",
    "call me",
    "ring me",
    "phone me",
    "my number",
    "your number",
    "meet me",
    "meet up",
    "meetup",
    "come to my house",
    "come round my house",
    "my house is",
    "where do you live",
    "where u live",
    "whats your address",
    "what's your address",
    "my address",
    "i live at",
    "i live on",
    "dont tell",
    "don't tell",
    "our secret",
    "send a photo",
    "send me a photo",
    "send pic",
    "send me a pic",
)
# Ordinary school words that hold an abuse word: a farm's pig, a story's title, a hero's name.
INNOCENT_ABUSE = re.compile(
    r"\bugly\s+(?:duckling|sisters?)\b|\bdick\s+(?:whittington|king[\s-]*smith)\b"
    r"|\bmoby[\s-]+dick\b|\bknobs?\s+of\s+butter\b|\bdoor[\s-]*knobs?\b|\bslag\s+heaps?\b"
    r"|\bpond\s+scum\b"
)
# Maths and everyday phrases that hold a contact phrase: 'my number bonds', 'I live on a farm'.
INNOCENT_CONTACT = re.compile(
    r"\b(?:my|your) number (?:bonds?|lines?|sentences?|facts?|squares?|patterns?|sequences?"
    r"|cards?|tracks?|grids?)\b|\bi live on (?:a|an)\b"
)
# A child telling of harm: someone at home or near them hurting them, or wanting to die.
_HARMER = (
    r"(?:he|she|they|someone|somebody|dad|daddy|mum|mummy|mom|father|mother|step\s*dad"
    r"|step\s*mum|uncle|auntie|aunt|brother|sister|grandad|grandpa|nan|nanny|grandma"
    r"|boyfriend|girlfriend|man|lady)"
)
_HURTS = (
    r"(?:hits?|hitting|hurts?|hurting|kicks?|kicked|punch(?:es|ed)?|slaps?|slapped|smacks?"
    r"|smacked|touch(?:es|ed)?|burns?|burnt|burned|chokes?|choked|strangles?|strangled"
    r"|locks?|locked)"
)
DISCLOSURE = re.compile(
    rf"\b{_HARMER}\s+(?:[a-z]+\s+)?(?:{_HURTS}\s+(?:me|my)|beats?\s+me\s+up)\b"
    r"|\b(?:hurt|hurting|cut|cutting|kill|killing) myself\b|\b(?:want|wanna|going) to die\b"
    r"|\bwanna die\b|\b(?:scared|afraid|frightened) (?:to go|of going) home\b"
    r"|\bnot safe at home\b|\bno(?:body|one)? feeds me\b"
)
LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "i",
        "€": "e",
        "+": "t",
    }
)
NUMBER_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "double": "d",
}
STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|place|pl|grove|"
    "gardens|gdns|terrace|hill|park|row|walk|mews|square|sq|view|rise|green|fold|brow|croft"
)
FIRST_NAMES = frozenset(
    """
    aaliyah adam aiden aisha alex alexander alfie alice amber amelia amir amy ava ayesha
    bella ben benjamin bethany billy bobby callum charlie charlotte chloe daisy daniel darcy
    david dylan edward eleanor elijah ella ellie emily emma erin ethan evie ezra faith
    finley florence freddie freya george georgia grace hannah harley harper harriet harrison
    harry harvey hugo ibrahim imogen isaac isabella isabelle isla ivy jack jacob jake james
    jasmine jessica joe john joseph joshua jude kai katie layla leo leon lewis liam lily
    logan lucas lucy luke maisie maria mason matilda matthew max maya megan mia millie
    mohammed muhammad noah olivia oliver oscar phoebe poppy rebecca reuben riley rose rosie
    ruby ryan sam samuel sara sarah scarlett sebastian sienna sofia sophia sophie stanley
    summer teddy theo thomas toby tom tommy victoria violet william willow yusuf zach zara
    zoe
    """.split()  # noqa: SIM905 - a word list reads best as words
)
NOT_SURNAMES = frozenset(
    """
    and the is was are has had but or so if then when we i my our your to at in on of for
    with from said says says likes like loves thinks wants did does do can will would could
    should went goes go got get made make played plays came comes also too because who what
    where why how not no yes it its this that these those class school council year team
    term holiday holidays fair fete camp club day days time show concert festival sports
    garden gardens assembly party
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# People and characters a primary class learns or reads about: their names are not a pupil's.
FAMOUS_NAMES = frozenset(
    {
        "alexander fleming",
        "alexander graham",
        "amelia earhart",
        "charlie bucket",
        "david attenborough",
        "edward jenner",
        "emily davison",
        "florence nightingale",
        "george stephenson",
        "george washington",
        "grace darling",
        "harry kane",
        "harry potter",
        "isaac newton",
        "jack frost",
        "john logie",
        "lewis hamilton",
        "lucy pevensie",
        "matilda wormwood",
        "oliver twist",
        "ruby bridges",
        "thomas edison",
        "tom daley",
        "tom thumb",
        "william shakespeare",
        "william wilberforce",
    }
)

URL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.uk|uk|org|net|io|ly|me|tv|gg|app|xyz|info)"
    r"(?:/\S*)?\b",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_SPOKEN = re.compile(
    r"\b[\w.+-]+\s*[\(\[\{]?\s*(?:at|@)\s*[\)\]\}]?\s*[\w-]+\s*[\(\[\{]?\s*(?:dot|\.)\s*[\)\]\}]?"
    r"\s*(?:com|co|uk|org|net)\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"(?:\+\s*4\s*4|\b0)(?:[\s().-]*\d){9,10}\b")
# A UK number has at least 10 digits with its leading 0, so 9 without it: fewer is a score.
LONG_DIGITS = re.compile(r"(?:\d[\s().-]*){8,}\d")
POSTCODE = re.compile(
    r"\b(?:GIR\s*0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
ADDRESS = re.compile(
    rf"\b(?:\d{{1,4}}[a-z]?|flat\s+\d+\w?)\s*,?\s+(?:[a-z'’-]+\s+){{1,3}}(?:{STREET_WORDS})\b",
    re.IGNORECASE,
)
HANDLE = re.compile(r"(?<![\w.])@[a-z0-9_.]{3,}", re.IGNORECASE)
SPACED = re.compile(r"\b(?:[a-z0-9@$!|]\s*[\s.*_\-/,]\s*){2,}[a-z0-9@$!|]\b", re.IGNORECASE)
CAPITALISED = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


def strip_links(text: str) -> str:
    """The text with every web address replaced by '[link removed]' (emails are left for
    the filter to see)."""
    without_emails = EMAIL.sub(lambda m: m.group().replace(".", "\0"), text)
    cleaned = URL.sub(LINK_REMOVED, without_emails)
    return cleaned.replace("\0", ".")


def _plain(text: str) -> str:
    """Lower case without accents, so 'Stüpid' and 'stupid' read the same."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _squeeze(word: str) -> str:
    """'stuuuupid' -> 'stupid': runs of a letter count once (abuse words are squeezed too)."""
    return re.sub(r"(.)\1+", r"\1", word)


SQUEEZED_ABUSE = {_squeeze(word): word for word in ABUSE_WORDS}


def _unspaced(text: str, *, keep_dots: bool = False) -> str:
    """'s t u p i d', 's.t.u.p.i.d' and 's-t-u-p-i-d' joined into one word (with
    `keep_dots`, only the spaces go, so 'a @ b . c o m' reads as an address)."""
    separators = r"\s" if keep_dots else r"[\s.*_\-/,]"
    return SPACED.sub(lambda m: re.sub(separators, "", m.group()), text)


def _abuse(text: str) -> list[Finding]:
    findings: list[Finding] = []
    plain = INNOCENT_ABUSE.sub(" ", _plain(text).replace("'", "").replace("’", ""))
    joined = re.sub(r"(?<=[a-z0-9*$@!])[-._](?=[a-z0-9*$@!])", "", plain)  # 'id-i-ot'
    variants = {plain, _unspaced(plain), joined}
    variants |= {variant.translate(LEET) for variant in list(variants)}
    for variant in variants:
        letters_only = re.sub(r"[^a-z*# ]+", " ", variant)
        words = letters_only.split()
        for word in words:
            squeezed = _squeeze(word)
            if squeezed in SQUEEZED_ABUSE:
                findings.append(Finding("abuse", word))
            elif ("*" in word or "#" in word) and len(word) >= 3:
                pattern = re.compile(
                    re.sub(
                        r"[*#]+",
                        "[a-z]+",
                        re.escape(squeezed).replace(r"\*", "*").replace(r"\#", "#"),
                    )
                )
                for abuse in SQUEEZED_ABUSE:
                    if pattern.fullmatch(abuse) and abuse[0] == squeezed[0]:
                        findings.append(Finding("abuse", word))
                        break
        spaced_out = " " + " ".join(_squeeze(word) for word in words) + " "
        for phrase in ABUSE_PHRASES:
            if f" {_squeeze(phrase)} " in spaced_out or f" {phrase} " in f" {' '.join(words)} ":
                findings.append(Finding("abuse", phrase))
    return findings


def _spoken_digits(text: str, *, strict: bool = True) -> str:
    """'oh seven seven double oh' -> '07700': a phone number spelled out in words. Digits
    join across spaces, dots, dashes and brackets, as a number is written; when `strict`, a
    comma, slash or colon ends a run, so '12/03/2025' and 'in 2024, 2025' are not numbers."""
    out: list[str] = []
    token = r"[a-z]+|\d|[^\sa-z\d().-]" if strict else r"[a-z]+|\d"
    for word in re.findall(token, _plain(text)):
        digit = NUMBER_WORDS.get(word, word if word.isdigit() else None)
        if digit is None:
            out.append(" ")
        elif digit == "d":
            out.append("d")
        else:
            out.append(out.pop()[0] * 2 + digit if out and out[-1] == "d" else digit)
    return re.sub(r"d", "", "".join(out))


def _personal(text: str) -> list[Finding]:
    findings: list[Finding] = []
    plain = _plain(text)
    unspaced = _unspaced(plain)
    for variant in (text, unspaced, _unspaced(plain, keep_dots=True)):
        findings += [Finding("email", m.group()) for m in EMAIL.finditer(variant)]
        findings += [Finding("email", m.group()) for m in EMAIL_SPOKEN.finditer(variant)]
        findings += [Finding("phone", m.group().strip()) for m in PHONE.finditer(variant)]
        findings += [Finding("phone", m.group().strip()) for m in LONG_DIGITS.finditer(variant)]
        findings += [Finding("postcode", m.group()) for m in POSTCODE.finditer(variant)]
        findings += [Finding("address", m.group()) for m in ADDRESS.finditer(variant)]
    for run in re.findall(r"\d{9,}", _spoken_digits(text)):
        findings.append(Finding("phone", run))
    # Any separator will do between the digits of what starts like a UK number: '07700/900/123'.
    for run in re.findall(r"(?<!\d)(?:0\d{9,}|44\d{10,})", _spoken_digits(text, strict=False)):
        findings.append(Finding("phone", run))
    findings += [Finding("contact", m.group()) for m in HANDLE.finditer(text)]
    words = " " + " ".join(re.findall(r"[a-z']+", plain.replace("’", "'"))) + " "
    words = INNOCENT_CONTACT.sub(" ", words)
    for phrase in CONTACT_PHRASES:
        if f" {phrase} " in words:
            findings.append(Finding("contact", phrase))
    return findings


def _full_names(text: str, known_names: Iterable[str]) -> list[Finding]:
    findings: list[Finding] = []
    plain = " " + " ".join(re.findall(r"[a-z'-]+", _plain(text))) + " "
    for name in known_names:
        parts = re.findall(r"[a-z'-]+", _plain(name))
        if len(parts) >= 2 and f" {' '.join(parts)} " in plain:
            findings.append(Finding("full_name", name))
    for first, second in CAPITALISED.findall(text):
        if (
            first.lower() in FIRST_NAMES
            and second.lower() not in NOT_SURNAMES
            and f"{first} {second}".lower() not in FAMOUS_NAMES
        ):
            findings.append(Finding("full_name", f"{first} {second}"))
    return findings


def _disclosures(text: str) -> list[Finding]:
    plain = " ".join(re.findall(r"[a-z]+", _plain(text).replace("'", "").replace("’", "")))
    return [Finding("disclosure", m.group()) for m in DISCLOSURE.finditer(plain)]


def check_message(text: str, *, known_names: Iterable[str] = ()) -> Verdict:
    """Links removed, and every reason to hold the message for the DSL.

    `known_names` are full names of people at the schools taking part (pupils and staff):
    a message naming one in full is held even when the name is not on the common list.
    """
    cleaned = strip_links(text)
    findings = (
        _abuse(cleaned)
        + _personal(cleaned)
        + _full_names(cleaned, known_names)
        + _disclosures(cleaned)
    )
    unique: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        unique.setdefault((finding.kind, finding.excerpt.lower()), finding)
    return Verdict(text=cleaned, findings=tuple(unique.values()))
