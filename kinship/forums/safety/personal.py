"""Personal details and contact: phone numbers in any spelling, emails, postcodes, home
addresses, full names, social and gaming handles, and a school named with when its pupils
leave. Pure Python; `phonenumbers` (Google's libphonenumber metadata, shipped in the package)
checks that a run of digits is a real UK number. Every pattern is bounded.
"""

import itertools
import re
from collections.abc import Iterable

import phonenumbers

from kinship.forums.safety.lexicons import GAP
from kinship.forums.safety.normalise import Forms, plain

NUMBER_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
    "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "double": "d", "triple": "t", "treble": "t",
}  # fmt: skip
NUMBER_TOKEN = re.compile(r"[a-z]{1,20}|\d|[^\sa-z\d]")
JOINERS = frozenset(" ().-_+")
# A UK number: a mobile or landline from 0, or +44; at least nine digits otherwise.
PHONE_RUN = re.compile(r"(?<!\d)(?:0[1-9]\d{8,9}|44[1-9]\d{8,9}|07\d{7,8}|\d{11,13})(?!\d)")

EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
PROVIDERS = (
    r"gmail|googlemail|hotmail|yahoo|outlook|icloud|aol|btinternet|protonmail|msn|live com"
    r"|sky com|virginmedia|talktalk|me com|mail com|ymail"
)
EMAIL_SPOKEN = re.compile(
    rf"(?<![a-z0-9])[a-z0-9]{{1,40}} (?:at|@) (?:{PROVIDERS}|[a-z0-9]{{1,30}}) (?:dot|d0t)"
    r" (?:com|co|uk|org|net)(?![a-z0-9])"
    rf"|(?<![a-z0-9])(?:{PROVIDERS})(?: dot| com| co uk| uk|$)"
)
POSTCODE_AREAS = (  # noqa: SIM905 - a word list reads best as words
    "ab al b ba bb bd bh bl bn br bs bt ca cb cf ch cm co cr ct cv cw da dd de dg dh dl dn dt"
    " dy e ec eh en ex fk fy g gl gu gy ha hd hg hp hr hs hu hx ig im ip iv je ka kt kw ky l la"
    " ld le ll ln ls lu m me mk ml n ne ng nn np nr nw ol ox pa pe ph pl po pr rg rh rm s sa se"
    " sg sk sl sm sn so sp sr ss st sw sy ta td tf tn tq tr ts tw ub w wa wc wd wf wn wr ws wv"
    " yo ze"
).split()
POSTCODE = re.compile(
    rf"(?<![a-z0-9])(?:{'|'.join(sorted(POSTCODE_AREAS, key=len, reverse=True))})"
    r"\d[a-z\d]? {0,2}\d[abd-hjlnp-uw-z]{2}(?![a-z0-9])"
)
STOPWORDS = (
    r"the|a|an|of|on|in|at|to|and|we|our|my|for|with|is|are|was|were|it|its|be|by|from|or"
    r"|their|his|her|your|ur|some|all|more|than|then|them|they|you|i|me|us|so|very|big|little"
)
STREETS = (
    r"road|rd|street|avenue|ave|lane|ln|crescent|cres|grove|terrace|mews|drive|gardens"
    r"|close|boulevard|parade"
)
WEAK_STREETS = (
    r"Way|View|Walk|Place|Square|Row|Rise|Hill|Park|Green|Court|Fold|Brow|Croft|Wharf|Gate"
    r"|Heights|Vale|Meadows|Meadow|Fields|Estate|Chase|Crest|Ridge|Mount"
)
ADDRESS = re.compile(
    r"(?<![a-z0-9])(?:\d{1,4}[a-z]?|flat \d{1,4}[a-z]?|number \d{1,4}|no \d{1,4})"
    rf" (?:(?!(?:{STOPWORDS}) )[a-z]{{2,20}} ){{1,3}}(?:{STREETS})(?![a-z0-9])"
    rf"|(?:live|living|lives|house is|home is|address is|flat is|stay) (?:on|at|in)"
    rf" (?:(?!(?:{STOPWORDS}) )[a-z]{{2,20}} ){{1,2}}(?:{STREETS})(?![a-z0-9])"
)
ADDRESS_CAPITALISED = re.compile(
    rf"\b(?:\d{{1,4}}[a-zA-Z]?,? |(?:[Ll]ive|[Ll]iving|[Ll]ives) (?:on|at|in) )"
    rf"(?:[A-Z][a-z']{{1,20}} ){{1,3}}(?:{WEAK_STREETS})\b"
)
PLATFORM = (
    r"snap|snapchat|sc|insta|instagram|ig|tiktok|tik tok|roblox|fortnite|minecraft|discord|xbox"
    r"|xbox live|psn|playstation|ps4|ps5|switch|nintendo|whatsapp|whats app|kik|facebook|fb"
    r"|messenger|youtube|yt|twitch|steam|epic|epic games|among us|brawl stars|clash royale"
    r"|clash of clans|gorilla tag|rec room|vrchat|vr chat|telegram|bereal|twitter|pinterest"
    r"|likee|yubo|omegle|fifa|fc|call of duty|cod|valorant|genshin|animal jam|moviestarplanet"
    r"|msp|avakin|zepeto|imvu|wink|threads|scratch|gmail|email|e mail"
)
IDS = (
    r"name|names|username|usernames|user name|user|user id|userid|id|tag|gamertag|gamer tag"
    r"|gamer name|handle|account|acc|channel|code|friend code|profile|link|number|is|its|=|addy"
)
CONTACT = re.compile(
    rf"(?<![a-z0-9])(?:(?:add|follow|friend|sub to|subscribe to|message|msg|dm|text|find|search"
    rf"|look for|look up|play with|join|chat to|talk to|message|inbox|snap|send a friend request"
    rf"|friend request) ~ (?:on|at|in) (?:{PLATFORM})"
    r"|(?:my|mine|his|her|your|ur|yor|yur|our|whats your|whats ur|wats ur|what is your)"
    rf" (?:{PLATFORM}) (?:{IDS})|(?:{PLATFORM}) (?:name|username|user name|user|tag|gamertag|id"
    r"|handle|account|friend code|code|channel) (?:is|=|its|[a-z0-9]{{1,30}}\d)"
    r"|(?:my|mine|his|her|ur|your|yor) (?:gamertag|gamer tag|username|user name|tag|name|user|id"
    rf"|account|acc|channel|profile|code|friend code) (?:on|for|in) (?:{PLATFORM}) (?:is|=|its)"
    rf"|(?:im|i am|my name is|my names|search|look up|find me|called) [a-z0-9]{{2,30}}"
    rf"(?: [a-z0-9]{{1,30}})? on (?:{PLATFORM})"
    rf"|add me(?! (?:to|in|into|as|for|onto|on the (?:list|rota|team|register)))"
    r"|(?:text|txt|ring|phone|facetime|whatsapp|snap|dm|email|e mail|inbox|call|msg) me"
    r"(?! (?:a taxi|names|a name|when|back to))"
    r"|(?:my|mine|your|ur|yor|his|her|mums|dads|mams|nans|home) (?:phone number|number|mobile"
    r"|mobile number|phone|mob|phone no|home phone|email|email address|e mail|address"
    r"|home address|house number|postcode|post code|username|user name|gamertag|snap|addy"
    r"|digits|socials) (?:is|=|its|it is|are|\d)"
    r"|(?:what|whats|wat|wats|wot|can i have|can i get|give me|send me|tell me|i need|gimme"
    r"|gimmie|need|pass me|drop|may i have|share) ~ (?:your|ur|yor|yur|his|her|their|ya)"
    r" (?:number|phone|phone number|mobile|digits|email|email address|address|postcode"
    r"|post code|house number|snap|snapchat|insta|instagram|discord|tiktok|username|gamertag"
    r"|tag|roblox|fortnite|account|socials|whatsapp|full name|surname|last name)"
    r"|(?:where|wer|were|wot|what|wat) (?:do|d|does|abouts do) (?:you|u|ya|he|she) (?:live|stay)"
    r"|(?:what|which|wat) (?:street|road|area|estate|house|town|village|flat) (?:do|d|does)"
    r" (?:you|u|he|she) live|(?:which|what|wat) school (?:do|d|does|r|are) (?:you|u|he|she)"
    r"(?: go to| go| attend| at| in)|(?:where|which school) (?:do|d) (?:you|u) go to school"
    r"|(?:my|our) (?:address|postcode|post code|house|flat) (?:is|its) (?:in|on|at|near|next to"
    r"|opposite|by)"
    r"|(?:whats|what is|wats|wat is|what) (?:your|ur) (?:surname|last name|second name|full name)"
    r"|(?:my|his|her) (?:surname|last name|second name|full name) (?:is|its)"
    r")(?![a-z0-9])".replace(" ~ ", " " + GAP)
)
HANDLE_AT = re.compile(r"(?<![\w.@])@[a-z0-9_.]{3,30}")
UNDERSCORE_HANDLE = re.compile(r"(?<![\w.])[a-z][a-z0-9]{1,20}_[a-z0-9_]{1,20}")
TIME = (
    r"\d{1,2} ?(?:\d{2}|am|pm|oclock|o clock)|(?:quarter|half|ten|twenty|five|twenty five)"
    r" (?:past|to) (?:one|two|three|four|five|six|\d)|(?:two|three|four|five|six)"
    r" (?:oclock|o clock|fifteen|thirty|twenty|forty five|ten|forty)"
)
LEAVING = re.compile(
    r"(?<![a-z0-9])(?:we|i|school|our school|my school|us|year \d|y\d|our class|my class)"
    r" (?:finish|finishes|get out|gets out|leave|leaves|go home|goes home|walk home|get picked up"
    r"|come out|comes out|end|ends|break up|are let out|get let out)(?: school)?"
    rf" ~ (?:at|is at|by|around|about|is) (?:{TIME})".replace(" ~ ", " " + GAP)
    + r"|home time (?:is )?(?:at )?(?:"
    + TIME
    + ")"
)
ALONE_OR_PLACE = re.compile(
    r"(?<![a-z0-9])(?:on my own|alone|by myself|on our own|by ourselves|walk home|walks home"
    r"|the gate|the gates|the shop|the shops|outside|the park|the bus stop|the corner"
    r"|nobody picks|no one picks)(?![a-z0-9])"
)
SCHOOL_NAMED = re.compile(
    r"(?<![a-z0-9])(?:i go to|im at|i am at|i attend|we go to|we are at|were at|my school is"
    r"|our school is|im in year \d at|i am in year \d at|in year \d at|my school s|we re at)"
    r" [a-z]{3,20}(?![a-z0-9])"
)
SCHOOL_CAPITALISED = re.compile(
    r"\b[A-Z][a-z]{2,20} (?:Primary|Academy|School|Juniors|Infants|Junior|Infant|C of E|CE"
    r"|RC|CofE|Prep|Church)\b"
)
WALKING_ALONE = re.compile(
    r"(?<![a-z0-9])(?:i|we) (?:walk|go|get|come) (?:home|to school|back) (?:on my own|alone"
    r"|by myself|on our own|by ourselves) ~ (?:every|at|after|down|through|past|via)".replace(
        " ~ ", " " + GAP
    )
)

FIRST_NAMES = frozenset(
    """
    aaliyah aaron abdul abdullah abigail ada adam adrian ahmed aidan aiden aisha ajay alana
    albert alex alexa alexander alexis alfie alfred ali alice alicia alisha alyssa amaya amber
    amelia amelie amir amira amy ana anaya andrew angel aniya anna annabelle annie anya archie
    aria ariana arlo arthur aryan asher ashton aurora austin ava avery ayaan ayesha ayla bailey
    beatrice bella ben benjamin bethany billy blake bobby bonnie brooke caleb callum cameron
    carter cerys charles charlie charlotte chloe christopher clara cody connor daisy dalia
    damian daniel daniela darcey darcie darcy david declan dexter dominic dylan eden edie
    edward eleanor elena eli elijah eliza elizabeth ella ellie ellis eloise elsie emilia
    emily emma erin esme ethan eva evan evelyn evie ezra faith farah fatima felix finley finn
    florence frankie freddie freddy frederick freya gabriel george georgia gracie grace hafsa
    hamza hannah harley harper harriet harris harrison harry harvey hassan hayden hollie
    holly hudson hugo ibrahim idris imogen isaac isabel isabella isabelle isaiah isla
    ismail ivy jack jackson jacob jake james jamie jasmine jason jaxon jay jayden jenson
    jessica jodie joe joel john jonah jonathan jordan joseph josh joshua jude julia kacper
    kai kayla keira kian kyle lacey lara laura lauren layla leah leo leon leonardo lewis
    liam lily lilly lola lottie louie louis lucas lucy luke luna lydia maddison madison
    maisie maja malachi marcel maria mariam marley martha mason matilda matthew max maya
    megan mia michael michelle millie milo mohammad mohammed molly muhammad musa mya nancy
    naomi nathan nathaniel nevaeh niamh nicholas noah nora nuh oakley olivia ollie oliver
    olly omar orla oscar owen paige patrick penelope phoebe piper poppy priya rafe reece
    reggie reuben rhys riley robert robyn ronnie rory rosa rose rosie rowan ruby rudy ryan
    safa sam samantha samuel sara sarah scarlett sebastian seren shay sienna sofia sonny
    sophia sophie stanley stella summer sydney syed taylor teddy thea theo theodore thomas
    toby tom tommy tyler valentina victoria violet willow william wiktoria xavier yahya
    yasmin yusuf zac zach zachary zain zak zara zayn zayan zoe zofia zuzanna
    """.split()  # noqa: SIM905 - a word list reads best as words
)
SURNAMES = frozenset(
    """
    smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson
    thompson wright walker edwards hughes lewis harris clarke clark patel jackson turner
    martin cooper ward morris moore lee baker harrison morgan allen scott phillips watson
    davis parker price bennett young griffiths mitchell kelly richardson bailey collins
    murphy miller cox richards khan marshall anderson simpson ellis adams singh begum
    wilkinson foster chapman powell webb rogers gray grey mason ali hunt hussain campbell
    matthews owen palmer holmes mills barnes knight lloyd butler russell barker fisher
    stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson
    howard andrews stewart elliott reynolds saunders payne ford pearce lawrence atkinson
    bradley spencer gill dawson burton obrien watts perry ryan grant wells armstrong
    francis rees hayes hart hudson newman barrett gardner webster hunter kennedy nowak
    kowalski wisniewski wojcik kaminski akhtar iqbal hussein mahmood rahman islam uddin
    chowdhury miah shah sharma kumar okafor okonkwo adeyemi mensah osei nguyen chen wang
    li zhang byrne doyle kelly oconnor mcdonald macdonald robertson thomson reid
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# Words that follow a first name without being a surname ("Amy said", "Leo and").
NOT_SURNAMES = frozenset(
    """
    and the is was are has had but or so if then when we i my our your to at in on of for
    with from said says likes like loves thinks wants did does do can will would could
    should went goes go got get made make played plays came comes also too because who what
    where why how not no yes it its this that these those class school council year team
    term holiday holidays fair fete camp club day days time show concert festival sports
    garden gardens assembly party thank thanks please sorry hi hello dear miss mr mrs ms
    sir agrees agreed think thought wrote asked asks told tells helped helps won wins
    scored is isnt wasnt has hasnt and are
    """.split()  # noqa: SIM905 - a word list reads best as words
)
# Words near a full name that say it is a famous person's: an author, a player, a hero.
FAMOUS_CONTEXT = re.compile(
    r"(?<![a-z])(?:wrote|written|writes|author|authors|book|books|novel|story|stories|poem"
    r"|poet|by|scored|scores|goal|goals|player|footballer|sang|singer|song|songs|band|actor"
    r"|actress|film|films|movie|invented|inventor|discovered|explorer|scientist|history"
    r"|historical|learnt about|learned about|learning about|topic|famous|queen|king|prime"
    r"|minister|president|olympic|olympics|champion|athlete|presenter|youtuber|artist"
    r"|painted|painter|was a|was the|born in|died in|hero|heroes|character|characters|plays for"
    r"|won|medal|world cup|euros|lionesses|england|team gb|nurse|suffragette|astronaut"
    r"|space|reading|read|chapter|illustrator|illustrated|series|visit from|came to talk"
    r"|assembly about|tv|programme|show|documentary|speech|quote)(?![a-z])"
)
FAMOUS_NAMES = frozenset(
    name.strip()
    for name in """
    harry potter|harry kane|harry styles|oliver twist|florence nightingale|grace darling
    ruby bridges|isaac newton|charlie bucket|jack frost|lucy pevensie|matilda wormwood
    tom daley|tom thumb|tom gates|william shakespeare|william wilberforce|george stephenson
    george washington|thomas edison|edward jenner|emily davison|amelia earhart|david attenborough
    alexander fleming|lewis hamilton|mary seacole|mary anning|rosa parks|ada lovelace
    charles darwin|charles dickens|roald dahl|david walliams|michael morpurgo|julia donaldson
    jacqueline wilson|jeff kinney|greg heffley|marcus rashford|jude bellingham|bukayo saka
    emma raducanu|mo farah|andy murray|leah williamson|lucy bronze|alessia russo|chloe kelly
    ella toone|mary earps|beth mead|joe wicks|tim peake|neil armstrong|anne frank|anne boleyn
    henry tudor|elizabeth tudor|winston churchill|martin luther|greta thunberg|jack black
    david beckham|taylor swift|ed sheeran|captain tom|tom moore|isambard brunel|grace hopper
    katherine johnson|walter tull|emmeline pankhurst|james cook|steve backshall|chris packham
    lionel messi|cristiano ronaldo|jack grealish|phil foden|erling haaland|mohamed salah
    frida kahlo|vincent van|peter rabbit|paddington bear|peter pan|james watt|alan turing
    """.replace("\n", "|").split("|")
    if name.strip()
)
ORIGINAL_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{0,30}")
NAME_GIVEN = re.compile(
    r"(?<![a-z0-9])(?:my name is|my names|my full name is|im called|i am called|her name is"
    r"|his name is|my friend is called|my friends name is) ([a-z]{2,20}) ([a-z]{2,20})(?![a-z0-9])"
)


def spelled_digits(text: str, *, strict: bool = True) -> str:
    """'oh seven seven double oh' -> '07700': numbers spelled out join up as digits. Digits
    join across spaces, dots, dashes and brackets; when `strict`, a comma, slash or colon
    ends a run, so '12/03/2025' and 'in 2024, 2025' are not one number."""
    out: list[str] = []
    pending = 0  # a 'double' (2) or 'triple' (3) waiting for its digit
    for token in NUMBER_TOKEN.findall(text):
        digit = NUMBER_WORDS.get(token, token if token.isdigit() else None)
        if digit is None and set(token) == {"o"}:
            digit = "0" * len(token)  # 'O7700 9OO123': letter Os for zeros
        if digit is None:
            if strict and token in JOINERS:
                continue
            if not strict and len(token) == 1 and not token.isalpha():
                continue
            out.append(" ")
            pending = 0
        elif digit in ("d", "t"):
            pending = 2 if digit == "d" else 3
        else:
            out.append(digit * (pending or 1))
            pending = 0
    return "".join(out)


def _phones(flat: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    strict = spelled_digits(flat)
    loose = spelled_digits(flat, strict=False)
    for digits in (strict, loose):
        found += [("phone", m.group()) for m in PHONE_RUN.finditer(digits)]
    if not found and re.search(r"\d{9}", strict.replace(" ", "") if len(strict) < 400 else strict):
        # Grouped digits ('01524 12 34 56'): libphonenumber says whether it is a real number.
        matcher = phonenumbers.PhoneNumberMatcher(
            flat, "GB", leniency=phonenumbers.Leniency.VALID, max_tries=50
        )
        found += [("phone", match.raw_string[:40]) for match in matcher]
    return found


def _emails(forms: Forms) -> list[tuple[str, str]]:
    found = [("email", m.group()[:80]) for m in EMAIL.finditer(forms.plain)]
    if not found and "@" in forms.plain:
        unspaced = re.sub(r"\s", "", forms.plain)  # 'a m y @ h o t m a i l . c o m'
        found += [("email", m.group()[:80]) for m in EMAIL.finditer(unspaced)]
    for variant in (forms.words, forms.joined):
        found += [("email", m.group()) for m in EMAIL_SPOKEN.finditer(variant)]
    return found


def _places(forms: Forms) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for m in POSTCODE.finditer(forms.plain):
        upper = forms.original[m.start() : m.end()].isupper()
        said = re.search(r"post ?code|live|address|house|flat|near|street|road", forms.words)
        if upper or said:
            found.append(("postcode", m.group()))
    found += [("address", m.group()) for m in ADDRESS.finditer(forms.words)]
    found += [("address", m.group()) for m in ADDRESS_CAPITALISED.finditer(forms.original)]
    return found


def _handles(forms: Forms) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for variant in {forms.words, forms.decoded}:
        found += [("contact", m.group()) for m in CONTACT.finditer(variant)]
    found += [("handle", m.group()) for m in HANDLE_AT.finditer(forms.plain)]
    if re.search(rf"(?<![a-z])(?:{PLATFORM})(?![a-z])", forms.words):
        found += [("handle", m.group()) for m in UNDERSCORE_HANDLE.finditer(forms.plain)]
    return found


def _school_and_time(forms: Forms) -> list[tuple[str, str]]:
    found = [("school_time", m.group()) for m in WALKING_ALONE.finditer(forms.words)]
    leaving = LEAVING.search(forms.words)
    if leaving and (
        SCHOOL_NAMED.search(forms.words)
        or SCHOOL_CAPITALISED.search(forms.original)
        or ALONE_OR_PLACE.search(forms.words)
    ):
        found.append(("school_time", leaving.group()))
    return found


def _full_names(forms: Forms, known_names: Iterable[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    padded = f" {forms.words} "
    for name in known_names:
        parts = re.findall(r"[a-z0-9]{1,40}", plain(name).replace("'", ""))
        if len(parts) >= 2 and f" {' '.join(parts)} " in padded:
            found.append(("full_name", name[:80]))
    if FAMOUS_CONTEXT.search(forms.words):
        return found  # "Harry Kane scored", "a book by Jacqueline Wilson"
    cased = ORIGINAL_WORD.findall(forms.original)
    for first, second in itertools.pairwise(cased):
        pair = f"{first} {second}".lower()
        if pair in FAMOUS_NAMES or first.lower() not in FIRST_NAMES:
            continue
        capitalised = first[0].isupper() and second[0].isupper() and not second.isupper()
        if (capitalised and second.lower() not in NOT_SURNAMES | FIRST_NAMES) or (
            second.lower() in SURNAMES
        ):
            found.append(("full_name", f"{first} {second}"))
    for m in NAME_GIVEN.finditer(forms.words):
        if m.group(2) not in NOT_SURNAMES:
            found.append(("full_name", m.group()))
    return found


def personal_details(forms: Forms, known_names: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(kind, excerpt) for every personal detail or request for one in the message."""
    return (
        _phones(forms.plain)
        + _emails(forms)
        + _places(forms)
        + _handles(forms)
        + _school_and_time(forms)
        + _full_names(forms, known_names)
    )
